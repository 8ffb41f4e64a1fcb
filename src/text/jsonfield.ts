/**
 * Locates one top-level string field of a JSON object line and decodes it while keeping, for
 * every decoded UTF-16 unit, its index in the raw line. This lets spans of a JSONL article be
 * traced back to the exact bytes of the escaped JSON in the source file.
 */

export interface LocatedString {
  readonly value: string
  /** Raw line index of each decoded unit; `rawIndex[value.length]` is the index of the closing quote. */
  readonly rawIndex: Uint32Array
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d

/** Returns null when the line is not an object or the field is absent or not a string. */
export const locateStringField = (line: string, field: string): LocatedString | null => {
  let i = skipWs(line, 0)
  if (line.charCodeAt(i) !== 0x7b) return null
  i = skipWs(line, i + 1)
  if (line.charCodeAt(i) === 0x7d) return null
  let found: LocatedString | null = null
  while (i < line.length) {
    if (line.charCodeAt(i) !== 0x22) return null
    const key = decodeString(line, i)
    if (key === null) return null
    i = skipWs(line, key.end)
    if (line.charCodeAt(i) !== 0x3a) return null
    i = skipWs(line, i + 1)
    if (key.value === field && line.charCodeAt(i) === 0x22) {
      const v = decodeString(line, i)
      if (v === null) return null
      // JSON.parse keeps the last of repeated keys; so do we.
      found = { value: v.value, rawIndex: v.rawIndex }
      i = v.end
    } else {
      const end = skipValue(line, i)
      if (end < 0) return null
      i = end
    }
    i = skipWs(line, i)
    const c = line.charCodeAt(i)
    if (c === 0x2c) {
      i = skipWs(line, i + 1)
      continue
    }
    if (c === 0x7d) return found
    return null
  }
  return null
}

const skipWs = (s: string, i: number): number => {
  while (i < s.length && isWs(s.charCodeAt(i))) i++
  return i
}

const decodeString = (s: string, start: number): { value: string; rawIndex: Uint32Array; end: number } | null => {
  // Fast path: no escape before the closing quote, so the raw text is the value.
  const close = s.indexOf("\"", start + 1)
  if (close !== -1 && s.lastIndexOf("\\", close) <= start) {
    const value = s.slice(start + 1, close)
    const rawIndex = new Uint32Array(value.length + 1)
    for (let i = 0; i <= value.length; i++) rawIndex[i] = start + 1 + i
    return { value, rawIndex, end: close + 1 }
  }
  const parts: Array<string> = []
  const idx: Array<number> = []
  let i = start + 1
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (c === 0x22) {
      idx.push(i)
      return { value: parts.join(""), rawIndex: Uint32Array.from(idx), end: i + 1 }
    }
    if (c === 0x5c) {
      const e = s.charCodeAt(i + 1)
      if (e === 0x75) {
        const hex = s.slice(i + 2, i + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null
        parts.push(String.fromCharCode(parseInt(hex, 16)))
        idx.push(i)
        i += 6
        continue
      }
      const map: Record<number, string> = { 0x22: "\"", 0x5c: "\\", 0x2f: "/", 0x62: "\b", 0x66: "\f", 0x6e: "\n", 0x72: "\r", 0x74: "\t" }
      const ch = map[e]
      if (ch === undefined) return null
      parts.push(ch)
      idx.push(i)
      i += 2
      continue
    }
    parts.push(s[i]!)
    idx.push(i)
    i++
  }
  return null
}

// Skips any JSON value without decoding it; returns the index after it, or -1.
const skipValue = (s: string, i: number): number => {
  const c = s.charCodeAt(i)
  if (c === 0x22) {
    i++
    while (i < s.length) {
      const d = s.charCodeAt(i)
      if (d === 0x5c) i += 2
      else if (d === 0x22) return i + 1
      else i++
    }
    return -1
  }
  if (c === 0x7b || c === 0x5b) {
    let depth = 0
    while (i < s.length) {
      const d = s.charCodeAt(i)
      if (d === 0x22) {
        i = skipValue(s, i)
        if (i < 0) return -1
        continue
      }
      if (d === 0x7b || d === 0x5b) depth++
      else if (d === 0x7d || d === 0x5d) {
        depth--
        if (depth === 0) return i + 1
      }
      i++
    }
    return -1
  }
  while (i < s.length) {
    const d = s.charCodeAt(i)
    if (d === 0x2c || d === 0x7d || d === 0x5d || isWs(d)) return i
    i++
  }
  return i
}
