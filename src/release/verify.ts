/**
 * verify <release>: checks a release folder against its own manifest.json and SHA256SUMS, reading
 * everything from disk and trusting nothing written at run time:
 * - every file in SHA256SUMS and in the manifest is re-hashed (streamed); byte sizes compared;
 *   files in the folder that SHA256SUMS does not list are reported;
 * - CSV: UTF-8, header = manifest columns, records counted with an RFC 4180 parser (quoted newlines
 *   are one record), every record with the right number of fields;
 * - Parquet: num_rows from the footer, top-level column names, physical/logical types and
 *   nullability against the manifest;
 * - primary keys unique and foreign keys resolved, on the Parquet files, read row group by row group
 *   and only the key columns (memory: the key sets, not the rows);
 * - datapackage.json / croissant.json, when present, list the same hashes as the manifest.
 * Returns problems (empty = OK); it never throws: an unreadable file is a problem too.
 */
import { Effect, Schema } from "effect"
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet"
import type { AsyncBuffer, FileMetaData, SchemaElement } from "hyparquet"
import * as fs from "node:fs"
import { sha256File } from "../io/file-hash.ts"
import * as path from "node:path"
import type { ColumnType } from "../schema/columns.ts"
import { type ManifestColumn, type ManifestTable, type ReleaseManifest, ReleaseManifestSchema } from "./datapackage.ts"

export type ProblemKind =
  | "manifest"
  | "checksums"
  | "missing_file"
  | "unlisted_file"
  | "hash"
  | "bytes"
  | "rows"
  | "schema"
  | "csv"
  | "parquet"
  | "primary_key"
  | "foreign_key"
  | "document"

export interface VerifyProblem {
  readonly kind: ProblemKind
  readonly file?: string
  readonly table?: string
  readonly message: string
}

/** How many offending keys a primary/foreign key problem quotes. */
const EXAMPLES = 3

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))


// ---------------------------------------------------------------------------------------------
// RFC 4180 reader

export class CsvSyntaxError extends Error {}

/**
 * Incremental RFC 4180 parser: feed text in any chunks, get complete records. Quoted fields may hold
 * commas, doubled quotes and line breaks; records end at LF or CRLF outside quotes.
 */
export class CsvReader {
  private field = ""
  private record: Array<string> = []
  private inQuotes = false
  private quoteSeen = false // inside quotes, the previous character was a quote
  private wasQuoted = false // the current field was quoted (it is over once its closing quote is seen)
  private pendingCr = false
  private started = false // the current record has at least one character
  line = 1

  feed(text: string, onRecord: (fields: Array<string>) => void): void {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false
          if (ch === "\"") {
            this.field += "\""
            continue
          }
          this.inQuotes = false // the previous quote closed the field; fall through to handle ch
        } else {
          if (ch === "\"") this.quoteSeen = true
          else {
            if (ch === "\n") this.line++
            this.field += ch
          }
          continue
        }
      }
      if (this.pendingCr) {
        this.pendingCr = false
        if (ch === "\n") {
          this.endRecord(onRecord)
          this.line++
          continue
        }
        throw new CsvSyntaxError(`line ${this.line}: bare CR outside quotes`)
      }
      this.started = true
      if (ch === ",") {
        this.endField()
      } else if (ch === "\n") {
        this.endRecord(onRecord)
        this.line++
      } else if (ch === "\r") {
        this.pendingCr = true
      } else if (ch === "\"") {
        if (this.field !== "" || this.wasQuoted) throw new CsvSyntaxError(`line ${this.line}: quote inside an unquoted field`)
        this.inQuotes = true
        this.wasQuoted = true
      } else {
        if (this.wasQuoted) throw new CsvSyntaxError(`line ${this.line}: text after a closing quote`)
        this.field += ch
      }
    }
  }

  /** End of input: the last record may lack its line break. */
  end(onRecord: (fields: Array<string>) => void): void {
    if (this.inQuotes && !this.quoteSeen) throw new CsvSyntaxError(`line ${this.line}: end of file inside a quoted field`)
    this.inQuotes = false
    this.quoteSeen = false
    if (this.pendingCr) throw new CsvSyntaxError(`line ${this.line}: bare CR at end of file`)
    if (this.started || this.field !== "" || this.wasQuoted) this.endRecord(onRecord)
  }

  private endField() {
    this.record.push(this.field)
    this.field = ""
    this.wasQuoted = false
  }

  private endRecord(onRecord: (fields: Array<string>) => void) {
    this.endField()
    const r = this.record
    this.record = []
    this.started = false
    onRecord(r)
  }
}

