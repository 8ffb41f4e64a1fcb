/**
 * Real-news NER check: BBC articles (../shared/corpus/clean-bbc) labelled by hand with CoNLL-2003
 * conventions, scored through the path the extract stage uses (sentences from src/text/sentences.ts,
 * then `documentEntities`: tagger, document pass, mention repairs), exact character spans.
 *
 * The gold files (eval/ner/bbc-gold-<set>.jsonl) hold only ids, offsets, types and the entity strings;
 * the article text is read from ../shared (the BBC's copyright: not redistributed here). Every set in BBC_SETS has
 * been scored once and is tuning data; a new set's gold file stays out of BBC_SETS until that one score. An article
 * whose text is the same as one of an earlier set's (the corpus has a few duplicates: set d's tech/178 is set
 * b's tech/130) is scored with the earlier set only.
 *
 *   node scripts/eval-ner-bbc.ts               # P / R / F1 per set and type
 *   node scripts/eval-ner-bbc.ts --errors b    # list set b's errors (sets of BBC_SETS only)
 */
import { existsSync, readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"
import { documentEntities } from "../src/text/mention-repair.ts"
import { splitParagraphs, splitSentences } from "../src/text/sentences.ts"
import { type Counts, prf, TYPES, zero } from "./span-scores.ts"

const ROOT = new URL("../", import.meta.url)
/**
 * Sets in the order they were labelled. Each was held out until scored once after a freeze (b in round 1, c in
 * round 2 of session 11, d and e in rounds 3 and 4 of session 12, f and g in session 13, h, i and j in session 14) and
 * is tuning data since. A new set (`node eval/ner/bbc-sample.ts SEED 6`, the seeds in bbc-sample.ts) is labelled
 * while a round's rules are written, committed alone, and added here only to be scored once after the freeze.
 */
export const BBC_SETS = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o"] as const

interface GoldEntity {
  readonly start: number
  readonly end: number
  readonly type: string
  readonly text: string
}
interface GoldDoc {
  readonly id: string
  readonly entities: ReadonlyArray<GoldEntity>
}

export interface Prf {
  readonly p: number
  readonly r: number
  readonly f1: number
  readonly support: number
}

/** The BBC corpus's texts by id, in file order; null without ../shared. */
export const bbcTexts = (): Map<string, string> | null => {
  const url = new URL("../shared/corpus/clean-bbc/bbc.jsonl.gz", ROOT)
  if (!existsSync(url)) return null
  const out = new Map<string, string>()
  for (const line of gunzipSync(readFileSync(url)).toString("utf8").split("\n")) {
    if (line.trim() === "") continue
    const r = JSON.parse(line) as { id: string; text: string }
    out.set(r.id, r.text)
  }
  return out
}

// Each gold file is read once per process: scoring a set also reads the earlier sets (for duplicate articles).
const golds = new Map<string, ReadonlyArray<GoldDoc> | null>()
const goldOf = (set: string): ReadonlyArray<GoldDoc> | null => {
  let gold = golds.get(set)
  if (gold === undefined) {
    const url = new URL(`eval/ner/bbc-gold-${set}.jsonl`, ROOT)
    gold = existsSync(url) ? readFileSync(url, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as GoldDoc) : null
    golds.set(set, gold)
  }
  return gold
}

/** Sentence spans as the segment stage finds them. */
const sentencesOf = (text: string) => splitParagraphs(text).flatMap((p) => splitSentences(text, p.start, p.end))

export interface BbcError {
  readonly id: string
  readonly kind: "missed" | "spurious"
  readonly type: string
  readonly text: string
  readonly context: string
}

/** Scores one set: per type and ALL (micro), plus its errors. Null when the set or the corpus is missing. */
export function scoreBbcSet(set: string, texts = bbcTexts()): { scores: Record<string, Prf>; errors: Array<BbcError>; docs: number } | null {
  const gold = goldOf(set)
  if (gold === null || texts === null) return null
  const counts = new Map<string, Counts>([...TYPES, "ALL"].map((t) => [t, zero()]))
  const errors: Array<BbcError> = []
  // texts of the sets labelled before this one: a duplicate article counts there only
  const earlier = new Set(BBC_SETS.slice(0, BBC_SETS.indexOf(set as (typeof BBC_SETS)[number]))
    .flatMap((s) => (goldOf(s) ?? []).map((d) => texts.get(d.id))))
  let docs = 0
  for (const doc of gold) {
    const text = texts.get(doc.id)
    if (text === undefined) throw new Error(`bbc-gold-${set}: no article ${doc.id} in the BBC corpus`)
    if (earlier.has(text)) continue
    docs++
    for (const e of doc.entities) {
      if (text.slice(e.start, e.end) !== e.text) throw new Error(`bbc-gold-${set} ${doc.id}: [${e.start}, ${e.end}) is not "${e.text}"`)
    }
    const key = (e: { start: number; end: number; type: string }) => `${e.start}:${e.end}:${e.type}`
    const goldKeys = new Set(doc.entities.map(key))
    const pred = documentEntities(text, sentencesOf(text))
    const predKeys = new Set(pred.map(key))
    const context = (s: number, e: number) => `${text.slice(Math.max(0, s - 40), s)}[${text.slice(s, e)}]${text.slice(e, e + 40)}`.replace(/\s+/g, " ")
    for (const p of pred) {
      const hit = goldKeys.has(key(p))
      for (const t of [p.type, "ALL"]) counts.get(t)![hit ? "tp" : "fp"]++
      if (!hit) errors.push({ id: doc.id, kind: "spurious", type: p.type, text: p.text, context: context(p.start, p.end) })
    }
    for (const g of doc.entities) {
      if (predKeys.has(key(g))) continue
      for (const t of [g.type, "ALL"]) counts.get(t)!.fn++
      errors.push({ id: doc.id, kind: "missed", type: g.type, text: g.text, context: context(g.start, g.end) })
    }
  }
  const scores: Record<string, Prf> = {}
  for (const [t, c] of counts) scores[t] = { ...prf(c), support: c.tp + c.fn }
  return { scores, errors, docs }
}

/** Every set present, scored; empty when ../shared is missing. */
export function scoreBbc(texts = bbcTexts()): Record<string, Record<string, Prf>> {
  const out: Record<string, Record<string, Prf>> = {}
  for (const set of BBC_SETS) {
    const res = scoreBbcSet(set, texts)
    if (res !== null) out[`bbc-${set}`] = res.scores
  }
  return out
}

export const formatBbcRow = (name: string, s: Record<string, Prf>): string =>
  `${name.padEnd(8)} ${[...TYPES, "ALL"].map((t) => `${t} ${(100 * s[t]!.f1).toFixed(1)}`).join("  ")}  (P ${(100 * s["ALL"]!.p).toFixed(1)} R ${(100 * s["ALL"]!.r).toFixed(1)}, ${s["ALL"]!.support} entities)`

function main(): void {
  const ei = process.argv.indexOf("--errors")
  if (ei >= 0) {
    const set = process.argv[ei + 1] ?? ""
    if (!(BBC_SETS as ReadonlyArray<string>).includes(set)) throw new Error(`--errors ${set}: only a set scored once (${BBC_SETS.join(", ")}) may be listed`)
    const res = scoreBbcSet(set)
    if (res === null) throw new Error(`bbc-gold-${set}.jsonl or ../shared/corpus/clean-bbc is missing`)
    for (const e of res.errors) console.log(`${e.kind.padEnd(8)} ${e.type.padEnd(4)} ${e.id.padEnd(13)} ${e.context}`)
    console.log(formatBbcRow(`bbc-${set}`, res.scores))
    return
  }
  const all = scoreBbc()
  if (Object.keys(all).length === 0) console.log("no BBC gold set or no ../shared/corpus/clean-bbc")
  for (const [name, s] of Object.entries(all)) console.log(formatBbcRow(name, s))
}

if (import.meta.main) main()
