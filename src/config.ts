/**
 * The run configuration: one Effect Schema with defaults. A config file (JSON) holds any
 * subset of the keys; unknown keys and wrong types are errors that name the key.
 */
import { Context, Effect, Schema } from "effect"
import * as fsp from "node:fs/promises"
import * as os from "node:os"
import { ConfigError } from "./errors.ts"

const Limits = Schema.Struct({
  /** A `.txt` file or a JSONL/CSV record larger than this is rejected. */
  max_document_bytes: Schema.Int,
  /** A JSONL line longer than this is rejected without being held in memory. */
  max_line_bytes: Schema.Int,
  /** Decompressed bytes allowed per `.gz` file (gzip-bomb guard). */
  max_decompressed_bytes: Schema.Number
})

const NearDuplicates = Schema.Struct({
  /** Estimated Jaccard similarity of 5-word shingle sets at or above which two articles are near-duplicates. */
  threshold: Schema.Number
})

export const ConfigSchema = Schema.Struct({
  /** Files or folders to read, in this order (folders are walked in sorted path order). */
  inputs: Schema.Array(Schema.String),
  /** Where releases are written. */
  out: Schema.String,
  /** Release folder name; by default derived from the corpus digest, config and pipeline version. */
  release: Schema.NullOr(Schema.String),
  /** Drop near-duplicate documents from the text tables (they stay in `documents`, flagged). */
  drop_duplicates: Schema.Boolean,
  near_duplicates: NearDuplicates,
  /** Overrides of the boilerplate thresholds (see src/text/boilerplate/classify.ts). */
  boilerplate: Schema.Record(Schema.String, Schema.Number),
  limits: Limits,
  /** Rows per Parquet row group. */
  parquet_row_group_size: Schema.Int,
  /** Validate every record read back from a dataset against its schema. */
  validate_datasets: Schema.Boolean,
  /** Worker threads for per-document work (1 = all in the main thread). Never changes the output. */
  workers: Schema.Int,
  /**
   * Old-generation heap limit of each worker thread, in MB (0 = V8's default). A worker's heap
   * otherwise grows with garbage long before V8 collects it; a limit keeps the process small. A batch whose
   * worker runs out of heap is run again in the main thread, without the limit. Never changes the output.
   */
  worker_heap_mb: Schema.Int,
  /**
   * A stage over fewer documents runs in the main thread even with `workers` > 1 (the exports below
   * 3× this): a worker thread's start-up (modules, models, a cold JIT) would cost more than it saves.
   * 0 = always use the worker threads. Never changes the output.
   */
  worker_min_documents: Schema.Int,
  /**
   * Keep stage outputs and per-document results for later runs (the stage cache and the memo).
   * Off for one-off runs over very large corpora: they need ~110 KB of disk an article. Never
   * changes the output.
   */
  cache: Schema.Boolean
})
export type Config = typeof ConfigSchema.Type

export const defaultConfig: Config = {
  inputs: ["corpus"],
  out: "output",
  release: null,
  drop_duplicates: false,
  near_duplicates: { threshold: 0.8 },
  boilerplate: {},
  limits: {
    max_document_bytes: 16 * 1024 * 1024,
    max_line_bytes: 64 * 1024 * 1024,
    max_decompressed_bytes: 8 * 1024 * 1024 * 1024
  },
  parquet_row_group_size: 20_000,
  validate_datasets: true,
  workers: Math.max(1, os.availableParallelism()),
  // 20k articles, 2 workers, back to back: peak RSS 1.61-1.65 -> 1.16-1.21 GB for 2-4 % more wall time.
  worker_heap_mb: 384,
  // 1,000 articles, 2 workers: as fast as one thread; below it slower (session 6, bench/README.md).
  worker_min_documents: 1_000,
  cache: true
}

/** The part of the config that changes outputs (not where they go). */
export const dataConfig = (c: Config) => {
  const { out: _out, inputs: _inputs, release: _release, workers: _workers, worker_heap_mb: _heap, worker_min_documents: _min, cache: _cache, ...rest } = c
  return rest
}

