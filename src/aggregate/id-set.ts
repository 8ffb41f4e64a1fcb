/**
 * A set of document ids (16 hex digits = 64 bits, see `contentId`) held as pairs of 32-bit words in
 * an open-addressing table: 9 bytes a slot, at most half full (19 bytes held an id at a million ids
 * under `node --expose-gc`, where a Set of the id strings held 53). Ids of another shape (never made by `contentId`) go to a
 * plain Set, so membership is exact for any string.
 */
const HEX64 = /^[0-9a-f]{16}$/

export class IdSet {
  private hi = new Uint32Array(1024)
  private lo = new Uint32Array(1024)
  // A slot is empty when its `used` bit is 0 (any 64-bit value, zero included, can be stored).
  private used = new Uint8Array(1024)
  private count = 0
  private readonly other = new Set<string>()

  get size(): number {
    return this.count + this.other.size
  }

  has(id: string): boolean {
    if (!HEX64.test(id)) return this.other.has(id)
    const h = parseInt(id.slice(0, 8), 16) >>> 0
    const l = parseInt(id.slice(8), 16) >>> 0
    return this.used[this.slot(h, l)] === 1
  }

  /** Adds `id`; true when it was not there yet. */
  add(id: string): boolean {
    if (!HEX64.test(id)) {
      if (this.other.has(id)) return false
      this.other.add(id)
      return true
    }
    const h = parseInt(id.slice(0, 8), 16) >>> 0
    const l = parseInt(id.slice(8), 16) >>> 0
    const s = this.slot(h, l)
    if (this.used[s] === 1) return false
    this.used[s] = 1
    this.hi[s] = h
    this.lo[s] = l
    if (++this.count * 2 > this.used.length) this.grow()
    return true
  }

  /** The slot holding (h, l), or the empty slot where it would go (linear probing). */
  private slot(h: number, l: number): number {
    const mask = this.used.length - 1
    // The ids are hash prefixes already: their low bits are uniform.
    let s = l & mask
    while (this.used[s] === 1 && (this.hi[s] !== h || this.lo[s] !== l)) s = (s + 1) & mask
    return s
  }

  private grow(): void {
    const { hi, lo, used } = this
    this.hi = new Uint32Array(used.length * 2)
    this.lo = new Uint32Array(used.length * 2)
    this.used = new Uint8Array(used.length * 2)
    for (let s = 0; s < used.length; s++) {
      if (used[s] !== 1) continue
      const t = this.slot(hi[s]!, lo[s]!)
      this.used[t] = 1
      this.hi[t] = hi[s]!
      this.lo[t] = lo[s]!
    }
  }
}
