// Deterministic sample of articles for the boilerplate labelling set.
// Usage: node eval/boilerplate/sample.ts > /tmp/candidates.jsonl
// Reads the raw corpora in ../shared (not shipped); picks articles in a seeded
// order with a per-site cap, and assigns each
// to the "tune" or "heldout" split by a seeded hash of its id.
import { createReadStream } from "node:fs"
import { createGunzip } from "node:zlib"
import { createInterface } from "node:readline"
import { splitLines, isBlankLine } from "../../src/text/lines.ts"
import { hashKey } from "../../src/text/boilerplate/shape.ts"

const SEED = 20240611
const CORPORA = [
  { file: "/work/shared/corpus/raw-fakehealth/fakehealth.jsonl.gz", take: 105, perSiteCap: 8 },
  { file: "/work/shared/corpus/raw-fakenewscorpus-sample/news_sample.jsonl.gz", take: 45, perSiteCap: 15 }
]
// labelling budget: skip very long articles (documented in LABELLING.md)
const MAX_NONBLANK_LINES = 60

interface Art { id: string; source: string; text: string; h: number }

async function read(file: string): Promise<Art[]> {
  const out: Art[] = []
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })
  for await (const l of rl) {
    if (l.trim() === "") continue
    const d = JSON.parse(l) as { id: unknown; source: unknown; text: unknown }
    const text = String(d.text ?? "").replace(/\r\n?/g, "\n")
    const nb = splitLines(text).filter((x) => !isBlankLine(x.text)).length
    if (nb === 0 || nb > MAX_NONBLANK_LINES) continue
    out.push({ id: String(d.id), source: String(d.source), text, h: hashKey(`${SEED}:${String(d.id)}`) })
  }
  return out
}

for (const c of CORPORA) {
  const arts = (await read(c.file)).sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1))
  // seeded order, roughly proportional to site size, with a per-site cap so the
  // big sites (eurekalert, healthday, beforeitsnews) do not dominate
  const perSite = new Map<string, number>()
  const picked: Art[] = []
  for (const a of arts) {
    if (picked.length >= c.take) break
    const n = perSite.get(a.source) ?? 0
    if (n >= c.perSiteCap) continue
    perSite.set(a.source, n + 1)
    picked.push(a)
  }
  for (const a of picked) {
    const split = hashKey(`${SEED}:split:${a.id}`) % 3 === 0 ? "heldout" : "tune"
    const lines = splitLines(a.text).filter((x) => !isBlankLine(x.text)).map((x) => ({ lineNo: x.lineNo, text: x.text }))
    console.log(JSON.stringify({ id: a.id, source: a.source, split, lines }))
  }
}
