// Deterministic sample for the eighth held-out set (heldout-8.jsonl, split heldout8), drawn in session 7 after
// heldout7 had been evaluated (it stays as it was: evaluated once, then tuning data like the others).
// Usage: node eval/boilerplate/sample-8.ts > /tmp/heldout8-candidates.jsonl
// Same draw as sample-7 (drawKnownSites of articles.ts: new articles of already-labelled sites, strata and caps
// as described there), excluding every article of labelled.jsonl and heldout-2 … heldout-7.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261122, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl"], "heldout8")
