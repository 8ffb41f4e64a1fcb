/**
 * near-duplicates: MinHash (word 5-shingles, 128 hashes) with LSH banding (16 × 8, tuned for
 * Jaccard ≈ 0.8; see src/text/minhash.ts) over the clean text, candidates confirmed by the
 * estimated Jaccard, grouped with union-find. In each cluster the document kept is the earliest
 * published, then the smallest doc_id; the others point to it. Nothing is dropped here.
 */
import { Effect, Stream } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { RunContext } from "../config.ts"
import { tryFs } from "../errors.ts"
import { CleanDocuments, DuplicateLinks } from "../datasets.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import type { DuplicateLink } from "../schema/records.ts"
import { RecordSpill } from "../aggregate/record-spill.ts"
import { BANDS, lshBandKeys, minhashSignature, NUM_HASHES } from "../text/minhash.ts"

const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, size: number): T => {
  const b = new (a.constructor as new (n: number) => T)(size)
  b.set(a)
  return b
}

// FNV-1a of a band key string: 32 bits are plenty, equal keys are confirmed by the signatures.
const hash32 = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

// Signatures kept in memory before spilling: 64 MB ≈ 260k documents.
const SIGNATURE_BUDGET = 64 * 1024 * 1024

/**
 * Near-duplicate index: add documents in order, then read the clusters. Per document it keeps 128
 * 16-bit MinHash values (b-bit MinHash: two documents' low 16 bits agree by chance with probability
 * 1/65536, a negligible bias on the Jaccard estimate) and 16 32-bit band keys. The band keys (64
 * bytes) stay in memory; the signatures (256 bytes) stay in memory up to `SIGNATURE_BUDGET` and are
 * spilled to `spillDir` beyond it, read back only for candidate pairs — so a million documents take
 * ~64 MB of band keys plus ids instead of ~320 MB. Candidates are found at the end by sorting each
 * band's (key, document) pairs; each member of a run of equal keys is compared with the run's first
 * document, and joined when the estimate reaches the threshold.
 */
export class NearDuplicateIndex {
  private readonly sigs: RecordSpill
  private bands = new Uint32Array(BANDS * 1024)
  private empty = new Uint8Array(1024)
  private readonly ids: Array<string> = []
  private readonly published: Array<string | null> = []
  private parent = new Int32Array(0)
  private readonly threshold: number
  // Scratch signatures (and byte views of them) for comparisons.
  private readonly sa = new Uint16Array(NUM_HASHES)
  private readonly sb = new Uint16Array(NUM_HASHES)
  private readonly saBytes = new Uint8Array(this.sa.buffer)
  private readonly sbBytes = new Uint8Array(this.sb.buffer)
  constructor(threshold: number, spillDir: string | null = null, signatureBudget = SIGNATURE_BUDGET) {
    this.threshold = threshold
    this.sigs = new RecordSpill(NUM_HASHES * 2, signatureBudget, spillDir)
  }

  /** True once the signatures were spilled to disk. */
  get spilled(): boolean {
    return this.sigs.spilled
  }

  add(docId: string, published: string | null, text: string): void {
    this.addSignature(docId, published, minhashSignature(text))
  }

  /** Adds a document by its MinHash signature (computed elsewhere, e.g. by a shard). */
  addSignature(docId: string, published: string | null, sig: Uint32Array): void {
    const i = this.ids.length
    if (i >= this.empty.length) {
      this.bands = grow(this.bands, this.bands.length * 2)
      this.empty = grow(this.empty, this.empty.length * 2)
    }
    for (let k = 0; k < NUM_HASHES; k++) this.sa[k] = sig[k]! & 0xffff
    this.sigs.append(this.saBytes)
    const keys = lshBandKeys(sig)
    for (let b = 0; b < BANDS; b++) this.bands[i * BANDS + b] = hash32(keys[b]!)
    // Texts too short for a shingle carry no evidence.
    this.empty[i] = sig[0] === 0xffffffff ? 1 : 0
    this.ids.push(docId)
    this.published.push(published)
  }

