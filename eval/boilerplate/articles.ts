// The raw corpora the held-out samples are drawn from, read once into memory (a few thousand
// articles): each with its non-blank line count and a seeded hash of its id, the sampling order.
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"
import { createGunzip } from "node:zlib"
import { hashKey } from "../../src/text/boilerplate/shape.ts"
import { isBlankLine, splitLines } from "../../src/text/lines.ts"

export const RAW_CORPORA = [
  { corpus: "fakehealth", file: "/work/shared/corpus/raw-fakehealth/fakehealth.jsonl.gz" },
  { corpus: "fakenewscorpus", file: "/work/shared/corpus/raw-fakenewscorpus-sample/news_sample.jsonl.gz" }
] as const

export interface Art { id: string; source: string; corpus: string; text: string; nb: number; h: number }

export async function readArticles(seed: number): Promise<Art[]> {
  const all: Art[] = []
  for (const c of RAW_CORPORA) {
    const rl = createInterface({ input: createReadStream(c.file).pipe(createGunzip()), crlfDelay: Infinity })
    for await (const l of rl) {
      if (l.trim() === "") continue
      const d = JSON.parse(l) as { id: unknown; source: unknown; text: unknown }
      const text = String(d.text ?? "").replace(/\r\n?/g, "\n")
      const nb = splitLines(text).filter((x) => !isBlankLine(x.text)).length
      all.push({ id: String(d.id), source: String(d.source), corpus: c.corpus, text, nb, h: hashKey(`${seed}:${String(d.id)}`) })
    }
  }
  return all
}
