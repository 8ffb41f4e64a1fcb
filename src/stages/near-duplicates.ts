/**
 * near-duplicates: MinHash (word 5-shingles, 128 hashes) with LSH banding (16 × 8, tuned for
 * Jaccard ≈ 0.8; see src/text/minhash.ts) over the clean text, candidates confirmed by the
 * estimated Jaccard, grouped with union-find. In each cluster the document kept is the earliest
 * published, then the smallest doc_id; the others point to it. Nothing is dropped here.
 */
import { Effect, Stream } from "effect"
import { RunContext } from "../config.ts"
import { CleanDocuments, DuplicateLinks } from "../datasets.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import type { DuplicateLink } from "../schema/records.ts"
import { estimateJaccard, lshBandKeys, minhashSignature, NUM_HASHES } from "../text/minhash.ts"

/** Incremental near-duplicate index: add documents in order, then read the clusters. */
export class NearDuplicateIndex {
  private sigs = new Uint32Array(NUM_HASHES * 1024)
  private readonly ids: Array<string> = []
  private readonly published: Array<string | null> = []
  private readonly parent: Array<number> = []
  /** Band key → first document that had it. */
  private readonly buckets = new Map<string, number>()
  private readonly threshold: number
  constructor(threshold: number) {
    this.threshold = threshold
  }

  add(docId: string, published: string | null, text: string): void {
    const i = this.ids.length
    const sig = minhashSignature(text)
    if ((i + 1) * NUM_HASHES > this.sigs.length) {
      const grown = new Uint32Array(this.sigs.length * 2)
      grown.set(this.sigs)
      this.sigs = grown
    }
    this.sigs.set(sig, i * NUM_HASHES)
    this.ids.push(docId)
    this.published.push(published)
    this.parent.push(i)
    // Texts too short for a shingle carry no evidence.
    if (sig[0] === 0xffffffff) return
    for (const key of lshBandKeys(sig)) {
      const first = this.buckets.get(key)
      if (first === undefined) this.buckets.set(key, i)
      else if (this.find(first) !== this.find(i) && estimateJaccard(sig, this.sig(first)) >= this.threshold) this.union(first, i)
    }
  }

  private sig(i: number) {
    return this.sigs.subarray(i * NUM_HASHES, (i + 1) * NUM_HASHES)
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

  /** Links for every document in a cluster of two or more, in input order. */
  links(): Array<DuplicateLink> {
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
          similarity: i === kept ? 1 : Math.round(estimateJaccard(this.sig(i), this.sig(kept)) * 1000) / 1000
        })
      }
    }
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
    const { config } = yield* RunContext
    const store = yield* DatasetStore
    const index = yield* store.read(CleanDocuments).pipe(
      Stream.runFold(() => new NearDuplicateIndex(config.near_duplicates.threshold), (ix, d) => {
        ix.add(d.doc_id, d.published, d.text)
        return ix
      })
    )
    const n = yield* store.write(DuplicateLinks, Stream.fromIterable(index.links()))
    return { rows: { duplicate_links: n } }
  })
}
