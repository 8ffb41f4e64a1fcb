/** Every dataset of the pipeline, with its record schema. Stages name these in `reads`/`writes`. */
import { Schema } from "effect"
import { dataset } from "./runtime/dataset.ts"
import * as R from "./schema/records.ts"

export const Records = dataset("records", R.InputRecord, "every input record read, with its fate")
export const Documents = dataset("documents", R.Document, "decoded, normalised articles (first occurrence of each content)")
export const CleanDocuments = dataset("clean_documents", R.CleanDocument, "articles without boilerplate")
export const RemovedLineSets = dataset("removed_lines", R.RemovedLines, "lines removed from each article, with rule and evidence")
export const DuplicateLinks = dataset("duplicate_links", R.DuplicateLink, "near-duplicate clusters (documents in clusters only)")
export const Segments = dataset("segments", R.Segmented, "paragraphs and sentences per document")
export const Extractions = dataset("extractions", R.Extraction, "mentions, quotes, quantities and dates per document")
export const EnrichedDocs = dataset("enriched", R.Enriched, "document facts, linked mentions, places, themes per document")
export const EntityEvidenceSets = dataset("entity_evidence", R.EntityEvidence, "per document, the mentions and places the entity table counts")
export const Entities = dataset("entities", R.EntityRow, "one row per canonical entity")

/** A file the export wrote: what the manifest describes. */
export const OutputFile = Schema.Struct({
  table: Schema.String,
  format: Schema.Literals(["csv", "parquet"]),
  path: Schema.String,
  sha256: Schema.String,
  bytes: Schema.Int,
  rows: Schema.Int
})
export type OutputFile = typeof OutputFile.Type
export const CsvFiles = dataset("csv_files", OutputFile, "CSV files written to the release")
export const ParquetFiles = dataset("parquet_files", OutputFile, "Parquet files written to the release")
