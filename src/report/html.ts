/**
 * HTML building blocks for the release report: every string that may come from the corpus
 * goes through `esc` (text and attribute values alike), so an article title cannot inject markup.
 */

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }

/** Escapes text for an HTML text node or a quoted attribute value. */
export const esc = (value: unknown): string => String(value ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!)

/** Fixed decimal formatting, so output never depends on the locale. */
export const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : "–")

/** 12345 → "12 345" (thin-space groups; locale-independent). */
export const int = (n: number): string => {
  const s = Math.round(n).toString()
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, "\u2009")
}

export const truncate = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`)

/** A table from already-escaped cell HTML. `numeric` marks right-aligned columns. */
export const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, numeric: ReadonlyArray<number> = []): string => {
  const cls = (i: number) => (numeric.includes(i) ? " class=\"num\"" : "")
  if (rows.length === 0) return "<p class=\"empty\">None.</p>"
  return `<table><thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("")}</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`).join("")
  }</tbody></table>`
}

/** Code-unit order, independent of the locale (localeCompare is not). */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
