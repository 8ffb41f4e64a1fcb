// Deterministic sample for the fourth held-out set (heldout-4.jsonl, split heldout4).
// Usage: node eval/boilerplate/sample-4.ts > /tmp/heldout4-candidates.jsonl
// Drawn after tune / heldout / heldout2 / heldout3 had all become tuning data. Excluded:
// every article of labelled.jsonl, heldout-2.jsonl and heldout-3.jsonl, every article whose
// normalised text equals one of theirs (heldout3 held verbatim copies of tuning articles under
// other ids), and exact duplicates within the draw (the first in seeded order is kept).
// Strata, each in seeded-hash order, per-site cap 2 overall:
//   L. up to 5 long articles (61-150 non-blank lines), at most 1 per site: only 3 sites, all
//      known ones, have one left (prnewswire.com, nytimes.com, beforeitsnews.com), so 3;
//   A. articles of sites with no article in any earlier split (first pass at most 1 per site,
//      then a second), up to 32: the 27 such sites have 30 under the cap;
//   B. more unlabelled articles of sites already labelled up to 66 in all, at least 10 of them
//      from raw-fakenewscorpus-sample.
import { type Art, heldoutPool, normalised, printCandidates, stratifiedDraw } from "./articles.ts"

const SEED = 20261122
const LONG_TAKE = 5
const NEW_SITE_TAKE = 32
const TOTAL = 66
const KNOWN_FAKENEWS_MIN = 10
const PER_SITE_CAP = 2
const MAX_LINES = 150

const { pool, knownSites } = await heldoutPool(SEED, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl"], MAX_LINES)

const { picked, take } = stratifiedDraw(pool, (a) => normalised(a.text))
const isNew = (a: Art): boolean => !knownSites.has(a.source)
take((a) => a.nb > 60, LONG_TAKE, 1)
take((a) => isNew(a), NEW_SITE_TAKE, 1)
take((a) => isNew(a), LONG_TAKE + NEW_SITE_TAKE - picked.length, PER_SITE_CAP)
take((a) => !isNew(a) && a.corpus === "fakenewscorpus", KNOWN_FAKENEWS_MIN, PER_SITE_CAP)
take((a) => !isNew(a), TOTAL - picked.length, PER_SITE_CAP)

printCandidates(picked, "heldout4")
