/**
 * Assembling the clean body from per-line decisions, with an offset map from the clean text
 * straight to source bytes (composing "clean → normalised" with "normalised → source").
 * Kept lines that were adjacent stay joined by "\n"; anything removed or blank between two
 * kept lines becomes a paragraph break, so every paragraph is one contiguous source range.
 */
import type { Line } from "./lines.ts"
import { type OffsetMap, toSourceByte } from "./normalize.ts"

export interface CleanText {
  readonly text: string
  readonly map: OffsetMap
}

export const assembleClean = (normMap: OffsetMap, lines: ReadonlyArray<Line>, keep: ReadonlySet<number>): CleanText => {
  const parts: Array<string> = []
  const bpNorm: Array<number> = []
  const bpSrc: Array<number> = []
  let len = 0
  let prev: Line | null = null
  const push = (n: number, s: number) => {
    if (bpNorm.length > 0 && bpNorm[bpNorm.length - 1] === n) {
      bpSrc[bpSrc.length - 1] = s
      return
    }
    bpNorm.push(n)
    bpSrc.push(s)
  }
  for (const line of lines) {
    if (!keep.has(line.lineNo) || line.start === line.end) continue
    if (prev !== null) {
      const joiner = line.lineNo === prev.lineNo + 1 ? "\n" : "\n\n"
      // The joiner stands for the line break right after the previous kept line.
      const s = toSourceByte(normMap, prev.end)
      push(len, s)
      parts.push(joiner)
      len += joiner.length
    }
    // Copy the normalised map's breakpoints inside this line, shifted to clean positions.
    push(len, toSourceByte(normMap, line.start))
    const shift = len - line.start
    for (let k = firstBreakpointAfter(normMap, line.start); k < normMap.norm.length && normMap.norm[k]! < line.end; k++) {
      push(normMap.norm[k]! + shift, normMap.src[k]!)
    }
    parts.push(line.text)
    len += line.text.length
    push(len, toSourceByte(normMap, line.end))
    prev = line
  }
  if (bpNorm.length === 0) {
    bpNorm.push(0)
    bpSrc.push(0)
  }
  return { text: parts.join(""), map: compact(bpNorm, bpSrc) }
}

const firstBreakpointAfter = (map: OffsetMap, pos: number): number => {
  let lo = 0
  let hi = map.norm.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (map.norm[mid]! <= pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

// Drop breakpoints that the previous one predicts exactly.
const compact = (norm: ReadonlyArray<number>, src: ReadonlyArray<number>): OffsetMap => {
  const n: Array<number> = [norm[0]!]
  const s: Array<number> = [src[0]!]
  for (let k = 1; k < norm.length; k++) {
    if (src[k]! - s[s.length - 1]! === norm[k]! - n[n.length - 1]!) continue
    n.push(norm[k]!)
    s.push(src[k]!)
  }
  return { norm: n, src: s }
}
