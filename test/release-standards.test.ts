/**
 * datapackage.json (Frictionless v2) and croissant.json (MLCommons Croissant 1.0) built from a real
 * release: one resource / FileObject per data file whose hash and size match the bytes on disk, table
 * schemas that match the CSV headers and Parquet columns, keys and references that resolve.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { stableJson } from "../src/json.ts"
import { buildCroissant } from "../src/release/croissant.ts"
import { buildDatapackage, type ReleaseManifest } from "../src/release/datapackage.ts"
import { sha256File } from "../src/io/file-hash.ts"
import { openParquet, parquetColumns, readManifest, scanCsv } from "../src/release/verify.ts"
import { copyCorpus, run, tempDir } from "./support/pipeline.ts"

let releaseDir = ""
let manifest: ReleaseManifest
/** The table files of the release (CSV and Parquet), from the manifest. */
let dataFiles: Array<string> = []

beforeAll(async () => {
  const dir = tempDir("standards")
  const corpus = copyCorpus(dir)
  const summary = await run({ inputs: [corpus], out: path.join(dir, "out"), workers: 2, worker_min_documents: 0 })
  releaseDir = summary.releaseDir
  const r = readManifest(releaseDir)
  if (!("manifest" in r)) throw new Error(r.problem.message)
  manifest = r.manifest
  dataFiles = manifest.tables.flatMap((t) => Object.values(t.files).map((f) => f.path))
  // Every table file is in SHA256SUMS (which may list more: the manifest, reports, a database).
  const summed = new Set(fs.readFileSync(path.join(releaseDir, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.slice(66)))
  for (const f of dataFiles) if (!summed.has(f)) throw new Error(`${f} is not in SHA256SUMS`)
  if (dataFiles.length !== 2 * manifest.tables.length) throw new Error("expected a CSV and a Parquet file per table")
})

type Json = Record<string, any>
const roundTrip = (doc: unknown): Json => JSON.parse(stableJson(doc)) as Json

describe("datapackage.json", () => {
  it("has one resource per data file, with the file's sha256 and size", async () => {
    const dp = roundTrip(buildDatapackage(manifest))
    expect(dp.$schema).toBe("https://datapackage.org/profiles/2.0/datapackage.json")
    expect(dp.name).toMatch(/^[a-z0-9._-]+$/)
    const resources = dp.resources as Array<Json>
    expect(resources.map((r) => r.path).sort()).toEqual([...dataFiles].sort())
    expect(new Set(resources.map((r) => r.name)).size).toBe(resources.length)
    for (const r of resources) {
      const file = path.join(releaseDir, r.path)
      expect(r.hash).toBe(`sha256:${await sha256File(file)}`)
      expect(r.bytes).toBe(fs.statSync(file).size)
      expect(r.type).toBe("table")
      if (r.format === "csv") {
        expect(r.mediatype).toBe("text/csv")
        expect(r.encoding).toBe("utf-8")
        expect(r.dialect).toMatchObject({ header: true, delimiter: ",", lineTerminator: "\n", quoteChar: "\"", doubleQuote: true, nullSequence: "" })
      } else {
        expect(r.format).toBe("parquet")
        expect(r.dialect).toBeUndefined()
      }
    }
  })

  it("describes each file's actual columns, with keys that resolve", async () => {
    const dp = roundTrip(buildDatapackage(manifest))
    const resources = dp.resources as Array<Json>
    const byName = new Map(resources.map((r) => [r.name as string, r]))
    for (const r of resources) {
      const fields = r.schema.fields as Array<Json>
      const names = fields.map((f) => f.name)
      const actual = r.format === "csv"
        ? (await scanCsv(path.join(releaseDir, r.path))).header
        : parquetColumns((await openParquet(path.join(releaseDir, r.path))).metadata.schema).map((c) => c.element.name)
      expect(names).toEqual(actual)
      for (const f of fields) expect(["string", "integer", "number", "boolean", "datetime", "array"]).toContain(f.type)
      for (const k of r.schema.primaryKey) expect(names).toContain(k)
      for (const fk of r.schema.foreignKeys as Array<Json>) {
        for (const f of fk.fields) expect(names).toContain(f)
        const parent = byName.get(fk.reference.resource)
        expect(parent, `${r.name} → ${fk.reference.resource}`).toBeDefined()
        expect(parent!.format).toBe(r.format)
        const parentNames = (parent!.schema.fields as Array<Json>).map((f) => f.name)
        for (const f of fk.reference.fields) expect(parentNames).toContain(f)
      }
    }
    // Types and nullability follow the manifest (itself from src/schema/columns.ts).
    const docs = byName.get("documents-csv")!.schema.fields as Array<Json>
    const field = (n: string) => docs.find((f) => f.name === n)!
    expect(field("doc_id")).toMatchObject({ type: "string", constraints: { required: true, unique: true } })
    expect(field("published").type).toBe("datetime")
    expect(field("published").constraints).toBeUndefined()
    expect(field("themes")).toMatchObject({ type: "array", arrayItem: { type: "string" } })
    expect(field("is_duplicate").type).toBe("boolean")
    expect(field("word_count").type).toBe("integer")
    expect(field("tone").type).toBe("number")
    const mentions = byName.get("mentions-parquet")!.schema
    expect(mentions.primaryKey).toEqual(["doc_id", "seq"])
    expect(mentions.foreignKeys).toContainEqual({ fields: ["entity_id"], reference: { resource: "entities-parquet", fields: ["entity_id"] } })
  })

  it("is deterministic and dated only by SOURCE_DATE_EPOCH", () => {
    expect(stableJson(buildDatapackage(manifest))).toBe(stableJson(buildDatapackage(manifest)))
    expect(buildDatapackage(manifest).created).toBeUndefined()
    expect(buildDatapackage(manifest, { sourceDateEpoch: "86400" }).created).toBe("1970-01-02T00:00:00Z")
    expect(buildDatapackage(manifest, { sourceDateEpoch: "yesterday" }).created).toBeUndefined()
  })
})

describe("croissant.json", () => {
  it("has one FileObject per data file with its sha256, and a record set per table", async () => {
    const cr = roundTrip(buildCroissant(manifest))
    expect(cr["@type"]).toBe("sc:Dataset")
    expect(cr.conformsTo).toBe("http://mlcommons.org/croissant/1.0")
    expect(cr["@context"].cr).toBe("http://mlcommons.org/croissant/")
    const dist = cr.distribution as Array<Json>
    expect(dist.map((d) => d.contentUrl).sort()).toEqual([...dataFiles].sort())
    for (const d of dist) {
      expect(d["@type"]).toBe("cr:FileObject")
      expect(d.sha256).toBe(await sha256File(path.join(releaseDir, d.contentUrl)))
      expect(d.contentSize).toBe(`${fs.statSync(path.join(releaseDir, d.contentUrl)).size} B`)
      expect(d.encodingFormat).toBe(d.contentUrl.endsWith(".csv") ? "text/csv" : "application/x-parquet")
    }
    const sets = cr.recordSet as Array<Json>
    expect(sets.map((s) => s.name)).toEqual(manifest.tables.map((t) => t.name))
    const fileIds = new Set(dist.map((d) => d["@id"]))
    const fieldIds = new Set(sets.flatMap((s) => (s.field as Array<Json>).map((f) => f["@id"])))
    expect(fieldIds.size).toBe(sets.reduce((n, s) => n + s.field.length, 0))
    for (const s of sets) {
      const t = manifest.tables.find((x) => x.name === s.name)!
      expect((s.field as Array<Json>).map((f) => f.name)).toEqual(t.columns.map((c) => c.name))
      expect(s.key).toEqual(t.primary_key.map((k) => ({ "@id": `${t.name}/${k}` })))
      for (const f of s.field as Array<Json>) {
        expect(f["@type"]).toBe("cr:Field")
        expect(fileIds.has(f.source.fileObject["@id"])).toBe(true)
        expect(f.source.extract.column).toBe(f.name)
        expect(["sc:Text", "sc:Integer", "sc:Float", "sc:Boolean", "sc:DateTime"]).toContain(f.dataType)
        if (f.references) expect(fieldIds.has(f.references.field["@id"])).toBe(true)
      }
    }
    const places = sets.find((s) => s.name === "places")!.field as Array<Json>
    expect(places.find((f) => f.name === "entity_id")!.references).toEqual({ field: { "@id": "entities/entity_id" } })
    const docFields = sets.find((s) => s.name === "documents")!.field as Array<Json>
    expect(docFields.find((f) => f.name === "themes")).toMatchObject({ dataType: "sc:Text", repeated: true })
  })

  it("is deterministic and dated only by SOURCE_DATE_EPOCH", () => {
    expect(stableJson(buildCroissant(manifest))).toBe(stableJson(buildCroissant(manifest)))
    expect(buildCroissant(manifest).datePublished).toBeUndefined()
    expect(buildCroissant(manifest, { sourceDateEpoch: "0" }).datePublished).toBe("1970-01-01T00:00:00Z")
  })
})
