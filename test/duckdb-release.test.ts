/**
 * broadsheet.duckdb: every table of the manifest with its rows, types, primary and foreign keys
 * (foreign keys and the keys they reference enforced: a duplicate key or a dangling reference is
 * refused; the other primary keys checked at load), documented columns, the analyst views, and
 * the same bytes when the pipeline runs again.
 */
import { Effect, Stream } from "effect"
import { createHash, randomBytes } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { defaultConfig, RunContext } from "../src/config.ts"
import { stages } from "../src/pipeline.ts"
import { runPipeline } from "../src/run.ts"
import type { AnyStage } from "../src/runtime/dag.ts"
import { DatasetStore } from "../src/runtime/dataset.ts"
import { Files } from "../src/runtime/files.ts"
import { DuckDBInstance } from "@duckdb/node-api"
import { duckdb, DuckDbFile, duplicateKeys, referencedTables } from "../src/stages/duckdb.ts"
import { exportParquet } from "../src/stages/export.ts"
import { tables } from "../src/tables.ts"
import { duckType, type Query, sqlString, withDuckDb } from "./support/duckdb.ts"
import { copyCorpus, readManifest, run, seedCorpus, tempDir } from "./support/pipeline.ts"

type Q = Query
const open = <A>(file: string, readOnly: boolean, f: (q: Q) => Promise<A>): Promise<A> => withDuckDb(f, file, readOnly)

interface FullManifest {
  readonly tables: ReadonlyArray<{
    readonly name: string
    readonly rows: number
    readonly primary_key: ReadonlyArray<string>
    readonly foreign_keys: ReadonlyArray<{ columns: ReadonlyArray<string>; table: string; references: ReadonlyArray<string> }>
    readonly columns: ReadonlyArray<{ name: string; type: string; nullable: boolean }>
  }>
}

let dir: string
let release: string
let db: string
let manifest: FullManifest

beforeAll(async () => {
  dir = tempDir("duckdb")
  release = (await run({ inputs: [copyCorpus(dir)], out: path.join(dir, "output") })).releaseDir
  db = path.join(release, "broadsheet.duckdb")
  manifest = readManifest(release) as unknown as FullManifest
})

