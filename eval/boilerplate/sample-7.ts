// Deterministic sample for the seventh held-out set (heldout-7.jsonl, split heldout7).
// Usage: node eval/boilerplate/sample-7.ts > /tmp/heldout7-candidates.jsonl
// Drawn after tune / heldout / heldout2 / heldout3 / heldout4 / heldout5 / heldout6 had all become tuning
// data. Excluded: every article of labelled.jsonl and heldout-2/3/4/5/6.jsonl, every article whose
// normalised text equals one of theirs, and exact duplicates within the draw (the first in
// seeded order is kept). No site without a labelled article is left, so the draw is new (never
// looked at) articles of already-labelled sites. So that no single article dominates the
// figures (heldout5's recall leaned on one 150-line press release), articles are capped at
// 100 non-blank lines. Strata, each in seeded-hash order, per-site cap 2 overall (drawKnownSites of articles.ts):
//   L. 3 long articles (61-100 non-blank lines), at most 1 per site;
//   F. 10 from raw-fakenewscorpus-sample (one per site, then a second);
//   K. one article per known site not yet drawn (as many sites as possible) up to 60 in all,
//      then a second per site if the total is not reached.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261125, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl"], "heldout7")
