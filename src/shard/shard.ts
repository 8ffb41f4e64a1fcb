/**
 * Sharded runs: the same pipeline split into N shards by a stable hash of the document id, each
 * corpus-wide pass a merge of per-shard summaries, so shards can run on different machines and
 * the merged release is byte-identical to a single run's.
 *
 *   map 1 (per shard)  ingest every input, keep the records this shard owns (by doc_id, or by
 *                      record_key for rejects); line-shape counts of its documents → line_stats.json
 *   reduce 1           LineStats.merge of every shard's counts → line_stats.json
 *   map 2 (per shard)  boilerplate pass 2 with the merged counts, segment, extract; MinHash
 *                      signatures → minhash_signatures.ndjson
 *   reduce 2           near-duplicate clusters from every signature, in input order → duplicate_links.ndjson
 *   map 3 (per shard)  enrich's per-document part → enriched, entity_evidence
 *   reduce 3 (publish) the real pipeline, whose first six stages gather the shards' datasets in
 *                      input order (a k-way merge on input_seq) instead of computing them; the
 *                      entity table is folded from every shard's evidence; export, DuckDB,
 *                      report and release run as usual.
 *
 * Everything lives in one shard folder (`dir`): `shard-<i>/` per shard, the merged summaries at
 * its top. Only that folder has to be shared between machines.
 */
import { Effect, Layer, Schema, Stream } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { type Config, resolveConfig, RunContext } from "../config.ts"
import {
  CleanDocuments,
  Documents,
  DuplicateLinks,
  EnrichedDocs,
  Entities,
  EntityEvidenceSets,
  Extractions,
  Records,
  RemovedLineSets,
  Segments
} from "../datasets.ts"
import { type PipelineError, StageError } from "../errors.ts"
import { readSources } from "../io/sources.ts"
import { stages } from "../pipeline.ts"
import { describePipeline, pipelineVersion, type RunHooks, runPipeline, type RunSummary } from "../run.ts"
import type { AnyStage, StageResult } from "../runtime/dag.ts"
import { type AnyDataset, dataset, datasetFileName, DatasetStore, lineBlocks } from "../runtime/dataset.ts"
import type { Files } from "../runtime/files.ts"
import { runDocumentTask } from "../runtime/per-document.ts"
import { Workers } from "../runtime/workers.ts"
import type { DuplicateLink } from "../schema/records.ts"
import { dedupe } from "../stages/dedupe.ts"
import { enrich } from "../stages/enrich.ts"
import { entityRows } from "../aggregate/entity-table.ts"
import { extract } from "../stages/extract.ts"
import { ingestItem } from "../stages/ingest.ts"
import { NearDuplicateIndex } from "../stages/near-duplicates.ts"
import { IdSet } from "../aggregate/id-set.ts"
import { segment } from "../stages/segment.ts"
import { defaultBoilerplateConfig } from "../text/boilerplate/classify.ts"
import { LineStats, type LineStatsJSON } from "../text/boilerplate/stats.ts"
import { sha256Hex } from "../text/hash.ts"
import { splitLines } from "../text/lines.ts"
import { minhashSignature, NUM_HASHES } from "../text/minhash.ts"

/** The per-shard phases, in order; each is followed by a merge (the last one publishes). */
export const PHASES = [1, 2, 3] as const
export type Phase = (typeof PHASES)[number]

/** The shard that owns a key (a doc_id, or the record_key of a record without one). Stable everywhere. */
export const shardOf = (key: string, n: number): number => parseInt(sha256Hex(key).slice(0, 8), 16) % n

/** Parses `i/N` (0 ≤ i < N). */
export const parseShard = (s: string): { readonly index: number; readonly count: number } | null => {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim())
  if (m === null) return null
  const index = Number(m[1])
  const count = Number(m[2])
  return count >= 1 && index < count ? { index, count } : null
}

export const shardDir = (dir: string, i: number): string => path.join(dir, `shard-${i}`)
const LINE_STATS = "line_stats.json"
const LINKS = "duplicate_links.ndjson"

export const Signatures = dataset(
  "minhash_signatures",
  Schema.Struct({ input_seq: Schema.Int, doc_id: Schema.String, published: Schema.NullOr(Schema.String), sig: Schema.String }),
  "per document of a shard, its MinHash signature (base64 of 128 little-endian uint32)"
)

