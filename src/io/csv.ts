/**
 * CSV that BI tools open as it is: RFC 4180, UTF-8 without BOM, header row, LF line ends,
 * embedded newlines quoted, booleans true/false, timestamps ISO 8601, null as an empty
 * unquoted field and the empty string as "", lists as a JSON array in one cell.
 *
 * Spreadsheet safety (OWASP CSV injection): a text cell that begins with =, +, -, @, tab or
 * carriage return gets a leading apostrophe, which spreadsheets show as text. Only CSV text
 * cells are changed; numbers are untouched and the Parquet files keep the exact text.
 */
import { createHash } from "node:crypto"
import { Effect } from "effect"
import type { FileError } from "../errors.ts"
import type { TableColumns } from "../schema/columns.ts"
import { Files } from "../runtime/files.ts"
import type { TableSink } from "./table-sink.ts"

export type { WrittenFile } from "./table-sink.ts"

const RISKY = /^[=+\-@\t\r]/

/** The CSV form of one cell. */
export const csvCell = (type: string, v: unknown): string | null => {
  if (v === null || v === undefined) return null
  switch (type) {
    case "bool":
      return v ? "true" : "false"
    case "string_list":
      return JSON.stringify(v)
    case "int":
    case "float":
      return String(v)
    default: {
      const s = String(v)
      return RISKY.test(s) ? `'${s}` : s
    }
  }
}

const BATCH = 2_000
const NEEDS_QUOTES = /[",\n\r]/

/**
 * One RFC 4180 record: a field is quoted when it holds a quote, comma or line break (quotes
 * doubled) and when it is the empty string, so that null (an empty unquoted field) and "" differ.
 */
export const csvRecord = (cells: ReadonlyArray<string | null>): string => {
  let line = ""
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i]
    if (i > 0) line += ","
    if (v === null || v === undefined) continue
    line += v === "" ? "\"\"" : NEEDS_QUOTES.test(v) ? `"${v.replaceAll("\"", "\"\"")}"` : v
  }
  return `${line}\n`
}

/** Opens a CSV file for a table: header first, then rows as they come, flushed in batches. */
export const openCsv = (table: TableColumns, path: string): Effect.Effect<TableSink, FileError, Files> =>
  Effect.gen(function*() {
    const files = yield* Files
    const sink = yield* files.openSink(path)
    const hash = createHash("sha256")
    let bytes = 0
    let count = 0
    let pending: Array<string> = []
    const put = (text: string) => {
      const buf = Buffer.from(text, "utf8")
      hash.update(buf)
      bytes += buf.length
      return sink.write(buf)
    }
    const flush = Effect.suspend(() => {
      if (pending.length === 0) return Effect.void
      const text = pending.join("")
      pending = []
      return put(text)
    })
    yield* put(csvRecord(table.columns.map((c) => c.name)))
    return {
      add: (rows) => {
        for (const row of rows) pending.push(csvRecord(table.columns.map((c) => csvCell(c.type, row[c.name]))))
        count += rows.length
        return pending.length >= BATCH ? flush : Effect.void
      },
      close: Effect.gen(function*() {
        yield* flush
        yield* sink.close
        return { sha256: hash.digest("hex"), bytes, rows: count }
      })
    }
  })

