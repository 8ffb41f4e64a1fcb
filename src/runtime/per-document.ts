/**
 * Runs a per-document task over its input datasets (record i of each input is document i) in
 * batches on the worker pool, keeping input order, and writes the output dataset. The main
 * thread only moves raw NDJSON lines; parsing, validation, the work and encoding happen in the
 * workers. Results are remembered per document (see task.ts) so an incremental run redoes only
 * the documents whose inputs, or whose reads of the corpus-wide context, changed.
 */
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { Progress } from "../cli/progress.ts"
import { RunContext } from "../config.ts"
import { type DatasetError, type FileError, StageError } from "../errors.ts"
import { canonicalJson, sha256Hex } from "../text/hash.ts"
import { DatasetStore } from "./dataset.ts"
import { fingerprintModule } from "./fingerprint.ts"
import { Memo, MEMO_FORMAT } from "./memo.ts"
import type { DocumentTask, TaskItem } from "./task.ts"
import { Workers } from "./workers.ts"

const BATCH = 64
/** Documents after which a stage retires its idle worker threads (see Workers.release). */
const RELEASE_AFTER = 10_000
const INPUT_SEQ = /"input_seq":\d+/g
const INPUT_SEQ_ONE = /"input_seq":(\d+)/
let contexts = 0
const repoRoot = path.resolve(import.meta.dirname, "../..")

const zipLines = (streams: ReadonlyArray<Stream.Stream<string, DatasetError>>): Stream.Stream<ReadonlyArray<string>, DatasetError> =>
  streams.slice(1).reduce<Stream.Stream<ReadonlyArray<string>, DatasetError>>(
    (acc, s) => Stream.zipWith(acc, s, (xs, x) => [...xs, x]),
    streams[0]!.pipe(Stream.map((x) => [x]))
  )

export interface TaskStats {
  readonly documents: number
  readonly reused: number
}

export const runDocumentTask = <Raw>(
  task: DocumentTask<any, Raw>,
  context: Raw
): Effect.Effect<TaskStats, DatasetError | FileError | StageError, DatasetStore | Workers | RunContext> =>
  Effect.gen(function*() {
    const store = yield* DatasetStore
    const total = store.count(task.inputs[0]!)
    const workers = (yield* Workers).forDocuments(total)
    const { config, cacheDir, runId } = yield* RunContext
    const progress = yield* Progress
    const key = `${task.name}#${contexts++}`
    const fp = fingerprintModule(task.source, repoRoot)
    // With the cache off nothing is remembered (and no keys are computed).
    const memoDir = config.cache ? path.join(cacheDir, "documents", `${task.name}-${fp.code.slice(0, 16)}-m${MEMO_FORMAT}`) : null
    const memo = yield* Effect.try({
      try: () => (memoDir === null ? null : new Memo(memoDir, runId)),
      catch: (e) => new StageError({ stage: task.name, message: `cannot open the per-document memo: ${e instanceof Error ? e.message : String(e)}` })
    })
    const salt = sha256Hex(canonicalJson({ static: task.staticContext(context), packages: fp.packages, node: process.version }))
    const writers = yield* Effect.forEach(task.outputs, (ds) => store.writer(ds))
    let done = 0
    let reused = 0
    let warned = false
    yield* zipLines(task.inputs.map((ds) => store.readLines(ds))).pipe(
      Stream.grouped(BATCH),
      Stream.mapEffect((batch) => {
        // A document's position in the corpus is not part of its identity: new files sorting first
        // must not invalidate every remembered result. It is re-stamped on reused outputs.
        const keys = memo === null ? [] : batch.map((lines) => sha256Hex(`${salt}\u0000${lines.join("\n").replace(INPUT_SEQ, "\"input_seq\":0")}`))
        const items: Array<TaskItem> = batch.map((lines, i) => {
          const m = memo?.get(keys[i]!) ?? null
          const seq = INPUT_SEQ_ONE.exec(lines[0]!)?.[1]
          return { lines, memo: m === null || seq === undefined ? m : { ...m, outputs: m.outputs.map((o) => o.replace(INPUT_SEQ, `"input_seq":${seq}`)) } }
        })
        return workers.run(task, key, context, config.validate_datasets, items).pipe(Effect.map((out) => ({ keys, out })))
      }, { concurrency: workers.size * 2 }),
      Stream.runForEach(({ keys, out }) => {
        let unwritable = false
        // Byte offset of the current document's line in each output block.
        const at = out.blocks.map(() => 0)
        out.traces.forEach((trace, i) => {
          if (trace === null) reused++
          else if (memo !== null) {
            const lines = out.blocks.map((b, k) => b.subarray(at[k]!, at[k]! + out.lengths[k]![i]!))
            if (!memo.put(keys[i]!, trace, lines)) unwritable = true
          }
          out.blocks.forEach((_, k) => (at[k]! += out.lengths[k]![i]! + 1))
        })
        const warn = unwritable && !warned
        if (warn) warned = true
        done += out.traces.length
        progress.report(task.name, done, total)
        return Effect.forEach(writers, (w, k) => w.addBytes(out.blocks[k]!, out.traces.length), { discard: true }).pipe(
          Effect.andThen(warn ? Effect.logWarning(`${task.name}: the per-document memo cannot be written; results are not remembered`) : Effect.void)
        )
      }),
      // Only a run that went through every document knows which remembered results are still live.
      Effect.onExit((exit) => Effect.sync(() => memo?.close(exit._tag === "Success")))
    )
    // Inputs are zipped record by record: a dataset with more records than the others would be
    // cut short silently, so their sizes must agree with what was processed.
    for (const ds of task.inputs) {
      const n = store.count(ds)
      if (n !== null && n !== done) {
        return yield* new StageError({ stage: task.name, message: `inputs out of step: ${ds.name} has ${n} records, ${done} documents were processed` })
      }
    }
    const counts = yield* Effect.forEach(writers, (w) => w.close)
    // On a large corpus the workers' heaps are worth freeing before the next stage; on a small
    // one restarting them (modules, models) would cost more than it saves.
    if (done >= RELEASE_AFTER) yield* workers.release
    return { documents: counts[0] ?? 0, reused }
  })
