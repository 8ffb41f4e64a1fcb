/**
 * Reading the corpus: walks the inputs in a fixed order and yields one item per input record,
 * either the decoded text with its byte offsets or a rejection with its reason. Nothing read
 * is dropped silently: a file that yields no record at all (empty, blank, header only) is one
 * `empty` rejection, so every input file shows up in the manifest's per-file tallies.
 *
 * Large files are streamed (JSONL line by line, CSV record by record, gzip inflated in chunks
 * under max_decompressed_bytes); no line or record is held beyond max_line_bytes; a `.txt`
 * document is read whole, at most max_document_bytes + 1 bytes. Only regular files are opened
 * (a FIFO would block the run, /dev/zero never ends). JSONL and CSV files whose first bytes
 * are binary or UTF-16 are rejected whole rather than split on LF bytes into nonsense lines.
 * On a read or gzip error mid-file the records before it are kept and one rejection says
 * after which line reading stopped (zlib drops its last < 16 KiB output buffer on an error).
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as fsp from "node:fs/promises"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { Schema } from "effect"
import { decodeBytes, type RejectReason, sniffHead } from "../text/decode.ts"
import { parseCsvRecord, splitCsvRecords } from "./csv-input.ts"
import { locateStringField } from "../text/jsonfield.ts"
import { type DecodedSource, utf8Offsets } from "../text/normalize.ts"

export interface SourceLimits {
  readonly max_document_bytes: number
  readonly max_line_bytes: number
  readonly max_decompressed_bytes: number
}

export interface SourceDoc {
  readonly kind: "doc"
  readonly source_uri: string
  readonly format: "txt" | "jsonl" | "csv"
  readonly record: number | null
  readonly src_byte_start: number
  readonly src_byte_end: number
  readonly sha256: string
  readonly encoding: string
  readonly site: string
  readonly decoded: DecodedSource
  readonly title: string | null
  readonly url: string | null
  readonly external_id: string | null
  readonly published: string | null
  readonly has_title_line: boolean
}

export interface SourceReject {
  readonly kind: "reject"
  readonly source_uri: string
  readonly record: number | null
  readonly src_byte_start: number | null
  readonly src_byte_end: number | null
  readonly sha256: string | null
  readonly reason: RejectReason
  readonly detail: string
}

export type SourceItem = SourceDoc | SourceReject

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex")

/** Every file under the inputs, sorted by path (code-unit order), each once, never through a loop. */
export async function* walkInputs(inputs: ReadonlyArray<string>): AsyncGenerator<{ file: string; uri: string; root: string } | SourceReject> {
  for (const input of inputs) {
    const root = path.resolve(input)
    const base = path.basename(root)
    let st: fs.Stats
    try {
      st = await fsp.stat(root)
    } catch (e) {
      yield reject(input, null, "unreadable", errMessage(e))
      continue
    }
    if (!st.isDirectory()) {
      if (st.isFile()) yield { file: root, uri: base, root: path.dirname(root) }
      else yield reject(base, null, "unsupported_type", `not a regular file (${kindOf(st)})`)
      continue
    }
    const seen = new Set<string>()
    const stack: Array<string> = [root]
    const files: Array<string> = []
    const problems: Array<SourceReject> = []
    while (stack.length > 0) {
      const dir = stack.pop()!
      let real: string
      try {
        real = await fsp.realpath(dir)
      } catch (e) {
        problems.push(reject(uriOf(root, base, dir), null, "unreadable", errMessage(e)))
        continue
      }
      if (seen.has(real)) {
        problems.push(reject(uriOf(root, base, dir), null, "unreadable", "symlink loop: folder already visited"))
        continue
      }
      seen.add(real)
      let entries: Array<fs.Dirent>
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true })
      } catch (e) {
        problems.push(reject(uriOf(root, base, dir), null, "unreadable", errMessage(e)))
        continue
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) stack.push(full)
        else if (entry.isFile()) files.push(full)
        else if (entry.isSymbolicLink()) {
          try {
            const target = await fsp.stat(full)
            if (target.isDirectory()) stack.push(full)
            else if (target.isFile()) files.push(full)
            else problems.push(reject(uriOf(root, base, full), null, "unsupported_type", `symlink to a ${kindOf(target)}, not a regular file`))
          } catch (e) {
            problems.push(reject(uriOf(root, base, full), null, "unreadable", `broken or looping symlink: ${errMessage(e)}`))
          }
        } else {
          // A FIFO would block the run forever and a device (/dev/zero) never ends: never opened.
          problems.push(reject(uriOf(root, base, full), null, "unsupported_type", `not a regular file (${direntKind(entry)})`))
        }
      }
    }
    files.sort(compareCodeUnits)
    for (const file of files) yield { file, uri: uriOf(root, base, file), root }
    problems.sort((a, b) => compareCodeUnits(a.source_uri, b.source_uri))
    yield* problems
  }
}

