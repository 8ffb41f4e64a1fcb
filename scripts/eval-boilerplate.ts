// Evaluates the boilerplate-line classifier against the hand-labelled sets of eval/boilerplate:
// labelled.jsonl (splits tune / heldout) and every heldout-N.jsonl (split heldoutN), with LineStats built
// over the WHOLE raw corpora (site = `source`) so repetition evidence is realistic - every split is
// classified against the same statistics; also reports line-statistics and MinHash throughput.
// The held-out set with the highest N is the unseen one: its errors are never listed. Every other split
// has been used for tuning (see eval/boilerplate/LABELLING.md); a new round adds heldout-(N+1).jsonl,
// which makes heldoutN tuning data without touching this script.
//
//   npm run eval:boilerplate                   # metrics, overall and per rule, for every split
//   node scripts/eval-boilerplate.ts --tuning  # leave the unseen split out entirely (use while tuning)
//   node scripts/eval-boilerplate.ts --tuning --errors  # also list misclassified lines of the tuning splits
//   node scripts/eval-boilerplate.ts --tuning --errors --next  # the latest set has been evaluated once and the
//                                              # next one is being labelled: every set present is tuning data
//
// Needs /work/shared/corpus (../shared); not part of the unit tests.
import { readdirSync, readFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import { splitLines, type Line } from "../src/text/lines.ts"
import { LineStats } from "../src/text/boilerplate/stats.ts"
import { classifyDocument } from "../src/text/boilerplate/classify.ts"
import { minhashSignature } from "../src/text/minhash.ts"
import { readRawCorpora } from "../eval/boilerplate/articles.ts"

const tuning = process.argv.includes("--tuning")
const EVAL_DIR = new URL("../eval/boilerplate/", import.meta.url).pathname
const heldoutFiles = readdirSync(EVAL_DIR)
  .flatMap((f) => { const m = /^heldout-(\d+)\.jsonl$/.exec(f); return m ? [{ file: f, n: Number(m[1]) }] : [] })
  .sort((a, b) => a.n - b.n)
// the split whose errors were never looked at: the latest held-out set (with --next, the one not yet written)
const UNSEEN = `heldout${heldoutFiles.at(-1)!.n + (process.argv.includes("--next") ? 1 : 0)}`
const showErrors = process.argv.includes("--errors")
// Errors are only ever listed for the splits used in tuning.
if (showErrors && !tuning) throw new Error(`--errors needs --tuning (${UNSEEN} errors are not to be listed)`)
const inRun = heldoutFiles.filter((h) => !tuning || `heldout${h.n}` !== UNSEEN)
const LABELLED = ["labelled.jsonl", ...inRun.map((h) => h.file)].map((f) => EVAL_DIR + f)
const SPLITS = ["tune", "heldout", ...inRun.map((h) => `heldout${h.n}`)]

interface Doc { id: string; source: string; text: string; lines: Line[] }
interface Labelled { id: string; source: string; split: string; lines: Array<{ lineNo: number; text: string; label: "content" | "boilerplate" }> }

const docs: Doc[] = (await readRawCorpora()).map((a) => ({ id: a.id, source: a.source, text: a.text, lines: [] }))
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text, "utf8"), 0)

// Pass 1: line statistics (split + shape + count), timed: best of 3 runs (the machine is shared).
let t0 = 0
let stats = new LineStats()
let statsMs = Infinity
for (let rep = 0; rep < 3; rep++) {
  t0 = performance.now()
  const s = new LineStats()
  for (const d of docs) {
    d.lines = splitLines(d.text)
    s.addDocument(d.source, d.lines)
  }
  statsMs = Math.min(statsMs, performance.now() - t0)
  stats = s
}
// Pass 2 throughput over the whole corpus (every document, not only the labelled ones).
let classifyAllMs = Infinity
for (let rep = 0; rep < 2; rep++) {
  t0 = performance.now()
  for (const d of docs) classifyDocument(d.lines, d.source, stats, false)
  classifyAllMs = Math.min(classifyAllMs, performance.now() - t0)
}

// MinHash throughput (best of 3 passes, after a warm-up).
let mhMs = Infinity
let sink = 0
for (let rep = 0; rep < 4; rep++) {
  t0 = performance.now()
  for (const d of docs) sink ^= minhashSignature(d.text)[0]!
  const ms = performance.now() - t0
  if (rep > 0) mhMs = Math.min(mhMs, ms)
}

// Pass 2: classify labelled articles.
const byId = new Map(docs.map((d) => [d.id, d]))
const labelled = LABELLED.flatMap((f) => readFileSync(f, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Labelled))

interface Counts { tp: number; fp: number; fn: number; tn: number }
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 })
const bySplit = new Map<string, Counts>([["all", zero()], ...SPLITS.map((s): [string, Counts] => [s, zero()])])
// Unseen articles whose text is a verbatim copy of a tuning article (same site page scraped twice
// under two ids) would be reported apart as "<unseen>*" (the draws exclude them).
const textOf = (a: Labelled): string => a.lines.map((l) => l.text.trim()).join("\n")
const tuningTexts = new Set(labelled.filter((a) => a.split !== UNSEEN).map(textOf))
const copies = labelled.filter((a) => a.split === UNSEEN && tuningTexts.has(textOf(a))).map((a) => a.id)
const STARRED = `${UNSEEN}*`
if (copies.length > 0) bySplit.set(STARRED, zero())
// per rule: lines flagged correctly / wrongly, overall and per split
interface RuleCounts { tp: number; fp: number; split: Map<string, { tp: number; fp: number }> }
const byRule = new Map<string, RuleCounts>()
const missesBySplit = new Map<string, number>()
const errors: string[] = []
let classifyMs = 0
let classifiedBytes = 0

