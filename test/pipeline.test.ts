/**
 * End to end on real files: the seed corpus (and a JSONL/gzip copy of it) through the whole
 * pipeline, outputs read back by DuckDB, offsets sliced back out of the source bytes, and two
 * runs in different folders compared byte for byte.
 */
import { Effect } from "effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { beforeAll, describe, expect, it } from "vitest"
import { DagError } from "../src/errors.ts"
import { stages } from "../src/pipeline.ts"
import { dataset } from "../src/runtime/dataset.ts"
import { type AnyStage, plan } from "../src/runtime/dag.ts"
import { normalize, utf8Offsets } from "../src/text/normalize.ts"
import { Schema } from "effect"
import { duckType, sqlString, withDuckDb } from "./support/duckdb.ts"
import { copyCorpus, type Manifest, readManifest, releaseFiles, run, tempDir } from "./support/pipeline.ts"

const normalizeString = (s: string) => normalize({ text: s, byteOffsets: utf8Offsets(s) }).text

// A deterministic pseudo-random sample, so a failure names the same rows every time.
const sample = <A>(rows: ReadonlyArray<A>, n: number, seed = 7): Array<A> => {
  let x = seed
  const out: Array<A> = []
  for (let i = 0; i < Math.min(n, rows.length); i++) {
    x = (x * 1103515245 + 12345) % 2147483648
    out.push(rows[x % rows.length]!)
  }
  return out
}

let dirA: string
let releaseA: string
let manifest: Manifest

beforeAll(async () => {
  dirA = tempDir("e2e-a")
  const corpus = copyCorpus(dirA)
  const summary = await run({ inputs: [corpus], out: path.join(dirA, "output"), workers: 2, worker_min_documents: 0 })
  releaseA = summary.releaseDir
  manifest = readManifest(releaseA)
})