export interface CsvScan {
  readonly header: ReadonlyArray<string> | undefined
  /** Records after the header. */
  readonly rows: number
  /** Records whose field count differs from the header's: count and first line numbers. */
  readonly ragged: number
  readonly raggedLines: ReadonlyArray<number>
}

/** Streams a CSV file through a strict UTF-8 decoder and the RFC 4180 reader. */
export const scanCsv = (file: string): Promise<CsvScan> =>
  new Promise((resolve, reject) => {
    const decoder = new TextDecoder("utf-8", { fatal: true })
    const reader = new CsvReader()
    let header: Array<string> | undefined
    let rows = 0
    let ragged = 0
    const raggedLines: Array<number> = []
    let recordLine = 1
    const onRecord = (fields: Array<string>) => {
      if (header === undefined) header = fields
      else {
        rows++
        if (fields.length !== header.length) {
          ragged++
          if (raggedLines.length < EXAMPLES) raggedLines.push(recordLine)
        }
      }
      recordLine = reader.line + 1
    }
    const stream = fs.createReadStream(file)
    stream.on("error", reject)
    stream.on("data", (chunk) => {
      try {
        reader.feed(decoder.decode(chunk as Buffer, { stream: true }), onRecord)
      } catch (e) {
        stream.destroy()
        reject(e)
      }
    })
    stream.on("end", () => {
      try {
        reader.feed(decoder.decode(), onRecord)
        reader.end(onRecord)
        resolve({ header, rows, ragged, raggedLines })
      } catch (e) {
        reject(e)
      }
    })
  })

// ---------------------------------------------------------------------------------------------
// Parquet

export interface ParquetFile {
  readonly file: AsyncBuffer
  readonly metadata: FileMetaData
}

export const openParquet = async (file: string): Promise<ParquetFile> => {
  const buffer = await asyncBufferFromFile(file)
  return { file: buffer, metadata: await parquetMetadataAsync(buffer) }
}

/** Rows of the given columns, one row group at a time, so memory is bounded by a row group. */
export async function* parquetRowGroups(pq: ParquetFile, columns: ReadonlyArray<string>): AsyncGenerator<ReadonlyArray<Record<string, unknown>>> {
  let start = 0
  for (const rg of pq.metadata.row_groups) {
    const end = start + Number(rg.num_rows)
    if (end > start) yield await parquetReadObjects({ file: pq.file, metadata: pq.metadata, columns: [...columns], rowStart: start, rowEnd: end })
    start = end
  }
}

/** The top-level columns of a Parquet schema, each with its element and its child elements. */
export const parquetColumns = (schema: ReadonlyArray<SchemaElement>): Array<{ element: SchemaElement; children: Array<SchemaElement> }> => {
  const out: Array<{ element: SchemaElement; children: Array<SchemaElement> }> = []
  let i = 1
  // Counts the elements of a subtree (the element itself and all descendants).
  const size = (at: number): number => {
    let n = 1
    for (let c = 0; c < (schema[at]?.num_children ?? 0); c++) n += size(at + n)
    return n
  }
  for (let c = 0; c < (schema[0]?.num_children ?? 0) && i < schema.length; c++) {
    const n = size(i)
    out.push({ element: schema[i]!, children: schema.slice(i + 1, i + n) })
    i += n
  }
  return out
}

