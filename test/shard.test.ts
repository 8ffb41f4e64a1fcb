/**
 * Sharded runs: the seed corpus plus a generated JSONL (shared boilerplate lines per site, near-
 * duplicate pairs, an exact duplicate, rejects) run as 3 shards and merged gives a release whose
 * files are byte-identical to a single run's.
 */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { beforeAll, describe, expect, it } from "vitest"
import { type Config, defaultConfig } from "../src/config.ts"
import { Files } from "../src/runtime/files.ts"
import { childProcessExecutor, type Executor, inProcessExecutor, runSharded } from "../src/shard/executor.ts"
import { parseShard, shardOf } from "../src/shard/shard.ts"
import type { RunSummary } from "../src/run.ts"
import { copyCorpus, readManifest, releaseFiles, run, tempDir } from "./support/pipeline.ts"

const WORDS = (
  "council budget river bridge school teachers union vote minister hospital nurses strike harbour " +
  "storm weather farmers market prices energy grid solar wind museum festival police court judge " +
  "election mayor housing rent transport railway airport tourism exports factory workers wages"
).split(" ")

// A seeded generator, so the corpus (and any failure) is the same every time.
const rng = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}

const sentence = (r: () => number, city: string) => {
  const n = 8 + Math.floor(r() * 8)
  const words = Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!)
  return `The ${words.join(" ")} in ${city} said officials on Tuesday.`
}

const SITES = [
  { source: "harbourtimes.example", header: "Subscribe to the Harbour Times newsletter for daily updates", footer: "© 2026 Harbour Times. All rights reserved." },
  { source: "valleypost.example", header: "Valley Post | Local news you can trust", footer: "Share this article: Facebook Twitter Email" },
  { source: "northgazette.example", header: "Sign in to read more from the North Gazette", footer: "Copyright North Gazette Media Group. Terms apply." }
]
const CITIES = ["Lisbon", "Porto", "Bergen", "Utrecht", "Graz", "Turku", "Cork", "Ghent"]

const generateJsonl = (): string => {
  const r = rng(42)
  const lines: Array<string> = []
  const bodies: Array<{ title: string; text: string; published: string }> = []
  for (let i = 0; i < 36; i++) {
    const site = SITES[i % SITES.length]!
    const city = CITIES[Math.floor(r() * CITIES.length)]!
    const paragraphs = Array.from({ length: 4 + Math.floor(r() * 3) }, () => `${sentence(r, city)} ${sentence(r, city)}`)
    const body = paragraphs.join("\n\n")
    const title = `${city} ${WORDS[i % WORDS.length]} report ${i}`
    const published = `2026-03-${String(1 + (i % 28)).padStart(2, "0")}T08:00:00Z`
    bodies.push({ title, text: body, published })
    lines.push(JSON.stringify({ id: `gen-${i}`, source: site.source, url: `https://${site.source}/news/${i}`, title, published, text: `${site.header}\n\n${body}\n\n${site.footer}` }))
  }
  // Near-duplicates: a later record repeats an earlier article with one word changed.
  for (const [k, src] of [3, 10, 17, 25, 31].entries()) {
    const b = bodies[src]!
    const site = SITES[(src + 1) % SITES.length]!
    lines.push(JSON.stringify({ id: `near-${k}`, source: site.source, url: `https://${site.source}/wire/${k}`, title: `${b.title} (wire)`, published: b.published, text: `${site.header}\n\n${b.text.replace(" said officials", " said an official")}\n\n${site.footer}` }))
  }
  lines.push(lines[5]!.replace("gen-5", "gen-5-again")) // an exact duplicate (same title and text)
  lines.push("{not json")
  lines.push(JSON.stringify({ id: "empty", source: "valleypost.example", text: "   " }))
  return `${lines.join("\n")}\n`
}

const sharded = (config: Config, count: number, dir: string, executor: Executor): Promise<RunSummary> =>
  Effect.runPromise(runSharded(config, count, dir, executor).pipe(Effect.provide(Files.layer)))

let dir: string
let config: Config
let single: RunSummary

beforeAll(async () => {
  dir = tempDir("shard")
  const corpus = copyCorpus(dir)
  fs.writeFileSync(path.join(corpus, "generated.jsonl"), generateJsonl())
  config = { ...defaultConfig, inputs: [corpus], out: path.join(dir, "single"), workers: 1 }
  single = await run(config)
}, 300_000)

describe("sharded runs", () => {
  it("parses --shard i/N", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 })
    expect(parseShard("3/3")).toBeNull()
    expect(parseShard("0/0")).toBeNull()
    expect(parseShard("x")).toBeNull()
  })

  it("the test corpus exercises every merge: documents in every shard, near-duplicates across shards, rejects", () => {
    const csv = fs.readFileSync(path.join(single.releaseDir, "documents.csv"), "utf8").split("\n").slice(1).filter((l) => l !== "")
    const shards = new Set(csv.map((l) => shardOf(l.split(",")[0]!, 3)))
    expect(shards.size).toBe(3)
    const m = readManifest(single.releaseDir)
    expect(m.corpus.total["duplicates"]).toBeGreaterThanOrEqual(1)
    expect(m.corpus.total["rejected"]).toBeGreaterThanOrEqual(2)
    const removed = m.tables.find((t) => t.name === "removed_lines")!.rows
    expect(removed).toBeGreaterThan(30)
    const dupLinks = single.stages.find((s) => s.stage === "near-duplicates")!.rows["duplicate_links"]!
    expect(dupLinks).toBeGreaterThanOrEqual(2)
  })

  it("3 shards in this process merge to the same release, byte for byte", async () => {
    const s = await sharded({ ...config, out: path.join(dir, "sharded") }, 3, path.join(dir, "shards"), inProcessExecutor({ ...config, out: path.join(dir, "sharded") }))
    expect(path.basename(s.releaseDir)).toBe(path.basename(single.releaseDir))
    // Each input record went to exactly one shard; a near-duplicate pair spans two shards.
    const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "")
    const records = (file: string) => zlib.zstdDecompressSync(fs.readFileSync(file)).toString("utf8").split("\n").filter((l) => l !== "")
    const perShard = [0, 1, 2].map((i) => records(path.join(dir, "shards", `shard-${i}`, "records.ndjson.zst")).length)
    expect(perShard.every((n) => n > 0)).toBe(true)
    expect(perShard.reduce((a, b) => a + b)).toBe(readManifest(single.releaseDir).corpus.total["records"])
    const links = lines(path.join(dir, "shards", "duplicate_links.ndjson")).map((l) => JSON.parse(l) as { doc_id: string; duplicate_of: string | null })
    expect(links.some((l) => l.duplicate_of !== null && shardOf(l.doc_id, 3) !== shardOf(l.duplicate_of, 3))).toBe(true)
    // The merged run gathered the shards' work (nothing came from a cache).
    expect(s.stages.filter((r) => r.cache === "hit")).toEqual([])
    const a = releaseFiles(single.releaseDir)
    const b = releaseFiles(s.releaseDir)
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true)
  }, 300_000)

  it("3 shards as child processes (`broadsheet shard map`) merge to the same release", async () => {
    const out = path.join(dir, "processes")
    const s = await sharded({ ...config, out }, 3, path.join(dir, "shards-p"), childProcessExecutor())
    const a = releaseFiles(single.releaseDir)
    const b = releaseFiles(s.releaseDir)
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true)
  }, 300_000)
})