describe("broadsheet.duckdb", () => {
  it("is in the release with its hash in the run record (not in SHA256SUMS: not reproducible byte for byte), no WAL left behind", () => {
    const bytes = fs.readFileSync(db)
    expect(bytes.subarray(8, 12).toString("latin1")).toBe("DUCK")
    expect(fs.existsSync(`${db}.wal`)).toBe(false)
    const sha = createHash("sha256").update(bytes).digest("hex")
    const record = JSON.parse(fs.readFileSync(path.join(release, "provenance", "run.json"), "utf8"))
    expect(record.stages.find((s: { stage: string }) => s.stage === "duckdb").info.sha256).toBe(sha)
    expect(fs.readFileSync(path.join(release, "SHA256SUMS"), "utf8")).not.toContain("broadsheet.duckdb")
  })

  it("has every manifest table with its row count and column types", async () => {
    await open(db, true, async (q) => {
      const names = (await q("SELECT table_name FROM duckdb_tables() ORDER BY table_name")).map((r) => r["table_name"])
      expect(names).toEqual(manifest.tables.map((t) => t.name).sort())
      for (const t of manifest.tables) {
        const [c] = await q(`SELECT count(*)::INTEGER AS n FROM "${t.name}"`)
        expect(c!["n"], t.name).toBe(t.rows)
        const cols = await q(`SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() WHERE table_name = '${t.name}' ORDER BY column_index`)
        expect(cols.map((r) => `${r["column_name"]}:${r["data_type"]}:${r["is_nullable"]}`), t.name).toEqual(
          t.columns.map((col) => `${col.name}:${duckType(col.type, "parquet")}:${col.nullable}`)
        )
        for (const col of cols) expect(String(col["comment"] ?? "").length, `${t.name}.${col["column_name"]} comment`).toBeGreaterThan(0)
      }
    })
  })

  it("holds the same rows as the Parquet files", async () => {
    await open(db, true, async (q) => {
      for (const t of ["documents", "mentions", "entities", "places"]) {
        const [d] = await q(`SELECT count(*)::INTEGER AS n FROM (SELECT * FROM "${t}" EXCEPT ALL SELECT * FROM read_parquet('${path.join(release, `${t}.parquet`)}'))`)
        expect(d!["n"], t).toBe(0)
      }
    })
  })

  it("declares every foreign key, and the primary keys they reference, as constraints", async () => {
    await open(db, true, async (q) => {
      const rows = await q("SELECT table_name, constraint_type, constraint_column_names AS cols, referenced_table, referenced_column_names AS refs FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')")
      const got = rows.map((r) =>
        r["constraint_type"] === "PRIMARY KEY"
          ? `${r["table_name"]} PK (${(r["cols"] as Array<string>).join(",")})`
          : `${r["table_name"]} FK (${(r["cols"] as Array<string>).join(",")}) -> ${r["referenced_table"]} (${(r["refs"] as Array<string>).join(",")})`
      ).sort()
      const referenced = new Set(manifest.tables.flatMap((t) => t.foreign_keys.map((fk) => fk.table)))
      expect([...referenced].sort()).toEqual(["documents", "entities"])
      const want = manifest.tables.flatMap((t) => [
        ...(referenced.has(t.name) ? [`${t.name} PK (${t.primary_key.join(",")})`] : []),
        ...t.foreign_keys.map((fk) => `${t.name} FK (${fk.columns.join(",")}) -> ${fk.table} (${fk.references.join(",")})`)
      ]).sort()
      expect(got).toEqual(want)
      expect(want.filter((w) => w.includes(" FK ")).length).toBeGreaterThan(5)
    })
  })

  it("enforces them: a duplicate key and a dangling reference are refused", async () => {
    const copy = path.join(tempDir("duckdb-copy"), "copy.duckdb")
    fs.copyFileSync(db, copy)
    await open(copy, false, async (q) => {
      await expect(q("INSERT INTO documents SELECT * FROM documents LIMIT 1")).rejects.toThrow(/(?:primary key|duplicate key)/i)
      await expect(q("INSERT INTO mentions SELECT * REPLACE ('0000000000000000' AS entity_id, 100000 + seq AS seq) FROM mentions LIMIT 1")).rejects.toThrow(/foreign key/i)
      await expect(q("INSERT INTO themes SELECT * REPLACE ('no-such-doc' AS doc_id) FROM themes LIMIT 1")).rejects.toThrow(/foreign key/i)
      // The same statements with valid keys go through, so the errors above are the constraints.
      await q("INSERT INTO mentions SELECT * REPLACE (100000 + seq AS seq) FROM mentions LIMIT 1")
    })
  })

  it("checks the undeclared primary keys by query: a duplicated sentence key is found", async () => {
    const copy = path.join(tempDir("duckdb-keys"), "copy.duckdb")
    fs.copyFileSync(db, copy)
    const sentences = tables.find((t) => t.columns.name === "sentences")!.columns
    expect(referencedTables(tables.map((t) => t.columns)).has("sentences")).toBe(false)
    const instance = await DuckDBInstance.create(copy)
    const conn = await instance.connect()
    try {
      for (const t of tables.map((x) => x.columns)) if (t.primaryKey.length > 0) expect(await duplicateKeys(conn, t), t.name).toBe(0)
      // Without a declared key the duplicate goes in; the load-time check is what catches it.
      await conn.run("INSERT INTO sentences SELECT * FROM sentences LIMIT 2")
      expect(await duplicateKeys(conn, sentences)).toBe(2)
    } finally {
      conn.closeSync()
      instance.closeSync()
    }
  })

  it("fails the run when an undeclared primary key does not hold in the Parquet file it loads", async () => {
    // The export as usual, then one sentence's seq set to its predecessor's: same row count, duplicate key.
    const breaking: AnyStage = {
      ...exportParquet,
      cacheable: false,
      run: Effect.gen(function*() {
        const result = yield* exportParquet.run
        const ctx = yield* RunContext
        const file = path.join(ctx.stagingDir, "sentences.parquet")
        const broken = `${file}.broken.parquet`
        yield* Effect.promise(() =>
          withDuckDb(async (q) => {
            await q(`COPY (SELECT * REPLACE (CASE WHEN seq = 1 AND doc_id = (SELECT min(doc_id) FROM read_parquet(${sqlString(file)})) THEN 0 ELSE seq END AS seq) FROM read_parquet(${sqlString(file)})) TO ${sqlString(broken)} (FORMAT parquet)`)
          })
        )
        fs.renameSync(broken, file)
        return result
      })
    }
    const list = stages.map((s): AnyStage => (s.name === exportParquet.name ? breaking : s))
    const dir = tempDir("duckdb-broken-key")
    const exit = await Effect.runPromiseExit(
      runPipeline({ ...defaultConfig, inputs: [copyCorpus(dir)], out: path.join(dir, "output"), workers: 1, cache: false }, {}, {}, list).pipe(Effect.provide(Files.layer))
    )
    expect(exit._tag).toBe("Failure")
    expect(String(exit._tag === "Failure" ? JSON.stringify(exit.cause) : "")).toMatch(/sentences: 1 values of its primary key \(doc_id, seq\)/)
    expect(fs.existsSync(path.join(dir, "output", "latest"))).toBe(false)
  })

  it("has the analyst views, consistent with the tables", async () => {
    await open(db, true, async (q) => {
      const views = (await q("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal ORDER BY view_name"))
      expect(views.map((v) => v["view_name"])).toEqual(["daily_counts", "entity_leaderboard", "mention_entities", "places_map"])
      for (const v of views) expect(String(v["comment"] ?? "").length).toBeGreaterThan(0)
      const rows = (t: string) => manifest.tables.find((x) => x.name === t)!.rows
      const [me] = await q("SELECT count(*)::INTEGER AS n, count(title)::INTEGER AS titled, count(canonical)::INTEGER AS linked FROM mention_entities")
      expect(me).toEqual({ n: rows("mentions"), titled: rows("mentions"), linked: rows("mentions") })
      const pm = await q("SELECT name, latitude, longitude, documents FROM places_map ORDER BY documents DESC, name")
      const [places] = await q("SELECT count(DISTINCT (entity_id, geonames_id))::INTEGER AS n FROM places WHERE latitude IS NOT NULL")
      expect(pm.length).toBe(places!["n"])
      expect(pm.length).toBeGreaterThan(5)
      for (const p of pm) {
        expect(Math.abs(p["latitude"] as number)).toBeLessThanOrEqual(90)
        expect(Math.abs(p["longitude"] as number)).toBeLessThanOrEqual(180)
      }
      const lb = await q("SELECT rank, canonical, mention_count FROM entity_leaderboard ORDER BY rank, canonical")
      expect(lb.length).toBe(rows("entities"))
      const [max] = await q("SELECT max(mention_count) AS m FROM entities")
      expect(lb[0]!["rank"]).toBe(1n)
      expect(lb[0]!["mention_count"]).toBe(max!["m"])
      // The seed corpus is undated .txt files: no publication days.
      expect(await q("SELECT * FROM daily_counts")).toEqual([])
    })
  })

  it("counts documents and mentions per publication day (UTC)", async () => {
    const d = tempDir("duckdb-daily")
    const corpus = path.join(d, "dump")
    fs.mkdirSync(corpus)
    const seeds = fs.readdirSync(seedCorpus).filter((f) => f.endsWith(".txt")).sort()
    // Two on the 14th (one late in the day west of UTC, which is the 15th in UTC), one undated.
    const published = ["2017-09-14T10:00:00Z", "2017-09-14T23:30:00-05:00", "2017-09-15T01:00:00Z", "2017-09-14T00:00:00Z", null]
    fs.writeFileSync(path.join(corpus, "a.jsonl"), seeds.map((f, i) => {
      const [title, ...body] = fs.readFileSync(path.join(seedCorpus, f), "utf8").split("\n")
      return JSON.stringify({ id: `s${i}`, title, text: body.join("\n"), published: published[i] })
    }).join("\n") + "\n")
    const r = await run({ inputs: [corpus], out: path.join(d, "output") })
    await open(path.join(r.releaseDir, "broadsheet.duckdb"), true, async (q) => {
      const days = await q("SELECT day::VARCHAR AS day, documents::INTEGER AS documents, mentions::INTEGER AS mentions FROM daily_counts ORDER BY day")
      expect(days.map((x) => [x["day"], x["documents"]])).toEqual([["2017-09-14", 2], ["2017-09-15", 2]])
      const [m] = await q("SELECT count(*)::INTEGER AS n FROM mentions m JOIN documents d USING (doc_id) WHERE d.published IS NOT NULL")
      expect(days.reduce((s, x) => s + (x["mentions"] as number), 0)).toBe(m!["n"])
    })
  })

  it("holds the same tables, row for row and in the same order, when the pipeline runs again in another folder", async () => {
    // Its bytes are not reproducible (compressed blocks, unused bytes): its contents are.
    const d = tempDir("duckdb-again")
    const r = await run({ inputs: [copyCorpus(d)], out: path.join(d, "output") })
    const dump = (file: string) =>
      withDuckDb(async (q) => {
        const out: Record<string, unknown> = {}
        for (const { table_name } of await q("SELECT table_name FROM duckdb_tables() ORDER BY table_name")) {
          out[table_name as string] = await q(`SELECT * FROM "${String(table_name)}"`)
        }
        return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? v.toString() : v))
      }, file, true)
    const [a, b] = [await dump(path.join(r.releaseDir, "broadsheet.duckdb")), await dump(db)]
    expect(a.length).toBeGreaterThan(10_000)
    expect(a).toBe(b)
  })
})