/** Why a Parquet column does not hold the manifest column's type, or undefined when it does. */
export const parquetTypeMismatch = (col: ManifestColumn, element: SchemaElement, children: ReadonlyArray<SchemaElement>): string | undefined => {
  const want = col.nullable ? "OPTIONAL" : "REQUIRED"
  if ((element.repetition_type ?? "REQUIRED") !== want) return `is ${element.repetition_type ?? "REQUIRED"}, manifest says ${want}`
  const lt = element.logical_type?.type
  const utf8 = (e: SchemaElement | undefined) => e?.type === "BYTE_ARRAY" && (e.converted_type === "UTF8" || e.logical_type?.type === "STRING")
  const ok: Record<ColumnType, () => boolean> = {
    string: () => utf8(element),
    int: () => element.type === "INT64" && lt !== "TIMESTAMP",
    float: () => element.type === "DOUBLE",
    bool: () => element.type === "BOOLEAN",
    timestamp: () => element.type === "INT64" && (lt === "TIMESTAMP" || element.converted_type === "TIMESTAMP_MILLIS" || element.converted_type === "TIMESTAMP_MICROS"),
    string_list: () => (element.converted_type === "LIST" || lt === "LIST") && children.length === 2 && utf8(children[1])
  }
  if (ok[col.type]()) return undefined
  const actual = element.num_children ? `group(${element.converted_type ?? lt ?? "?"})` : `${element.type}${element.converted_type ? `/${element.converted_type}` : ""}${lt ? `/${lt}` : ""}`
  return `has type ${actual}, manifest says ${col.type}`
}

/** A key's identity: JSON of its values (bigint as decimal text). */
export const keyOf = (row: Readonly<Record<string, unknown>>, columns: ReadonlyArray<string>): string =>
  JSON.stringify(columns.map((c) => row[c]), (_k, v) => (typeof v === "bigint" ? v.toString() : v))

// ---------------------------------------------------------------------------------------------
// the checks

const decodeManifest = Schema.decodeUnknownSync(ReleaseManifestSchema)

/** Reads manifest.json through its Schema; a problem instead when it is missing or malformed. */
export const readManifest = (dir: string): { manifest: ReleaseManifest } | { problem: VerifyProblem } => {
  let raw: unknown
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"))
  } catch (e) {
    return { problem: { kind: "manifest", file: "manifest.json", message: `cannot read manifest.json: ${errorText(e)}` } }
  }
  try {
    return { manifest: decodeManifest(raw) }
  } catch (e) {
    return { problem: { kind: "manifest", file: "manifest.json", message: `manifest.json does not match its schema: ${errorText(e)}` } }
  }
}

/** A relative path that stays inside the release folder. */
const safeRelative = (p: string) => p !== "" && !path.isAbsolute(p) && !p.split(/[\\/]/).includes("..")

