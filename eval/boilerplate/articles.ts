// The raw corpora the held-out samples are drawn from, read once into memory (a few thousand
// articles): each with its non-blank line count and a seeded hash of its id, the sampling order.
import { createReadStream, readFileSync } from "node:fs"
import { createInterface } from "node:readline"
import { createGunzip } from "node:zlib"
import { hashKey } from "../../src/text/boilerplate/shape.ts"
import { isBlankLine, splitLines } from "../../src/text/lines.ts"

// ../shared/corpus beside the repository, or BROADSHEET_SHARED (a folder ending in "/").
const SHARED = process.env.BROADSHEET_SHARED ?? new URL("../../../shared/corpus/", import.meta.url).pathname

export const RAW_CORPORA = [
  { corpus: "fakehealth", file: `${SHARED}raw-fakehealth/fakehealth.jsonl.gz` },
  { corpus: "fakenewscorpus", file: `${SHARED}raw-fakenewscorpus-sample/news_sample.jsonl.gz` }
] as const

export interface RawArticle { id: string; source: string; corpus: string; text: string }
export interface Art extends RawArticle { nb: number; h: number }

/** Every article of the raw corpora, in file order, text with LF line ends. */
export async function readRawCorpora(): Promise<RawArticle[]> {
  const all: RawArticle[] = []
  for (const c of RAW_CORPORA) {
    const rl = createInterface({ input: createReadStream(c.file).pipe(createGunzip()), crlfDelay: Infinity })
    for await (const l of rl) {
      if (l.trim() === "") continue
      const d = JSON.parse(l) as { id: unknown; source: unknown; text: unknown }
      all.push({ id: String(d.id), source: String(d.source), corpus: c.corpus, text: String(d.text ?? "").replace(/\r\n?/g, "\n") })
    }
  }
  return all
}

/** The raw articles with their non-blank line count and their place in the seeded sampling order. */
export async function readArticles(seed: number): Promise<Art[]> {
  return (await readRawCorpora()).map((a) => ({
    ...a,
    nb: splitLines(a.text).filter((x) => !isBlankLine(x.text)).length,
    h: hashKey(`${seed}:${a.id}`)
  }))
}

/**
 * A seeded stratified draw over `pool` (already in sampling order): each `take(pred, n, cap)` adds up
 * to n more articles that pass pred, at most `cap` per site over the whole draw. With `key`, an article
 * whose key was drawn already (an exact duplicate under another id) is skipped.
 */
export function stratifiedDraw(pool: ReadonlyArray<Art>, key?: (a: Art) => string): {
  picked: Art[]
  take: (pred: (a: Art) => boolean, n: number, cap: number) => void
} {
  const picked: Art[] = []
  const keys = new Set<string>()
  const perSite = new Map<string, number>()
  const take = (pred: (a: Art) => boolean, n: number, cap: number): void => {
    let got = 0
    for (const a of pool) {
      if (got >= n) break
      if (picked.includes(a) || (perSite.get(a.source) ?? 0) >= cap || !pred(a)) continue
      const k = key?.(a)
      if (k !== undefined && keys.has(k)) continue
      if (k !== undefined) keys.add(k)
      picked.push(a); perSite.set(a.source, (perSite.get(a.source) ?? 0) + 1); got++
    }
  }
  return { picked, take }
}

/** Text compared for copies: non-blank lines, white space (NBSP and zero-width included) folded. */
export const normalised = (text: string): string => splitLines(text).map((l) => l.text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim())
  .filter((l) => l !== "").join("\n")

/**
 * The pool of a held-out draw, in seeded order: articles of up to maxLines non-blank lines, minus every
 * article of the earlier labelled files (names relative to this folder) and every article whose
 * normalised text equals one of theirs (copies under other ids); with the earlier splits' sites.
 */
export async function heldoutPool(seed: number, earlierFiles: ReadonlyArray<string>, maxLines: number): Promise<{ pool: Art[]; knownSites: Set<string> }> {
  const earlier = earlierFiles.flatMap((f) => readFileSync(new URL(f, import.meta.url), "utf8").split("\n")
    .filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as { id: string; source: string }))
  const already = new Set(earlier.map((a) => a.id))
  const all = await readArticles(seed)
  const earlierTexts = new Set(all.filter((a) => already.has(a.id)).map((a) => normalised(a.text)))
  const pool = all.filter((a) => !already.has(a.id) && a.nb > 0 && a.nb <= maxLines && !earlierTexts.has(normalised(a.text)))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))
  return { pool, knownSites: new Set(earlier.map((a) => a.source)) }
}

/** Prints the drawn articles as labelling candidates: one JSON line each, with their non-blank lines. */
export function printCandidates(picked: ReadonlyArray<Art>, split: string): void {
  for (const a of picked) {
    const lines = splitLines(a.text).filter((x) => !isBlankLine(x.text)).map((x) => ({ lineNo: x.lineNo, text: x.text }))
    console.log(JSON.stringify({ id: a.id, source: a.source, split, lines }))
  }
}

/**
 * The draw of held-out sets 6 and later (sample-known-sites.ts; known sites only): 3 long articles (61+ non-blank
 * lines, 1 per site), then raw-fakenewscorpus-sample articles up to 10 (one per site, then a second), then one
 * article per site up to 60 in all, then a second per site; per-site cap 2, articles of up to 100 non-blank lines,
 * copies of drawn texts skipped. Prints the candidates as `split`.
 */
export async function drawKnownSites(seed: number, earlierFiles: ReadonlyArray<string>, split: string): Promise<void> {
  const LONG_TAKE = 3, TOTAL = 60, FAKENEWS_MIN = 10, PER_SITE_CAP = 2, MAX_LINES = 100
  const { pool } = await heldoutPool(seed, earlierFiles, MAX_LINES)
  const { picked, take } = stratifiedDraw(pool, (a) => normalised(a.text))
  take((a) => a.nb > 60, LONG_TAKE, 1)
  const fakenews = (a: { corpus: string }): boolean => a.corpus === "fakenewscorpus"
  take(fakenews, FAKENEWS_MIN - picked.filter(fakenews).length, 1)
  take(fakenews, FAKENEWS_MIN - picked.filter(fakenews).length, PER_SITE_CAP)
  take(() => true, TOTAL - picked.length, 1)
  take(() => true, TOTAL - picked.length, PER_SITE_CAP)
  printCandidates(picked, split)
}
