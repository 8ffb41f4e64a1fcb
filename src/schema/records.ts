/**
 * The records that cross stage boundaries. Every dataset a stage writes has one of these
 * schemas; the dataset store validates records against it when a stage reads them.
 *
 * Offsets: `char_*` are UTF-16 code units into the text they name; `src_byte_*` are byte
 * offsets into the source file (for `.gz` files, into the decompressed bytes).
 */
import { Schema } from "effect"
import { documentsColumns, mentionsColumns, placesColumns, quotesColumns, rowSchema, sentencesColumns, themesColumns } from "./columns.ts"

const Int = Schema.Int
const Str = Schema.String
const NStr = Schema.NullOr(Schema.String)
const NInt = Schema.NullOr(Schema.Int)
const NNum = Schema.NullOr(Schema.Number)

export const OffsetMap = Schema.Struct({
  norm: Schema.Array(Int),
  src: Schema.Array(Int)
})
export type OffsetMap = typeof OffsetMap.Type

/** One input record as ingest saw it: every record read ends up here exactly once. */
export const InputRecord = Schema.Struct({
  record_key: Str,
  input_seq: Int,
  source_uri: Str,
  source_record: NInt,
  src_byte_start: NInt,
  src_byte_end: NInt,
  source_sha256: NStr,
  status: Schema.Literals(["document", "duplicate", "rejected"]),
  doc_id: NStr,
  reason: NStr,
  detail: NStr
})
export type InputRecord = typeof InputRecord.Type

/** A decoded, normalised article. `text` includes the title line for `.txt` input. */
/** Where a document came from and what it is: carried unchanged from ingest to the documents table. */
const DocumentIdentity = {
  doc_id: Str,
  content_sha256: Str,
  input_seq: Int,
  source_uri: Str,
  source_format: Schema.Literals(["txt", "jsonl", "csv"]),
  source_record: NInt,
  src_byte_start: Int,
  src_byte_end: Int,
  source_sha256: Str,
  encoding: Str,
  site: Str,
  url: NStr,
  external_id: NStr,
  title: NStr,
  published: NStr
}

export const Document = Schema.Struct({
  ...DocumentIdentity,
  has_title_line: Schema.Boolean,
  text: Str,
  offset_map: OffsetMap
})
export type Document = typeof Document.Type

export const RemovedLine = Schema.Struct({
  doc_id: Str,
  line_no: Int,
  char_start: Int,
  char_end: Int,
  src_byte_start: Int,
  src_byte_end: Int,
  text: Str,
  action: Schema.Literals(["remove", "metadata"]),
  rule: Str,
  evidence: Str,
  confidence: Schema.Number
})
export type RemovedLine = typeof RemovedLine.Type

/** The article after boilerplate removal: `text` is the body, offsets map into the source. */
export const CleanDocument = Schema.Struct({
  ...DocumentIdentity,
  byline: NStr,
  original_source: NStr,
  dateline: NStr,
  text: Str,
  /** Clean-text offset → source byte. */
  offset_map: OffsetMap,
  normalized_chars: Int,
  removed_line_count: Int
})
export type CleanDocument = typeof CleanDocument.Type

/** The lines dedupe removed from one document (kept apart from the clean text, whose consumers
 * must not re-run when only the evidence of a removal changes). */
export const RemovedLines = Schema.Struct({
  doc_id: Str,
  lines: Schema.Array(RemovedLine)
})
export type RemovedLines = typeof RemovedLines.Type

export const Span = Schema.Struct({
  char_start: Int,
  char_end: Int,
  src_byte_start: Int,
  src_byte_end: Int
})

export const Paragraph = Schema.Struct({ ...Span.fields, seq: Int, text: Str })
export type Paragraph = typeof Paragraph.Type

export const Sentence = Schema.Struct({ ...Span.fields, seq: Int, paragraph_seq: Int, text: Str })
export type Sentence = typeof Sentence.Type

export const Segmented = Schema.Struct({
  doc_id: Str,
  paragraphs: Schema.Array(Paragraph),
  sentences: Schema.Array(Sentence)
})
export type Segmented = typeof Segmented.Type

export const EntityType = Schema.Literals(["PER", "ORG", "LOC", "MISC"])

export const Mention = Schema.Struct({
  ...Span.fields,
  seq: Int,
  sentence_seq: Int,
  text: Str,
  type: EntityType,
  confidence: Schema.Number
})
export type Mention = typeof Mention.Type

export const Quote = Schema.Struct({
  ...Span.fields,
  seq: Int,
  text: Str,
  kind: Str,
  cue: NStr,
  speaker_text: NStr,
  speaker_char_start: NInt,
  speaker_char_end: NInt,
  speaker_mention_seq: NInt
})
export type Quote = typeof Quote.Type

export const Quantity = Schema.Struct({
  ...Span.fields,
  seq: Int,
  sentence_seq: Int,
  text: Str,
  value: Schema.Number,
  value_max: NNum,
  qualifier: Str,
  unit: NStr,
  counted: NStr
})
export type Quantity = typeof Quantity.Type

export const DateRef = Schema.Struct({
  ...Span.fields,
  seq: Int,
  sentence_seq: Int,
  text: Str,
  kind: Str,
  resolved: NStr,
  resolved_end: NStr
})
export type DateRef = typeof DateRef.Type

export const Extraction = Schema.Struct({
  doc_id: Str,
  mentions: Schema.Array(Mention),
  quotes: Schema.Array(Quote),
  quantities: Schema.Array(Quantity),
  dates: Schema.Array(DateRef)
})
export type Extraction = typeof Extraction.Type

export const DuplicateLink = Schema.Struct({
  doc_id: Str,
  cluster_id: Str,
  duplicate_of: NStr,
  similarity: Schema.Number
})
export type DuplicateLink = typeof DuplicateLink.Type

/** Per document, the final rows of the tables enrich assembles (validated against their columns). */
export const Enriched = Schema.Struct({
  doc_id: Str,
  document: rowSchema(documentsColumns),
  sentences: Schema.Array(rowSchema(sentencesColumns)),
  mentions: Schema.Array(rowSchema(mentionsColumns)),
  quotes: Schema.Array(rowSchema(quotesColumns)),
  places: Schema.Array(rowSchema(placesColumns)),
  themes: Schema.Array(rowSchema(themesColumns))
})
export type Enriched = typeof Enriched.Type

/** The slim part of one document's enrichment that the corpus-wide entity table folds over. */
export const EntityEvidence = Schema.Struct({
  doc_id: Str,
  mentions: Schema.Array(Schema.Struct({ entity_id: Str, type: Str, canonical: Str, text: Str })),
  places: Schema.Array(Schema.Struct({ entity_id: Str, geonames_id: NInt, latitude: NNum, longitude: NNum, country_code: NStr }))
})
export type EntityEvidence = typeof EntityEvidence.Type

export const EntityRow = Schema.Struct({
  entity_id: Str,
  canonical: Str,
  type: Str,
  aliases: Schema.Array(Str),
  doc_count: Int,
  mention_count: Int,
  geonames_id: NInt,
  latitude: NNum,
  longitude: NNum,
  country_code: NStr
})
export type EntityRow = typeof EntityRow.Type