describe("release", () => {
  it("has every table as CSV and Parquet, listed in the manifest with checksums", () => {
    const files = releaseFiles(releaseA)
    const names = manifest.tables.map((t) => t.name)
    expect(names).toEqual(expect.arrayContaining([
      "documents", "records", "rejects", "removed_lines", "paragraphs", "sentences", "mentions",
      "entities", "entity_aliases", "places", "quotes", "quantities", "dates", "themes"
    ]))
    for (const t of manifest.tables) {
      for (const format of ["csv", "parquet"] as const) {
        const f = t.files[format]!
        const bytes = files.get(f.path)!
        expect(bytes.length, f.path).toBe(f.bytes)
        expect(createHash("sha256").update(bytes).digest("hex"), f.path).toBe(f.sha256)
      }
    }
    const sums = fs.readFileSync(path.join(releaseA, "SHA256SUMS"), "utf8").trim().split("\n")
    // tables × 2 formats, report.html, datapackage, croissant, lock, dag.mmd, manifest (not the DuckDB file)
    expect(sums.length).toBe(manifest.tables.length * 2 + 6)
  })

  it("conserves records: read = documents + duplicates + rejected", () => {
    const t = manifest.corpus.total
    expect(t["records"]).toBe(5)
    expect(t["records"]).toBe(t["documents"]! + t["duplicates"]! + t["rejected"]!)
    expect(manifest.tables.find((x) => x.name === "documents")!.rows).toBe(5)
  })

  it("reads back in DuckDB with the manifest's types and row counts, keys unique", async () => {
    await withDuckDb(async (q) => {
      for (const t of manifest.tables) {
        const pq = path.join(releaseA, t.files["parquet"]!.path)
        const described = await q(`DESCRIBE SELECT * FROM read_parquet(${sqlString(pq)})`)
        expect(described.map((r) => r["column_name"]), t.name).toEqual(t.columns.map((c) => c.name))
        described.forEach((r, i) => expect(`${t.name}.${r["column_name"]}:${r["column_type"]}`).toBe(`${t.name}.${t.columns[i]!.name}:${duckType(t.columns[i]!.type, "parquet")}`))
        const [count] = await q(`SELECT count(*)::INTEGER AS n FROM read_parquet(${sqlString(pq)})`)
        expect(count!["n"], t.name).toBe(t.rows)
        const key = t.primary_key.join(", ")
        const [dups] = await q(`SELECT count(*)::INTEGER AS n FROM (SELECT ${key} FROM read_parquet(${sqlString(pq)}) GROUP BY ${key} HAVING count(*) > 1)`)
        expect(dups!["n"], `${t.name} primary key`).toBe(0)
        // CSV: read with the manifest's types; "" stays an empty string, an empty field is null.
        const csv = path.join(releaseA, t.files["csv"]!.path)
        const cols = `{${t.columns.map((c) => `${sqlString(c.name)}: ${sqlString(duckType(c.type, "csv"))}`).join(", ")}}`
        const [csvCount] = await q(`SELECT count(*)::INTEGER AS n FROM read_csv(${sqlString(csv)}, header = true, columns = ${cols}, allow_quoted_nulls = false)`)
        expect(csvCount!["n"], `${t.name}.csv`).toBe(t.rows)
      }
      // The same values whichever format is read: compare the documents table row by row.
      const pq = path.join(releaseA, "documents.parquet")
      const csv = path.join(releaseA, "documents.csv")
      const [diff] = await q(`SELECT count(*)::INTEGER AS n FROM (SELECT doc_id, text, title, word_count FROM read_parquet(${sqlString(pq)}) EXCEPT SELECT doc_id, text, title, word_count FROM read_csv(${sqlString(csv)}, header = true, allow_quoted_nulls = false))`)
      expect(diff!["n"]).toBe(0)
    })
  })

  it("slices every sampled span back out of the source bytes", async () => {
    await withDuckDb(async (q) => {
      const docs = await q(`SELECT doc_id, source_uri FROM read_parquet(${sqlString(path.join(releaseA, "documents.parquet"))})`)
      const sourceOf = new Map(docs.map((d) => [d["doc_id"] as string, fs.readFileSync(path.join(dirA, d["source_uri"] as string))]))
      let checked = 0
      for (const table of ["paragraphs", "sentences", "mentions", "quotes", "quantities", "dates", "removed_lines"]) {
        const rows = await q(`SELECT doc_id, text, src_byte_start, src_byte_end FROM read_parquet(${sqlString(path.join(releaseA, `${table}.parquet`))})`)
        expect(rows.length, table).toBeGreaterThan(0)
        for (const r of sample(rows, 40)) {
          const bytes = sourceOf.get(r["doc_id"] as string)!.subarray(Number(r["src_byte_start"]), Number(r["src_byte_end"]))
          const sliced = normalizeString(bytes.toString("utf8"))
          // quotes' text omits the quote marks the span includes
          if (table === "quotes") expect(sliced, table).toContain(r["text"] as string)
          else expect(sliced, `${table} ${r["doc_id"]}`).toBe(r["text"])
          checked++
        }
      }
      expect(checked).toBeGreaterThan(100)
    })
  })

  it("is byte-identical when run again in another folder, whatever the number of workers", async () => {
    const dirB = tempDir("e2e-b")
    const summary = await run({ inputs: [copyCorpus(dirB)], out: path.join(dirB, "output"), workers: 1 })
    const a = releaseFiles(releaseA)
    const b = releaseFiles(summary.releaseDir)
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true)
    expect(path.basename(summary.releaseDir)).toBe(path.basename(releaseA))
  })
})

describe("seed corpus content", () => {
  const text = async (sql: string) => withDuckDb((q) => q(sql))

  it("removes every widget, disclaimer, login, menu and related-headline line and keeps every body sentence", async () => {
    const docs = await text(`SELECT source_uri, title, text, byline, original_source FROM read_parquet(${sqlString(path.join(releaseA, "documents.parquet"))}) ORDER BY source_uri`)
    const all = docs.map((d) => d["text"] as string).join("\n")
    for (const junk of [
      "What do you think?", "Notify of", "Inline Feedbacks", "View all comments", "0 Comments", "Subscribe",
      "guest", "Leave a Reply", "Log Out / Change )", "Fill in your details below", "Connecting to %s",
      "%d bloggers like this:", "Twitter picture", "Facebook photo", "Google+ photo", "READ MORE",
      "The statements, views and opinions expressed", "Help us grow", "1 News - 1 eMovies", "Chicago News & Search",
      "North Korean delegation arrives in Russia", "21 portraits of Russian women", "IL-112 light military transport",
      "Antifa is a terrorist group", "Originally appeared on", "by Matfey Shaheen"
    ]) expect(all, junk).not.toContain(junk)
    expect(all).not.toMatch(/^Report$/m)
    expect(all).not.toMatch(/^1 Chicago$/m)
    expect(all).not.toMatch(/^in ,$/m)
    // Every sentence of the article bodies survives (spot checks across all five seeds, short lines included).
    for (const body of [
      "Putin continued,", "According to the Russian Defence Ministry,", "The statement continued,",
      "The map below is the Russian air base where these sorties originate",
      "The proximity of the two forces raises the specter of confrontation",
      "ISIS has occupied large parts of southern Damascus for over three years now",
      "Syria is rapidly approaching a total battlefield victory",
      "The Russian strikes against ISIS targets near Palmyra launched from Russian ships"
    ]) expect(all, body).toContain(body)
    expect(docs.map((d) => d["title"])).toEqual([
      "Russian cruise missiles POUND ISIS target in Deir ez-Zor",
      "Russia successfully cuts off escape route of ISIS fighters fleeing Palmyra",
      "Russian Forces Bomb ISIS Fighters Fleeing Raqqa From SDF Advances",
      "Russia fires cruise missiles at IS stronghold in east Syria",
      "LIGHTNING: Russian airstrikes crush ISIS to cover Syrian Army advance"
    ])
    expect(docs[4]!["byline"]).toContain("Matfey Shaheen")
    expect(docs[0]!["original_source"]).toContain("TheDuran")
  })

  it("records every removed line with its rule and evidence", async () => {
    const rows = await text(`SELECT rule, evidence, confidence FROM read_parquet(${sqlString(path.join(releaseA, "removed_lines.parquet"))})`)
    expect(rows.length).toBeGreaterThan(30)
    for (const r of rows) {
      expect(r["rule"]).toMatch(/^[a-z_]+$/)
      expect((r["evidence"] as string).length).toBeGreaterThan(0)
      expect(r["confidence"]).toBeGreaterThan(0)
    }
  })
})

