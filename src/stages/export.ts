/**
 * export: every table as CSV and as Parquet, written by two independent stages that run at the
 * same time. Files go to the run's staging folder; the manifest stage publishes the release.
 */
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { RunContext } from "../config.ts"
import { CsvFiles, DuplicateLinks, type OutputFile, ParquetFiles } from "../datasets.ts"
import type { ExportError, FileError } from "../errors.ts"
import { writeCsv, type WrittenFile } from "../io/csv.ts"
import { writeParquet } from "../io/parquet.ts"
import type { Stage } from "../runtime/dag.ts"
import { type Dataset, DatasetStore } from "../runtime/dataset.ts"
import { Files } from "../runtime/files.ts"
import type { Row } from "../schema/columns.ts"
import { type Table, tables, tableSources } from "../tables.ts"
import type { DatasetError } from "../errors.ts"

// Tables that keep near-duplicates whatever the config: the documents themselves and the input ledger.
const ALWAYS_KEPT = new Set(["documents", "records", "rejects", "entities", "entity_aliases"])

const rowsOf = (store: DatasetStore["Service"], t: Table<any>, drop: ReadonlySet<string>): Stream.Stream<Row, DatasetError> =>
  store.read(t.source as Dataset<unknown>).pipe(
    Stream.flatMap((record) => Stream.fromIterable(t.rows(record))),
    Stream.filter((row) => drop.size === 0 || ALWAYS_KEPT.has(t.columns.name) || !drop.has(row["doc_id"] as string))
  )

const duplicatesToDrop = (store: DatasetStore["Service"], enabled: boolean) =>
  enabled
    ? store.read(DuplicateLinks).pipe(
      Stream.filter((l) => l.duplicate_of !== null),
      Stream.runFold(() => new Set<string>(), (s, l) => s.add(l.doc_id))
    )
    : Effect.succeed(new Set<string>())

const exportStage = (
  format: "csv" | "parquet",
  out: Dataset<OutputFile>,
  write: (t: Table<any>, file: string, rows: Stream.Stream<Row, DatasetError>, rowGroupSize: number) => Effect.Effect<WrittenFile, DatasetError | FileError | ExportError, Files>
): Stage<DatasetStore | RunContext | Files> => ({
  name: `export-${format}`,
  version: "1",
  description: `write every table as ${format === "csv" ? "CSV (RFC 4180)" : "Parquet (SNAPPY)"}`,
  reads: [...tableSources, DuplicateLinks],
  writes: [out],
  source: import.meta.url,
  config: (c) => ({ drop_duplicates: c.drop_duplicates, parquet_row_group_size: c.parquet_row_group_size }),
  cacheable: true,
  run: Effect.gen(function*() {
    const { config, stagingDir } = yield* RunContext
    const store = yield* DatasetStore
    const drop = yield* duplicatesToDrop(store, config.drop_duplicates)
    const written: Array<OutputFile> = []
    for (const t of tables) {
      const rel = `${t.columns.name}.${format}`
      const file = yield* write(t, path.join(stagingDir, rel), rowsOf(store, t, drop), config.parquet_row_group_size)
      written.push({ table: t.columns.name, format, path: rel, ...file })
    }
    const n = yield* store.write(out, Stream.fromIterable(written))
    return { rows: { [out.name]: n }, files: written.map((w) => w.path) }
  })
})

export const exportCsv = exportStage("csv", CsvFiles, (t, file, rows) => writeCsv(t.columns, file, rows))
export const exportParquet = exportStage("parquet", ParquetFiles, (t, file, rows, size) => writeParquet(t.columns, file, rows, size))
