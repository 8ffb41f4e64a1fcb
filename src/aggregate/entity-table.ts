/**
 * The entities table: every linked mention of the corpus folded into one row per entity.
 *
 * Memory is bounded whatever the corpus size: when the evidence is larger than one partition's
 * budget, it is first spilled to files by ranges of entity id (ids are hex hashes, so a range of
 * leading bytes is a uniform share of the entities and ranges keep the ids' sort order), then
 * each range is folded and emitted in turn. The rows are the same bytes with or without the
 * spill: a document's mentions stay in corpus order within their range, and ties are broken by
 * value, never by insertion order.
 */
import { Effect, Stream } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { EntityEvidenceSets } from "../datasets.ts"
import { type DatasetError, type FileError, fileError, tryFs } from "../errors.ts"
import { type DatasetStore, lineBlocks } from "../runtime/dataset.ts"
import type { EntityEvidence, EntityRow } from "../schema/records.ts"

interface EntityTally {
  type: string
  names: Map<string, number>
  aliases: Set<string>
  docs: number
  mentions: number
  lastDoc: string
  geo: Map<number, { count: number; lat: number | null; lon: number | null; cc: string | null }>
}

type Mention = EntityEvidence["mentions"][number]
type Place = EntityEvidence["places"][number]

/** Folds linked mentions into one row per entity (in memory: one partition's worth). */
export class EntityTable {
  private readonly byId = new Map<string, EntityTally>()

  get size(): number {
    return this.byId.size
  }

  add(e: EntityEvidence): void {
    for (const m of e.mentions) this.addMention(e.doc_id, m)
    for (const p of e.places) this.addPlace(p)
  }

  addMention(docId: string, m: Mention): void {
    let t = this.byId.get(m.entity_id)
    if (t === undefined) {
      t = { type: m.type, names: new Map(), aliases: new Set(), docs: 0, mentions: 0, lastDoc: "", geo: new Map() }
      this.byId.set(m.entity_id, t)
    }
    t.names.set(m.canonical, (t.names.get(m.canonical) ?? 0) + 1)
    t.aliases.add(m.text)
    t.mentions++
    if (t.lastDoc !== docId) {
      t.docs++
      t.lastDoc = docId
    }
  }

  addPlace(p: Place): void {
    const gid = p.geonames_id
    const t = this.byId.get(p.entity_id)
    if (gid === null || t === undefined) return
    const g = t.geo.get(gid) ?? { count: 0, lat: p.latitude, lon: p.longitude, cc: p.country_code }
    g.count++
    t.geo.set(gid, g)
  }

  rows(): Array<EntityRow> {
    const ids = [...this.byId.keys()].sort()
    return ids.map((entity_id) => {
      const t = this.byId.get(entity_id)!
      const canonical = best(t.names, (a, b) => (a < b ? a : b))
      const geo = best(t.geo, (a, b) => Math.min(a, b))
      const g = geo === null ? null : t.geo.get(geo)!
      return {
        entity_id,
        canonical: canonical ?? "",
        type: t.type,
        aliases: [...t.aliases].sort(),
        doc_count: t.docs,
        mention_count: t.mentions,
        geonames_id: geo,
        latitude: g?.lat ?? null,
        longitude: g?.lon ?? null,
        country_code: g?.cc ?? null
      }
    })
  }
}

// The most frequent key; ties broken by `tie` so the answer never depends on insertion order.
const best = <K>(counts: ReadonlyMap<K, number | { count: number }>, tie: (a: K, b: K) => K): K | null => {
  let top: K | null = null
  let topN = -1
  for (const [k, v] of counts) {
    const n = typeof v === "number" ? v : v.count
    if (n > topN) {
      top = k
      topN = n
    } else if (n === topN && top !== null) top = tie(top, k)
  }
  return top
}

/**
 * Evidence bytes folded in memory at once. A tally costs a few hundred bytes and an entity has
 * at least one ~100-byte evidence entry, so 64 MB of evidence holds at most ~0.6M entities
 * (~250 MB); real corpora repeat entities and need far less.
 */
export const PARTITION_BYTES = 64 * 1024 * 1024

