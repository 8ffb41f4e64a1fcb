// Pass-1 accumulator for boilerplate detection: for every line shape key and
// prefix key (see shape.ts) it records, per site, in how many documents of that
// site the key occurs (a document counts once however often the line repeats
// inside it). Corpus-wide figures (documents, distinct sites) are derived from
// the per-site table, so there is one table entry per distinct (site, key).
//
// Memory bound. A million news documents have ~30 M non-blank lines, most of
// them unique body sentences, so an exact table would hold ~30 M entries
// (~2-3 GB as JS Maps). We bound it with lossy counting (Manku & Motwani):
// when the table exceeds `cap` entries (default 2 M, ~150-200 MB) it drops
// every entry whose count is <= a floor (1 first, i.e. lines seen in a single
// document of the site - the body sentences; raised by one and repeated until
// the table is below 3/4 of the cap). A pruned entry that reappears restarts
// at 1, so every stored count under-estimates the true one by at most
// `undercount` (the sum of the floors used, reported in toJSON), never
// over-estimates. Boilerplate that the classifier acts on recurs in many
// documents of its site and outlives the singleton prunes: a line occurring in
// >= 2 documents between two prunes (~cap / lines-per-doc = ~60 k documents at
// the default cap) is never dropped. The classifier only needs "is this count
// above a small threshold", so the bounded error is harmless; at 5 documents
// (far below the cap) everything is exact.
//
// merge() adds counts and never prunes, so merging shards is commutative and
// associative (same result whatever the order); call compact() afterwards if
// the merged table must be brought under the cap again.

import type { Line } from "../lines.ts"
import { isBlankLine } from "../lines.ts"
import { coarseShape, lineKeysFast } from "./shape.ts"

/**
 * Position evidence: a line's shape key combined with its offset among the document's non-blank
 * lines, counted from the head (offsets 0..POS_WINDOW-1) and from the tail (same). Stored in the
 * same per-site table as the plain keys (so the same memory bound and lossy pruning apply; at
 * most 2 * POS_WINDOW extra entries per document, which are singletons for body lines and pruned
 * first). positionKey(key, "head"|"tail", offset) is what the classifier looks up.
 */
export const POS_WINDOW = 6
export function positionKey(key: number, end: "head" | "tail", offset: number): number {
  // mix the 53-bit key with the position code; stays a safe integer, disjoint in practice from shape keys
  const code = (end === "head" ? 0x51 : 0xa3) + offset * 0x100
  const lo = (key % 0x200000) ^ Math.imul(code, 0x9e37) & 0x1fffff
  const hi = Math.floor(key / 0x200000) ^ Math.imul(code + 0x7f4a7c15, 0x85ebca6b) >>> 0
  return (hi >>> 0) * 0x200000 + lo
}

/**
 * Coarse position evidence (round 4): the coarse shape (shape.ts coarseShape: names, words and numbers
 * folded to their class, label words kept) at a head/tail offset, counted only for shapes with a
 * literal token, of lines of at most COARSE_MAX_WORDS words (body paragraphs are never looked up). Same
 * table and bound as positionKey: at most 2 * POS_WINDOW more entries per document.
 */
export const COARSE_MAX_WORDS = 14
export function coarsePositionKey(coarseKey: number, end: "head" | "tail", offset: number): number {
  return positionKey(coarseKey, end, offset + POS_WINDOW)
}

export interface KeyCounts {
  /** documents (corpus-wide) containing the key */
  readonly docs: number
  /** distinct sites containing the key */
  readonly sites: number
  /** documents of the queried site containing the key */
  readonly siteDocs: number
}

interface SiteTable {
  docs: number
  readonly counts: Map<number, number>
}

export interface LineStatsJSON {
  readonly version: 1
  readonly cap: number
  readonly undercount: number
  readonly prunes: number
  /**
   * Present (true) when keys seen in a single document corpus-wide were left out (see
   * `classifierView`): a missing key then reads as that one document's own line.
   */
  readonly singletons_dropped?: boolean
  /** sorted by site; keys sorted ascending: [key, documents-of-site] */
  readonly sites: ReadonlyArray<{ readonly site: string; readonly docs: number; readonly keys: ReadonlyArray<readonly [number, number]> }>
}

