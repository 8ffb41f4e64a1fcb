// Deterministic sample for the sixth held-out set (heldout-6.jsonl, split heldout6).
// Usage: node eval/boilerplate/sample-6.ts > /tmp/heldout6-candidates.jsonl
// Drawn after tune / heldout / heldout2 / heldout3 / heldout4 / heldout5 had all become tuning
// data. Excluded: every article of labelled.jsonl and heldout-2/3/4/5.jsonl, every article whose
// normalised text equals one of theirs, and exact duplicates within the draw (the first in
// seeded order is kept). No site without a labelled article is left, so the draw is new (never
// looked at) articles of already-labelled sites. So that no single article dominates the
// figures (heldout5's recall leaned on one 150-line press release), articles are capped at
// 100 non-blank lines. Strata, each in seeded-hash order, per-site cap 2 overall:
//   L. 3 long articles (61-100 non-blank lines), at most 1 per site;
//   F. 10 from raw-fakenewscorpus-sample (one per site, then a second);
//   K. one article per known site not yet drawn (as many sites as possible) up to 60 in all,
//      then a second per site if the total is not reached.
import { heldoutPool, normalised, printCandidates, stratifiedDraw } from "./articles.ts"

const SEED = 20261124
const LONG_TAKE = 3
const TOTAL = 60
const FAKENEWS_MIN = 10
const PER_SITE_CAP = 2
const MAX_LINES = 100

const { pool } = await heldoutPool(SEED, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl"], MAX_LINES)

const { picked, take } = stratifiedDraw(pool, (a) => normalised(a.text))
take((a) => a.nb > 60, LONG_TAKE, 1)
const fakenews = (a: { corpus: string }): boolean => a.corpus === "fakenewscorpus"
take(fakenews, FAKENEWS_MIN - picked.filter(fakenews).length, 1)
take(fakenews, FAKENEWS_MIN - picked.filter(fakenews).length, PER_SITE_CAP)
take(() => true, TOTAL - picked.length, 1)
take(() => true, TOTAL - picked.length, PER_SITE_CAP)

printCandidates(picked, "heldout6")