const kindOf = (st: fs.Stats) =>
  st.isFIFO() ? "named pipe" : st.isSocket() ? "socket" : st.isCharacterDevice() ? "character device" : st.isBlockDevice() ? "block device" : "special file"
const direntKind = (d: fs.Dirent) =>
  d.isFIFO() ? "named pipe" : d.isSocket() ? "socket" : d.isCharacterDevice() ? "character device" : d.isBlockDevice() ? "block device" : "special file"

const compareCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

// Source URIs are relative to the input's parent, with "/" separators: the same on any machine.
const uriOf = (root: string, base: string, file: string) =>
  [base, ...path.relative(root, file).split(path.sep).filter((p) => p.length > 0)].join("/")

const errMessage = (e: unknown) => (e instanceof Error ? e.message : String(e))

const reject = (
  uri: string,
  record: number | null,
  reason: RejectReason,
  detail: string,
  bytes?: { start: number; end: number; sha: string | null }
): SourceReject => ({
  kind: "reject",
  source_uri: uri,
  record,
  src_byte_start: bytes?.start ?? null,
  src_byte_end: bytes?.end ?? null,
  sha256: bytes?.sha ?? null,
  reason,
  detail
})

const siteOf = (uri: string) => {
  const parts = uri.split("/")
  return parts.length > 1 ? parts.slice(0, -1).join("/") : parts[0]!
}

/** Reads every input and yields its records. */
export async function* readSources(inputs: ReadonlyArray<string>, limits: SourceLimits): AsyncGenerator<SourceItem> {
  for await (const entry of walkInputs(inputs)) {
    if ("kind" in entry) {
      yield entry
      continue
    }
    const lower = entry.file.toLowerCase()
    const stem = lower.endsWith(".gz") ? lower.slice(0, -3) : lower
    if (lower.endsWith(".txt")) yield await readTxt(entry.file, entry.uri, limits)
    else if (stem.endsWith(".jsonl") || stem.endsWith(".ndjson")) yield* readJsonl(entry.file, entry.uri, limits)
    else if (stem.endsWith(".csv")) yield* readCsv(entry.file, entry.uri, limits)
    else yield reject(entry.uri, null, "unsupported_type", "not .txt, .jsonl, .ndjson, .csv (or .jsonl.gz, .ndjson.gz, .csv.gz)")
  }
}

const readTxt = async (file: string, uri: string, limits: SourceLimits): Promise<SourceItem> => {
  let bytes: Uint8Array
  try {
    // Read at most limit + 1 bytes: the size from stat may be stale (a file still growing).
    const fh = await fsp.open(file, "r")
    try {
      const st = await fh.stat()
      if (st.size > limits.max_document_bytes) {
        return reject(uri, null, "too_large", `${st.size} bytes > max_document_bytes ${limits.max_document_bytes}`)
      }
      const chunks: Array<Buffer> = []
      let n = 0
      while (n <= limits.max_document_bytes) {
        const buf = Buffer.allocUnsafe(Math.min(1 << 20, limits.max_document_bytes + 1 - n))
        const { bytesRead } = await fh.read(buf, 0, buf.length, n)
        if (bytesRead === 0) break
        chunks.push(buf.subarray(0, bytesRead))
        n += bytesRead
      }
      if (n > limits.max_document_bytes) {
        return reject(uri, null, "too_large", `more than max_document_bytes ${limits.max_document_bytes} bytes`)
      }
      bytes = Buffer.concat(chunks, n)
    } finally {
      await fh.close()
    }
  } catch (e) {
    return reject(uri, null, "unreadable", errMessage(e))
  }
  const sha = sha256(bytes)
  const decoded = decodeBytes(bytes)
  if (!decoded.ok) return reject(uri, null, decoded.reason, decoded.detail, { start: 0, end: bytes.length, sha })
  return {
    kind: "doc",
    source_uri: uri,
    format: "txt",
    record: null,
    src_byte_start: 0,
    src_byte_end: bytes.length,
    sha256: sha,
    encoding: decoded.encoding,
    site: siteOf(uri),
    decoded: decoded.source,
    title: null,
    url: null,
    external_id: null,
    published: null,
    has_title_line: true
  }
}

