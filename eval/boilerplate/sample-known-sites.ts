// Deterministic sample for held-out set N (heldout-N.jsonl, split heldoutN), N >= 6: 60 new articles of
// already-labelled sites (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-(N-1).jsonl. Draw set N only after set N-1 has been evaluated once.
// Also excluded: every article whose normalised text equals one of theirs, and exact duplicates within the draw
// (the first in seeded order is kept). Articles are capped at 100 non-blank lines so that no single article
// dominates the figures. Strata, each in seeded-hash order, per-site cap 2 overall: 3 long articles (61-100
// non-blank lines, at most 1 per site); 10 from raw-fakenewscorpus-sample (one per site, then a second); then one
// article per known site not yet drawn up to 60 in all, then a second per site if the total is not reached.
// Usage: node eval/boilerplate/sample-known-sites.ts N SEED > /tmp/heldoutN-candidates.jsonl
// Seeds used so far (each set is reproduced byte for byte by its line): 6 20261124, 7 20261125, 8 20261122,
// 9 20261123, 10 20261124, 11 20261125, 12 20261126, 13 20261127, 14 20261128, 15 20261129, 16 20261130, 17 20261201, 18 20261202, 19 20261203, 20 20261204, 21 20261206, 22 20261209, 23 20261210; next: 24 20261212.
import { drawKnownSites } from "./articles.ts"

const [n, seed] = process.argv.slice(2).map(Number)
if (!Number.isInteger(n) || n! < 6 || !Number.isInteger(seed)) throw new Error("usage: sample-known-sites.ts N SEED (N >= 6)")
const earlier = ["./labelled.jsonl", ...Array.from({ length: n! - 2 }, (_, k) => `./heldout-${k + 2}.jsonl`)]
await drawKnownSites(seed!, earlier, `heldout${n}`)