describe("reproducibility around the DuckDB file", () => {
  it("gives the same release name and SHA256SUMS whatever bytes the DuckDB file has", async () => {
    // DuckDB may leave different unused bytes in its file from run to run; stand in for that with a
    // stage that writes random bytes, and check that nothing reproducible depends on them.
    const noisy: AnyStage = {
      ...duckdb,
      cacheable: false,
      run: Effect.gen(function*() {
        const ctx = yield* RunContext
        const store = yield* DatasetStore
        fs.writeFileSync(path.join(ctx.stagingDir, "broadsheet.duckdb"), randomBytes(4096))
        yield* store.write(DuckDbFile, Stream.make({ path: "broadsheet.duckdb", format: "duckdb" as const, sha256: null, bytes: null, description: "noise" }))
        return { rows: { duckdb_file: 1 }, files: ["broadsheet.duckdb"] }
      })
    }
    const list = stages.map((s): AnyStage => (s.name === "duckdb" ? noisy : s))
    const once = (name: string) => {
      const dir = tempDir(`noisy-${name}`)
      const corpus = copyCorpus(dir)
      return Effect.runPromise(runPipeline({ ...defaultConfig, inputs: [corpus], out: path.join(dir, "output"), workers: 1 }, {}, {}, list).pipe(Effect.provide(Files.layer)))
    }
    const a = await once("a")
    const b = await once("b")
    expect(fs.readFileSync(path.join(a.releaseDir, "broadsheet.duckdb")).equals(fs.readFileSync(path.join(b.releaseDir, "broadsheet.duckdb")))).toBe(false)
    expect(path.basename(a.releaseDir)).toBe(path.basename(b.releaseDir))
    expect(fs.readFileSync(path.join(a.releaseDir, "SHA256SUMS"), "utf8")).toBe(fs.readFileSync(path.join(b.releaseDir, "SHA256SUMS"), "utf8"))
  })
})