/** The fields Broadsheet reads from a JSONL record; anything else is kept out. */
const JsonlRecord = Schema.Struct({
  text: Schema.String,
  id: Schema.optionalKey(Schema.NullOr(Schema.Union([Schema.String, Schema.Number]))),
  source: Schema.optionalKey(Schema.NullOr(Schema.String)),
  url: Schema.optionalKey(Schema.NullOr(Schema.String)),
  title: Schema.optionalKey(Schema.NullOr(Schema.String)),
  published: Schema.optionalKey(Schema.NullOr(Schema.Union([Schema.String, Schema.Number]))),
  publish_date: Schema.optionalKey(Schema.NullOr(Schema.Union([Schema.String, Schema.Number])))
})
const decodeJsonlRecord = Schema.decodeUnknownExit(JsonlRecord)

async function* readJsonl(file: string, uri: string, limits: SourceLimits): AsyncGenerator<SourceItem> {
  // id → first line and its bytes' hash: a repeated record is a duplicate, a reused id a conflict.
  const seenIds = new Map<string, { line: number; sha: string }>()
  let lineNo = 0
  let records = 0
  try {
    for await (const line of splitLines(sniffed(byteChunks(file, limits)), limits)) {
      lineNo++
      if (line.tooLong) {
        records++
        yield reject(uri, lineNo, "line_too_long", `line of ${line.length} bytes > max_line_bytes ${limits.max_line_bytes}`, {
          start: line.start,
          end: line.start + line.length,
          sha: null
        })
        continue
      }
      const bytes = line.bytes!
      if (isBlank(bytes)) continue
      records++
      yield parseJsonlLine(bytes, uri, lineNo, line.start, limits, seenIds)
    }
  } catch (e) {
    records++
    yield readFailure(e, uri, lineNo)
    return
  }
  if (records === 0) yield reject(uri, null, "empty", "no records: the file is empty or blank")
}

/** A stream that stopped: why, and after which record (the records before it were kept). */
const readFailure = (e: unknown, uri: string, lineNo: number): SourceReject => {
  if (e instanceof HeadRejected) return reject(uri, null, e.reason, e.message)
  if (e instanceof ReadFailed && lineNo === 0) return reject(uri, null, "unreadable", e.message)
  const reason: RejectReason = e instanceof LimitExceeded ? "decompressed_limit" : e instanceof ReadFailed ? "unreadable" : "corrupt_gzip"
  return reject(uri, lineNo + 1, reason, `reading stopped after line ${lineNo}: ${errMessage(e)}`)
}

