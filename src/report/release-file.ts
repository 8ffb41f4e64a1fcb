/** A release file that is not a table export (the DuckDB database, the HTML report). */
import { Schema } from "effect"

export const ReleaseFile = Schema.Struct({
  /** Relative to the release folder. */
  path: Schema.String,
  format: Schema.Literals(["duckdb", "html"]),
  sha256: Schema.String,
  bytes: Schema.Int,
  description: Schema.String
})
export type ReleaseFile = typeof ReleaseFile.Type
