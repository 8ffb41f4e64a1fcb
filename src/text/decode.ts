/**
 * Bytes → text, with the source byte offset of every UTF-16 unit, and a reason when the bytes
 * are not text. Detection order: known binary signatures, BOMs, UTF-16 without BOM (NUL
 * pattern), binary (NULs or control bytes), strict UTF-8, then Windows-1252 for legacy text
 * that has no valid UTF-8 multi-byte sequence at all. Text mixing valid UTF-8 with invalid
 * bytes is corrupt and is rejected rather than guessed.
 */
import { type DecodedSource, utf8Offsets } from "./normalize.ts"

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252"

export type DecodeResult =
  | { readonly ok: true; readonly encoding: Encoding; readonly source: DecodedSource }
  | { readonly ok: false; readonly reason: RejectReason; readonly detail: string }

export type RejectReason = "empty" | "binary" | "invalid_utf8" | "too_large" | "invalid_json" | "invalid_record" | "unreadable" | "corrupt_gzip" | "decompressed_limit" | "line_too_long" | "unsupported_type" | "duplicate_id" | "invalid_csv" | "unsupported_encoding"

const SIGNATURES: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
  ["PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["JPEG image", [0xff, 0xd8, 0xff]],
  ["GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["ZIP archive", [0x50, 0x4b, 0x03, 0x04]],
  ["gzip data", [0x1f, 0x8b]],
  ["ELF binary", [0x7f, 0x45, 0x4c, 0x46]]
]

const startsWith = (b: Uint8Array, sig: ReadonlyArray<number>): boolean =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x)

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })
const cp1252 = new TextDecoder("windows-1252")

/** Decode `bytes`; offsets are reported relative to `base` (the bytes' position in their file). */
export const decodeBytes = (bytes: Uint8Array, base = 0): DecodeResult => {
  if (bytes.length === 0) return { ok: false, reason: "empty", detail: "0 bytes" }
  for (const [name, sig] of SIGNATURES) {
    if (startsWith(bytes, sig)) return { ok: false, reason: "binary", detail: `${name} signature` }
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes, 3, base, "utf-8-bom")
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 2, base, "utf-16le")
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 2, base, "utf-16be")
  const sniff = utf16Sniff(bytes)
  if (sniff !== null) return decodeUtf16(bytes, 0, base, sniff)
  const binary = binaryShare(bytes)
  if (binary > 0.02) return { ok: false, reason: "binary", detail: `${(binary * 100).toFixed(1)}% control bytes in the first 8 KiB` }
  return decodeUtf8(bytes, 0, base, "utf-8")
}

/**
 * Checks the first bytes of a line-oriented file (JSONL, CSV) before it is split on LF bytes:
 * a binary file or UTF-16 text (whose LF is two bytes) is refused as a whole, with its reason,
 * rather than producing one confusing rejection per fake "line".
 */
export const sniffHead = (head: Uint8Array): { readonly reason: RejectReason; readonly detail: string } | null => {
  for (const [name, sig] of SIGNATURES) {
    if (startsWith(head, sig)) return { reason: "binary", detail: `${name} signature` }
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || utf16Sniff(head) !== null) {
    return { reason: "unsupported_encoding", detail: "UTF-16 text: line-oriented input (JSONL, CSV) must be UTF-8 or Windows-1252" }
  }
  const binary = binaryShare(head)
  if (binary > 0.02) return { reason: "binary", detail: `${(binary * 100).toFixed(1)}% control bytes in the first 8 KiB` }
  return null
}

const decodeUtf8 = (bytes: Uint8Array, skip: number, base: number, encoding: Encoding): DecodeResult => {
  const body = bytes.subarray(skip)
  try {
    const text = utf8.decode(body)
    return { ok: true, encoding, source: { text, byteOffsets: utf8Offsets(text, base + skip) } }
  } catch {
    const bad = firstInvalidUtf8(body)
    if (!hasValidMultibyte(body)) {
      // Legacy single-byte text: every byte is one character, so offsets are the byte positions.
      const text = cp1252.decode(body)
      const offs = new Uint32Array(text.length + 1)
      for (let i = 0; i <= text.length; i++) offs[i] = base + skip + i
      return { ok: true, encoding: "windows-1252", source: { text, byteOffsets: offs } }
    }
    return { ok: false, reason: "invalid_utf8", detail: `invalid UTF-8 sequence at byte ${base + skip + bad}` }
  }
}

const decodeUtf16 = (bytes: Uint8Array, skip: number, base: number, encoding: "utf-16le" | "utf-16be"): DecodeResult => {
  const body = bytes.subarray(skip, skip + ((bytes.length - skip) & ~1))
  let text: string
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
  } catch {
    return { ok: false, reason: "invalid_utf8", detail: `invalid ${encoding} sequence` }
  }
  const offs = new Uint32Array(text.length + 1)
  for (let i = 0; i <= text.length; i++) offs[i] = base + skip + 2 * i
  return { ok: true, encoding, source: { text, byteOffsets: offs } }
}

// UTF-16 text without BOM has NULs in every other byte for Latin text.
const utf16Sniff = (b: Uint8Array): "utf-16le" | "utf-16be" | null => {
  const n = Math.min(b.length, 4096) & ~1
  if (n < 4) return null
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++
    if (b[i + 1] === 0) oddNul++
  }
  const pairs = n / 2
  if (oddNul / pairs > 0.4 && evenNul / pairs < 0.05) return "utf-16le"
  if (evenNul / pairs > 0.4 && oddNul / pairs < 0.05) return "utf-16be"
  return null
}

const binaryShare = (b: Uint8Array): number => {
  const n = Math.min(b.length, 8192)
  let bad = 0
  for (let i = 0; i < n; i++) {
    const c = b[i]!
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c)) bad++
  }
  return n === 0 ? 0 : bad / n
}

const seqLength = (b: Uint8Array, i: number): number => {
  const c = b[i]!
  if (c < 0x80) return 1
  const need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
  if (need === 0 || i + need > b.length) return 0
  for (let k = 1; k < need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0
  return need
}

const firstInvalidUtf8 = (b: Uint8Array): number => {
  for (let i = 0; i < b.length;) {
    const len = seqLength(b, i)
    if (len === 0) return i
    i += len
  }
  return b.length
}

const hasValidMultibyte = (b: Uint8Array): boolean => {
  for (let i = 0; i < b.length; i++) {
    if (b[i]! >= 0x80 && seqLength(b, i) > 1) return true
  }
  return false
}
