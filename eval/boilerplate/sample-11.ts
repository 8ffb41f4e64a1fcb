// Deterministic sample for the eleventh held-out set (heldout-11.jsonl, split heldout11), drawn in session 9 after
// heldout10 had been evaluated once (it then becomes tuning data like the others).
// Usage: node eval/boilerplate/sample-11.ts > /tmp/heldout11-candidates.jsonl
// Same draw as sample-7…10 (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-10.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261125, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl", "./heldout-8.jsonl", "./heldout-9.jsonl", "./heldout-10.jsonl"], "heldout11")
