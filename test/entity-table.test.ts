import { Effect, Layer, Stream } from "effect"
import * as fc from "fast-check"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { entityRows, partitionOf, partitionsFor } from "../src/aggregate/entity-table.ts"
import { EntityEvidenceSets } from "../src/datasets.ts"
import { DatasetStore } from "../src/runtime/dataset.ts"
import { Files } from "../src/runtime/files.ts"
import type { EntityEvidence } from "../src/schema/records.ts"

// A corpus's evidence: entities recur across documents, with several names, aliases and places.
const evidence = (docs: number): Array<EntityEvidence> => {
  let seed = 7 // mulberry32
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (((t ^ (t >>> 14)) >>> 0) % n)
  }
  const id = (k: number) => (k * 2654435761 >>> 0).toString(16).padStart(8, "0") + "00000000"
  return Array.from({ length: docs }, (_, d) => {
    const ents = Array.from({ length: 1 + rnd(12) }, () => rnd(400))
    return {
      doc_id: `doc${String(d).padStart(5, "0")}`,
      mentions: ents.map((k) => ({ entity_id: id(k), type: k % 3 === 0 ? "LOC" : "PER", canonical: `Name ${k}${rnd(3) === 0 ? "b" : ""}`, text: `alias ${rnd(4)}` })),
      places: ents.filter((k) => k % 3 === 0).map((k) => ({ entity_id: id(k), geonames_id: 1000 + (k % 7) + rnd(2), latitude: k, longitude: -k, country_code: "SY" }))
    }
  })
}

describe("entities table", () => {
  it("gives the same rows, sorted by id, whether it is folded in memory or spilled to many ranges", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-entities-"))
    const rows = (budget: number) =>
      Effect.runPromise(Effect.gen(function*() {
        const store = yield* DatasetStore
        yield* store.write(EntityEvidenceSets, Stream.fromIterable(evidence(3000)))
        return yield* Stream.runCollect(entityRows(store, path.join(dir, "spill"), budget))
      }).pipe(Effect.provide(DatasetStore.layer(path.join(dir, "work"), true).pipe(Layer.provide(Files.layer)))))
    const inMemory = await rows(Number.MAX_SAFE_INTEGER)
    const size = zlib.zstdDecompressSync(fs.readFileSync(path.join(dir, "work", "entity_evidence.ndjson.zst"))).length
    const spilled = await rows(Math.ceil(size / 40))
    expect(partitionsFor(size, Math.ceil(size / 40))).toBe(40)
    expect(inMemory.length).toBeGreaterThan(390)
    expect(spilled).toEqual(inMemory)
    const ids = inMemory.map((r) => r.entity_id)
    expect(ids).toEqual([...ids].sort())
    expect(inMemory.some((r) => r.geonames_id !== null && r.aliases.length > 1)).toBe(true)
    // The spill folder does not outlive the fold.
    expect(fs.existsSync(path.join(dir, "spill"))).toBe(false)
  })

  it("ranges keep the ids' sort order", () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9a-f]{16}$/), fc.stringMatching(/^[0-9a-f]{16}$/), fc.integer({ min: 1, max: 256 }), (a, b, n) => {
      const [lo, hi] = a < b ? [a, b] : [b, a]
      expect(partitionOf(lo, n)).toBeLessThanOrEqual(partitionOf(hi, n))
      expect(partitionOf(hi, n)).toBeLessThan(n)
    }))
  })
})
