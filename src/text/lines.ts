// Line splitting for LF-normalised text. Every line (blank ones included) gets a
// 0-based number so decisions can be mapped back to exact UTF-16 offsets.
export interface Line {
  readonly lineNo: number
  readonly start: number
  /** exclusive; never includes the "\n" */
  readonly end: number
  readonly text: string
}

export function splitLines(text: string): Line[] {
  const out: Line[] = []
  let start = 0
  let lineNo = 0
  for (;;) {
    const nl = text.indexOf("\n", start)
    const end = nl === -1 ? text.length : nl
    out.push({ lineNo, start, end, text: text.slice(start, end) })
    lineNo++
    if (nl === -1) break
    start = nl + 1
  }
  return out
}

/** True when the line has no visible characters (spaces, tabs, NBSP, zero-width). */
export function isBlankLine(text: string): boolean {
  return !/[^\s\u200b-\u200d\u2060\ufeff]/.test(text)
}
