/** Small helpers for spans over a text: source bytes and which sentence holds an offset. */
import { type OffsetMap, toSourceByte } from "./normalize.ts"

export interface Located {
  readonly char_start: number
  readonly char_end: number
  readonly src_byte_start: number
  readonly src_byte_end: number
}

export const locate = (map: OffsetMap, start: number, end: number): Located => ({
  char_start: start,
  char_end: end,
  src_byte_start: toSourceByte(map, start),
  src_byte_end: toSourceByte(map, end)
})

/** Index of the span (sorted by start) that contains `pos`, else the last one starting before it. */
export const containing = (starts: ReadonlyArray<number>, pos: number): number => {
  let lo = 0
  let hi = starts.length - 1
  if (hi < 0) return 0
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= pos) lo = mid
    else hi = mid - 1
  }
  return lo
}