const fail = (stage: string) => (e: unknown) => new StageError({ stage, message: e instanceof Error ? e.message : String(e) })

let runs = 0
/** Services for one shard's phase: its datasets live (and stay) in `shard-<i>/`. */
const shardLayer = (config: Config, dir: string, i: number) => {
  const workDir = shardDir(dir, i)
  const outDir = path.resolve(config.out)
  const context = Layer.succeed(RunContext, {
    config,
    workDir,
    stagingDir: workDir,
    outDir,
    cacheDir: path.join(outDir, ".cache"),
    runId: `${Date.now().toString(36)}-${process.pid}-shard${i}-${runs++}`,
    pipeline: describePipeline(stages),
    pipelineVersion,
    stageKeys: new Map(),
    dag: ""
  })
  return Layer.mergeAll(DatasetStore.layer(workDir, config.validate_datasets), Workers.layer(config.workers, config.worker_heap_mb, config.worker_min_documents)).pipe(
    Layer.provideMerge(context)
  )
}

const readJson = <A>(file: string, stage: string) =>
  Effect.try({ try: () => JSON.parse(fs.readFileSync(file, "utf8")) as A, catch: fail(stage) })

const writeText = (file: string, text: string, stage: string) =>
  Effect.try({
    try: () => {
      fs.writeFileSync(`${file}.partial`, text)
      fs.renameSync(`${file}.partial`, file)
    },
    catch: fail(stage)
  })

const encodeSig = (sig: Uint32Array): string => {
  const b = Buffer.alloc(sig.length * 4)
  sig.forEach((v, k) => b.writeUInt32LE(v, k * 4))
  return b.toString("base64")
}

const decodeSig = (s: string): Uint32Array => {
  const b = Buffer.from(s, "base64")
  const sig = new Uint32Array(NUM_HASHES)
  for (let k = 0; k < NUM_HASHES; k++) sig[k] = b.readUInt32LE(k * 4)
  return sig
}

/** One shard's work for one phase. */
export const mapPhase = (config: Config, dir: string, phase: Phase, index: number, count: number): Effect.Effect<void, PipelineError, Files> =>
  Effect.gen(function*() {
    const store = yield* DatasetStore
    if (phase === 1) {
      const docs = yield* store.writer(Documents)
      const records = yield* store.writer(Records)
      // Every record is read (input_seq and exact duplicates are corpus-wide facts); a shard keeps
      // the ones it owns. All copies of one content share a doc_id, hence a shard.
      const seen = new IdSet()
      let seq = 0
      yield* Stream.fromAsyncIterable(readSources(config.inputs, config.limits), fail("ingest")).pipe(
        Stream.runForEach((item) =>
          Effect.gen(function*() {
            const out = ingestItem(item, seq++, seen)
            if (shardOf(out.record.doc_id ?? out.record.record_key, count) !== index) return
            yield* records.add(out.record)
            if (out.doc !== null) yield* docs.add(out.doc)
          })
        )
      )
      yield* docs.close
      yield* records.close
      const stats = yield* store.read(Documents).pipe(
        Stream.runFold(() => new LineStats(), (s, doc) => {
          s.addDocument(doc.site, splitLines(doc.text))
          return s
        })
      )
      yield* writeText(path.join(shardDir(dir, index), LINE_STATS), JSON.stringify(stats.toJSON()), "dedupe")
    } else if (phase === 2) {
      const stats = yield* readJson<LineStatsJSON>(path.join(dir, LINE_STATS), "dedupe")
      yield* runDocumentTask(dedupe.task!, { stats, config: { ...defaultBoilerplateConfig, ...config.boilerplate } })
      yield* runDocumentTask(segment.task!, null)
      yield* runDocumentTask(extract.task!, null)
      yield* store.write(
        Signatures,
        store.read(CleanDocuments).pipe(
          Stream.map((d) => ({ input_seq: d.input_seq, doc_id: d.doc_id, published: d.published, sig: encodeSig(minhashSignature(d.text)) }))
        )
      )
    } else {
      const dups: Record<string, DuplicateLink> = {}
      for (const line of fs.readFileSync(path.join(dir, LINKS), "utf8").split("\n")) {
        if (line === "") continue
        const l = JSON.parse(line) as DuplicateLink
        dups[l.doc_id] = l
      }
      yield* runDocumentTask(enrich.task!, dups)
    }
  }).pipe(Effect.provide(shardLayer(config, dir, index)))

