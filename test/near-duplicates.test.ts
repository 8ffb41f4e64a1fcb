/** The near-duplicate index against a brute-force pairwise comparison; dropping duplicates from the tables. */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { NearDuplicateIndex } from "../src/stages/near-duplicates.ts"
import { estimateJaccard, minhashSignature } from "../src/text/minhash.ts"
import { sqlString, withDuckDb } from "./support/duckdb.ts"
import { copyCorpus, run, tempDir } from "./support/pipeline.ts"

// A seeded generator of article-like texts, so failures repeat.
const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const VOCAB = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}`)
const article = (r: () => number, words = 220) => Array.from({ length: words }, () => VOCAB[Math.floor(r() * VOCAB.length)]).join(" ")
const edit = (r: () => number, text: string, changes: number) => {
  const w = text.split(" ")
  for (let k = 0; k < changes; k++) w[Math.floor(r() * w.length)] = VOCAB[Math.floor(r() * VOCAB.length)]!
  return w.join(" ")
}

describe("NearDuplicateIndex", () => {
  it("finds the same clusters as comparing every pair, and keeps the earliest published", () => {
    const r = rng(42)
    const docs: Array<{ id: string; published: string | null; text: string }> = []
    for (let b = 0; b < 25; b++) {
      const base = article(r)
      docs.push({ id: `d${b}-0`, published: `2017-0${1 + (b % 9)}-10`, text: base })
      // Some bases get close copies (a word or two changed), published earlier or later.
      for (let c = 1; c <= b % 3; c++) docs.push({ id: `d${b}-${c}`, published: c === 2 ? "2016-12-31" : null, text: edit(r, base, c) })
    }
    docs.push({ id: "tiny", published: null, text: "too short" })
    const index = new NearDuplicateIndex(0.8)
    for (const d of docs) index.add(d.id, d.published, d.text)
    const links = index.links()

    const sigs = docs.map((d) => minhashSignature(d.text))
    const expected = new Map<string, string>()
    for (let i = 0; i < docs.length; i++) {
      for (let j = i + 1; j < docs.length; j++) {
        if (docs[i]!.text.split(" ").length < 5) continue
        if (estimateJaccard(sigs[i]!, sigs[j]!) >= 0.8) {
          expected.set(docs[i]!.id, docs[i]!.id.split("-")[0]!)
          expected.set(docs[j]!.id, docs[j]!.id.split("-")[0]!)
        }
      }
    }
    expect(new Set(links.map((l) => l.doc_id))).toEqual(new Set(expected.keys()))
    // Each cluster is one base and its copies; the kept one is the earliest published.
    for (const l of links) expect(l.cluster_id.split("-")[0]).toBe(l.doc_id.split("-")[0])
    const d2 = links.filter((l) => l.doc_id.startsWith("d2-"))
    expect(d2.find((l) => l.duplicate_of === null)!.doc_id).toBe("d2-2")
    for (const l of links.filter((x) => x.duplicate_of !== null)) expect(l.similarity).toBeGreaterThanOrEqual(0.8)
    expect(links.some((l) => l.doc_id === "tiny")).toBe(false)
  })
  it("gives the same links when its signatures are spilled to disk, and removes the spill file", () => {
    const r = rng(7)
    const docs: Array<{ id: string; text: string }> = []
    for (let b = 0; b < 40; b++) {
      const base = article(r)
      docs.push({ id: `s${b}-0`, text: base })
      if (b % 2 === 0) docs.push({ id: `s${b}-1`, text: edit(r, base, 1 + (b % 3)) })
    }
    const inMemory = new NearDuplicateIndex(0.8)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-minhash-"))
    // Room for 5 signatures in memory: the other 55 go to the file.
    const spilling = new NearDuplicateIndex(0.8, dir, 5 * 256)
    for (const d of docs) {
      inMemory.add(d.id, null, d.text)
      spilling.add(d.id, null, d.text)
    }
    expect(inMemory.spilled).toBe(false)
    expect(spilling.spilled).toBe(true)
    expect(fs.readdirSync(dir)).toHaveLength(1)
    const links = spilling.links()
    expect(links).toEqual(inMemory.links())
    expect(links.filter((l) => l.duplicate_of !== null).length).toBeGreaterThanOrEqual(15)
    expect(fs.readdirSync(dir)).toEqual([])
    fs.rmSync(dir, { recursive: true })
  })
})

describe("drop_duplicates", () => {
  it("keeps a near-duplicate in documents (flagged) and leaves it out of the text tables only when asked", async () => {
    const dir = tempDir("drop-dups")
    const corpus = copyCorpus(dir)
    // A syndicated copy of the first seed on another site, with one word changed.
    const seed = fs.readFileSync(path.join(corpus, "000_659e681281553baf.txt"), "utf8")
    fs.mkdirSync(path.join(corpus, "wire"))
    fs.writeFileSync(path.join(corpus, "wire", "copy.txt"), seed.replace(/\bthe\b/, "a"))
    const read = (release: string, table: string) =>
      withDuckDb((q) => q(`SELECT * FROM read_parquet(${sqlString(path.join(release, `${table}.parquet`))})`))
    for (const drop of [false, true]) {
      const summary = await run({ inputs: [corpus], out: path.join(dir, `out-${drop}`), workers: 2, worker_min_documents: 0, drop_duplicates: drop })
      const docs = await read(summary.releaseDir, "documents")
      expect(docs.length).toBe(6)
      const dup = docs.filter((d) => d["is_duplicate"] === true)
      expect(dup.length).toBe(1)
      const dupId = dup[0]!["doc_id"] as string
      for (const table of ["sentences", "mentions", "paragraphs"]) {
        const rows = await read(summary.releaseDir, table)
        expect(rows.some((r) => r["doc_id"] === dupId), `${table}, drop_duplicates=${drop}`).toBe(!drop)
        expect(rows.length).toBeGreaterThan(0)
      }
    }
  })
})
