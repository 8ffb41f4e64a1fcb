/** Whole-stage jobs and a per-document task for test/workers.test.ts: found by worker threads through this module's URL. */
import { Effect, Schema } from "effect"
import * as path from "node:path"
import { ExportError } from "../../src/errors.ts"
import { Files } from "../../src/runtime/files.ts"
import { dataset } from "../../src/runtime/dataset.ts"
import { job } from "../../src/runtime/job.ts"
import { documentTask } from "../../src/runtime/task.ts"
import { threadId } from "node:worker_threads"

/** Writes `text` to `dir/name` through the Files service and says which thread did it. */
export const writeNote = job("write-note", import.meta.url, (input: { dir: string; name: string; text: string }) =>
  Effect.gen(function*() {
    const files = yield* Files
    yield* files.writeFile(path.join(input.dir, input.name), input.text)
    return { bytes: Buffer.byteLength(input.text), thread: threadId }
  }))

export const failTyped = job("fail-typed", import.meta.url, (table: string) =>
  Effect.fail(new ExportError({ table, format: "csv", message: "disk says no" })))

export const throwDefect = job("throw-defect", import.meta.url, (_: null) =>
  Effect.sync(() => {
    throw new Error("a bug in the job")
  }))

/** Takes `ms` milliseconds, then says which thread ran it. */
export const slowJob = job("slow", import.meta.url, (ms: number) =>
  Effect.promise(() => new Promise<number>((resolve) => setTimeout(() => resolve(threadId), ms))))

const Note = dataset("notes", Schema.Struct({ doc_id: Schema.String, size: Schema.Number, thread: Schema.Number }), "test notes")

/** Holds `mb` MB of live objects for a moment, then says which thread ran it. */
export const hogJob = job("hog-job", import.meta.url, (mb: number) =>
  Effect.sync(() => {
    const held: Array<Array<{ n: number }>> = []
    for (let k = 0; k < mb; k++) held.push(Array.from({ length: 40_000 }, (_, n) => ({ n })))
    return { mb: held.length, thread: threadId }
  }))

/**
 * A per-document task that holds `size` MB of live objects while it works on a document, then
 * says which thread ran it: a worker under a small heap limit cannot hold a large one.
 */
export const hog = documentTask({
  name: "hog",
  source: import.meta.url,
  inputs: [Note],
  outputs: [Note],
  prepare: (raw: null) => raw,
  staticContext: () => null,
  run: (_ctx, [doc]: ReadonlyArray<{ doc_id: string; size: number }>) => {
    // Arrays of small objects: heap, not ArrayBuffer memory (which the limit does not cover).
    const held: Array<Array<{ n: number }>> = []
    for (let mb = 0; mb < doc!.size; mb++) held.push(Array.from({ length: 40_000 }, (_, n) => ({ n })))
    return [{ doc_id: doc!.doc_id, size: held.length, thread: threadId }]
  }
})
