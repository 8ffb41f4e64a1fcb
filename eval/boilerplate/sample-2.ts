// Deterministic sample for the second held-out set (heldout-2.jsonl).
// Usage: node eval/boilerplate/sample-2.ts > /tmp/heldout2-candidates.jsonl
// Differences from sample.ts (whose sample under-represented long articles and
// tiny sites): every article already in labelled.jsonl is excluded; the draw is
// stratified so that long articles (61-150 non-blank lines) and sites with only
// one or two documents in the corpora are present; per-site cap 2 so no big
// site dominates. Order inside each stratum: seeded hash of the id.
import { readFileSync } from "node:fs"
import { type Art, printCandidates, readArticles } from "./articles.ts"

const SEED = 20250917
const TOTAL = 64
const LONG_TAKE = 8 // articles with > 60 non-blank lines
const SMALL_SITE_TAKE = 16 // articles from sites with <= 2 documents
const FAKENEWS_MIN = 20 // articles from raw-fakenewscorpus-sample
const PER_SITE_CAP = 2
const MAX_LINES = 150 // labelling budget (only one article in the corpora is longer)

const already = new Set(readFileSync(new URL("./labelled.jsonl", import.meta.url), "utf8").split("\n")
  .filter((l) => l.trim() !== "").map((l) => (JSON.parse(l) as { id: string }).id))

const all: Art[] = await readArticles(SEED)
const siteSize = new Map<string, number>()
for (const a of all) siteSize.set(a.source, (siteSize.get(a.source) ?? 0) + 1)
const pool = all.filter((a) => !already.has(a.id) && a.nb > 0 && a.nb <= MAX_LINES)
  .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))

const picked: Art[] = []
const perSite = new Map<string, number>()
const take = (pred: (a: Art) => boolean, n: number): void => {
  let got = 0
  for (const a of pool) {
    if (got >= n || picked.length >= TOTAL) break
    if (picked.includes(a) || (perSite.get(a.source) ?? 0) >= PER_SITE_CAP || !pred(a)) continue
    picked.push(a); perSite.set(a.source, (perSite.get(a.source) ?? 0) + 1); got++
  }
}
take((a) => a.nb > 60, LONG_TAKE)
take((a) => siteSize.get(a.source)! <= 2, SMALL_SITE_TAKE)
take((a) => a.corpus === "fakenewscorpus", FAKENEWS_MIN - picked.filter((a) => a.corpus === "fakenewscorpus").length)
take(() => true, TOTAL - picked.length)

printCandidates(picked, "heldout2")
