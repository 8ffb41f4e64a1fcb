// Deterministic sample for the thirteenth held-out set (heldout-13.jsonl, split heldout13), drawn in session 10 after
// heldout12 had been evaluated once (it then becomes tuning data like the others).
// Usage: node eval/boilerplate/sample-13.ts > /tmp/heldout13-candidates.jsonl
// Same draw as sample-7…12 (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-12.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261127, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl", "./heldout-8.jsonl", "./heldout-9.jsonl", "./heldout-10.jsonl", "./heldout-11.jsonl", "./heldout-12.jsonl"], "heldout13")