const listFiles = (dir: string, prefix = ""): Array<string> =>
  fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`
    return e.isDirectory() ? listFiles(dir, rel) : [rel]
  })

const SUMS_LINE = /^([0-9a-f]{64}) [ *](.+)$/

/**
 * Files that live in the release but are, by design, not reproducible, so not in SHA256SUMS: the
 * run facts (times, host) and the DuckDB database (DuckDB leaves unused bytes of its string
 * blocks uninitialised, so the same tables give different files on larger corpora). Its sha256
 * is in provenance/run.json; its content is checked by loading it from the Parquet files.
 */
export const RUN_RECORD_FILES: ReadonlySet<string> = new Set(["provenance/run.json", "provenance/openlineage.ndjson", "broadsheet.duckdb"])

const checkFiles = async (dir: string, manifest: ReleaseManifest | undefined, problems: Array<VerifyProblem>) => {
  const hashes = new Map<string, Promise<string | undefined>>()
  // Hashes each file once; a missing file is reported once, here.
  const hashOf = (rel: string) => {
    let h = hashes.get(rel)
    if (!h) {
      const full = path.join(dir, rel)
      h = !fs.existsSync(full)
        ? (problems.push({ kind: "missing_file", file: rel, message: `${rel} is listed but missing` }), Promise.resolve(undefined))
        : sha256File(full).catch((e) => (problems.push({ kind: "missing_file", file: rel, message: `cannot read ${rel}: ${errorText(e)}` }), undefined))
      hashes.set(rel, h)
    }
    return h
  }
  const listed = new Set<string>()
  let sums: string | undefined
  try {
    sums = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8")
  } catch (e) {
    problems.push({ kind: "checksums", file: "SHA256SUMS", message: `cannot read SHA256SUMS: ${errorText(e)}` })
  }
  if (sums !== undefined) {
    const lines = sums.split("\n")
    if (lines.at(-1) === "") lines.pop()
    for (const [i, line] of lines.entries()) {
      const m = SUMS_LINE.exec(line)
      if (!m || !safeRelative(m[2]!)) {
        problems.push({ kind: "checksums", file: "SHA256SUMS", message: `line ${i + 1} is not "<sha256>  <relative path>": ${JSON.stringify(line.slice(0, 120))}` })
        continue
      }
      const [, want, rel] = m as unknown as [string, string, string]
      if (listed.has(rel)) problems.push({ kind: "checksums", file: "SHA256SUMS", message: `${rel} is listed twice` })
      listed.add(rel)
      const got = await hashOf(rel)
      if (got !== undefined && got !== want) problems.push({ kind: "hash", file: rel, message: `${rel}: sha256 ${got}, SHA256SUMS says ${want}` })
    }
    if (!listed.has("manifest.json")) problems.push({ kind: "checksums", file: "SHA256SUMS", message: "SHA256SUMS does not list manifest.json" })
    try {
      for (const rel of listFiles(dir)) {
        if (rel !== "SHA256SUMS" && !listed.has(rel) && !RUN_RECORD_FILES.has(rel)) problems.push({ kind: "unlisted_file", file: rel, message: `${rel} is in the release but not in SHA256SUMS` })
      }
    } catch (e) {
      problems.push({ kind: "missing_file", message: `cannot list ${dir}: ${errorText(e)}` })
    }
  }
  for (const t of manifest?.tables ?? []) {
    for (const [format, f] of Object.entries(t.files)) {
      if (!safeRelative(f.path)) {
        problems.push({ kind: "manifest", table: t.name, message: `${t.name} ${format}: path ${JSON.stringify(f.path)} leaves the release folder` })
        continue
      }
      if (sums !== undefined && !listed.has(f.path)) problems.push({ kind: "checksums", file: f.path, table: t.name, message: `${f.path} is in the manifest but not in SHA256SUMS` })
      const got = await hashOf(f.path)
      if (got === undefined) continue
      if (got !== f.sha256) problems.push({ kind: "hash", file: f.path, table: t.name, message: `${f.path}: sha256 ${got}, manifest says ${f.sha256}` })
      const bytes = fs.statSync(path.join(dir, f.path)).size
      if (bytes !== f.bytes) problems.push({ kind: "bytes", file: f.path, table: t.name, message: `${f.path}: ${bytes} bytes, manifest says ${f.bytes}` })
    }
  }
}

const checkCsv = async (dir: string, t: ManifestTable, rel: string, problems: Array<VerifyProblem>) => {
  let scan: CsvScan
  try {
    scan = await scanCsv(path.join(dir, rel))
  } catch (e) {
    problems.push({ kind: "csv", file: rel, table: t.name, message: `${rel}: ${errorText(e)}` })
    return
  }
  const names = t.columns.map((c) => c.name)
  if (scan.header === undefined) {
    problems.push({ kind: "schema", file: rel, table: t.name, message: `${rel} has no header row` })
  } else if (JSON.stringify(scan.header) !== JSON.stringify(names)) {
    problems.push({ kind: "schema", file: rel, table: t.name, message: `${rel}: header ${JSON.stringify(scan.header)}, manifest columns ${JSON.stringify(names)}` })
  }
  if (scan.ragged > 0) {
    problems.push({ kind: "csv", file: rel, table: t.name, message: `${rel}: ${scan.ragged} records with a field count other than the header's (lines ${scan.raggedLines.join(", ")})` })
  }
  if (scan.rows !== t.rows) problems.push({ kind: "rows", file: rel, table: t.name, message: `${rel}: ${scan.rows} records, manifest says ${t.rows}` })
}

