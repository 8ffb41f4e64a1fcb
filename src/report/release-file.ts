/** A release file that is not a table export (the DuckDB database, the HTML report). */
import { Schema } from "effect"

export const ReleaseFile = Schema.Struct({
  /** Relative to the release folder. */
  path: Schema.String,
  format: Schema.Literals(["duckdb", "html"]),
  /** null for a file whose bytes are not reproducible (the DuckDB database): its hash is in the run record. */
  sha256: Schema.NullOr(Schema.String),
  bytes: Schema.NullOr(Schema.Int),
  description: Schema.String
})
export type ReleaseFile = typeof ReleaseFile.Type
