/**
 * Datasets: named, schema-typed streams of records that stages exchange. Each is stored as
 * zstd-compressed NDJSON in the run's work folder, so a stage streams its input from disk (memory
 * does not grow with the corpus) and later runs can reuse it. Compressed because the work folder
 * and the stage cache hold every dataset: ~60 KB an article as plain NDJSON, ~5× less in zstd at
 * its fastest level (which writes ~420–590 MB/s and reads ~600–900 MB/s). Every record is validated
 * against the dataset's schema once, when it is written (in the worker thread that made it, for
 * per-document stages): a record of the wrong shape is a typed error where it is made, not a crash
 * later.
 */
import { Context, Effect, Layer, Schema, Stream } from "effect"
import type * as Arr from "effect/Array"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { DatasetError, FileError } from "../errors.ts"
import { compressBlock, fileChunks } from "../io/zstd.ts"
import { Files } from "./files.ts"

export interface Dataset<A> {
  readonly name: string
  readonly description: string
  readonly schema: Schema.Codec<A, unknown>
}

export const dataset = <A>(name: string, schema: Schema.Codec<A, any>, description: string): Dataset<A> => ({
  name,
  description,
  schema: schema as Schema.Codec<A, unknown>
})

export type AnyDataset = Dataset<any>

export interface DatasetWriter<A> {
  readonly add: (record: A) => Effect.Effect<void, FileError | DatasetError>
  readonly addAll: (records: Iterable<A>) => Effect.Effect<void, FileError | DatasetError>
  /** Already-encoded records (one JSON document per line). */
  readonly addLines: (lines: ReadonlyArray<string>) => Effect.Effect<void, FileError>
  /** `records` NDJSON lines already in UTF-8 (each ending in a newline), e.g. from a worker thread. */
  readonly addBytes: (bytes: Uint8Array, records: number) => Effect.Effect<void, FileError>
  /** Flushes and publishes the dataset; returns its record count. */
  readonly close: Effect.Effect<number, FileError>
}

export class DatasetStore extends Context.Service<DatasetStore, {
  readonly writer: <A>(ds: Dataset<A>) => Effect.Effect<DatasetWriter<A>, FileError>
  readonly write: <A, E, R>(ds: Dataset<A>, records: Stream.Stream<A, E, R>) => Effect.Effect<number, E | FileError | DatasetError, R>
  readonly read: <A>(ds: Dataset<A>) => Stream.Stream<A, DatasetError>
  /** The records as raw NDJSON lines, not decoded. */
  readonly readLines: (ds: AnyDataset) => Stream.Stream<string, DatasetError>
  readonly path: (ds: AnyDataset) => string
  /** sha256 of a finished dataset's file, once written or restored. */
  readonly digest: (ds: AnyDataset) => string | undefined
  /** Records in a finished dataset (written or restored in this run; null before). */
  readonly count: (ds: AnyDataset) => number | null
  /** NDJSON bytes (uncompressed) of a finished dataset (null before). */
  readonly bytes: (ds: AnyDataset) => number | null
  /** Registers a dataset file placed by other means (a cache restore). */
  readonly adopt: (ds: AnyDataset, digest: string, count: number, bytes: number) => Effect.Effect<void>
  /**
   * Removes a finished dataset's file once no stage will read it again (its digest and count stay): the work folder
   * then holds only the datasets still to be read, not every one the run made.
   */
  readonly retire: (ds: AnyDataset) => Effect.Effect<void, FileError>
}>()("broadsheet/runtime/DatasetStore") {
  static readonly layer = (workDir: string, validate: boolean) =>
    Layer.effect(DatasetStore, Effect.gen(function*() {
      const files = yield* Files
      yield* files.mkdir(workDir)
      return makeStore(files, workDir, validate)
    }))
}

const FLUSH_AT = 1 << 18

/** A dataset's file name in a work folder (or a shard's, or the cache). */
export const datasetFileName = (name: string): string => `${name}.ndjson.zst`

/** The lines of a file (decompressed when it is zstd), in arrays of whatever one block holds (never empty). */
export async function* lineBlocks(file: string): AsyncGenerator<Arr.NonEmptyReadonlyArray<string>> {
  let rest = ""
  const decoder = new TextDecoder("utf-8", { fatal: true })
  for await (const chunk of fileChunks(file)) {
    const text = rest + decoder.decode(chunk as Buffer, { stream: true })
    const lines = text.split("\n")
    rest = lines.pop()!
    if (lines.length > 0) yield lines as unknown as Arr.NonEmptyReadonlyArray<string>
  }
  rest += decoder.decode()
  if (rest.length > 0) yield [rest]
}