/** Opens and checks a table's Parquet footer; the open file when its columns are as declared. */
const checkParquet = async (dir: string, t: ManifestTable, rel: string, problems: Array<VerifyProblem>): Promise<ParquetFile | undefined> => {
  let pq: ParquetFile
  try {
    pq = await openParquet(path.join(dir, rel))
  } catch (e) {
    problems.push({ kind: "parquet", file: rel, table: t.name, message: `${rel}: cannot read the Parquet footer: ${errorText(e)}` })
    return undefined
  }
  const rows = Number(pq.metadata.num_rows)
  if (rows !== t.rows) problems.push({ kind: "rows", file: rel, table: t.name, message: `${rel}: ${rows} rows in the footer, manifest says ${t.rows}` })
  const groupRows = pq.metadata.row_groups.reduce((n, rg) => n + Number(rg.num_rows), 0)
  if (groupRows !== rows) problems.push({ kind: "parquet", file: rel, table: t.name, message: `${rel}: row groups hold ${groupRows} rows, footer says ${rows}` })
  const cols = parquetColumns(pq.metadata.schema)
  const names = cols.map((c) => c.element.name)
  let ok = true
  if (JSON.stringify(names) !== JSON.stringify(t.columns.map((c) => c.name))) {
    problems.push({ kind: "schema", file: rel, table: t.name, message: `${rel}: columns ${JSON.stringify(names)}, manifest says ${JSON.stringify(t.columns.map((c) => c.name))}` })
    ok = false
  } else {
    t.columns.forEach((col, i) => {
      const why = parquetTypeMismatch(col, cols[i]!.element, cols[i]!.children)
      if (why !== undefined) {
        problems.push({ kind: "schema", file: rel, table: t.name, message: `${rel}: column ${col.name} ${why}` })
        ok = false
      }
    })
  }
  return ok ? pq : undefined
}