describe("JSONL and gzip input", () => {
  it("ingests .jsonl and .jsonl.gz with escapes, traces spans to the escaped bytes, and rejects bad lines", async () => {
    const dir = tempDir("jsonl")
    const corpus = path.join(dir, "dump")
    fs.mkdirSync(corpus)
    const seeds = fs.readdirSync(path.join(import.meta.dirname, "..", "corpus")).filter((f) => f.endsWith(".txt")).sort()
    const lines = seeds.map((f, i) => {
      const [title, ...body] = fs.readFileSync(path.join(import.meta.dirname, "..", "corpus", f), "utf8").split("\n")
      // \u escapes for every non-ASCII character, as many JSON writers do
      return JSON.stringify({ id: `seed-${i}`, source: i < 2 ? "theduran.com" : "example.org", title, text: body.join("\n"), published: "2017-09-14T10:00:00Z" })
        .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    })
    const bad = ["{not json", JSON.stringify({ title: "no text" }), JSON.stringify({ id: "seed-0", text: "a duplicate id" })]
    fs.writeFileSync(path.join(corpus, "a.jsonl"), [lines[0], bad[0], lines[1], bad[1], lines[2], bad[2]].join("\n") + "\n")
    fs.writeFileSync(path.join(corpus, "b.jsonl.gz"), zlib.gzipSync([lines[3], lines[4], lines[3]].join("\n") + "\n"))
    const summary = await run({ inputs: [corpus], out: path.join(dir, "output") })
    const m = readManifest(summary.releaseDir)
    expect(m.corpus.total).toEqual({ records: 9, documents: 5, duplicates: 1, rejected: 3 })
    await withDuckDb(async (q) => {
      const rejects = await q(`SELECT source_uri, source_record, reason FROM read_parquet(${sqlString(path.join(summary.releaseDir, "rejects.parquet"))}) ORDER BY input_seq`)
      expect(rejects.map((r) => [r["source_uri"], Number(r["source_record"]), r["reason"]])).toEqual([
        ["dump/a.jsonl", 2, "invalid_json"],
        ["dump/a.jsonl", 4, "invalid_record"],
        ["dump/a.jsonl", 6, "duplicate_id"]
      ])
      const docs = await q(`SELECT doc_id, source_uri, site, published::VARCHAR AS published FROM read_parquet(${sqlString(path.join(summary.releaseDir, "documents.parquet"))})`)
      expect(docs.map((d) => d["site"])).toEqual(["theduran.com", "theduran.com", "example.org", "example.org", "example.org"])
      expect(String(docs[0]!["published"])).toContain("2017-09-14 10:00:00")
      const raw = new Map<string, Buffer>([
        ["dump/a.jsonl", fs.readFileSync(path.join(corpus, "a.jsonl"))],
        ["dump/b.jsonl.gz", zlib.gunzipSync(fs.readFileSync(path.join(corpus, "b.jsonl.gz")))]
      ])
      const uriOf = new Map(docs.map((d) => [d["doc_id"] as string, d["source_uri"] as string]))
      const sentences = await q(`SELECT doc_id, text, src_byte_start, src_byte_end FROM read_parquet(${sqlString(path.join(summary.releaseDir, "sentences.parquet"))})`)
      let escaped = 0
      for (const s of sentences) {
        const slice = raw.get(uriOf.get(s["doc_id"] as string)!)!.subarray(Number(s["src_byte_start"]), Number(s["src_byte_end"])).toString("utf8")
        if (slice.includes("\\u")) escaped++
        expect(normalizeString(JSON.parse(`"${slice}"`) as string)).toBe(s["text"])
      }
      expect(escaped).toBeGreaterThan(5)
    })
  })
})

