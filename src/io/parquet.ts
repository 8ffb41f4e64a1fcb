/**
 * Parquet through hyparquet-writer, behind this one module so the writer can be swapped.
 * Explicit schema: strings UTF8, integers INT64, floats DOUBLE, booleans BOOLEAN, timestamps
 * INT64 TIMESTAMP(MILLIS, UTC-adjusted), lists LIST<UTF8>; nullable columns OPTIONAL.
 * Rows are written one row group at a time, so no table is held whole in memory. No creation
 * time or host goes into the file: the same rows give the same bytes.
 */
import { createHash } from "node:crypto"
import { Effect, Stream } from "effect"
import { ByteWriter, ParquetWriter } from "hyparquet-writer"
import type { SchemaElement } from "hyparquet"
import { ExportError, type FileError } from "../errors.ts"
import type { Column, Row, TableColumns } from "../schema/columns.ts"
import { Files } from "../runtime/files.ts"
import type { TableSink, WrittenFile } from "./table-sink.ts"

const schemaOf = (table: TableColumns): Array<SchemaElement> => {
  const out: Array<SchemaElement> = [{ name: "root", num_children: table.columns.length }]
  for (const col of table.columns) {
    const repetition_type = col.nullable ? "OPTIONAL" : "REQUIRED"
    switch (col.type) {
      case "string":
        out.push({ name: col.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type })
        break
      case "int":
        out.push({ name: col.name, type: "INT64", repetition_type })
        break
      case "float":
        out.push({ name: col.name, type: "DOUBLE", repetition_type })
        break
      case "bool":
        out.push({ name: col.name, type: "BOOLEAN", repetition_type })
        break
      case "timestamp":
        out.push({
          name: col.name,
          type: "INT64",
          repetition_type,
          logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" }
        } as SchemaElement)
        break
      case "string_list":
        out.push({ name: col.name, repetition_type, num_children: 1, converted_type: "LIST" })
        out.push({ name: "list", repetition_type: "REPEATED", num_children: 1 })
        out.push({ name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "REQUIRED" })
        break
    }
  }
  return out
}

const columnValues = (col: Column, rows: ReadonlyArray<Row>): Array<unknown> => {
  switch (col.type) {
    case "int":
      return rows.map((r) => (r[col.name] === null || r[col.name] === undefined ? null : BigInt(r[col.name] as number)))
    case "timestamp":
      return rows.map((r) => (r[col.name] === null || r[col.name] === undefined ? null : BigInt(Date.parse(r[col.name] as string))))
    default:
      return rows.map((r) => r[col.name] ?? null)
  }
}

// A row group also closes at this many characters of text: rows of long texts (documents, paragraphs)
// would otherwise hold hundreds of MB per group of `rowGroupSize` rows, in up to 7 tables per job.
export const GROUP_TEXT_CHARS = 8 * 1024 * 1024

/** Characters of text in a row's string and string-list columns (the bulk of a row's memory). */
const textChars = (stringCols: ReadonlyArray<Column>, r: Row): number => {
  let n = 0
  for (const c of stringCols) {
    const v = r[c.name]
    if (typeof v === "string") n += v.length
    else if (Array.isArray(v)) for (const x of v) n += typeof x === "string" ? x.length : 0
  }
  return n
}

/**
 * Opens a Parquet file for a table; rows are buffered and written one row group at a time, a group
 * closing at `rowGroupSize` rows or GROUP_TEXT_CHARS characters of text, whichever comes first.
 */
export const openParquet = (table: TableColumns, path: string, rowGroupSize: number): Effect.Effect<TableSink, FileError, Files> =>
  Effect.gen(function*() {
    const files = yield* Files
    const sink = yield* files.openSink(path)
    const hash = createHash("sha256")
    const writer = new ByteWriter()
    const pw = new ParquetWriter({ writer, schema: schemaOf(table), codec: "SNAPPY", createdBy: "broadsheet" })
    let count = 0
    let group: Array<Row> = []
    let groupChars = 0
    const stringCols = table.columns.filter((c) => c.type === "string" || c.type === "string_list")
    const fail = (e: unknown) => new ExportError({ table: table.name, format: "parquet", message: e instanceof Error ? e.message : String(e) })
    // Hand what the writer has encoded so far to the file, and reuse its buffer.
    const drain = Effect.suspend(() => {
      const bytes = writer.getBytes().slice()
      writer.index = 0
      hash.update(bytes)
      return bytes.length === 0 ? Effect.void : sink.write(bytes)
    })
    const writeGroup = Effect.suspend(() => {
      if (group.length === 0) return Effect.void
      const rows = group
      group = []
      groupChars = 0
      return Effect.try({
        try: () =>
          pw.write({
            columnData: table.columns.map((col) => ({ name: col.name, data: columnValues(col, rows) as Array<never> })),
            rowGroupSize: rows.length
          }),
        catch: fail
      }).pipe(Effect.andThen(drain))
    })
    return {
      // Group boundaries follow the rows alone, never how the rows were batched.
      add: (rows) =>
        Effect.gen(function*() {
          for (const r of rows) {
            group.push(r)
            count++
            groupChars += textChars(stringCols, r)
            if (group.length >= rowGroupSize || groupChars >= GROUP_TEXT_CHARS) yield* writeGroup
          }
        }),
      close: Effect.gen(function*() {
        yield* writeGroup
        yield* Effect.try({ try: () => pw.finish(), catch: fail })
        yield* drain
        yield* sink.close
        return { sha256: hash.digest("hex"), bytes: writer.offset, rows: count }
      })
    }
  })

/** Writes a whole stream of rows as one Parquet file. */
export const writeParquet = <E, R>(
  table: TableColumns,
  path: string,
  rows: Stream.Stream<Row, E, R>,
  rowGroupSize: number
): Effect.Effect<WrittenFile, E | FileError | ExportError, R | Files> =>
  Effect.gen(function*() {
    const sink = yield* openParquet(table, path, rowGroupSize)
    yield* Stream.runForEachArray(rows, sink.add)
    return yield* sink.close
  })