const makeStore = (files: Files["Service"], workDir: string, validate: boolean): DatasetStore["Service"] => {
  const fileOf = (ds: AnyDataset) => path.join(workDir, datasetFileName(ds.name))
  // sha256 of each finished dataset's NDJSON (not of its compressed file): the input part of downstream cache keys.
  const digests = new Map<string, string>()
  const counts = new Map<string, number>()
  const sizes = new Map<string, number>()
  // Buffered NDJSON writer; the file appears under its name only once closed.
  const writer = <A>(ds: Dataset<A>) =>
    Effect.gen(function*() {
      const target = fileOf(ds)
      const sink = yield* files.openSink(`${target}.partial`)
      const hash = createHash("sha256")
      // Strings not yet encoded, and encoded chunks (strings before them already among them).
      let buffer: Array<string> = []
      let chunks: Array<Uint8Array> = []
      let size = 0
      let count = 0
      let total = 0
      const encodeBuffer = () => {
        if (buffer.length === 0) return
        chunks.push(Buffer.from(buffer.join(""), "utf8"))
        buffer = []
      }
      const flush = Effect.suspend(() => {
        encodeBuffer()
        if (chunks.length === 0) return Effect.void
        // Encoded once, for the hash and the file alike (each would encode a string again).
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
        chunks = []
        size = 0
        hash.update(bytes)
        total += bytes.length
        // one zstd frame per flush: a dataset's bytes depend only on its records and flush points
        return sink.write(compressBlock(bytes))
      })
      const addBytes = (bytes: Uint8Array, records: number) => {
        encodeBuffer()
        chunks.push(bytes)
        size += bytes.length
        count += records
        return size < FLUSH_AT ? Effect.void : flush
      }
      const addLines = (lines: ReadonlyArray<string>) => {
        for (const line of lines) {
          buffer.push(line, "\n")
          size += line.length + 1
          count++
        }
        return size < FLUSH_AT ? Effect.void : flush
      }
      const check = validate ? Schema.decodeUnknownSync(ds.schema as Schema.Codec<A, unknown>) : null
      const addAll = (records: Iterable<A>): Effect.Effect<void, FileError | DatasetError> => {
        if (check !== null) {
          try {
            for (const record of records) check(record)
          } catch (e) {
            return Effect.fail(new DatasetError({ dataset: ds.name, message: e instanceof Error ? e.message : String(e) }))
          }
        }
        for (const record of records) {
          const line = JSON.stringify(record)
          buffer.push(line, "\n")
          size += line.length + 1
          count++
        }
        return size < FLUSH_AT ? Effect.void : flush
      }
      return {
        add: (record: A) => addAll([record]),
        addAll,
        addLines,
        addBytes,
        close: Effect.gen(function*() {
          yield* flush
          // an empty dataset is one empty frame: every dataset file is a valid zstd stream
          if (total === 0) yield* sink.write(compressBlock(new Uint8Array(0)))
          yield* sink.close
          yield* files.rename(`${target}.partial`, target)
          digests.set(ds.name, hash.digest("hex"))
          counts.set(ds.name, count)
          sizes.set(ds.name, total)
          return count
        })
      } satisfies DatasetWriter<A>
    })
  // Opened lazily: the file exists only once the producing stage has finished. Lines come in
  // arrays (one per 1 MiB block), which the stream keeps as chunks: no per-line overhead.
  const readLines = (ds: AnyDataset): Stream.Stream<string, DatasetError> =>
    Stream.suspend(() =>
      Stream.fromAsyncIterable(
        lineBlocks(fileOf(ds)),
        (cause) => new DatasetError({ dataset: ds.name, message: cause instanceof Error ? cause.message : String(cause) })
      ).pipe(Stream.flattenArray)
    )
  return {
    path: fileOf,
    digest: (ds) => digests.get(ds.name),
    count: (ds) => counts.get(ds.name) ?? null,
    bytes: (ds) => sizes.get(ds.name) ?? null,
    adopt: (ds, digest, count, bytes) =>
      Effect.sync(() => {
        digests.set(ds.name, digest)
        counts.set(ds.name, count)
        sizes.set(ds.name, bytes)
      }),
    retire: (ds) => files.remove(fileOf(ds)),
    writer,
    write: <A, E, R>(ds: Dataset<A>, records: Stream.Stream<A, E, R>) =>
      Effect.gen(function*() {
        const w = yield* writer(ds)
        yield* Stream.runForEachArray(records, w.addAll)
        return yield* w.close
      }),
    readLines,
    // Records were validated when written; reading only parses.
    read: <A>(ds: Dataset<A>) =>
      Stream.suspend(() => {
        let lineNo = 0
        return readLines(ds).pipe(
          Stream.mapArrayEffect((lines) =>
            Effect.try({
              try: () =>
                lines.map((line) => {
                  lineNo++
                  return JSON.parse(line) as A
                }) as unknown as Arr.NonEmptyReadonlyArray<A>,
              catch: (cause) =>
                new DatasetError({ dataset: ds.name, message: `record ${lineNo}: ${cause instanceof Error ? cause.message : String(cause)}` })
            })
          )
        )
      })
  }
}