async function* readCsv(file: string, uri: string, limits: SourceLimits): AsyncGenerator<SourceItem> {
  const seenIds = new Map<string, { line: number; sha: string }>()
  let header: CsvHeader | null = null
  let records = 0
  let lastLine = 0
  // After an unterminated quote the stream restarts on the line after the bad record's first
  // line, so one stray quote costs one record, not the rest of the file.
  let resume: { at: number; line: number } | null = { at: 0, line: 1 }
  try {
    while (resume !== null) {
      const { at, line }: { at: number; line: number } = resume
      resume = null
      const chunks: AsyncIterable<Buffer> = at === 0 ? sniffed(byteChunks(file, limits)) : byteChunks(file, limits, at)
      for await (const rec of splitCsvRecords(chunks, limits.max_line_bytes, at, line)) {
        lastLine = rec.line
        if (rec.unterminated) {
          records++
          yield reject(uri, rec.line, "invalid_csv", `unterminated quoted field (record starting on line ${rec.line} runs to the end of the file)`, {
            start: rec.start, end: rec.start + rec.length, sha: null
          })
          if (rec.afterFirstLine !== null) resume = { at: rec.afterFirstLine, line: rec.line + 1 }
          break
        }
        if (rec.tooLong) {
          records++
          yield reject(uri, rec.line, "line_too_long", `record of ${rec.length} bytes > max_line_bytes ${limits.max_line_bytes}`, {
            start: rec.start, end: rec.start + rec.length, sha: null
          })
          continue
        }
        const bytes = rec.bytes!
        if (isBlank(bytes)) continue
        if (header === null) {
          const h = parseHeader(bytes)
          if (typeof h === "string") {
            // Without a usable header no row can be read: the file is one rejected record.
            yield reject(uri, rec.line, "invalid_csv", `header on line ${rec.line}: ${h}`, { start: rec.start, end: rec.start + rec.length, sha: sha256(bytes) })
            return
          }
          header = h
          continue
        }
        records++
        const row = parseCsvRow(bytes, uri, rec.line, rec.start, header, limits, seenIds)
        if (row.quoteError && row.item.kind === "reject" && rec.afterFirstLine !== null) {
          // A stray quote swallowed the following lines into this record: reject its first
          // line only and read on from the next one, as for an unterminated quote.
          yield { ...row.item, src_byte_end: rec.afterFirstLine - 1, sha256: null, detail: `${row.item.detail}; the quote spans lines ${rec.line}-${rec.line + countLf(bytes)}, so only line ${rec.line} is rejected` }
          resume = { at: rec.afterFirstLine, line: rec.line + 1 }
          break
        }
        yield row.item
      }
    }
  } catch (e) {
    records++
    yield readFailure(e, uri, lastLine)
    return
  }
  if (records === 0) yield reject(uri, null, "empty", header === null ? "no records: the file is empty or blank" : "no records: only a header")
}

interface CsvHeader {
  readonly width: number
  readonly column: Readonly<Record<"text" | "id" | "title" | "url" | "source" | "published" | "publish_date", number | undefined>>
}

const CSV_COLUMNS = ["text", "id", "title", "url", "source", "published", "publish_date"] as const

const parseHeader = (bytes: Uint8Array): CsvHeader | string => {
  const decoded = decodeBytes(bytes)
  if (!decoded.ok) return `${decoded.reason}: ${decoded.detail}`
  const parsed = parseCsvRecord(decoded.source.text)
  if (!parsed.ok) return parsed.detail
  const names = parsed.fields.map((f) => f.value.trim().toLowerCase())
  const column: Record<string, number | undefined> = {}
  for (const c of CSV_COLUMNS) {
    const at = names.indexOf(c)
    if (at !== -1 && names.indexOf(c, at + 1) !== -1) return `column ${JSON.stringify(c)} appears twice`
    column[c] = at === -1 ? undefined : at
  }
  if (column["text"] === undefined) return `no "text" column (columns: ${names.map((n) => JSON.stringify(n)).join(", ")})`
  return { width: names.length, column: column as CsvHeader["column"] }
}

