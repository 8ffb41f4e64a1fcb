/** Every failure that can end a run, as tagged, typed values. */
import { Effect, Schema } from "effect"

/** A file or folder could not be read, written, renamed or listed. */
export class FileError extends Schema.TaggedError<FileError>()("FileError", {
  operation: Schema.String,
  path: Schema.String,
  message: Schema.String
}) {}

/** Maps a thrown file-system error of `operation` on `file` to a FileError. */
export const fileError = (operation: string, file: string) => (e: unknown) =>
  new FileError({ operation, path: file, message: e instanceof Error ? e.message : String(e) })

/** Runs synchronous file-system code, failing with a FileError. */
export const tryFs = <A>(operation: string, file: string, f: () => A): Effect.Effect<A, FileError> =>
  Effect.try({ try: f, catch: fileError(operation, file) })

/** The pipeline declaration is not a valid DAG: found before any stage runs. */
export class DagError extends Schema.TaggedError<DagError>()("DagError", {
  reason: Schema.Literals(["cycle", "missing_producer", "duplicate_producer", "unknown_stage"]),
  message: Schema.String
}) {}

/** A record read back from a dataset does not match the dataset's schema. */
export class DatasetError extends Schema.TaggedError<DatasetError>()("DatasetError", {
  dataset: Schema.String,
  message: Schema.String
}) {}

/** The configuration (file or flags) is invalid. */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  message: Schema.String
}) {}

/** A stage found its inputs inconsistent (e.g. per-document streams out of step). */
export class StageError extends Schema.TaggedError<StageError>()("StageError", {
  stage: Schema.String,
  message: Schema.String
}) {}

/** Writing an output table failed. */
export class ExportError extends Schema.TaggedError<ExportError>()("ExportError", {
  table: Schema.String,
  format: Schema.String,
  message: Schema.String
}) {}

export { LockError } from "./runtime/lock.ts"
import type { LockError } from "./runtime/lock.ts"

export type PipelineError = FileError | DagError | DatasetError | ConfigError | StageError | ExportError | LockError
