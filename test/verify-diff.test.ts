/**
 * verify and diff on real releases: a fresh release verifies; a flipped byte, a missing file, a CSV
 * missing a record (hashes fixed so only the row count can tell), a broken foreign key and a duplicate
 * primary key are each caught; diff of a release with itself is all unchanged, and against a release
 * of an edited corpus counts exactly the rows the edit touched.
 */
import { Effect, Stream } from "effect"
import { parquetReadObjects } from "hyparquet"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { writeParquet } from "../src/io/parquet.ts"
import { stableJson } from "../src/json.ts"
import { buildCroissant } from "../src/release/croissant.ts"
import { buildDatapackage } from "../src/release/datapackage.ts"
import { diffReleases, diffReleasesAsync, formatDiff } from "../src/release/diff.ts"
import { sha256File } from "../src/io/file-hash.ts"
import { CsvReader, formatVerifyReport, openParquet, readManifest, verifyRelease, verifyReleaseAsync } from "../src/release/verify.ts"
import { Files } from "../src/runtime/files.ts"
import { themesColumns } from "../src/schema/columns.ts"
import { copyCorpus, run, tempDir } from "./support/pipeline.ts"

let work = ""
let releaseDir = ""

beforeAll(async () => {
  work = tempDir("verify")
  const corpus = copyCorpus(work)
  releaseDir = (await run({ inputs: [corpus], out: path.join(work, "out"), workers: 2, worker_min_documents: 0 })).releaseDir
})

/** A private copy of the release to tamper with. */
const copyRelease = (name: string) => {
  const dir = path.join(work, "tampered", name)
  fs.cpSync(releaseDir, dir, { recursive: true, dereference: true })
  return dir
}

/** After editing `rel`, makes manifest.json and SHA256SUMS agree with it again (as a careful forger would). */
const reseal = async (dir: string, rel: string) => {
  const manifestPath = path.join(dir, "manifest.json")
  const m = JSON.parse(fs.readFileSync(manifestPath, "utf8"))
  for (const t of m.tables) {
    for (const f of Object.values(t.files) as Array<{ path: string; sha256: string; bytes: number }>) {
      if (f.path === rel) {
        f.sha256 = await sha256File(path.join(dir, rel))
        f.bytes = fs.statSync(path.join(dir, rel)).size
      }
    }
  }
  fs.writeFileSync(manifestPath, stableJson(m))
  // The release documents repeat every file's hash: a careful forger rebuilds them too.
  fs.writeFileSync(path.join(dir, "datapackage.json"), stableJson(buildDatapackage(m, { release: "forged" })))
  fs.writeFileSync(path.join(dir, "croissant.json"), stableJson(buildCroissant(m, { release: "forged" })))
  const resealed = new Set([rel, "manifest.json", "datapackage.json", "croissant.json"])
  const sums = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").trim().split("\n")
  const fixed = await Promise.all(sums.map(async (line) => {
    const p = line.slice(66)
    return resealed.has(p) ? `${await sha256File(path.join(dir, p))}  ${p}` : line
  }))
  fs.writeFileSync(path.join(dir, "SHA256SUMS"), fixed.map((l) => `${l}\n`).join(""))
}

const kinds = (problems: ReadonlyArray<{ kind: string; file?: string }>) => problems.map((p) => `${p.kind}:${p.file ?? ""}`).sort()

describe("CsvReader", () => {
  const parse = (chunks: ReadonlyArray<string>) => {
    const out: Array<Array<string>> = []
    const r = new CsvReader()
    for (const c of chunks) r.feed(c, (rec) => out.push(rec))
    r.end((rec) => out.push(rec))
    return out
  }

  it("reads quoted commas, doubled quotes and line breaks as one field, in any chunking", () => {
    const text = "a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,\"\",z\n"
    const expected = [["a", "b", "c"], ["x,1", "say \"hi\"", "two\nlines"], ["", "", "z"]]
    expect(parse([text])).toEqual(expected)
    // Every split point, including inside "" and between CR and LF.
    for (let i = 1; i < text.length; i++) expect(parse([text.slice(0, i), text.slice(i)])).toEqual(expected)
    expect(parse(["a,b\n1,2"])).toEqual([["a", "b"], ["1", "2"]])
  })

  it("rejects malformed input", () => {
    expect(() => parse(["a,\"open\n"])).toThrow(/inside a quoted field/)
    expect(() => parse(["a,b\"c\n"])).toThrow(/quote inside an unquoted field/)
    expect(() => parse(["\"a\"b,c\n"])).toThrow(/after a closing quote/)
  })
})

