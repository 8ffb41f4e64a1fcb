/** Whole-stage jobs for test/workers.test.ts: found by worker threads through this module's URL. */
import { Effect } from "effect"
import * as path from "node:path"
import { ExportError } from "../../src/errors.ts"
import { Files } from "../../src/runtime/files.ts"
import { job } from "../../src/runtime/job.ts"
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
