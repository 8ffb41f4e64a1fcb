/**
 * export: every table as CSV and as Parquet, written by two independent stages that run at the
 * same time, each in a worker thread when there are workers. Files go to the run's staging
 * folder; the manifest stage publishes the release.
 */
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { RunContext } from "../config.ts"
import { CsvFiles, DuplicateLinks, EnrichedDocs, type OutputFile, ParquetFiles } from "../datasets.ts"
import type { ExportError, FileError } from "../errors.ts"
import { openCsv } from "../io/csv.ts"
import { openParquet } from "../io/parquet.ts"
import type { TableSink } from "../io/table-sink.ts"
import type { Stage } from "../runtime/dag.ts"
import { type Dataset, DatasetStore } from "../runtime/dataset.ts"
import type { Files } from "../runtime/files.ts"
import { job } from "../runtime/job.ts"
import { Workers } from "../runtime/workers.ts"
import type { Row } from "../schema/columns.ts"
import { type Table, tables, tableSources } from "../tables.ts"

// Tables that keep near-duplicates whatever the config: the documents themselves and the input ledger.
const ALWAYS_KEPT = new Set(["documents", "records", "rejects", "entities", "entity_aliases"])

/** Documents to leave out of the text tables: the near-duplicates, when the config drops them. */
const duplicatesToDrop = (store: DatasetStore["Service"], enabled: boolean) =>
  enabled
    ? store.read(DuplicateLinks).pipe(
      Stream.filter((l) => l.duplicate_of !== null),
      Stream.runFold((): Array<string> => [], (ids, l) => (ids.push(l.doc_id), ids))
    )
    : Effect.succeed([])

type Open = (t: Table<any>, file: string, rowGroupSize: number) => Effect.Effect<TableSink, FileError | ExportError, Files>

type Format = "csv" | "parquet"

/**
 * The exports use threads from 3 × `worker_min_documents`. With 2 workers, CSV / Parquet took 5.4 /
 * 6.5 s for 1,976 documents against 4.6 / 4.9 s in one thread, and 6.2–6.8 / 7.9–8.5 s for ~4,950
 * documents against 8.9–9.4 / 9.7–10.2 s (session 6, bench/README.md).
 */
const EXPORT_MIN_FACTOR = 3

const openers: Record<Format, Open> = {
  csv: (t, file) => openCsv(t.columns, file),
  parquet: (t, file, size) => openParquet(t.columns, file, size)
}

interface WriteTablesInput {
  readonly format: Format
  /** The dataset whose tables this job writes. */
  readonly source: string
  readonly stagingDir: string
  /** Read once by the stage, for all its jobs. */
  readonly dropIds: ReadonlyArray<string>
  readonly rowGroupSize: number
}

/**
 * Writes the tables of one format built from one source dataset, which is read once, its records
 * fanning out to all those tables. A job per (format, source), so the work spreads over the cores.
 */
export const writeTables = job("write-tables", import.meta.url, ({ format, source, stagingDir, dropIds, rowGroupSize }: WriteTablesInput) =>
  Effect.gen(function*() {
    const store = yield* DatasetStore
    const drop = new Set(dropIds)
    const group = tables.filter((t) => t.source.name === source)
    const sinks = yield* Effect.forEach(group, (t) => openers[format](t, path.join(stagingDir, `${t.columns.name}.${format}`), rowGroupSize))
    const keepAll = (_: Row) => true
    const keep = group.map((t) => (drop.size === 0 || ALWAYS_KEPT.has(t.columns.name) ? keepAll : (row: Row) => !drop.has(row["doc_id"] as string)))
    yield* Stream.runForEachArray(store.read(group[0]!.source as Dataset<unknown>), (records) =>
      Effect.forEach(group, (t, i) => {
        const rows: Array<Row> = []
        for (const r of records) for (const row of t.rows(r)) if (keep[i]!(row)) rows.push(row)
        return rows.length === 0 ? Effect.void : sinks[i]!.add(rows)
      }, { discard: true }))
    return yield* Effect.forEach(group, (t, i) =>
      Effect.map(sinks[i]!.close, (file): OutputFile => ({ table: t.columns.name, format, path: `${t.columns.name}.${format}`, ...file })))
  }))

const exportStage = (format: Format, out: Dataset<OutputFile>): Stage<DatasetStore | RunContext | Files | Workers> => ({
  name: `export-${format}`,
  version: "1",
  description: `write every table as ${format === "csv" ? "CSV (RFC 4180)" : "Parquet (SNAPPY)"}`,
  reads: [...tableSources, DuplicateLinks],
  writes: [out],
  source: import.meta.url,
  config: (c) => ({ drop_duplicates: c.drop_duplicates, parquet_row_group_size: c.parquet_row_group_size }),
  cacheable: true,
  run: Effect.gen(function*() {
    const { config, stagingDir, workDir } = yield* RunContext
    const store = yield* DatasetStore
    const workers = (yield* Workers).forDocuments(store.count(EnrichedDocs), EXPORT_MIN_FACTOR)
    const dropIds = yield* duplicatesToDrop(store, config.drop_duplicates)
    const written = yield* Effect.forEach(tableSources, (source) =>
      workers.job(writeTables, { format, source: source.name, stagingDir, dropIds, rowGroupSize: config.parquet_row_group_size }, workDir),
      { concurrency: workers.size })
    // Listed in the tables' order, whatever order the jobs finished in.
    const byTable = new Map(written.flat().map((f) => [f.table, f] as const))
    const list = tables.map((t) => byTable.get(t.columns.name)!)
    // The last work for the threads: what follows (DuckDB, report, release) runs here.
    yield* workers.release
    const n = yield* store.write(out, Stream.fromIterable(list))
    return { rows: { [out.name]: n }, files: list.map((w) => w.path) }
  })
})

export const exportCsv = exportStage("csv", CsvFiles)
export const exportParquet = exportStage("parquet", ParquetFiles)
