/** Exact-span counting for the NER evaluations (scripts/eval-ner.ts, scripts/eval-ner-bbc.ts). */

export const TYPES = ["PER", "ORG", "LOC", "MISC"] as const

export interface Counts {
  tp: number
  fp: number
  fn: number
}

export const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 })

export const prf = (c: Counts): { p: number; r: number; f1: number } => {
  const p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0
  const r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0
  return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 }
}