/** Primary keys unique and foreign keys resolved, on the Parquet files (only their key columns). */
const checkKeys = async (manifest: ReleaseManifest, readable: ReadonlyMap<string, ParquetFile>, problems: Array<VerifyProblem>) => {
  const byName = new Map(manifest.tables.map((t) => [t.name, t]))
  // Value sets of referenced columns, keyed "table\0col,col".
  const wanted = new Set<string>()
  for (const t of manifest.tables) {
    for (const fk of t.foreign_keys) {
      if (!byName.has(fk.table)) problems.push({ kind: "manifest", table: t.name, message: `${t.name}: foreign key to unknown table ${fk.table}` })
      else wanted.add(`${fk.table}\u0000${fk.references.join(",")}`)
    }
  }
  const referenced = new Map<string, Set<string>>()
  // Referenced tables first, so their key sets exist when the children are read.
  const order = [...manifest.tables].sort((a, b) => Number(isReferenced(b.name)) - Number(isReferenced(a.name)))
  function isReferenced(name: string) {
    return [...wanted].some((w) => w.startsWith(`${name}\u0000`))
  }
  for (const t of order) {
    const rel = t.files.parquet?.path
    const pq = readable.get(t.name)
    if (rel === undefined || pq === undefined) {
      if (rel !== undefined) problems.push({ kind: "primary_key", table: t.name, file: rel, message: `${rel}: keys not checked (the file is unreadable or its columns differ)` })
      continue
    }
    const refsHere = [...wanted].filter((w) => w.startsWith(`${t.name}\u0000`)).map((w) => w.slice(t.name.length + 1).split(","))
    const fks = t.foreign_keys.filter((fk) => byName.has(fk.table))
    const columns = [...new Set([...t.primary_key, ...fks.flatMap((fk) => fk.columns), ...refsHere.flat()])]
    const missing = columns.filter((c) => !t.columns.some((col) => col.name === c))
    if (missing.length > 0) {
      problems.push({ kind: "manifest", table: t.name, message: `${t.name}: key columns ${missing.join(", ")} are not columns of the table` })
      continue
    }
    const pk = new Set<string>()
    const duplicates: Array<string> = []
    let duplicateCount = 0
    const refSets = refsHere.map((cols) => [cols, new Set<string>()] as const)
    const fkChecks = fks.map((fk) => ({ fk, parent: referenced.get(`${fk.table}\u0000${fk.references.join(",")}`), bad: 0, examples: [] as Array<string> }))
    try {
      for await (const group of parquetRowGroups(pq, columns)) {
        for (const row of group) {
          if (t.primary_key.length > 0) {
            const k = keyOf(row, t.primary_key)
            if (pk.has(k)) {
              duplicateCount++
              if (duplicates.length < EXAMPLES) duplicates.push(k)
            } else pk.add(k)
          }
          for (const [cols, set] of refSets) set.add(keyOf(row, cols))
          for (const c of fkChecks) {
            if (c.parent === undefined) continue
            // A key with a null part references nothing (SQL MATCH SIMPLE), e.g. records.doc_id of a rejected record.
            if (c.fk.columns.some((col) => row[col] === null || row[col] === undefined)) continue
            const k = keyOf(row, c.fk.columns)
            if (!c.parent.has(k)) {
              c.bad++
              if (c.examples.length < EXAMPLES) c.examples.push(k)
            }
          }
        }
      }
    } catch (e) {
      problems.push({ kind: "parquet", file: rel, table: t.name, message: `${rel}: cannot read the key columns: ${errorText(e)}` })
      continue
    }
    if (duplicateCount > 0) {
      problems.push({ kind: "primary_key", file: rel, table: t.name, message: `${t.name}: ${duplicateCount} duplicate primary keys (${t.primary_key.join(", ")}), e.g. ${duplicates.join(" ")}` })
    }
    for (const [cols, set] of refSets) referenced.set(`${t.name}\u0000${cols.join(",")}`, set)
    for (const c of fkChecks) {
      const desc = `${t.name}(${c.fk.columns.join(", ")}) → ${c.fk.table}(${c.fk.references.join(", ")})`
      if (c.parent === undefined) problems.push({ kind: "foreign_key", file: rel, table: t.name, message: `${desc}: not checked, the referenced table could not be read` })
      else if (c.bad > 0) problems.push({ kind: "foreign_key", file: rel, table: t.name, message: `${desc}: ${c.bad} rows reference a missing key, e.g. ${c.examples.join(" ")}` })
    }
  }
}