/** isBlankLine without a regex (hot path): only spaces, tabs, NBSP, zero-width characters. */
function isBlankFast(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c > 32 && c !== 0xa0 && c !== 0x200b && c !== 0x200c && c !== 0x200d && c !== 0x2060 && c !== 0xfeff) {
      // other Unicode spaces (\s): rare, defer to the reference regex
      return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 ? isBlankLine(t) : false
    }
  }
  return true
}

export const DEFAULT_STATS_CAP = 2_000_000

export class LineStats {
  readonly cap: number
  private readonly siteTables = new Map<string, SiteTable>()
  private nEntries = 0
  private nDocs = 0
  private undercountBound = 0
  private nPrunes = 0
  // corpus-wide aggregate per key: docs and sites; rebuilt lazily after changes
  private agg: Map<number, { docs: number; sites: number }> | null = null
  private readonly seen = new Set<number>()
  private readonly posKeys: number[] = []
  private readonly posTexts: string[] = []
  private singletonsDropped = false

  constructor(cap: number = DEFAULT_STATS_CAP) {
    if (!(cap >= 1)) throw new Error("LineStats cap must be >= 1")
    this.cap = Math.floor(cap)
  }

  private table(site: string): SiteTable {
    let t = this.siteTables.get(site)
    if (t === undefined) {
      t = { docs: 0, counts: new Map() }
      this.siteTables.set(site, t)
    }
    return t
  }

  /** Count one document. Blank lines are ignored; each key counts once per document. */
  addDocument(site: string, lines: ReadonlyArray<Line>): void {
    const t = this.table(site)
    t.docs++
    this.nDocs++
    // one reused Set for the whole accumulator: no allocation per document
    const seen = this.seen
    seen.clear()
    const posKeys = this.posKeys
    posKeys.length = 0
    const posTexts = this.posTexts
    posTexts.length = 0
    for (const l of lines) {
      if (isBlankFast(l.text)) continue
      const k = lineKeysFast(l.text)
      seen.add(k.key)
      if (k.prefixKey !== null) seen.add(k.prefixKey)
      posKeys.push(k.key)
      // coarse shapes are only counted for short lines (see COARSE_MAX_WORDS): "" marks a long one
      posTexts.push(k.words <= COARSE_MAX_WORDS ? l.text : "")
    }
    const m = posKeys.length
    for (let o = 0; o < POS_WINDOW && o < m; o++) {
      seen.add(positionKey(posKeys[o]!, "head", o))
      seen.add(positionKey(posKeys[m - 1 - o]!, "tail", o))
      const th = posTexts[o]!, tt = posTexts[m - 1 - o]!
      if (th !== "") { const c = coarseShape(th); if (c.hasLiteral) seen.add(coarsePositionKey(c.key, "head", o)) }
      if (tt !== "") { const c = coarseShape(tt); if (c.hasLiteral) seen.add(coarsePositionKey(c.key, "tail", o)) }
    }
    const counts = t.counts
    for (const key of seen) {
      const c = counts.get(key)
      if (c === undefined) {
        counts.set(key, 1)
        this.nEntries++
      } else counts.set(key, c + 1)
    }
    this.agg = null
    if (this.nEntries > this.cap) this.compact()
  }

  /** Lossy-counting prune (see header). No-op while the table is within the cap. */
  compact(): void {
    if (this.nEntries <= this.cap) return
    const target = Math.floor(this.cap * 0.75)
    let floor = 0
    while (this.nEntries > target) {
      floor++
      for (const t of this.siteTables.values()) {
        for (const [k, c] of t.counts) {
          if (c <= floor) {
            t.counts.delete(k)
            this.nEntries--
          }
        }
      }
    }
    // within one compaction an entry is dropped at most once, losing <= floor counts;
    // losses of successive compactions add up
    this.undercountBound += floor
    this.nPrunes++
    this.agg = null
  }