/** Partitions for `bytes` of evidence: 1 (no spill) up to 256 (one per leading id byte). */
export const partitionsFor = (bytes: number, budget = PARTITION_BYTES): number => Math.min(256, Math.max(1, Math.ceil(bytes / budget)))

/** The range an entity id falls in: its leading byte scaled to `n` ranges (ids sort the same way). */
export const partitionOf = (entityId: string, n: number): number => {
  const b = Number.parseInt(entityId.slice(0, 2), 16)
  return Number.isNaN(b) ? 0 : Math.floor((b * n) / 256)
}

/** Buffered line files, one per partition. */
class Spill {
  private readonly buffers: Array<Array<string>>
  private readonly sizes: Array<number>
  readonly files: ReadonlyArray<string>

  constructor(dir: string, n: number) {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    this.files = Array.from({ length: n }, (_, i) => path.join(dir, `part-${String(i).padStart(3, "0")}.ndjson`))
    for (const f of this.files) fs.writeFileSync(f, "")
    this.buffers = this.files.map(() => [])
    this.sizes = this.files.map(() => 0)
  }

  add(p: number, line: string): void {
    this.buffers[p]!.push(line, "\n")
    this.sizes[p]! += line.length + 1
    if (this.sizes[p]! >= 1 << 18) this.flush(p)
  }

  flush(p: number): void {
    if (this.buffers[p]!.length === 0) return
    fs.appendFileSync(this.files[p]!, this.buffers[p]!.join(""))
    this.buffers[p] = []
    this.sizes[p] = 0
  }

  finish(): void {
    this.files.forEach((_, p) => this.flush(p))
  }
}

/**
 * The entity rows of every evidence record in `store`, sorted by entity id, as a stream; spills
 * to `spillDir` when the evidence is larger than `budget` bytes. The spill folder is removed
 * when the stream ends.
 */
export const entityRows = (
  store: DatasetStore["Service"],
  spillDir: string,
  budget = PARTITION_BYTES
): Stream.Stream<EntityRow, DatasetError | FileError> => {
  const evidence = store.read(EntityEvidenceSets)
  const size = store.bytes(EntityEvidenceSets) ?? 0
  const n = partitionsFor(size, budget)
  if (n === 1) {
    return Stream.unwrap(evidence.pipe(
      Stream.runFold(() => new EntityTable(), (t, e) => {
        t.add(e)
        return t
      }),
      Effect.map((t) => Stream.fromIterable(t.rows()))
    ))
  }
  const spill = Effect.gen(function*() {
    const s = yield* tryFs("spill", spillDir, () => new Spill(spillDir, n))
    yield* Stream.runForEachArray(evidence, (records) =>
      tryFs("spill", spillDir, () => {
        for (const e of records) {
          // A document's mentions before its places: a place needs its entity's tally to exist.
          for (const m of e.mentions) s.add(partitionOf(m.entity_id, n), JSON.stringify(["m", e.doc_id, m.entity_id, m.type, m.canonical, m.text]))
          for (const p of e.places) s.add(partitionOf(p.entity_id, n), JSON.stringify(["p", p.entity_id, p.geonames_id, p.latitude, p.longitude, p.country_code]))
        }
      }))
    yield* tryFs("spill", spillDir, () => s.finish())
    return s.files
  })
  const foldPartition = (file: string) =>
    Stream.unwrap(Effect.tryPromise({
      try: async () => {
        const t = new EntityTable()
        for await (const lines of lineBlocks(file)) {
          for (const line of lines) {
            if (line.length === 0) continue
            const r = JSON.parse(line) as Array<any>
            if (r[0] === "m") t.addMention(r[1], { entity_id: r[2], type: r[3], canonical: r[4], text: r[5] })
            else t.addPlace({ entity_id: r[1], geonames_id: r[2], latitude: r[3], longitude: r[4], country_code: r[5] })
          }
        }
        return Stream.fromIterable(t.rows())
      },
      catch: fileError("read spill", file)
    }))
  return Stream.unwrap(Effect.map(spill, (files) => Stream.fromIterable(files).pipe(Stream.flatMap(foldPartition)))).pipe(
    Stream.ensuring(Effect.sync(() => fs.rmSync(spillDir, { recursive: true, force: true })))
  )
}
