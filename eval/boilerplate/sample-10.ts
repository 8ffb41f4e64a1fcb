// Deterministic sample for the tenth held-out set (heldout-10.jsonl, split heldout10), drawn in session 8 after
// heldout9 had been evaluated once (it then becomes tuning data like the others).
// Usage: node eval/boilerplate/sample-10.ts > /tmp/heldout10-candidates.jsonl
// Same draw as sample-7/8/9 (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-9.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261124, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl", "./heldout-8.jsonl", "./heldout-9.jsonl"], "heldout10")
