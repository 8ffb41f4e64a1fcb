// Deterministic draw of BBC articles (../shared/corpus/clean-bbc) for the real-news NER set (bbc-gold-*.jsonl).
// Only sport, tech and politics from politics/300 on: train-ner's self-training reads the corpus in file order
// (business, entertainment, politics, sport, tech) and stops at 4,000 confident sentences, which the shipped model
// reaches at business/487, so these articles were never self-training data. Articles of 120–550 words, ordered by
// sha256(seed + id) within each category; the first `per` of each category.
// Articles already in a gold file (eval/ner/bbc-gold-*.jsonl) are never drawn again.
// Usage: node eval/ner/bbc-sample.ts SEED PER > ids.txt
// Sets: a and b = seed 20261122, 12 per category (before any gold file existed; a = the first 6 of each category);
// c = seed 20261123, 6 per category; d = seed 20261124, e = seed 20261125, 6 per category each; f = seed 20261126, g = seed 20261127, 6 per category each; h = seed 20261128, i = seed 20261129, j = seed 20261130, k = seed 20261201, l = seed 20261205, m = seed 20261207, n = seed 20261208, o = seed 20261211; next: p = seed 20261214.
import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"

const [seed, per] = process.argv.slice(2)
if (seed === undefined || !Number.isInteger(Number(per))) throw new Error("usage: bbc-sample.ts SEED PER")
const file = new URL("../../../shared/corpus/clean-bbc/bbc.jsonl.gz", import.meta.url)
const arts = gunzipSync(readFileSync(file)).toString("utf8").split("\n").filter((l) => l.trim() !== "")
  .map((l) => JSON.parse(l) as { id: string; text: string })
const dir = new URL("./", import.meta.url)
const taken = new Set(readdirSync(dir).filter((f) => /^bbc-gold-.*\.jsonl$/.test(f))
  .flatMap((f) => readFileSync(new URL(f, dir), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => (JSON.parse(l) as { id: string }).id)))
const eligible = (id: string) => !taken.has(id) && (id.startsWith("sport/") || id.startsWith("tech/") || (id.startsWith("politics/") && Number(id.slice(9)) >= 300))
const words = (t: string) => t.split(/\s+/).filter(Boolean).length
const key = (id: string) => createHash("sha256").update(`${seed}:${id}`).digest("hex")
for (const cat of ["politics", "sport", "tech"]) {
  const pool = arts.filter((a) => a.id.startsWith(`${cat}/`) && eligible(a.id) && words(a.text) >= 120 && words(a.text) <= 550)
  pool.sort((a, b) => (key(a.id) < key(b.id) ? -1 : 1))
  for (const a of pool.slice(0, Number(per))) console.log(a.id)
}