/** The merge after a per-shard phase (phases 1 and 2; phase 3 is merged by `publish`). */
export const reducePhase = (dir: string, phase: 1 | 2, count: number): Effect.Effect<void, PipelineError> =>
  Effect.gen(function*() {
    if (phase === 1) {
      const merged = new LineStats()
      for (let k = 0; k < count; k++) merged.merge(LineStats.fromJSON(yield* readJson<LineStatsJSON>(path.join(shardDir(dir, k), LINE_STATS), "dedupe")))
      yield* writeText(path.join(dir, LINE_STATS), JSON.stringify(merged.classifierView()), "dedupe")
    } else {
      // Signatures in global input order: the index (union-find over LSH buckets) is then fed
      // exactly as a single run feeds it.
      const spillDir = path.join(dir, "minhash-spill")
      const links = yield* Effect.tryPromise({
        try: async () => {
          try {
            const ix = new NearDuplicateIndex(configThreshold(dir), spillDir)
            for await (const batch of mergeBySeq(shardFiles(dir, count, Signatures))) {
              for (const line of batch) {
                const s = JSON.parse(line) as typeof Signatures.schema.Type
                ix.addSignature(s.doc_id, s.published, decodeSig(s.sig))
              }
            }
            return ix.links()
          } finally {
            fs.rmSync(spillDir, { recursive: true, force: true })
          }
        },
        catch: fail("near-duplicates")
      })
      yield* writeText(path.join(dir, LINKS), links.map((l) => `${JSON.stringify(l)}\n`).join(""), "near-duplicates")
    }
  })

// The threshold comes from the run's config, kept in the shard folder by `prepareShardDir`.
const configThreshold = (dir: string): number =>
  (JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")) as Config).near_duplicates.threshold

/** The config a shard folder was prepared with: every shard and merge uses exactly this one. */
export const shardConfig = (dir: string): Effect.Effect<Config, PipelineError> =>
  Effect.flatMap(readJson<unknown>(path.join(dir, "config.json"), "shard"), (c) => resolveConfig(c))

/** Starts a sharded run: an empty shard folder holding the config every shard and merge uses. */
export const prepareShardDir = (config: Config, dir: string) =>
  Effect.try({
    try: () => {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, "config.json"), `${JSON.stringify(config, null, 2)}\n`)
    },
    catch: fail("shard")
  })

const shardFiles = (dir: string, count: number, ds: AnyDataset): Array<string> =>
  Array.from({ length: count }, (_, k) => path.join(shardDir(dir, k), datasetFileName(ds.name)))

// ---- reading NDJSON files line by line, and merging them ----------------------------------

class LineReader {
  private readonly blocks: AsyncIterator<ReadonlyArray<string>>
  private block: ReadonlyArray<string> = []
  private at = 0
  constructor(file: string) {
    this.blocks = lineBlocks(file)
  }
  async next(): Promise<string | undefined> {
    while (this.at >= this.block.length) {
      const r = await this.blocks.next()
      if (r.done) return undefined
      this.block = r.value
      this.at = 0
    }
    return this.block[this.at++]
  }
}

const SEQ = /"input_seq":(\d+)/
const seqOf = (line: string): number => Number(SEQ.exec(line)![1])
const BATCH = 512

/**
 * k-way merge of files each sorted by input_seq (every record carries it, first as a number):
 * batches of lines in global input order. `order`, when given, receives each line's file index.
 */