const PartialConfig = Schema.Struct({
  inputs: Schema.optionalKey(ConfigSchema.fields.inputs),
  out: Schema.optionalKey(ConfigSchema.fields.out),
  release: Schema.optionalKey(ConfigSchema.fields.release),
  drop_duplicates: Schema.optionalKey(ConfigSchema.fields.drop_duplicates),
  near_duplicates: Schema.optionalKey(NearDuplicates),
  boilerplate: Schema.optionalKey(ConfigSchema.fields.boilerplate),
  limits: Schema.optionalKey(Schema.Struct({
    max_document_bytes: Schema.optionalKey(Schema.Int),
    max_line_bytes: Schema.optionalKey(Schema.Int),
    max_decompressed_bytes: Schema.optionalKey(Schema.Number)
  })),
  parquet_row_group_size: Schema.optionalKey(Schema.Int),
  validate_datasets: Schema.optionalKey(Schema.Boolean),
  workers: Schema.optionalKey(Schema.Int),
  worker_heap_mb: Schema.optionalKey(Schema.Int),
  worker_min_documents: Schema.optionalKey(Schema.Int),
  cache: Schema.optionalKey(Schema.Boolean)
})
type PartialConfig = typeof PartialConfig.Type

const decodePartial = Schema.decodeUnknownEffect(PartialConfig)

/** Merge a partial config (from a file or flags) over the defaults, validating it. */
export const resolveConfig = (input: unknown, base: Config = defaultConfig): Effect.Effect<Config, ConfigError> =>
  Effect.gen(function*() {
    if (input !== null && typeof input === "object") {
      const known = new Set(Object.keys(PartialConfig.fields))
      const unknown = Object.keys(input).filter((k) => !known.has(k)).sort()
      if (unknown.length > 0) {
        return yield* new ConfigError({ message: `unknown config key(s): ${unknown.join(", ")}; allowed: ${[...known].sort().join(", ")}` })
      }
    }
    const p: PartialConfig = yield* decodePartial(input, { onExcessProperty: "error" }).pipe(
      Effect.mapError((e) => new ConfigError({ message: `invalid config: ${e.message}` }))
    )
    const merged: Config = {
      ...base,
      ...p,
      near_duplicates: { ...base.near_duplicates, ...p.near_duplicates },
      boilerplate: { ...base.boilerplate, ...p.boilerplate },
      limits: { ...base.limits, ...p.limits }
    }
    if (merged.near_duplicates.threshold <= 0 || merged.near_duplicates.threshold > 1) {
      return yield* new ConfigError({ message: "near_duplicates.threshold: must be in (0, 1]" })
    }
    if (merged.workers < 1) return yield* new ConfigError({ message: "workers: must be at least 1" })
    if (merged.worker_heap_mb < 0) return yield* new ConfigError({ message: "worker_heap_mb: must be 0 (no limit) or a size in MB" })
    if (merged.worker_min_documents < 0) return yield* new ConfigError({ message: "worker_min_documents: must be 0 or more" })
    if (merged.parquet_row_group_size < 1) {
      return yield* new ConfigError({ message: "parquet_row_group_size: must be a positive integer" })
    }
    return merged
  })

export const loadConfigFile = (file: string): Effect.Effect<unknown, ConfigError> =>
  Effect.tryPromise({
    try: async () => JSON.parse(await fsp.readFile(file, "utf8")) as unknown,
    catch: (e) => new ConfigError({ message: `cannot read config ${file}: ${e instanceof Error ? e.message : String(e)}` })
  })

/** The resolved config and where this run writes, for stages to read. */
export class RunContext extends Context.Service<RunContext, {
  readonly config: Config
  /** Intermediate datasets of this run. */
  readonly workDir: string
  /** The release folder being built (renamed into place when complete). */
  readonly stagingDir: string
  /** Where the finished release goes. */
  readonly outDir: string
  /** Stage cache and per-document memo. */
  readonly cacheDir: string
  /** Unique per run (names the run's work files). */
  readonly runId: string
  /** The stages of this pipeline (names, versions, datasets), for the manifest. */
  readonly pipeline: ReadonlyArray<{ readonly name: string; readonly version: string; readonly reads: ReadonlyArray<string>; readonly writes: ReadonlyArray<string> }>
  readonly pipelineVersion: string
  /** The DAG as Mermaid. */
  readonly dag: string
  /** Cache keys of the stages run so far (filled as they finish): the release's lock file. */
  readonly stageKeys: Map<string, { readonly key: string; readonly parts: unknown }>
}>()("broadsheet/RunContext") {}
