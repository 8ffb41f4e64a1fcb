/**
 * Streaming CSV input (RFC 4180): a byte-level splitter that finds record boundaries without
 * holding more than one record (up to a limit) in memory, and a field parser that keeps, for
 * every unit of a field's value, its index in the record's text — so spans of a CSV article
 * trace back to source bytes the way JSONL ones do (doubled quotes and all).
 *
 * Record boundaries are found on bytes: `"`, `,` and LF are ASCII and never occur inside a
 * UTF-8 or Windows-1252 multi-byte character (UTF-16 input is refused before it gets here).
 */

export interface CsvRawRecord {
  /** Byte offset of the record in the (decompressed) file. */
  readonly start: number
  readonly length: number
  /** 1-based physical line the record starts on. */
  readonly line: number
  /** Longer than the limit: `bytes` is null, the splitter kept counting without storing. */
  readonly tooLong: boolean
  readonly bytes: Uint8Array | null
  /** The file ended inside a quoted field. */
  readonly unterminated: boolean
  /** Byte offset just past the record's first LF (where to resume after an unterminated quote), or null. */
  readonly afterFirstLine: number | null
}

const QUOTE = 0x22
const COMMA = 0x2c
const LF = 0x0a

// Splitter states: at a field's start, inside an unquoted field, inside quotes, just after a quote inside quotes.
const START = 0
const PLAIN = 1
const QUOTED = 2
const QUOTE_SEEN = 3

/**
 * Splits a byte stream into CSV records. `base`/`baseLine` are the stream's byte offset and
 * line number in the file (non-zero when resuming after an unterminated quote).
 */
export async function* splitCsvRecords(
  input: AsyncIterable<Uint8Array>,
  maxRecordBytes: number,
  base = 0,
  baseLine = 1
): AsyncGenerator<CsvRawRecord> {
  let parts: Array<Uint8Array> = []
  let partLen = 0
  let recStart = base
  let recLine = baseLine
  let line = baseLine
  let firstNl: number | null = null
  let tooLong = false
  let state = START
  let pos = base
  const take = (chunk: Uint8Array, from: number, to: number) => {
    if (to <= from) return
    if (!tooLong) {
      if (partLen + (to - from) > maxRecordBytes) {
        tooLong = true
        parts = []
      } else parts.push(chunk.subarray(from, to))
    }
    partLen += to - from
  }
  const finish = (unterminated: boolean): CsvRawRecord => {
    const rec: CsvRawRecord = {
      start: recStart,
      length: partLen,
      line: recLine,
      tooLong,
      bytes: tooLong ? null : concat(parts, partLen),
      unterminated,
      afterFirstLine: firstNl
    }
    parts = []
    partLen = 0
    tooLong = false
    firstNl = null
    state = START
    return rec
  }
  for await (const chunk of input) {
    let from = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!
      if (c === LF) {
        line++
        if (state !== QUOTED) {
          take(chunk, from, i)
          yield finish(false)
          from = i + 1
          recStart = pos + i + 1
          recLine = line
          continue
        }
        firstNl ??= pos + i + 1
        continue
      }
      switch (state) {
        case START:
          state = c === QUOTE ? QUOTED : c === COMMA ? START : PLAIN
          break
        case PLAIN:
          if (c === COMMA) state = START
          break
        case QUOTED:
          if (c === QUOTE) state = QUOTE_SEEN
          break
        case QUOTE_SEEN:
          // "" is an escaped quote; anything but a comma after a closing quote is caught by the field parser
          state = c === QUOTE ? QUOTED : c === COMMA ? START : PLAIN
          break
      }
    }
    take(chunk, from, chunk.length)
    pos += chunk.length
  }
  if (partLen > 0 || state === QUOTED) yield finish(state === QUOTED)
}

const concat = (parts: ReadonlyArray<Uint8Array>, len: number): Uint8Array => {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(len)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export interface CsvField {
  readonly value: string
  /** Record-text index of each unit of `value`; `raw[value.length]` is where the value ends. */
  readonly raw: Uint32Array
}

export type CsvParse =
  | { readonly ok: true; readonly fields: ReadonlyArray<CsvField> }
  | { readonly ok: false; readonly detail: string }

/** Parses one record's text (no trailing LF; a trailing CR is the CRLF terminator). */
export const parseCsvRecord = (text: string): CsvParse => {
  let end = text.length
  const fields: Array<CsvField> = []
  let i = 0
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      const chars: Array<string> = []
      const raw: Array<number> = []
      let j = i + 1
      for (;;) {
        if (j >= end) return { ok: false, detail: `unterminated quoted field ${fields.length + 1}` }
        const c = text.charCodeAt(j)
        if (c === QUOTE) {
          if (text.charCodeAt(j + 1) === QUOTE) {
            // the escaped quote stands for the pair's bytes; its offset is the first of the two
            chars.push("\"")
            raw.push(j)
            j += 2
            continue
          }
          break
        }
        chars.push(text[j]!)
        raw.push(j)
        j++
      }
      raw.push(j)
      fields.push({ value: chars.join(""), raw: Uint32Array.from(raw) })
      j++
      if (j === end - 1 && text.charCodeAt(j) === 0x0d) end = j
      if (j >= end) break
      if (text.charCodeAt(j) !== COMMA) return { ok: false, detail: `text after the closing quote of field ${fields.length}` }
      i = j + 1
      continue
    }
    let j = i
    while (j < end && text.charCodeAt(j) !== COMMA) {
      if (text.charCodeAt(j) === QUOTE) return { ok: false, detail: `quote inside unquoted field ${fields.length + 1}` }
      j++
    }
    // the CR of a CRLF terminator is not part of the last field
    const stop = j === end && end > i && text.charCodeAt(end - 1) === 0x0d ? end - 1 : j
    const raw = new Uint32Array(stop - i + 1)
    for (let k = 0; k <= stop - i; k++) raw[k] = i + k
    fields.push({ value: text.slice(i, stop), raw })
    if (j >= end) break
    i = j + 1
  }
  return { ok: true, fields }
}
