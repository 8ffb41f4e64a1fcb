/**
 * Speed of two taggers in one process: this checkout's `tagEntities` against another checkout's (OLD, the path of
 * its src/text/ner/index.ts, e.g. an export of an older commit with node_modules linked in), passes alternated over
 * the first 300 BBC articles of ../shared; prints the median new/old time ratio of 12 pairs. This VM's speed drifts
 * by 10-30 % over minutes, so only such in-process, alternated ratios compare two versions fairly.
 *
 *   git archive <commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   OLD=/tmp/old/src/text/ner/index.ts node scripts/ner-ab-speed.ts
 */
import { readFileSync } from "node:fs"
import { gunzipSync } from "node:zlib"

type Tagger = typeof import("../src/text/ner/index.ts")
const oldPath = process.env["OLD"]
if (oldPath === undefined) throw new Error("set OLD to the other checkout's src/text/ner/index.ts")
const A = (await import(oldPath)) as Tagger
const B = (await import("../src/text/ner/index.ts")) as Tagger
const corpus = new URL("../../shared/corpus/clean-bbc/bbc.jsonl.gz", import.meta.url)
const texts = gunzipSync(readFileSync(corpus)).toString("utf8").split("\n").filter((l) => l.trim() !== "").slice(0, 300)
  .map((l) => (JSON.parse(l) as { text: string }).text)
// the same simple sentence spans for both (the segmenter is not what is measured)
const spans = texts.map((t) => [...t.matchAll(/[^.!?\n]+(?:[.!?]+|$)/g)].filter((m) => m[0].trim() !== "").map((m) => ({ start: m.index, end: m.index + m[0].length })))
let tokens = 0
for (const t of texts) tokens += B.tokenize(t).length
const pass = (m: Tagger): number => {
  const t0 = performance.now()
  for (let k = 0; k < texts.length; k++) m.tagEntities(texts[k]!, spans[k]!)
  return performance.now() - t0
}
for (let w = 0; w < 2; w++) { pass(A); pass(B) } // JIT warm-up
const ratios: number[] = []
const ta: number[] = []
const tb: number[] = []
for (let r = 0; r < 12; r++) {
  const a = pass(A)
  const b = pass(B)
  ta.push(a)
  tb.push(b)
  ratios.push(b / a)
}
const median = (x: ReadonlyArray<number>) => [...x].sort((p, q) => p - q)[x.length >> 1]!
console.log(`median new/old time ${median(ratios).toFixed(3)} | old ${Math.round(tokens / (median(ta) / 1000))} tok/s, new ${Math.round(tokens / (median(tb) / 1000))} tok/s`)