async function* mergeBySeq(files: ReadonlyArray<string>, order?: Array<number>): AsyncGenerator<Array<string>> {
  const readers = files.map((f) => new LineReader(f))
  const heads = await Promise.all(readers.map((r) => r.next()))
  const seqs = heads.map((h) => (h === undefined ? Infinity : seqOf(h)))
  let batch: Array<string> = []
  for (;;) {
    let k = -1
    for (let j = 0; j < seqs.length; j++) if (seqs[j]! < (k < 0 ? Infinity : seqs[k]!)) k = j
    if (k < 0) break
    batch.push(heads[k]!)
    order?.push(k)
    const h = await readers[k]!.next()
    heads[k] = h
    seqs[k] = h === undefined ? Infinity : seqOf(h)
    if (batch.length >= BATCH) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/** Lines of per-document files (aligned with the shard's documents) in the global order `order`. */
async function* mergeAligned(files: ReadonlyArray<string>, order: ReadonlyArray<number>): AsyncGenerator<Array<string>> {
  const readers = files.map((f) => new LineReader(f))
  let batch: Array<string> = []
  for (const k of order) {
    const line = await readers[k]!.next()
    if (line === undefined) throw new Error(`${files[k]} ends before its documents do`)
    batch.push(line)
    if (batch.length >= BATCH) {
      yield batch
      batch = []
    }
  }
  if ((await Promise.all(readers.map((r) => r.next()))).some((l) => l !== undefined)) throw new Error("a shard has more per-document records than documents")
  if (batch.length > 0) yield batch
}

// ---- publishing: the real pipeline, its first stages gathering the shards' outputs ---------

const gather = (ds: AnyDataset, source: () => AsyncGenerator<ReadonlyArray<string>>, stage: string) =>
  Effect.gen(function*() {
    const store = yield* DatasetStore
    const w = yield* store.writer(ds)
    yield* Stream.fromAsyncIterable(source(), fail(stage)).pipe(Stream.runForEach((lines) => w.addLines(lines)))
    return yield* w.close
  })

/**
 * The stages of the pipeline with the per-document and corpus-wide stages replaced by merges of
 * the shards' results. Names, versions, datasets, code sources and config slices are the real
 * ones, so cache keys, the lock, the manifest and the report are those of a single run.
 */
export const mergedStages = (dir: string, count: number): ReadonlyArray<AnyStage> => {
  let order: Promise<Array<number>> | null = null
  // Which shard holds each document, in input order (from the shards' documents files).
  const docOrder = () =>
    (order ??= (async () => {
      const o: Array<number> = []
      for await (const _ of mergeBySeq(shardFiles(dir, count, Documents), o)) void _
      return o
    })())
  const aligned = (ds: AnyDataset, stage: string) =>
    gather(ds, async function*() {
      yield* mergeAligned(shardFiles(dir, count, ds), await docOrder())
    }, stage)
  const overrides: Record<string, Effect.Effect<StageResult, PipelineError, any>> = {
    ingest: Effect.gen(function*() {
      const records = yield* gather(Records, () => mergeBySeq(shardFiles(dir, count, Records)), "ingest")
      const documents = yield* gather(Documents, () => mergeBySeq(shardFiles(dir, count, Documents)), "ingest")
      return { rows: { documents, records } }
    }),
    dedupe: Effect.gen(function*() {
      const clean = yield* aligned(CleanDocuments, "dedupe")
      yield* aligned(RemovedLineSets, "dedupe")
      return { rows: { clean_documents: clean, reused: 0 } }
    }),
    "near-duplicates": Effect.gen(function*() {
      const n = yield* gather(DuplicateLinks, async function*() {
        for await (const b of lineBlocks(path.join(dir, LINKS))) if (b.length > 0) yield b
      }, "near-duplicates")
      return { rows: { duplicate_links: n } }
    }),
    segment: Effect.map(aligned(Segments, "segment"), (n) => ({ rows: { segments: n, reused: 0 } })),
    extract: Effect.map(aligned(Extractions, "extract"), (n) => ({ rows: { extractions: n, reused: 0 } })),
    enrich: Effect.gen(function*() {
      const store = yield* DatasetStore
      const n = yield* aligned(EnrichedDocs, "enrich")
      yield* aligned(EntityEvidenceSets, "enrich")
      const m = yield* store.write(Entities, entityRows(store, path.join(dir, "entity-spill")))
      return { rows: { enriched: n, reused: 0, entities: m } }
    })
  }
  return stages.map((s): AnyStage => (overrides[s.name] === undefined ? s : { ...s, run: overrides[s.name]! }))
}

/** The last merge: gathers every shard's datasets and publishes the release. */
export const publish = (config: Config, dir: string, count: number, hooks: RunHooks = {}): Effect.Effect<RunSummary, PipelineError, Files> =>
  runPipeline(config, hooks, {}, mergedStages(dir, count))
