/**
 * The dataset store on real files: records go to disk as zstd-compressed NDJSON (one frame per flush)
 * and come back the same; the digest and size are the NDJSON's, whatever the compression; a damaged
 * file is a DatasetError, not a crash.
 */
import { Effect, Layer, Schema, Stream } from "effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { DatasetError } from "../src/errors.ts"
import { dataset, DatasetStore } from "../src/runtime/dataset.ts"
import { Files } from "../src/runtime/files.ts"

const Rec = Schema.Struct({ id: Schema.Number, text: Schema.String })
const Recs = dataset("recs", Rec, "test records")

// Enough text for several flushes (256 KiB each), with non-ASCII and escapes.
const records = Array.from({ length: 6_000 }, (_, id) => ({ id, text: `Zoë said "line ${id}"\n${"é".repeat(id % 97)} ${"word ".repeat(id % 31)}` }))

const inStore = <A, E>(dir: string, body: Effect.Effect<A, E, DatasetStore>) =>
  Effect.runPromise(body.pipe(Effect.provide(DatasetStore.layer(dir, true).pipe(Layer.provide(Files.layer)))))

describe("dataset store", () => {
  it("writes zstd NDJSON in several frames and reads the same records back, with the NDJSON's digest and size", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-ds-"))
    const { back, digest, bytes, count, file } = await inStore(dir, Effect.gen(function*() {
      const store = yield* DatasetStore
      // In arrays of 500, as stages write them: the writer flushes as its buffer fills.
      const count = yield* store.write(Recs, Stream.fromIterable(records).pipe(Stream.rechunk(500)))
      const back = yield* Stream.runCollect(store.read(Recs))
      return { back, digest: store.digest(Recs), bytes: store.bytes(Recs), count, file: store.path(Recs) }
    }))
    expect(count).toBe(records.length)
    expect(back).toEqual(records)
    const ndjson = records.map((r) => `${JSON.stringify(r)}\n`).join("")
    const stored = fs.readFileSync(file)
    expect(stored.readUInt32LE(0)).toBe(0xfd2fb528) // zstd's magic number
    expect(zlib.zstdDecompressSync(stored).toString("utf8")).toBe(ndjson)
    expect(digest).toBe(createHash("sha256").update(ndjson).digest("hex"))
    expect(bytes).toBe(Buffer.byteLength(ndjson))
    expect(stored.length * 3).toBeLessThan(bytes!)
    // More than one frame: a second magic number past the first.
    expect(stored.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), 4)).toBeGreaterThan(0)
  })

  it("writes an empty dataset as one empty zstd frame, which reads back as no records", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-ds-"))
    const { back, count, file } = await inStore(dir, Effect.gen(function*() {
      const store = yield* DatasetStore
      const count = yield* store.write(Recs, Stream.empty)
      return { back: yield* Stream.runCollect(store.read(Recs)), count, file: store.path(Recs) }
    }))
    expect(count).toBe(0)
    expect(back).toEqual([])
    expect(file.endsWith(".ndjson.zst")).toBe(true)
    expect(zlib.zstdDecompressSync(fs.readFileSync(file)).length).toBe(0)
  })

  it("fails reading a truncated dataset file with a DatasetError", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-ds-"))
    const error = await inStore(dir, Effect.gen(function*() {
      const store = yield* DatasetStore
      yield* store.write(Recs, Stream.fromIterable(records))
      const file = store.path(Recs)
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))
      return yield* Effect.flip(Stream.runDrain(store.read(Recs)))
    }))
    expect(error).toBeInstanceOf(DatasetError)
    expect(error.dataset).toBe("recs")
  })
})
