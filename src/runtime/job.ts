/**
 * Whole-stage jobs: an Effect program over datasets and files (no per-document split, e.g.
 * writing every table of one format) that may run in a worker thread, so two such jobs use two
 * cores and the main thread stays free. Declared as data, like per-document tasks: a worker
 * finds a job by importing its `source` module and gives it its own file and dataset services
 * over the same work folder. Inputs and results must be structured-cloneable.
 */
import { Cause, Effect } from "effect"
import { DatasetError, ExportError, FileError, StageError } from "../errors.ts"
import type { DatasetStore } from "./dataset.ts"
import type { Files } from "./files.ts"

export interface Job<I, O, E> {
  readonly kind: "job"
  readonly name: string
  /** `import.meta.url` of the declaring module. */
  readonly source: string
  readonly run: (input: I) => Effect.Effect<O, E, DatasetStore | Files>
}

export const job = <I, O, E>(name: string, source: string, run: Job<I, O, E>["run"]): Job<I, O, E> => ({ kind: "job", name, source, run })

export const isJob = (v: unknown): v is Job<unknown, unknown, unknown> =>
  typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "job" && "run" in v && "name" in v

/** The errors a job may fail with, rebuilt as the same typed values on the other side of a thread. */
const errorClasses = { FileError, DatasetError, ExportError, StageError } as const

export type EncodedError = { readonly _tag: string; readonly fields: Record<string, unknown> }

export const encodeError = (e: unknown): EncodedError => {
  if (typeof e === "object" && e !== null && typeof (e as { _tag?: unknown })._tag === "string" && (e as { _tag: string })._tag in errorClasses) {
    const { _tag, ...fields } = { ...(e as Record<string, unknown>) }
    return { _tag: _tag as string, fields: { ...fields, message: (e as { message?: unknown }).message } }
  }
  return { _tag: "Defect", fields: { message: e instanceof Error ? e.message : String(e) } }
}

export const decodeError = (stage: string, e: EncodedError): FileError | DatasetError | ExportError | StageError => {
  const Class = errorClasses[e._tag as keyof typeof errorClasses] as (new(fields: any) => FileError | DatasetError | ExportError | StageError) | undefined
  return Class !== undefined ? new Class(e.fields) : new StageError({ stage, message: String(e.fields["message"]) })
}

/** Finds the job named `name` among a module's exports. */
export const findJob = (mod: Record<string, unknown>, name: string): Job<unknown, unknown, unknown> | undefined =>
  Object.values(mod).find((v): v is Job<unknown, unknown, unknown> => isJob(v) && v.name === name)

/** Runs a job and captures its outcome as a structured-cloneable value. */
export const runJobCaptured = <I>(j: Job<I, unknown, unknown>, input: I) =>
  j.run(input).pipe(
    Effect.map((out) => ({ ok: true as const, out })),
    // Defects too: a worker must answer every job, or the run would hang.
    Effect.catchCause((cause) => Effect.succeed({ ok: false as const, error: encodeError(Cause.squash(cause)) }))
  )