  /** Share of agreeing values between the signature in `sa` and document `b`'s. */
  private similarityToLoaded(b: number): number {
    this.sigs.read(b, this.sbBytes)
    let eq = 0
    for (let k = 0; k < NUM_HASHES; k++) if (this.sa[k] === this.sb[k]) eq++
    return eq / NUM_HASHES
  }

  private similarity(a: number, b: number): number {
    this.sigs.read(a, this.saBytes)
    return this.similarityToLoaded(b)
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!
      i = this.parent[i]!
    }
    return i
  }

  private union(a: number, b: number): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }

  private cluster(): void {
    const n = this.ids.length
    this.parent = Int32Array.from({ length: n }, (_, i) => i)
    const pairs = new BigUint64Array(n)
    for (let b = 0; b < BANDS; b++) {
      let m = 0
      for (let i = 0; i < n; i++) if (this.empty[i] === 0) pairs[m++] = (BigInt(this.bands[i * BANDS + b]!) << 32n) | BigInt(i)
      const sorted = pairs.subarray(0, m).sort()
      for (let r = 0; r < m;) {
        const key = sorted[r]! >> 32n
        const first = Number(sorted[r]! & 0xffffffffn)
        let loaded = false
        let e = r + 1
        for (; e < m && sorted[e]! >> 32n === key; e++) {
          const i = Number(sorted[e]! & 0xffffffffn)
          if (this.find(first) === this.find(i)) continue
          // The run's first signature is read once, and only if a comparison is needed.
          if (!loaded) this.sigs.read(first, this.saBytes)
          loaded = true
          if (this.similarityToLoaded(i) >= this.threshold) this.union(first, i)
        }
        r = e
      }
    }
  }

  /** Links for every document in a cluster of two or more, in input order. Releases the spill file. */
  links(): Array<DuplicateLink> {
    this.cluster()
    const members = new Map<number, Array<number>>()
    for (let i = 0; i < this.ids.length; i++) {
      const r = this.find(i)
      const list = members.get(r)
      if (list) list.push(i)
      else members.set(r, [i])
    }
    const out: Array<DuplicateLink> = []
    for (const list of members.values()) {
      if (list.length < 2) continue
      const kept = list.reduce((best, i) => (this.isBefore(i, best) ? i : best))
      for (const i of list) {
        out.push({
          doc_id: this.ids[i]!,
          cluster_id: this.ids[kept]!,
          duplicate_of: i === kept ? null : this.ids[kept]!,
          similarity: i === kept ? 1 : Math.round(this.similarity(i, kept) * 1000) / 1000
        })
      }
    }
    this.sigs.close()
    const order = new Map(this.ids.map((id, i) => [id, i] as const))
    return out.sort((a, b) => order.get(a.doc_id)! - order.get(b.doc_id)!)
  }

  // Earliest publication first (unknown dates last), then the smallest doc_id.
  private isBefore(a: number, b: number): boolean {
    const pa = this.published[a] ?? "\uffff"
    const pb = this.published[b] ?? "\uffff"
    if (pa !== pb) return pa < pb
    return this.ids[a]! < this.ids[b]!
  }
}

export const nearDuplicates: Stage<DatasetStore | RunContext> = {
  name: "near-duplicates",
  version: "1",
  description: "MinHash/LSH near-duplicate clusters over the clean text",
  reads: [CleanDocuments],
  writes: [DuplicateLinks],
  source: import.meta.url,
  config: (c) => ({ near_duplicates: c.near_duplicates }),
  cacheable: true,
  run: Effect.gen(function*() {
    const { config, workDir } = yield* RunContext
    const store = yield* DatasetStore
    const spillDir = path.join(workDir, "minhash-spill")
    const index = new NearDuplicateIndex(config.near_duplicates.threshold, spillDir)
    const links = yield* store.read(CleanDocuments).pipe(
      Stream.runForEach((d) => tryFs("spill", spillDir, () => index.add(d.doc_id, d.published, d.text))),
      Effect.andThen(tryFs("spill", spillDir, () => index.links())),
      Effect.ensuring(Effect.sync(() => fs.rmSync(spillDir, { recursive: true, force: true })))
    )
    const n = yield* store.write(DuplicateLinks, Stream.fromIterable(links))
    return { rows: { duplicate_links: n } }
  })
}
