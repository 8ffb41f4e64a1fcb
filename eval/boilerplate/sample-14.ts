// Deterministic sample for the fourteenth held-out set (heldout-14.jsonl, split heldout14), drawn in session 10 after
// heldout13 had been evaluated once (it then becomes tuning data like the others).
// Usage: node eval/boilerplate/sample-14.ts > /tmp/heldout14-candidates.jsonl
// Same draw as sample-7…13 (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-13.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261128, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl", "./heldout-8.jsonl", "./heldout-9.jsonl", "./heldout-10.jsonl", "./heldout-11.jsonl", "./heldout-12.jsonl", "./heldout-13.jsonl"], "heldout14")
