// Deterministic sample for the twelfth held-out set (heldout-12.jsonl, split heldout12), drawn in session 10 after
// heldout11 had been evaluated once (it then becomes tuning data like the others).
// Usage: node eval/boilerplate/sample-12.ts > /tmp/heldout12-candidates.jsonl
// Same draw as sample-7…11 (drawKnownSites of articles.ts), excluding every article of labelled.jsonl and
// heldout-2 … heldout-11.jsonl.
import { drawKnownSites } from "./articles.ts"

await drawKnownSites(20261126, ["./labelled.jsonl", "./heldout-2.jsonl", "./heldout-3.jsonl", "./heldout-4.jsonl", "./heldout-5.jsonl", "./heldout-6.jsonl", "./heldout-7.jsonl", "./heldout-8.jsonl", "./heldout-9.jsonl", "./heldout-10.jsonl", "./heldout-11.jsonl"], "heldout12")
