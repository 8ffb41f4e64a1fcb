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
import type { DatasetError, FileError, StageError } from "../errors.ts"
import { canonicalJson, sha256Hex } from "../text/hash.ts"
import { DatasetStore } from "./dataset.ts"
import { fingerprintModule } from "./fingerprint.ts"
import { Memo } from "./memo.ts"
import type { DocumentTask, TaskItem } from "./task.ts"
import { Workers } from "./workers.ts"

const BATCH = 64
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
    const workers = yield* Workers
    const { config, cacheDir, runId } = yield* RunContext
    const progress = yield* Progress
    const key = `${task.name}#${contexts++}`
    const fp = fingerprintModule(task.source, repoRoot)
    const memo = new Memo(path.join(cacheDir, "documents", `${task.name}-${fp.code.slice(0, 16)}`), runId)
    const salt = sha256Hex(canonicalJson({ static: task.staticContext(context), packages: fp.packages, node: process.version }))
    const writers = yield* Effect.forEach(task.outputs, (ds) => store.writer(ds))
    let done = 0
    let reused = 0
    const total = store.count(task.inputs[0]!)
    yield* zipLines(task.inputs.map((ds) => store.readLines(ds))).pipe(
      Stream.grouped(BATCH),
      Stream.mapEffect((batch) => {
        const keys = batch.map((lines) => sha256Hex(`${salt}\u0000${lines.join("\n")}`))
        const items: Array<TaskItem> = batch.map((lines, i) => ({ lines, memo: memo.get(keys[i]!) }))
        return workers.run(task, key, context, config.validate_datasets, items).pipe(Effect.map((out) => ({ keys, out })))
      }, { concurrency: workers.size * 2 }),
      Stream.runForEach(({ keys, out }) => {
        out.forEach((o, i) => {
          if (o.trace !== null) memo.put(keys[i]!, o.trace, o.outputs)
          else reused++
        })
        done += out.length
        progress.report(task.name, done, total)
        return Effect.forEach(writers, (w, k) => w.addLines(out.map((o) => o.outputs[k]!)), { discard: true })
      }),
      Effect.ensuring(Effect.sync(() => memo.close()))
    )
    const counts = yield* Effect.forEach(writers, (w) => w.close)
    return { documents: counts[0] ?? 0, reused }
  })
