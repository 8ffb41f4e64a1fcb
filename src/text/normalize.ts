/**
 * Text normalisation with an offset map back to the source bytes.
 *
 * Normalised text: NFC, LF line ends, no BOM, no control or zero-width characters, every
 * odd space (NBSP, thin space, tab …) a plain space, each line trimmed with inner runs of
 * spaces collapsed, runs of blank lines collapsed to one, no leading/trailing blank lines.
 *
 * Offsets are UTF-16 code units (JavaScript string indices). The {@link OffsetMap} turns an
 * offset into the normalised text into a byte offset in the source: breakpoints (norm, src)
 * such that between two breakpoints each normalised code unit stands for exactly one source
 * byte (ASCII copied as is). Any other character starts a breakpoint, so the map stays small
 * for English text and lookups are a binary search.
 */

export interface OffsetMap {
  /** Breakpoint positions in the normalised text, strictly increasing, starting at 0. */
  readonly norm: ReadonlyArray<number>
  /** Source byte offset of each breakpoint. */
  readonly src: ReadonlyArray<number>
}

/** A decoded source: its text and, per UTF-16 unit, the source byte offset (length + 1 entries). */
export interface DecodedSource {
  readonly text: string
  readonly byteOffsets: Uint32Array | ReadonlyArray<number>
}

export interface Normalized {
  readonly text: string
  readonly map: OffsetMap
}

const isOddSpace = (c: number): boolean =>
  c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x85

// Zero-width and format characters that only disturb matching. ZWJ (0x200d) is kept: it builds emoji.
const isDropped = (c: number): boolean =>
  c === 0xfeff || c === 0x200b || c === 0x200c || c === 0x2060 || c === 0xad ||
  (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x0b && c !== 0x0c) || (c >= 0x7f && c < 0x85) ||
  (c > 0x85 && c < 0xa0)

const COMBINING = /\p{M}/u

/**
 * Normalise a decoded source. `byteOffsets[i]` is the source byte offset of `text[i]`,
 * `byteOffsets[text.length]` the end of the source.
 */
export const normalize = (source: DecodedSource): Normalized => {
  const input = source.text
  const offs = source.byteOffsets
  const out: Array<string> = []
  let outLen = 0
  const bpNorm: Array<number> = []
  const bpSrc: Array<number> = []
  // Next normalised position expected to continue the current 1:1 run, and its source byte.
  let runNorm = -1
  let runSrc = -1

  const emit = (s: string, srcStart: number, srcEnd: number): void => {
    const oneToOne = s.length === 1 && s.charCodeAt(0) < 0x80 && srcEnd - srcStart === 1
    if (!(oneToOne && runNorm === outLen && runSrc === srcStart)) {
      bpNorm.push(outLen)
      bpSrc.push(srcStart)
    }
    out.push(s)
    outLen += s.length
    if (oneToOne) {
      runNorm = outLen
      runSrc = srcEnd
    } else {
      // The unit after a replaced one always starts a breakpoint of its own.
      bpNorm.push(outLen)
      bpSrc.push(srcEnd)
      runNorm = outLen
      runSrc = srcEnd
    }
  }

  // Pending whitespace state: spaces inside a line collapse to one, blank lines collapse to one.
  let pendingSpace: { start: number; end: number } | null = null
  let pendingNewlines = 0
  let pendingNlSrc = 0
  let lineHasText = false
  let docHasText = false

  const n = input.length
  let i = 0
  while (i < n) {
    const c = input.charCodeAt(i)
    const srcStart = offs[i]!
    if (c === 0x0d || c === 0x0a) {
      const next = c === 0x0d && input.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1
      if (lineHasText) {
        pendingNewlines = 1
        pendingNlSrc = srcStart
      } else if (pendingNewlines > 0) {
        pendingNewlines = 2
      }
      pendingSpace = null
      lineHasText = false
      i = next
      continue
    }
    if (c === 0x20 || isOddSpace(c)) {
      if (lineHasText && pendingSpace === null) pendingSpace = { start: srcStart, end: offs[i + 1]! }
      i++
      continue
    }
    if (isDropped(c)) {
      i++
      continue
    }
    // A visible character: flush pending whitespace first.
    if (pendingNewlines > 0 && docHasText) {
      // Newlines map to the first line break of the run so that slices of text stay exact.
      emit("\n", pendingNlSrc, pendingNlSrc + 1)
      if (pendingNewlines > 1) emit("\n", pendingNlSrc, pendingNlSrc + 1)
    }
    pendingNewlines = 0
    if (pendingSpace !== null) {
      emit(" ", pendingSpace.start, pendingSpace.end)
      pendingSpace = null
    }
    // Take one code point plus any combining marks: NFC works inside such clusters.
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1)
    while (j < n) {
      const m = input.codePointAt(j)!
      if (m < 0x300 || !COMBINING.test(String.fromCodePoint(m))) break
      j += m > 0xffff ? 2 : 1
    }
    const cluster = input.slice(i, j)
    const nfc = j - i === 1 && c < 0x300 ? cluster : cluster.normalize("NFC")
    emit(nfc, srcStart, offs[j]!)
    lineHasText = true
    docHasText = true
    i = j
  }
  return { text: out.join(""), map: compactMap(bpNorm, bpSrc) }
}

// Drop breakpoints that the linear rule predicts exactly (always safe: positions inside a replaced
// unit are never span boundaries), and keep the last of two breakpoints at one position.
const compactMap = (norm: ReadonlyArray<number>, src: ReadonlyArray<number>): OffsetMap => {
  const n: Array<number> = []
  const s: Array<number> = []
  for (let k = 0; k < norm.length; k++) {
    const pn = norm[k]!
    const ps = src[k]!
    if (n.length > 0 && n[n.length - 1] === pn) {
      // Two breakpoints at one position: a replaced unit followed by another; keep the later start.
      s[s.length - 1] = ps
      continue
    }
    if (n.length > 0 && ps - s[s.length - 1]! === pn - n[n.length - 1]!) continue
    n.push(pn)
    s.push(ps)
  }
  if (n.length === 0) {
    n.push(0)
    s.push(0)
  }
  return { norm: n, src: s }
}

/** Source byte offset of a normalised offset. */
export const toSourceByte = (map: OffsetMap, pos: number): number => {
  const norm = map.norm
  let lo = 0
  let hi = norm.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (norm[mid]! <= pos) lo = mid
    else hi = mid - 1
  }
  return map.src[lo]! + (pos - norm[lo]!)
}

/** Byte offsets of every UTF-16 unit of a string encoded as UTF-8, starting at `base`. */
export const utf8Offsets = (text: string, base = 0): Uint32Array => {
  const offs = new Uint32Array(text.length + 1)
  let b = base
  for (let i = 0; i < text.length; i++) {
    offs[i] = b
    const c = text.charCodeAt(i)
    if (c < 0x80) b += 1
    else if (c < 0x800) b += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // A surrogate pair is 4 bytes; the low half sits at the same offset + 4 never used alone.
      offs[i + 1] = b
      b += 4
      i++
    } else b += 3
  }
  offs[text.length] = b
  return offs
}
