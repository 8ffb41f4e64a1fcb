// Deterministic sample for the third held-out set (heldout-3.jsonl, split heldout3).
// Usage: node eval/boilerplate/sample-3.ts > /tmp/heldout3-candidates.jsonl
// Drawn after tune / heldout / heldout2 had all become tuning data, to judge
// generalisation: every article of labelled.jsonl and heldout-2.jsonl is excluded,
// and most of the draw comes from sites that have no article in any earlier split
// (new sites: their repetition evidence, head/tail shapes and widgets were never
// looked at). Strata, each in seeded-hash order, per-site cap 2 overall:
//   L. 6 long articles (61-150 non-blank lines; the new sites have none, so these come
//      from known sites), at most 1 per site;
//   A. 40 articles from new sites (first pass at most 1 per site, then a second);
//   B. 24 more unlabelled articles of sites already labelled (new articles of known
//      sites), at least 8 of them from raw-fakenewscorpus-sample.
// 70 articles in all.
import { readFileSync } from "node:fs"
import { type Art, printCandidates, readArticles, stratifiedDraw } from "./articles.ts"

const SEED = 20261121
const LONG_TAKE = 6
const NEW_SITE_TAKE = 40
const KNOWN_SITE_TAKE = 24
const KNOWN_FAKENEWS_MIN = 8
const PER_SITE_CAP = 2
const MAX_LINES = 150

const earlier = ["./labelled.jsonl", "./heldout-2.jsonl"].flatMap((f) => readFileSync(new URL(f, import.meta.url), "utf8").split("\n")
  .filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as { id: string; source: string }))
const already = new Set(earlier.map((a) => a.id))
const knownSites = new Set(earlier.map((a) => a.source))

const all: Art[] = await readArticles(SEED)
const pool = all.filter((a) => !already.has(a.id) && a.nb > 0 && a.nb <= MAX_LINES)
  .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))

const { picked, take } = stratifiedDraw(pool)
const isNew = (a: Art): boolean => !knownSites.has(a.source)
take((a) => a.nb > 60, LONG_TAKE, 1)
take((a) => isNew(a), NEW_SITE_TAKE, 1)
take((a) => isNew(a), LONG_TAKE + NEW_SITE_TAKE - picked.length, PER_SITE_CAP)
take((a) => !isNew(a) && a.corpus === "fakenewscorpus", KNOWN_FAKENEWS_MIN, PER_SITE_CAP)
take((a) => !isNew(a), LONG_TAKE + NEW_SITE_TAKE + KNOWN_SITE_TAKE - picked.length, PER_SITE_CAP)

printCandidates(picked, "heldout3")
