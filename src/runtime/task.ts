/**
 * Per-document tasks: a pure function of one record from each input dataset (and read-only
 * corpus facts, the context) that gives one output record. Declared as data so the same task
 * runs in the main thread or in worker threads, with the same bytes out.
 */
import type { Dataset } from "./dataset.ts"

export interface DocumentTask<Ctx = unknown, Raw = unknown> {
  readonly name: string
  readonly inputs: ReadonlyArray<Dataset<any>>
  readonly output: Dataset<any>
  /** Turns the structured-cloneable context sent to a worker into what `run` needs. */
  readonly prepare: (raw: Raw) => Ctx
  readonly run: (ctx: Ctx, inputs: ReadonlyArray<any>) => unknown
}

export const documentTask = <Ctx, Raw, O>(t: {
  readonly name: string
  readonly inputs: ReadonlyArray<Dataset<any>>
  readonly output: Dataset<O>
  readonly prepare: (raw: Raw) => Ctx
  readonly run: (ctx: Ctx, inputs: ReadonlyArray<any>) => O
}): DocumentTask<Ctx, Raw> => t

/** Decodes raw NDJSON lines, checks they belong to one document, runs the task, encodes the result. */
export const runTaskOnLines = (
  task: DocumentTask<any, any>,
  ctx: unknown,
  decoders: ReadonlyArray<(u: unknown) => any>,
  batch: ReadonlyArray<ReadonlyArray<string>>
): Array<string> =>
  batch.map((lines) => {
    const records = lines.map((l, i) => decoders[i]!(JSON.parse(l)))
    const id = (records[0] as { doc_id?: string }).doc_id
    for (const r of records) {
      if ((r as { doc_id?: string }).doc_id !== id) {
        throw new Error(`inputs out of step: ${id} vs ${(r as { doc_id?: string }).doc_id}`)
      }
    }
    return JSON.stringify(task.run(ctx, records))
  })