const parseCsvRow = (
  bytes: Uint8Array,
  uri: string,
  lineNo: number,
  start: number,
  header: CsvHeader,
  limits: SourceLimits,
  seenIds: Map<string, { line: number; sha: string }>
): { readonly item: SourceItem; readonly quoteError: boolean } => {
  const sha = sha256(bytes)
  const where = { start, end: start + bytes.length, sha }
  const no = (item: SourceItem) => ({ item, quoteError: false })
  if (bytes.length > limits.max_document_bytes) return no(reject(uri, lineNo, "too_large", `${bytes.length} bytes > max_document_bytes`, where))
  const decoded = decodeBytes(bytes, start)
  if (!decoded.ok) return no(reject(uri, lineNo, decoded.reason, decoded.detail, where))
  const parsed = parseCsvRecord(decoded.source.text)
  if (!parsed.ok) return { item: reject(uri, lineNo, "invalid_csv", `line ${lineNo}: ${parsed.detail}`, where), quoteError: true }
  if (parsed.fields.length !== header.width) {
    return no(reject(uri, lineNo, "invalid_csv", `line ${lineNo}: ${parsed.fields.length} fields, the header has ${header.width}`, where))
  }
  const field = (name: keyof CsvHeader["column"]): string | null => {
    const at = header.column[name]
    const v = at === undefined ? "" : parsed.fields[at]!.value
    return v.trim() === "" ? null : v
  }
  const externalId = field("id")
  const conflict = checkId(externalId, lineNo, sha, seenIds)
  if (conflict !== null) return no(reject(uri, lineNo, "duplicate_id", conflict, where))
  const text = parsed.fields[header.column.text!]!
  const recBytes = decoded.source.byteOffsets
  const offs = new Uint32Array(text.value.length + 1)
  for (let i = 0; i <= text.value.length; i++) offs[i] = recBytes[text.raw[i]!]!
  const url = field("url")
  const published = field("published") ?? field("publish_date")
  return no({
    kind: "doc",
    source_uri: uri,
    format: "csv",
    record: lineNo,
    src_byte_start: start,
    src_byte_end: start + bytes.length,
    sha256: sha,
    encoding: decoded.encoding,
    site: field("source") ?? hostOf(url) ?? siteOf(uri),
    decoded: { text: text.value, byteOffsets: offs },
    title: field("title"),
    url,
    external_id: externalId,
    published: published === null ? null : toIsoTimestamp(published.trim()),
    has_title_line: false
  })
}

const countLf = (b: Uint8Array) => {
  let n = 0
  for (const c of b) if (c === 0x0a) n++
  return n
}

/** A reused id is a conflict when the record differs from the first one (identical records are duplicates). */
const checkId = (id: string | null, lineNo: number, sha: string, seenIds: Map<string, { line: number; sha: string }>): string | null => {
  if (id === null) return null
  const first = seenIds.get(id)
  if (first === undefined) {
    seenIds.set(id, { line: lineNo, sha })
    return null
  }
  return first.sha === sha ? null : `id ${JSON.stringify(id)} already used on line ${first.line} for a different record`
}

const isBlank = (b: Uint8Array) => b.every((c) => c === 0x20 || c === 0x09 || c === 0x0d)

const parseJsonlLine = (
  bytes: Uint8Array,
  uri: string,
  lineNo: number,
  start: number,
  limits: SourceLimits,
  seenIds: Map<string, { line: number; sha: string }>
): SourceItem => {
  const sha = sha256(bytes)
  const where = { start, end: start + bytes.length, sha }
  if (bytes.length > limits.max_document_bytes) {
    return reject(uri, lineNo, "too_large", `${bytes.length} bytes > max_document_bytes`, where)
  }
  const decoded = decodeBytes(bytes, start)
  if (!decoded.ok) return reject(uri, lineNo, decoded.reason, decoded.detail, where)
  const lineText = decoded.source.text
  let value: unknown
  try {
    value = JSON.parse(lineText)
  } catch (e) {
    return reject(uri, lineNo, "invalid_json", errMessage(e), where)
  }
  const exit = decodeJsonlRecord(value)
  if (exit._tag === "Failure") {
    return reject(uri, lineNo, "invalid_record", "record is not an object with a string \"text\" field", where)
  }
  const rec = exit.value
  const externalId = rec.id === undefined || rec.id === null ? null : String(rec.id)
  const conflict = checkId(externalId, lineNo, sha, seenIds)
  if (conflict !== null) return reject(uri, lineNo, "duplicate_id", conflict, where)
  const located = locateStringField(lineText, "text")
  // Offsets of the text's units: their escaped form in the line, as bytes in the file.
  const lineBytes = decoded.source.byteOffsets
  let textSource: DecodedSource
  if (located !== null && located.value === rec.text) {
    const offs = new Uint32Array(located.value.length + 1)
    for (let i = 0; i <= located.value.length; i++) offs[i] = lineBytes[located.rawIndex[i]!]!
    textSource = { text: located.value, byteOffsets: offs }
  } else {
    textSource = { text: rec.text, byteOffsets: utf8Offsets(rec.text, start) }
  }
  const published = rec.published ?? rec.publish_date ?? null
  return {
    kind: "doc",
    source_uri: uri,
    format: "jsonl",
    record: lineNo,
    src_byte_start: start,
    src_byte_end: start + bytes.length,
    sha256: sha,
    encoding: decoded.encoding,
    site: rec.source ?? hostOf(rec.url ?? null) ?? siteOf(uri),
    decoded: textSource,
    title: rec.title ?? null,
    url: rec.url ?? null,
    external_id: externalId,
    published: published === null ? null : toIsoTimestamp(published),
    has_title_line: false
  }
}

