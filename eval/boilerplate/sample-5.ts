// Deterministic sample for the fifth held-out set (heldout-5.jsonl, split heldout5).
// Usage: node eval/boilerplate/sample-5.ts > /tmp/heldout5-candidates.jsonl
// Drawn after tune / heldout / heldout2 / heldout3 / heldout4 had all become tuning data.
// Excluded: every article of labelled.jsonl and heldout-2/3/4.jsonl, every article whose
// normalised text equals one of theirs, and exact duplicates within the draw (the first in
// seeded order is kept). Sites with no labelled article are nearly exhausted, so most of the
// draw is new (never looked at) articles of already-labelled sites. Strata, each in
// seeded-hash order, per-site cap 2 overall:
//   L. up to 5 long articles (61-150 non-blank lines), at most 1 per site;
//   A. articles of sites with no article in any earlier split, at most 1 per site first,
//      then a second;
//   B. new articles of known sites: 10 from raw-fakenewscorpus-sample first (one per site,
//      then a second: 9, as only 5 of its known sites have articles left), then one
//      per known site not yet drawn (spread over as many sites as possible) up to 60 in all,
//      then a second per site if the total is not reached.
import { type Art, heldoutPool, normalised, printCandidates, stratifiedDraw } from "./articles.ts"

const SEED = 20261123
const LONG_TAKE = 5
const NEW_SITE_TAKE = 20
const TOTAL = 60
const KNOWN_FAKENEWS_MIN = 10
const PER_SITE_CAP = 2
const MAX_LINES = 150

const { pool, knownSites } = await heldoutPool(SEED, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl"], MAX_LINES)

const { picked, take } = stratifiedDraw(pool, (a) => normalised(a.text))
const isNew = (a: Art): boolean => !knownSites.has(a.source)
take((a) => a.nb > 60, LONG_TAKE, 1)
take((a) => isNew(a), NEW_SITE_TAKE, 1)
take((a) => isNew(a), NEW_SITE_TAKE, PER_SITE_CAP)
const fakenews = (a: Art): boolean => !isNew(a) && a.corpus === "fakenewscorpus"
take(fakenews, KNOWN_FAKENEWS_MIN, 1)
take(fakenews, KNOWN_FAKENEWS_MIN - picked.filter(fakenews).length, PER_SITE_CAP)
take((a) => !isNew(a), TOTAL - picked.length, 1)
take((a) => !isNew(a), TOTAL - picked.length, PER_SITE_CAP)

printCandidates(picked, "heldout5")