/** datapackage.json and croissant.json, when present, must list the manifest's hashes for the same files. */
const checkDocuments = (dir: string, manifest: ReleaseManifest, problems: Array<VerifyProblem>) => {
  const expected = new Map(manifest.tables.flatMap((t) => Object.values(t.files).map((f) => [f.path, f] as const)))
  const read = (name: string): Record<string, unknown> | undefined => {
    const full = path.join(dir, name)
    if (!fs.existsSync(full)) return undefined
    try {
      return JSON.parse(fs.readFileSync(full, "utf8")) as Record<string, unknown>
    } catch (e) {
      problems.push({ kind: "document", file: name, message: `${name} is not valid JSON: ${errorText(e)}` })
      return undefined
    }
  }
  const compare = (name: string, entries: ReadonlyArray<{ path: unknown; sha256: unknown; bytes?: unknown }>) => {
    const seen = new Set<string>()
    for (const e of entries) {
      const f = typeof e.path === "string" ? expected.get(e.path) : undefined
      if (f === undefined) {
        problems.push({ kind: "document", file: name, message: `${name} lists ${JSON.stringify(e.path)}, which the manifest does not` })
        continue
      }
      seen.add(f.path)
      if (e.sha256 !== f.sha256) problems.push({ kind: "document", file: name, message: `${name}: ${f.path} sha256 ${String(e.sha256)}, manifest says ${f.sha256}` })
      if (e.bytes !== undefined && e.bytes !== f.bytes) problems.push({ kind: "document", file: name, message: `${name}: ${f.path} bytes ${String(e.bytes)}, manifest says ${f.bytes}` })
    }
    for (const p of expected.keys()) if (!seen.has(p)) problems.push({ kind: "document", file: name, message: `${name} does not list ${p}` })
  }
  const dp = read("datapackage.json")
  if (dp !== undefined) {
    const resources = Array.isArray(dp.resources) ? (dp.resources as Array<Record<string, unknown>>) : []
    compare("datapackage.json", resources.map((r) => ({ path: r.path, sha256: typeof r.hash === "string" ? r.hash.replace(/^sha256:/, "") : r.hash, bytes: r.bytes })))
  }
  const cr = read("croissant.json")
  if (cr !== undefined) {
    const dist = Array.isArray(cr.distribution) ? (cr.distribution as Array<Record<string, unknown>>) : []
    compare("croissant.json", dist.map((d) => ({ path: d.contentUrl, sha256: d.sha256 })))
  }
}

/** Every problem with the release in `dir`; an empty list means it verifies. Never rejects. */
export const verifyReleaseAsync = async (dir: string): Promise<ReadonlyArray<VerifyProblem>> => {
  const problems: Array<VerifyProblem> = []
  try {
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return [{ kind: "missing_file", message: `${dir} is not a folder` }]
    const read = readManifest(dir)
    const manifest = "manifest" in read ? read.manifest : undefined
    if ("problem" in read) problems.push(read.problem)
    await checkFiles(dir, manifest, problems)
    if (manifest === undefined) return problems
    const readable = new Map<string, ParquetFile>()
    for (const t of manifest.tables) {
      for (const [format, f] of Object.entries(t.files)) {
        if (!safeRelative(f.path) || !fs.existsSync(path.join(dir, f.path))) continue
        if (format === "csv") await checkCsv(dir, t, f.path, problems)
        else if (format === "parquet") {
          const pq = await checkParquet(dir, t, f.path, problems)
          if (pq) readable.set(t.name, pq)
        }
      }
    }
    await checkKeys(manifest, readable, problems)
    checkDocuments(dir, manifest, problems)
  } catch (e) {
    problems.push({ kind: "manifest", message: `verification stopped: ${errorText(e)}` })
  }
  return problems
}

/** The same as an Effect that cannot fail: every failure is a problem in the list. */
export const verifyRelease = (dir: string): Effect.Effect<ReadonlyArray<VerifyProblem>> => Effect.promise(() => verifyReleaseAsync(dir))

/** Human-readable report and the CLI exit code: 0 when there are no problems, 1 otherwise. */
export const formatVerifyReport = (dir: string, problems: ReadonlyArray<VerifyProblem>): { text: string; exitCode: number } =>
  problems.length === 0
    ? { text: `${dir}: OK\n`, exitCode: 0 }
    : { text: `${dir}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n${problems.map((p) => `  [${p.kind}] ${p.message}\n`).join("")}`, exitCode: 1 }