describe("verify", () => {
  it("passes a fresh release, also with datapackage.json and croissant.json added", async () => {
    expect(await verifyReleaseAsync(releaseDir)).toEqual([])
    const dir = copyRelease("documents")
    const r = readManifest(dir)
    if (!("manifest" in r)) throw new Error(r.problem.message)
    // Start from a release without them, whether or not the release stage already writes them.
    const docs = ["croissant.json", "datapackage.json"]
    const kept = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8").split("\n").filter((l) => l !== "" && !docs.includes(l.slice(66)))
    fs.writeFileSync(path.join(dir, "SHA256SUMS"), kept.map((l) => `${l}\n`).join(""))
    fs.writeFileSync(path.join(dir, "datapackage.json"), stableJson(buildDatapackage(r.manifest)))
    fs.writeFileSync(path.join(dir, "croissant.json"), stableJson(buildCroissant(r.manifest)))
    // Unlisted until SHA256SUMS covers them.
    expect(kinds(await verifyReleaseAsync(dir))).toEqual(["unlisted_file:croissant.json", "unlisted_file:datapackage.json"])
    const sums = fs.readFileSync(path.join(dir, "SHA256SUMS"), "utf8")
    const extra = await Promise.all(docs.map(async (p) => `${await sha256File(path.join(dir, p))}  ${p}\n`))
    fs.writeFileSync(path.join(dir, "SHA256SUMS"), sums + extra.join(""))
    const problems = await Effect.runPromise(verifyRelease(dir))
    expect(problems).toEqual([])
    expect(formatVerifyReport(dir, problems).exitCode).toBe(0)
  })

  it("catches a flipped byte in a Parquet file", async () => {
    const dir = copyRelease("flipped")
    const file = path.join(dir, "documents.parquet")
    const bytes = fs.readFileSync(file)
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01
    fs.writeFileSync(file, bytes)
    const problems = await verifyReleaseAsync(dir)
    // Once against SHA256SUMS, once against the manifest.
    expect(problems.filter((p) => p.kind === "hash").map((p) => p.file)).toEqual(["documents.parquet", "documents.parquet"])
    // Whatever else the flip breaks (a page that no longer decodes), every problem is about documents.
    expect(problems.every((p) => p.file === "documents.parquet" || p.message.includes("documents"))).toBe(true)
    const report = formatVerifyReport(dir, problems)
    expect(report.exitCode).toBe(1)
    expect(report.text).toContain("documents.parquet")
  })

  it("catches a missing file", async () => {
    const dir = copyRelease("missing")
    fs.rmSync(path.join(dir, "mentions.csv"))
    const problems = await verifyReleaseAsync(dir)
    expect(kinds(problems)).toEqual(["missing_file:mentions.csv"])
  })

  it("catches a changed row count even when the hashes were fixed up", async () => {
    const dir = copyRelease("rows")
    const rel = "entity_aliases.csv"
    const text = fs.readFileSync(path.join(dir, rel), "utf8")
    // The last record: aliases hold no line breaks, so the last line is one whole record.
    const cut = text.lastIndexOf("\n", text.length - 2)
    expect(cut).toBeGreaterThan(0)
    fs.writeFileSync(path.join(dir, rel), text.slice(0, cut + 1))
    await reseal(dir, rel)
    const problems = await verifyReleaseAsync(dir)
    expect(kinds(problems)).toEqual([`rows:${rel}`])
    const m = readManifest(dir)
    const rows = "manifest" in m ? m.manifest.tables.find((t) => t.name === "entity_aliases")!.rows : -1
    expect(problems[0]!.message).toContain(`${rows - 1} records, manifest says ${rows}`)
  })

  it("counts records, not lines, in CSV cells with line breaks", async () => {
    // documents.text spans many lines; a fresh release verifies, so a line counter would have failed here.
    const text = fs.readFileSync(path.join(releaseDir, "documents.csv"), "utf8")
    const m = readManifest(releaseDir)
    const rows = "manifest" in m ? m.manifest.tables.find((t) => t.name === "documents")!.rows : -1
    expect(text.split("\n").length - 2).toBeGreaterThan(rows)
    expect((await verifyReleaseAsync(releaseDir)).filter((p) => p.kind === "rows")).toEqual([])
  })

  const rewriteThemes = async (dir: string, edit: (rows: Array<Record<string, unknown>>) => void) => {
    const file = path.join(dir, "themes.parquet")
    const pq = await openParquet(file)
    const rows = await parquetReadObjects({ file: pq.file, metadata: pq.metadata })
    expect(rows.length).toBeGreaterThan(1)
    edit(rows)
    await Effect.runPromise(writeParquet(themesColumns, file, Stream.fromIterable(rows), 20_000).pipe(Effect.provide(Files.layer)))
    await reseal(dir, "themes.parquet")
  }

  it("catches a broken foreign key", async () => {
    const dir = copyRelease("fk")
    await rewriteThemes(dir, (rows) => {
      rows[0]!.doc_id = "ffffffffffffffff"
    })
    const problems = await verifyReleaseAsync(dir)
    expect(kinds(problems)).toEqual(["foreign_key:themes.parquet"])
    expect(problems[0]!.message).toContain("themes(doc_id) → documents(doc_id): 1 rows")
    expect(problems[0]!.message).toContain("ffffffffffffffff")
  })

  it("catches a duplicate primary key", async () => {
    const dir = copyRelease("pk")
    await rewriteThemes(dir, (rows) => {
      rows[1] = { ...rows[0]! }
    })
    expect(kinds(await verifyReleaseAsync(dir))).toEqual(["primary_key:themes.parquet"])
  })
})

