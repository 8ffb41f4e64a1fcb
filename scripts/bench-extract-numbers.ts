/**
 * Throughput of extractQuantities / extractDates over the shared corpora.
 *   node scripts/bench-extract-numbers.ts [corpus-root=/work/shared/corpus] [rounds=3]
 * Reads every <root>/<name>/*.jsonl.gz (key `text`), reports MB/s (UTF-8 bytes) per extractor, best of `rounds`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { gunzipSync } from "node:zlib"
import { extractDates } from "../src/text/dates.ts"
import { extractQuantities } from "../src/text/quantities.ts"

const root = process.argv[2] ?? "/work/shared/corpus"
const rounds = Number(process.argv[3] ?? 3)
if (!existsSync(root)) {
  console.log(`no corpus at ${root}; nothing to benchmark`)
  process.exit(0)
}

const texts: string[] = []
for (const dir of readdirSync(root).sort()) {
  const d = join(root, dir)
  let files: string[]
  try { files = readdirSync(d).filter((f) => f.endsWith(".jsonl.gz")).sort() } catch { continue }
  for (const f of files) {
    for (const line of gunzipSync(readFileSync(join(d, f))).toString("utf8").split("\n")) {
      if (line.trim() === "") continue
      const t = (JSON.parse(line) as { text?: unknown }).text
      if (typeof t === "string") texts.push(t)
    }
  }
}
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0)
console.log(`${texts.length} docs, ${(bytes / 1e6).toFixed(1)} MB from ${root}`)

const pub = "2017-09-15"
const run = (name: string, f: (t: string) => number): void => {
  let best = Infinity
  let count = 0
  for (let r = 0; r < rounds; r++) {
    count = 0
    const t0 = process.hrtime.bigint()
    for (const t of texts) count += f(t)
    const sec = Number(process.hrtime.bigint() - t0) / 1e9
    best = Math.min(best, sec)
  }
  console.log(`${name.padEnd(18)} ${(bytes / 1e6 / best).toFixed(1).padStart(6)} MB/s  (${best.toFixed(2)} s, ${count} spans)`)
}
run("extractDates", (t) => extractDates(t, pub).length)
run("extractQuantities", (t) => extractQuantities(t).length) // includes its internal extractDates pass
