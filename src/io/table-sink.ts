/** A table file being written: rows go in (in order), the file's hash, size and row count come out. */
import type { Effect } from "effect"
import type { ExportError, FileError } from "../errors.ts"
import type { Row } from "../schema/columns.ts"

export interface WrittenFile {
  readonly sha256: string
  readonly bytes: number
  readonly rows: number
}

export interface TableSink {
  readonly add: (rows: ReadonlyArray<Row>) => Effect.Effect<void, FileError | ExportError>
  readonly close: Effect.Effect<WrittenFile, FileError | ExportError>
}