describe("diff", () => {
  it("finds nothing between a release and itself", async () => {
    const d = await Effect.runPromise(diffReleases(releaseDir, releaseDir))
    const r = readManifest(releaseDir)
    if (!("manifest" in r)) throw new Error(r.problem.message)
    expect(d.tables.map((t) => t.table)).toEqual(r.manifest.tables.map((t) => t.name))
    for (const t of d.tables) {
      const rows = r.manifest.tables.find((x) => x.name === t.table)!.rows
      expect({ table: t.table, added: t.added, removed: t.removed, changed: t.changed, unchanged: t.unchanged }).toEqual({
        table: t.table,
        added: 0,
        removed: 0,
        changed: 0,
        unchanged: rows
      })
    }
  })

  it("counts added, removed and changed rows by primary key after the corpus changed", async () => {
    const dir = tempDir("diff")
    const corpus = copyCorpus(dir)
    const names = fs.readdirSync(corpus).sort()
    expect(names.length).toBeGreaterThanOrEqual(4)
    // The last seed removed (no later input shifts its position), the second edited (new content → new
    // doc_id, same record_key), the third renamed in place (same content → same doc_id, new source_uri
    // and record_key; the name still sorts between its neighbours).
    fs.rmSync(path.join(corpus, names.at(-1)!))
    fs.appendFileSync(path.join(corpus, names[1]!), "\n\nThe council said it would meet again on Tuesday to review the figures.\n")
    fs.renameSync(path.join(corpus, names[2]!), path.join(corpus, `${names[2]!.slice(0, 4)}zz_renamed.txt`))
    const changedDir = (await run({ inputs: [corpus], out: path.join(dir, "out"), workers: 2, worker_min_documents: 0 })).releaseDir
    const d = await diffReleasesAsync(releaseDir, changedDir)
    const table = (name: string) => {
      const t = d.tables.find((x) => x.table === name)!
      return { added: t.added, removed: t.removed, changed: t.changed, unchanged: t.unchanged }
    }
    const oldDocs = names.length
    // documents: removed = the deleted seed and the edited one's old id; added = its new id; changed = the renamed one.
    expect(table("documents")).toEqual({ added: 1, removed: 2, changed: 1, unchanged: oldDocs - 3 })
    // records (key source_uri#line): the edited seed keeps its key with a new doc_id; the renamed one is a new key.
    expect(table("records")).toEqual({ added: 1, removed: 2, changed: 1, unchanged: oldDocs - 3 })
    // Child rows of the documents that went away are removed too.
    const removedLines = d.tables.find((x) => x.table === "removed_lines")!
    expect(removedLines.removed).toBeGreaterThan(0)
    expect(formatDiff(d)).toMatch(/documents\s+1\s+2\s+1\s+\d+/)
  })

  it("fails with a typed error when a release is not there", async () => {
    const exit = await Effect.runPromiseExit(diffReleases(releaseDir, path.join(work, "nope")))
    expect(exit._tag).toBe("Failure")
    expect(String(exit)).toContain("ReleaseReadError")
  })
})
