/** The report's cross-checks, counted as the datasets stream by (no per-document map walked at the end). */
import { describe, expect, it } from "vitest"
import { makeReportAccumulator } from "../src/report/model.ts"

const id = (n: number) => n.toString(16).padStart(16, "0")
const record = (status: "document" | "duplicate", doc: number) =>
  ({ status, doc_id: id(doc), source_uri: "in.jsonl", reason: status === "duplicate" ? "exact_duplicate" : null }) as never
const enriched = (doc: number, entities: ReadonlyArray<number>) =>
  ({
    doc_id: id(doc),
    mentions: entities.map((e) => ({ entity_id: id(1000 + e) })),
    document: { is_duplicate: false, themes: [], published: null, title: null, site: "s", tone: 0 }
  }) as never
const entity = (e: number) =>
  ({ entity_id: id(1000 + e), type: "PER", canonical: `e${e}`, mention_count: 1, doc_count: 1, latitude: null, longitude: null, country_code: null }) as never
const tables = [{ name: "documents", source: "enriched", csvRows: 3, parquetRows: 3 }]

const checks = (dangling: boolean) => {
  const acc = makeReportAccumulator()
  for (const d of [1, 2, 3]) acc.record(record("document", d))
  acc.record(record("duplicate", 2))
  // A duplicate of a document that is not there, and a mention of an entity that is not there.
  if (dangling) acc.record(record("duplicate", 9))
  acc.enriched(enriched(1, [1, 2]))
  acc.enriched(enriched(2, [2]))
  acc.enriched(enriched(3, dangling ? [3, 7] : [3]))
  for (const e of [1, 2, 3]) acc.entity(entity(e))
  const data = acc.finish({ pipelineVersion: "x", config: {}, stages: [], tables })
  return new Map(data.checks.map((c) => [c.name, c] as const))
}

describe("report checks", () => {
  it("pass on consistent datasets", () => {
    const c = checks(false)
    expect(c.get("Exact duplicates point at a kept document")).toMatchObject({ ok: true, detail: "1 document(s) have exact duplicates" })
    expect(c.get("Every mention links to an entity")).toMatchObject({ ok: true, detail: "4 mentions of 3 entities; 0 unknown entity id(s), 0 entit(ies) without mentions" })
  })

  it("count a dangling duplicate target and an unknown entity id", () => {
    const c = checks(true)
    expect(c.get("Exact duplicates point at a kept document")).toMatchObject({ ok: false, detail: "1 duplicate target(s) are not documents" })
    expect(c.get("Every mention links to an entity")).toMatchObject({ ok: false, detail: "5 mentions of 4 entities; 1 unknown entity id(s), 0 entit(ies) without mentions" })
  })

  it("refuse datasets fed out of order (the counts rely on it)", () => {
    const acc = makeReportAccumulator()
    acc.entity(entity(1))
    expect(() => acc.enriched(enriched(1, [1]))).toThrow(/after a later dataset/)
  })
})
