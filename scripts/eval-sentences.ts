// Sentence segmentation evaluation: Golden Rules pass rate and throughput vs plain Intl.Segmenter.
// Usage: npm run eval:sentences [-- --rounds N]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { splitParagraphs, splitSentences } from "../src/text/sentences.ts"

interface Rule {
  readonly id: number
  readonly text: string
  readonly expected: ReadonlyArray<string>
}

const root = new URL("..", import.meta.url).pathname
const fixture = JSON.parse(readFileSync(join(root, "test/fixtures/golden-rules.json"), "utf8")) as {
  rules: ReadonlyArray<Rule>
}
const icu = new Intl.Segmenter("en", { granularity: "sentence" })
const icuSplit = (t: string): string[] => [...icu.segment(t)].map((s) => s.segment.trim()).filter((s) => s !== "")
const ourSplit = (t: string): string[] => splitSentences(t).map((s) => t.slice(s.start, s.end))

const score = (name: string, split: (t: string) => string[]): number => {
  const failures: string[] = []
  for (const r of fixture.rules) {
    const got = split(r.text)
    if (JSON.stringify(got) !== JSON.stringify(r.expected)) failures.push(`  #${r.id}: ${JSON.stringify(got)}`)
  }
  const pass = fixture.rules.length - failures.length
  console.log(`${name}: Golden Rules ${pass}/${fixture.rules.length}`)
  for (const f of failures) console.log(f)
  return pass
}

console.log("== Golden Rules (English, pySBD / pragmatic_segmenter) ==")
score("broadsheet splitSentences", ourSplit)
score("plain Intl.Segmenter", icuSplit)

// --- throughput ---
const argRounds = process.argv.indexOf("--rounds")
const rounds = argRounds >= 0 ? Number(process.argv[argRounds + 1]) : 3
const corpusDir = join(root, "../shared/corpus")
const texts: string[] = []
if (existsSync(corpusDir)) {
  for (const d of readdirSync(corpusDir).sort()) {
    const dir = join(corpusDir, d)
    if (!statSync(dir).isDirectory()) continue
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(".jsonl.gz")) continue
      for (const line of gunzipSync(readFileSync(join(dir, f))).toString("utf8").split("\n")) {
        if (line.trim() === "") continue
        const t = (JSON.parse(line) as { text?: unknown }).text
        if (typeof t === "string" && t !== "") texts.push(t)
      }
    }
  }
}
if (texts.length === 0) {
  console.log("\n(no corpus under ../shared/corpus: throughput skipped)")
} else {
  let bytes = 0
  for (const t of texts) bytes += Buffer.byteLength(t, "utf8")
  const mb = bytes / 1e6
  // best of N rounds, after one warm-up, for both contestants in the same process
  const time = (fn: () => number): { secs: number; count: number } => {
    fn()
    let best = Infinity
    let count = 0
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now()
      count = fn()
      best = Math.min(best, (performance.now() - t0) / 1000)
    }
    return { secs: best, count }
  }
  const base = time(() => {
    let n = 0
    for (const t of texts) for (const _ of icu.segment(t)) n++
    return n
  })
  const ours = time(() => {
    let n = 0
    for (const t of texts) n += splitSentences(t).length
    return n
  })
  const withParas = time(() => {
    let n = 0
    for (const t of texts) for (const p of splitParagraphs(t)) n += splitSentences(t, p.start, p.end).length
    return n
  })
  console.log(`\n== Throughput on ../shared/corpus (${texts.length} texts, ${mb.toFixed(2)} MB UTF-8, best of ${rounds}) ==`)
  const line = (name: string, r: { secs: number; count: number }) =>
    console.log(`${name.padEnd(38)} ${(mb / r.secs).toFixed(1).padStart(7)} MB/s  ${String(r.count).padStart(8)} sentences`)
  line("plain Intl.Segmenter (baseline)", base)
  line("splitSentences(text)", ours)
  line("splitParagraphs + splitSentences", withParas)
  console.log(`ratio splitSentences / Intl.Segmenter: ${(base.secs / ours.secs).toFixed(2)}x speed`)
  const target = 20
  console.log(`target >= ${target} MB/s: ${mb / ours.secs >= target ? "met" : "NOT met"}`)
}
