import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { ExportError, StageError } from "../src/errors.ts"
import { DatasetStore } from "../src/runtime/dataset.ts"
import { Files } from "../src/runtime/files.ts"
import { type BatchOutput, outputLines } from "../src/runtime/task.ts"
import { Workers } from "../src/runtime/workers.ts"
import { failTyped, hog, hogJob, slowJob, throwDefect, writeNote } from "./support/jobs.ts"

const withWorkers = <A, E>(size: number, dir: string, f: (w: Workers["Service"]) => Effect.Effect<A, E, DatasetStore | Files>, heapMb = 0, minDocuments = 0) =>
  Effect.runPromise(
    Effect.scoped(Effect.gen(function*() {
      const w = yield* Workers
      return yield* f(w)
    })).pipe(Effect.provide(Layer.mergeAll(Workers.layer(size, heapMb, minDocuments), DatasetStore.layer(path.join(dir, "work"), false)).pipe(Layer.provideMerge(Files.layer))))
  )

describe("whole-stage jobs", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-jobs-"))

  it("run in worker threads when there is a pool, in this thread otherwise, with the same result", async () => {
    const inPool = await withWorkers(2, dir, (w) =>
      Effect.all([
        w.job(writeNote, { dir, name: "a.txt", text: "alpha" }, path.join(dir, "work")),
        w.job(writeNote, { dir, name: "b.txt", text: "beta β" }, path.join(dir, "work"))
      ], { concurrency: 2 }))
    expect(inPool.map((r) => r.bytes)).toEqual([5, 7])
    // Two jobs at once go to two different workers, neither of them the main thread (id 0).
    expect(new Set(inPool.map((r) => r.thread)).size).toBe(2)
    expect(inPool.every((r) => r.thread !== 0)).toBe(true)
    expect(fs.readFileSync(path.join(dir, "b.txt"), "utf8")).toBe("beta β")
    const here = await withWorkers(1, dir, (w) => w.job(writeNote, { dir, name: "c.txt", text: "gamma" }, path.join(dir, "work")))
    expect(here).toEqual({ bytes: 5, thread: 0 })
  })

  it("run work over too few documents in the main thread, even with a pool", async () => {
    const item = { lines: [JSON.stringify({ doc_id: "a", size: 1, thread: -1 })], memo: null }
    const threadOf = (out: BatchOutput) => (JSON.parse(outputLines(out, 0)[0]!) as { thread: number }).thread
    const { tasks, jobs } = await withWorkers(2, dir, (w) =>
      Effect.all({
        tasks: Effect.all([
          w.forDocuments(99).run(hog, "few", null, true, [item]),
          w.forDocuments(100).run(hog, "many", null, true, [item]),
          // Unknown size: the pool.
          w.forDocuments(null).run(hog, "unknown", null, true, [item])
        ]),
        jobs: Effect.all([
          w.forDocuments(300, 3).job(writeNote, { dir, name: "d.txt", text: "delta" }, path.join(dir, "work")),
          w.forDocuments(299, 3).job(writeNote, { dir, name: "e.txt", text: "eps" }, path.join(dir, "work"))
        ])
      }), 0, 100)
    expect(tasks.map(threadOf).map((t) => t !== 0)).toEqual([false, true, true])
    expect(jobs.map((j) => j.thread !== 0)).toEqual([true, false])
    // With one worker everything is here anyway.
    const alone = await withWorkers(1, dir, (w) => w.forDocuments(null).run(hog, "alone", null, true, [item]))
    expect(threadOf(alone)).toBe(0)
  })

  it("keep a typed failure typed across the thread boundary", async () => {
    for (const size of [1, 2]) {
      const err = await withWorkers(size, dir, (w) => Effect.flip(w.job(failTyped, "mentions", path.join(dir, "work"))))
      expect(err).toBeInstanceOf(ExportError)
      expect(err).toMatchObject({ _tag: "ExportError", table: "mentions", format: "csv", message: "disk says no" })
    }
  })

  it("turn a defect inside a worker into a StageError naming the job, not a hang", async () => {
    const err = await withWorkers(2, dir, (w) => Effect.flip(w.job(throwDefect, null, path.join(dir, "work"))))
    expect(err).toBeInstanceOf(StageError)
    expect(err).toMatchObject({ stage: "throw-defect", message: "a bug in the job" })
  })

  it("retire idle threads on release, never one at work, and start fresh ones for new work", async () => {
    const threads = await withWorkers(2, dir, (w) =>
      Effect.gen(function*() {
        const first = yield* w.job(slowJob, 1, path.join(dir, "work"))
        // One job at work while the pool is released: it finishes; the idle thread goes.
        const [busy] = yield* Effect.all([w.job(slowJob, 300, path.join(dir, "work")), Effect.delay(w.release, "50 millis")], { concurrency: 2 })
        yield* w.release
        const after = yield* w.job(slowJob, 1, path.join(dir, "work"))
        return { first, busy, after }
      }))
    expect(threads.busy).toBeGreaterThan(0)
    // Thread ids are never reused within a process: a later job ran on a new thread.
    expect(threads.after).toBeGreaterThan(Math.max(threads.first, threads.busy))
  })

  it("run a batch whose worker ran out of heap again in the main thread, and go on in a fresh worker", async () => {
    const item = (doc_id: string, size: number) => ({ lines: [JSON.stringify({ doc_id, size, thread: 0 })], memo: null })
    const out = await withWorkers(2, dir, (w) =>
      Effect.gen(function*() {
        const small = yield* w.run(hog, "k", null, true, [item("a", 2)])
        // ~150 MB of objects cannot live in a worker limited to 64 MB of old generation.
        const big = yield* w.run(hog, "k", null, true, [item("b", 150), item("c", 1)])
        const after = yield* w.run(hog, "k", null, true, [item("d", 2)])
        return [small, big, after].map((batch) => outputLines(batch, 0).map((line) => JSON.parse(line) as { doc_id: string; size: number; thread: number }))
      }), 64)
    const [a, b, c, d] = out.flat()
    expect(a!.thread).not.toBe(0)
    // The whole batch of the worker that died was done again here, with the same results.
    expect(b).toMatchObject({ doc_id: "b", size: 150, thread: 0 })
    expect(c!.thread).toBe(0)
    expect(d!.thread).not.toBe(0)
    expect(d!.thread).not.toBe(a!.thread)
  })

  it("run a job whose worker ran out of heap again in the main thread", async () => {
    const [big, small] = await withWorkers(2, dir, (w) =>
      Effect.all([w.job(hogJob, 150, path.join(dir, "work")), w.job(hogJob, 1, path.join(dir, "work"))]), 64)
    expect(big).toEqual({ mb: 150, thread: 0 })
    expect(small!.thread).not.toBe(0)
  })
})