const hostOf = (url: string | null): string | null => {
  if (url === null) return null
  try {
    return new URL(url).hostname.replace(/^www\./, "")
  } catch {
    return null
  }
}

/** Epoch seconds or a date string → ISO 8601 UTC; null when unparseable. */
export const toIsoTimestamp = (v: string | number): string | null => {
  const ms = typeof v === "number" ? v * 1000 : /^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : Date.parse(v)
  if (!Number.isFinite(ms)) return null
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

class LimitExceeded extends Error {}
/** The file itself could not be read (as opposed to its gzip stream being corrupt). */
class ReadFailed extends Error {}
/** The first bytes show the whole file is not line-oriented text. */
class HeadRejected extends Error {
  readonly reason: RejectReason
  constructor(reason: RejectReason, detail: string) {
    super(detail)
    this.reason = reason
  }
}

/**
 * The file's bytes (inflated for `.gz`, at most max_decompressed_bytes of them), from byte
 * `skip` of the (decompressed) content. Errors are tagged: ReadFailed for the file,
 * LimitExceeded for a bomb, anything else is the gzip stream's own error.
 */
async function* byteChunks(file: string, limits: SourceLimits, skip = 0): AsyncGenerator<Buffer> {
  const gz = file.toLowerCase().endsWith(".gz")
  const raw = fs.createReadStream(file, gz ? {} : { start: skip })
  if (!gz) {
    try {
      for await (const chunk of raw) yield chunk as Buffer
    } catch (e) {
      throw new ReadFailed(errMessage(e))
    } finally {
      raw.destroy()
    }
    return
  }
  const gunzip = zlib.createGunzip()
  // pipe() does not forward a read error; without this the inflater would wait forever.
  raw.once("error", (e) => gunzip.destroy(new ReadFailed(errMessage(e))))
  raw.pipe(gunzip)
  let pos = 0
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (pos + chunk.length > limits.max_decompressed_bytes) {
        throw new LimitExceeded(`decompressed size exceeds max_decompressed_bytes ${limits.max_decompressed_bytes}`)
      }
      const from = Math.max(0, skip - pos)
      pos += chunk.length
      if (from < chunk.length) yield from === 0 ? chunk : chunk.subarray(from)
    }
  } finally {
    raw.destroy()
    gunzip.destroy()
  }
}

/** Passes the chunks through after checking the file's first bytes with sniffHead. */
async function* sniffed(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let first = true
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false
      const bad = sniffHead(chunk.subarray(0, 8192))
      if (bad !== null) throw new HeadRejected(bad.reason, bad.detail)
    }
    yield chunk
  }
}

interface RawLine {
  readonly start: number
  readonly length: number
  readonly tooLong: boolean
  readonly bytes: Uint8Array | null
}

/** Splits a byte stream on LF without holding more than one line (up to the limit) in memory. */
async function* splitLines(input: AsyncIterable<Buffer>, limits: SourceLimits): AsyncGenerator<RawLine> {
  let parts: Array<Buffer> = []
  let partLen = 0
  let lineStart = 0
  let pos = 0
  let tooLong = false
  for await (const chunk of input) {
    let from = 0
    while (from < chunk.length) {
      const nl = chunk.indexOf(0x0a, from)
      const end = nl === -1 ? chunk.length : nl
      if (!tooLong) {
        if (partLen + (end - from) > limits.max_line_bytes) {
          tooLong = true
          parts = []
        } else parts.push(chunk.subarray(from, end))
      }
      partLen += end - from
      if (nl === -1) break
      yield {
        start: lineStart,
        length: partLen,
        tooLong,
        bytes: tooLong ? null : Buffer.concat(parts)
      }
      lineStart = pos + nl + 1
      parts = []
      partLen = 0
      tooLong = false
      from = nl + 1
    }
    pos += chunk.length
  }
  if (partLen > 0) yield { start: lineStart, length: partLen, tooLong, bytes: tooLong ? null : Buffer.concat(parts) }
}