for (const art of labelled) {
  const d = byId.get(art.id)
  if (d === undefined) throw new Error(`labelled article ${art.id} not in corpus`)
  t0 = performance.now()
  const decisions = classifyDocument(d.lines, d.source, stats, false)
  classifyMs += performance.now() - t0
  classifiedBytes += Buffer.byteLength(d.text, "utf8")
  const dec = new Map(decisions.map((x) => [x.lineNo, x]))
  for (const l of art.lines) {
    const x = dec.get(l.lineNo)
    if (x === undefined) throw new Error(`${art.id}: no decision for line ${l.lineNo}`)
    if (d.lines[l.lineNo]!.text !== l.text) throw new Error(`${art.id}: line ${l.lineNo} text differs from corpus`)
    const predBp = x.action === "remove" || x.action === "metadata"
    const goldBp = l.label === "boilerplate"
    for (const key of ["all", art.split, ...(art.split === UNSEEN && copies.length > 0 && !copies.includes(art.id) ? [STARRED] : [])]) {
      const c = bySplit.get(key)!
      if (predBp && goldBp) c.tp++
      else if (predBp && !goldBp) c.fp++
      else if (!predBp && goldBp) c.fn++
      else c.tn++
    }
    if (predBp) {
      const r = byRule.get(x.rule ?? "?") ?? { tp: 0, fp: 0, split: new Map() }
      const rs = r.split.get(art.split) ?? { tp: 0, fp: 0 }
      if (goldBp) { r.tp++; rs.tp++ } else { r.fp++; rs.fp++ }
      r.split.set(art.split, rs)
      byRule.set(x.rule ?? "?", r)
    }
    if (predBp !== goldBp) {
      missesBySplit.set(art.split, (missesBySplit.get(art.split) ?? 0) + 1)
      if (showErrors && art.split !== UNSEEN) {
        errors.push(`${goldBp ? "MISSED " : "WRONGLY"} ${art.split.padEnd(8)} ${art.source} ${art.id}#${l.lineNo} [${x.action}/${x.rule ?? "-"}] ${l.text.trim().slice(0, 100)} | ${x.evidence}`)
      }
    }
  }
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : "n/a")
console.log(`corpus: ${docs.length} docs, ${(bytes / 1e6).toFixed(2)} MB UTF-8, ${stats.siteCount} sites, ${stats.entries} stats entries (undercount bound ${stats.undercount})`)
console.log(`labelled: ${labelled.length} articles (${SPLITS.map((s) => `${labelled.filter((a) => a.split === s).length} ${s}`).join(" / ")})`)
if (copies.length > 0) console.log(`${STARRED} = ${UNSEEN} without ${copies.length} verbatim cop${copies.length === 1 ? "y" : "ies"} of tuning articles (${copies.join(", ")})`)
console.log("")
console.log("split     lines  bp_gold  bp_prec  bp_recall  content_prec  content_recall(kept)")
for (const [k, c] of bySplit) {
  const n = c.tp + c.fp + c.fn + c.tn
  console.log(`${k.padEnd(9)}${String(n).padStart(6)} ${String(c.tp + c.fn).padStart(8)}  ${f3(c.tp / (c.tp + c.fp)).padStart(7)}  ${f3(c.tp / (c.tp + c.fn)).padStart(9)}  ${f3(c.tn / (c.tn + c.fn)).padStart(12)}  ${f3(c.tn / (c.tn + c.fp)).padStart(14)}`)
}
console.log("")
console.log("rule (lines flagged: correct / wrong, precision; then correct/wrong per split)")
console.log(`  ${"".padEnd(20)} ${"all".padStart(10)}  ${"prec".padStart(5)}  ${SPLITS.map((s) => s.padStart(9)).join(" ")}`)
for (const [r, c] of [...byRule.entries()].sort((a, b) => (b[1].tp + b[1].fp) - (a[1].tp + a[1].fp) || (a[0] < b[0] ? -1 : 1))) {
  const per = SPLITS.map((s) => { const x = c.split.get(s); return (x === undefined ? "-" : `${x.tp}/${x.fp}`).padStart(9) }).join(" ")
  console.log(`  ${r.padEnd(20)} ${String(c.tp).padStart(4)} / ${String(c.fp).padStart(3)}  ${f3(c.tp / (c.tp + c.fp))}  ${per}`)
}
console.log("")
console.log(`throughput: line statistics (split+shape+count) ${(bytes / 1e6 / (statsMs / 1000)).toFixed(1)} MB/s (${statsMs.toFixed(0)} ms); ` +
  `classify ${(bytes / 1e6 / (classifyAllMs / 1000)).toFixed(1)} MB/s (${classifyAllMs.toFixed(0)} ms, whole corpus); MinHash ${(bytes / 1e6 / (mhMs / 1000)).toFixed(1)} MB/s (${mhMs.toFixed(0)} ms) [single core]`)
if (sink === 0.5) console.log("") // keep the MinHash loop observable
if (showErrors) {
  console.log("")
  console.log(`errors on the tuning splits (${errors.length}):`)
  for (const e of errors) console.log("  " + e)
}
