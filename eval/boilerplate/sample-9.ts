// Deterministic sample for the ninth held-out set (heldout-9.jsonl, split heldout9), drawn in session 7 after
// heldout8 had been evaluated once (it then becomes tuning data like the others).
// Usage: node eval/boilerplate/sample-9.ts > /tmp/heldout9-candidates.jsonl
// Same draw as sample-7/8 (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-8.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261123, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl", "./heldout-8.jsonl"], "heldout9")