  /** Add another accumulator's counts into this one (exact; never prunes). */
  merge(other: LineStats): void {
    for (const [site, ot] of other.siteTables) {
      const t = this.table(site)
      t.docs += ot.docs
      for (const [k, c] of ot.counts) {
        const mine = t.counts.get(k)
        if (mine === undefined) {
          t.counts.set(k, c)
          this.nEntries++
        } else t.counts.set(k, mine + c)
      }
    }
    this.nDocs += other.nDocs
    this.undercountBound += other.undercountBound
    this.nPrunes += other.nPrunes
    this.agg = null
  }

  get documents(): number { return this.nDocs }
  get entries(): number { return this.nEntries }
  get siteCount(): number { return this.siteTables.size }
  /** Upper bound of how much any stored count may under-estimate the truth (0 = exact). */
  get undercount(): number { return this.undercountBound }

  siteDocuments(site: string): number {
    return this.siteTables.get(site)?.docs ?? 0
  }

  private aggregate(): Map<number, { docs: number; sites: number }> {
    if (this.agg !== null) return this.agg
    const m = new Map<number, { docs: number; sites: number }>()
    for (const t of this.siteTables.values()) {
      for (const [k, c] of t.counts) {
        const a = m.get(k)
        if (a === undefined) m.set(k, { docs: c, sites: 1 })
        else { a.docs += c; a.sites++ }
      }
    }
    this.agg = m
    return m
  }

  /**
   * Counts for a key (shape key or prefix key) as seen from `site`. In a classifier view the
   * key is one of the asking document's own (that is all the classifier asks about), so every
   * count is at least 1: exactly what the full table says for a line seen in one document.
   */
  lookup(site: string, key: number): KeyCounts {
    const a = this.aggregate().get(key)
    const siteDocs = this.siteTables.get(site)?.counts.get(key) ?? 0
    if (this.singletonsDropped) return { docs: Math.max(1, a?.docs ?? 0), sites: Math.max(1, a?.sites ?? 0), siteDocs: Math.max(1, siteDocs) }
    return { docs: a?.docs ?? 0, sites: a?.sites ?? 0, siteDocs }
  }

  toJSON(): LineStatsJSON {
    return this.serialize(() => true, this.singletonsDropped)
  }

  /**
   * What pass 2 needs: only keys seen in two or more documents corpus-wide. Body sentences are
   * nearly all unique, so this is a small share of the table, and it is what each worker thread
   * holds; lookups give the same counts as the full table (see `lookup`).
   */
  classifierView(): LineStatsJSON {
    const agg = this.aggregate()
    return this.serialize((k) => (agg.get(k)?.docs ?? 0) >= 2, true)
  }

  private serialize(keep: (key: number) => boolean, singletonsDropped: boolean): LineStatsJSON {
    const sites = [...this.siteTables.keys()].sort().map((site) => {
      const t = this.siteTables.get(site)!
      const keys = [...t.counts.entries()].filter(([k]) => keep(k)).sort((a, b) => a[0] - b[0]) as Array<readonly [number, number]>
      return { site, docs: t.docs, keys }
    })
    return {
      version: 1, cap: this.cap, undercount: this.undercountBound, prunes: this.nPrunes,
      ...(singletonsDropped ? { singletons_dropped: true } : {}),
      sites
    }
  }

  static fromJSON(j: LineStatsJSON): LineStats {
    if (j.version !== 1) throw new Error(`LineStats: unsupported version ${String(j.version)}`)
    const s = new LineStats(j.cap)
    for (const e of j.sites) {
      const t = s.table(e.site)
      t.docs += e.docs
      s.nDocs += e.docs
      for (const [k, c] of e.keys) {
        if (!t.counts.has(k)) s.nEntries++
        t.counts.set(k, (t.counts.get(k) ?? 0) + c)
      }
    }
    s.undercountBound = j.undercount
    s.nPrunes = j.prunes
    s.singletonsDropped = j.singletons_dropped === true
    return s
  }
}
