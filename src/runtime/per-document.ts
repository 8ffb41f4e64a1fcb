/**
 * Runs a per-document task over its input datasets (record i of each input is document i) in
 * batches on the worker pool, keeping input order, and writes the output dataset. The main
 * thread only moves raw NDJSON lines; parsing, validation, the work and encoding happen in the
 * workers.
 */
import { Effect, Stream } from "effect"
import { RunContext } from "../config.ts"
import type { DatasetError, FileError, StageError } from "../errors.ts"
import { Progress } from "../cli/progress.ts"
import { DatasetStore } from "./dataset.ts"
import type { DocumentTask } from "./task.ts"
import { Workers } from "./workers.ts"

const BATCH = 64
let contexts = 0

const zipLines = (streams: ReadonlyArray<Stream.Stream<string, DatasetError>>): Stream.Stream<ReadonlyArray<string>, DatasetError> =>
  streams.slice(1).reduce<Stream.Stream<ReadonlyArray<string>, DatasetError>>(
    (acc, s) => Stream.zipWith(acc, s, (xs, x) => [...xs, x]),
    streams[0]!.pipe(Stream.map((x) => [x]))
  )

export const runDocumentTask = <Raw>(
  task: DocumentTask<any, Raw>,
  context: Raw
): Effect.Effect<number, DatasetError | FileError | StageError, DatasetStore | Workers | RunContext> =>
  Effect.gen(function*() {
    const store = yield* DatasetStore
    const workers = yield* Workers
    const { config } = yield* RunContext
    const key = `${task.name}#${contexts++}`
    const writer = yield* store.writer(task.output)
    const progress = yield* Progress
    let done = 0
    yield* zipLines(task.inputs.map((ds) => store.readLines(ds))).pipe(
      Stream.grouped(BATCH),
      Stream.mapEffect((batch) => workers.run(task, key, context, config.validate_datasets, batch), { concurrency: workers.size * 2 }),
      Stream.runForEach((lines) => {
        done += lines.length
        progress.report(task.name, done, null)
        return writer.addLines(lines)
      })
    )
    return yield* writer.close
  })