describe("DAG", () => {
  const ds = (name: string) => dataset(name, Schema.String, name)
  const stage = (name: string, reads: Array<string>, writes: Array<string>): AnyStage => ({
    name,
    version: "1",
    description: name,
    reads: reads.map(ds),
    writes: writes.map(ds),
    run: Effect.succeed({ rows: {} }),
    source: import.meta.url,
    config: () => null,
    cacheable: false
  })
  const fails = (list: Array<AnyStage>) => Effect.runPromise(Effect.flip(plan(list)))

  it("orders the real pipeline from its datasets, whatever the order of its lines", async () => {
    const shuffled = [...stages].reverse()
    const p = await Effect.runPromise(plan(shuffled))
    const order = p.order.map((s) => s.name)
    expect(order[0]).toBe("ingest")
    expect(order.at(-1)).toBe("release")
    expect(order.indexOf("dedupe")).toBeLessThan(order.indexOf("segment"))
    expect(order.indexOf("extract")).toBeLessThan(order.indexOf("enrich"))
  })

  it("rejects a cycle, a dataset nobody writes and a dataset written twice before running anything", async () => {
    const cycle = await fails([stage("a", ["y"], ["x"]), stage("b", ["x"], ["y"])])
    expect(cycle).toBeInstanceOf(DagError)
    expect(cycle.reason).toBe("cycle")
    expect(cycle.message).toMatch(/a → b → a|b → a → b/)
    expect((await fails([stage("a", ["nothing"], ["x"])])).reason).toBe("missing_producer")
    expect((await fails([stage("a", [], ["x"]), stage("b", [], ["x"])])).reason).toBe("duplicate_producer")
  })
})

describe("seed corpus enrichment", () => {
  it("links the seeds' entities across documents and puts their places on the map", async () => {
    await withDuckDb(async (q) => {
      const ent = (where: string) => q(`SELECT DISTINCT m.entity_id, e.canonical FROM read_parquet(${sqlString(path.join(releaseA, "mentions.parquet"))}) m JOIN read_parquet(${sqlString(path.join(releaseA, "entities.parquet"))}) e USING (entity_id) WHERE ${where}`)
      for (const [group, forms] of [
        ["Islamic State", ["ISIS", "IS", "Islamic State"]],
        ["Syrian Arab Army", ["Syrian Arab Army", "SAA"]],
        ["Syrian Democratic Forces", ["Syrian Democratic Forces", "SDF"]],
        ["Vladimir Putin", ["Putin", "Vladimir Putin"]]
      ] as const) {
        const rows = await ent(`m.text IN (${forms.map(sqlString).join(", ")})`)
        expect(rows.map((r) => r["canonical"]), group).toEqual([group])
        for (const f of forms) expect((await ent(`m.text = ${sqlString(f)}`)).length, `${group}: ${f} is mentioned`).toBe(1)
      }
      const places = await q(`SELECT name, geonames_id::INTEGER AS id, country_code, latitude, longitude FROM read_parquet(${sqlString(path.join(releaseA, "places.parquet"))})`)
      const at = (name: string) => places.filter((p) => p["name"] === name)
      for (const name of ["Deir ez-Zor", "Raqqa", "Palmyra", "Damascus", "Homs", "Hama"]) {
        expect(at(name).length, name).toBeGreaterThan(0)
        for (const p of at(name)) {
          expect(p["country_code"], name).toBe("SY")
          // Syria's bounding box
          expect(Number(p["latitude"])).toBeGreaterThan(32.3)
          expect(Number(p["latitude"])).toBeLessThan(37.4)
          expect(Number(p["longitude"])).toBeGreaterThan(35.7)
          expect(Number(p["longitude"])).toBeLessThan(42.4)
        }
      }
      expect(new Set(places.filter((p) => /^Deir e[zl]-Z[ou]+r/.test(p["name"] as string)).map((p) => p["id"]))).toEqual(new Set([170794]))
      expect(at("Xiamen").map((p) => p["country_code"])).toEqual(["CN"])
      // "1 Chicago" and "Chicago News & Search" are a site menu, removed as boilerplate: no Chicago here.
      expect(places.filter((p) => String(p["name"]).includes("Chicago"))).toEqual([])
    })
  })
})
