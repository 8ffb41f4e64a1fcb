/**
 * Column definitions of every output table: the one schema that drives the record Schemas,
 * the CSV and Parquet writers and the manifest, so they cannot drift apart.
 */
import { Schema } from "effect"

export type ColumnType = "string" | "int" | "float" | "bool" | "timestamp" | "string_list"

export interface Column {
  readonly name: string
  readonly type: ColumnType
  readonly nullable: boolean
  readonly description: string
}

export interface ForeignKey {
  readonly columns: ReadonlyArray<string>
  readonly table: string
  readonly references: ReadonlyArray<string>
}

export interface TableColumns {
  readonly name: string
  readonly description: string
  readonly primaryKey: ReadonlyArray<string>
  readonly foreignKeys: ReadonlyArray<ForeignKey>
  readonly columns: ReadonlyArray<Column>
}

const c = (name: string, type: ColumnType, description: string, nullable = false): Column => ({ name, type, nullable, description })
const n = (name: string, type: ColumnType, description: string): Column => c(name, type, description, true)

const docFk: ForeignKey = { columns: ["doc_id"], table: "documents", references: ["doc_id"] }

const spanColumns: ReadonlyArray<Column> = [
  c("char_start", "int", "start offset in documents.text (UTF-16 code units, inclusive)"),
  c("char_end", "int", "end offset in documents.text (UTF-16 code units, exclusive)"),
  c("src_byte_start", "int", "start byte in the source file (decompressed for .gz)"),
  c("src_byte_end", "int", "end byte in the source file (exclusive)")
]

export const documentsColumns: TableColumns = {
  name: "documents",
  description: "one row per distinct article (exact duplicates are in records; near-duplicates are flagged here)",
  primaryKey: ["doc_id"],
  foreignKeys: [],
  columns: [
    c("doc_id", "string", "first 16 hex digits of content_sha256"),
    c("content_sha256", "string", "sha256 of the canonical JSON [title, normalised text]"),
    c("input_seq", "int", "position of the record in the input order"),
    c("source_uri", "string", "input file, relative to the input's parent folder"),
    c("source_format", "string", "txt, jsonl or csv"),
    n("source_record", "int", "1-based line of the record in a JSONL file; null for a .txt file"),
    c("src_byte_start", "int", "first byte of the record in the source file"),
    c("src_byte_end", "int", "end byte of the record in the source file (exclusive)"),
    c("source_sha256", "string", "sha256 of the record's bytes (the whole file for .txt)"),
    c("encoding", "string", "detected source encoding"),
    c("site", "string", "source site: JSONL source/url host, else the folder"),
    n("url", "string", "article URL when the input has one"),
    n("external_id", "string", "the input's own id"),
    n("title", "string", "title (first line of a .txt file, or the JSONL title)"),
    n("published", "timestamp", "publication time (UTC) when the input has one"),
    n("byline", "string", "byline found and removed from the body"),
    n("original_source", "string", "\"Originally appeared on …\" source"),
    n("dateline", "string", "dateline found and removed from the body"),
    c("language", "string", "ISO 639-1 language code (639-3 when no 639-1 exists; und when undetermined)"),
    c("language_confidence", "float", "detector confidence 0..1"),
    c("text", "string", "article body after boilerplate removal; all char offsets point into it"),
    c("char_count", "int", "length of text in UTF-16 code units"),
    c("normalized_chars", "int", "length of the normalised text before boilerplate removal"),
    c("word_count", "int", "words in text"),
    c("sentence_count", "int", "sentences in text"),
    c("paragraph_count", "int", "paragraphs in text"),
    c("removed_line_count", "int", "lines removed as boilerplate or metadata"),
    c("tone", "float", "GDELT-style tone: positive minus negative (% of words)"),
    c("positive", "float", "% of words with positive valence (AFINN-165)"),
    c("negative", "float", "% of words with negative valence (AFINN-165)"),
    c("polarity", "float", "positive plus negative (% of words)"),
    c("emotional_share", "float", "% of words with any valence"),
    c("themes", "string_list", "themes assigned (see the themes table for evidence)"),
    n("cluster_id", "string", "near-duplicate cluster (the kept document's id); null when unique"),
    n("duplicate_of", "string", "doc_id of the kept document when this one is a near-duplicate"),
    n("similarity", "float", "estimated Jaccard similarity to the kept document"),
    c("is_duplicate", "bool", "true when duplicate_of is set")
  ]
}

export const recordsColumns: TableColumns = {
  name: "records",
  description: "every input record read, with its fate: records read = documents + duplicates + rejected",
  primaryKey: ["record_key"],
  foreignKeys: [{ columns: ["doc_id"], table: "documents", references: ["doc_id"] }],
  columns: [
    c("record_key", "string", "source_uri#line (line 0 for whole files)"),
    c("input_seq", "int", "position in the input order"),
    c("source_uri", "string", "input file"),
    n("source_record", "int", "1-based line in a JSONL file"),
    n("src_byte_start", "int", "first byte of the record"),
    n("src_byte_end", "int", "end byte of the record (exclusive)"),
    n("source_sha256", "string", "sha256 of the record's bytes"),
    c("status", "string", "document, duplicate (exact) or rejected"),
    n("doc_id", "string", "the document this record became (for duplicates: the one kept)"),
    n("reason", "string", "why it was rejected or is a duplicate"),
    n("detail", "string", "human-readable detail of the reason")
  ]
}

export const rejectsColumns: TableColumns = {
  name: "rejects",
  description: "input records that did not become documents, with the reason",
  primaryKey: ["record_key"],
  foreignKeys: [],
  columns: recordsColumns.columns.filter((col) => !["status", "doc_id"].includes(col.name)).map((col) =>
    col.name === "reason" ? c("reason", "string", "machine-readable reason") : col.name === "detail" ? c("detail", "string", "what exactly was wrong") : col
  )
}

export const removedLinesColumns: TableColumns = {
  name: "removed_lines",
  description: "every line removed from an article, with the rule and evidence (offsets into the normalised text)",
  primaryKey: ["doc_id", "line_no"],
  foreignKeys: [docFk],
  columns: [
    c("doc_id", "string", "document"),
    c("line_no", "int", "0-based line number in the normalised text"),
    c("char_start", "int", "start offset in the normalised text (before removal)"),
    c("char_end", "int", "end offset in the normalised text (exclusive)"),
    c("src_byte_start", "int", "start byte in the source file"),
    c("src_byte_end", "int", "end byte in the source file (exclusive)"),
    c("text", "string", "the line"),
    c("action", "string", "remove (boilerplate) or metadata (kept as a documents column)"),
    c("rule", "string", "rule that decided"),
    c("evidence", "string", "counts and position behind the decision"),
    c("confidence", "float", "0..1")
  ]
}

export const paragraphsColumns: TableColumns = {
  name: "paragraphs",
  description: "paragraphs of documents.text",
  primaryKey: ["doc_id", "seq"],
  foreignKeys: [docFk],
  columns: [c("doc_id", "string", "document"), c("seq", "int", "0-based paragraph number"), ...spanColumns, c("text", "string", "paragraph text")]
}

export const sentencesColumns: TableColumns = {
  name: "sentences",
  description: "sentences of documents.text",
  primaryKey: ["doc_id", "seq"],
  foreignKeys: [docFk],
  columns: [
    c("doc_id", "string", "document"),
    c("seq", "int", "0-based sentence number in the document"),
    c("paragraph_seq", "int", "paragraph it belongs to"),
    ...spanColumns,
    c("text", "string", "sentence text"),
    c("tone", "float", "AFINN tone of the sentence (positive minus negative, % of words)")
  ]
}

export const mentionsColumns: TableColumns = {
  name: "mentions",
  description: "named-entity mentions (PER, ORG, LOC, MISC) linked to entities",
  primaryKey: ["doc_id", "seq"],
  foreignKeys: [docFk, { columns: ["entity_id"], table: "entities", references: ["entity_id"] }],
  columns: [
    c("doc_id", "string", "document"),
    c("seq", "int", "0-based mention number in the document"),
    c("sentence_seq", "int", "sentence containing the mention"),
    ...spanColumns,
    c("text", "string", "surface form"),
    c("type", "string", "PER, ORG, LOC or MISC"),
    c("confidence", "float", "tagger confidence 0..1"),
    c("entity_id", "string", "canonical entity"),
    c("canonical", "string", "canonical name used for this mention"),
    n("merge_rule", "string", "why this surface form was merged into the entity"),
    n("merge_evidence", "string", "evidence for the merge"),
    n("geonames_id", "int", "GeoNames id when a LOC mention was resolved")
  ]
}

export const entitiesColumns: TableColumns = {
  name: "entities",
  description: "one row per canonical entity across the corpus",
  primaryKey: ["entity_id"],
  foreignKeys: [],
  columns: [
    c("entity_id", "string", "first 16 hex digits of sha256(type, canonical key)"),
    c("canonical", "string", "canonical name"),
    c("type", "string", "PER, ORG, LOC or MISC"),
    c("aliases", "string_list", "surface forms seen, sorted (long form: entity_aliases)"),
    c("doc_count", "int", "documents mentioning it"),
    c("mention_count", "int", "mentions"),
    n("geonames_id", "int", "GeoNames id for places"),
    n("latitude", "float", "WGS84 latitude for places"),
    n("longitude", "float", "WGS84 longitude for places"),
    n("country_code", "string", "ISO 3166-1 alpha-2 for places")
  ]
}

export const entityAliasesColumns: TableColumns = {
  name: "entity_aliases",
  description: "entities.aliases as a long table, for BI tools without list types",
  primaryKey: ["entity_id", "seq"],
  foreignKeys: [{ columns: ["entity_id"], table: "entities", references: ["entity_id"] }],
  columns: [c("entity_id", "string", "entity"), c("seq", "int", "0-based position in entities.aliases"), c("alias", "string", "surface form")]
}

export const placesColumns: TableColumns = {
  name: "places",
  description: "place entities of each document resolved against GeoNames (null id when unresolved)",
  primaryKey: ["doc_id", "entity_id"],
  foreignKeys: [docFk, { columns: ["entity_id"], table: "entities", references: ["entity_id"] }],
  columns: [
    c("doc_id", "string", "document"),
    c("entity_id", "string", "place entity"),
    c("name", "string", "canonical name in the document"),
    n("geonames_id", "int", "GeoNames id"),
    n("resolved_name", "string", "gazetteer name"),
    n("country_code", "string", "ISO 3166-1 alpha-2"),
    n("feature_class", "string", "GeoNames feature class (P populated place, A country/region)"),
    n("feature_code", "string", "GeoNames feature code"),
    n("latitude", "float", "WGS84 latitude"),
    n("longitude", "float", "WGS84 longitude"),
    c("confidence", "float", "resolution confidence 0..1"),
    c("method", "string", "how it was resolved")
  ]
}

export const quotesColumns: TableColumns = {
  name: "quotes",
  description: "direct and partial quotations with their speakers",
  primaryKey: ["doc_id", "seq"],
  foreignKeys: [docFk],
  columns: [
    c("doc_id", "string", "document"),
    c("seq", "int", "0-based quote number"),
    ...spanColumns,
    c("text", "string", "quoted words without the quote marks"),
    c("kind", "string", "direct, partial or block"),
    n("cue", "string", "the verb or construction that introduced it"),
    n("speaker_text", "string", "speaker as written"),
    n("speaker_char_start", "int", "speaker offset in documents.text"),
    n("speaker_char_end", "int", "speaker end offset (exclusive)"),
    n("speaker_entity_id", "string", "speaker's entity")
  ]
}

export const quantitiesColumns: TableColumns = {
  name: "quantities",
  description: "numbers with what they count (GDELT Counts/Amounts style)",
  primaryKey: ["doc_id", "seq"],
  foreignKeys: [docFk],
  columns: [
    c("doc_id", "string", "document"),
    c("seq", "int", "0-based number"),
    c("sentence_seq", "int", "sentence"),
    ...spanColumns,
    c("text", "string", "the phrase"),
    c("value", "float", "normalised value (the lower bound of a range)"),
    n("value_max", "float", "upper bound of a range (\"10 to 15\")"),
    c("qualifier", "string", "exact, about, more_than, at_least, less_than, at_most, up_to"),
    n("unit", "string", "unit of measure or currency"),
    n("counted", "string", "the thing counted")
  ]
}

export const datesColumns: TableColumns = {
  name: "dates",
  description: "date expressions, resolved against the publication date when there is one",
  primaryKey: ["doc_id", "seq"],
  foreignKeys: [docFk],
  columns: [
    c("doc_id", "string", "document"),
    c("seq", "int", "0-based date number"),
    c("sentence_seq", "int", "sentence"),
    ...spanColumns,
    c("text", "string", "the expression"),
    c("kind", "string", "date, date_range, weekday, relative, month, year, since_year, season"),
    n("resolved", "string", "ISO date (YYYY-MM-DD, YYYY-MM or YYYY) when resolvable"),
    n("resolved_end", "string", "end of a range")
  ]
}

export const themesColumns: TableColumns = {
  name: "themes",
  description: "themes per document with the evidence",
  primaryKey: ["doc_id", "theme"],
  foreignKeys: [docFk],
  columns: [
    c("doc_id", "string", "document"),
    c("theme", "string", "theme of the taxonomy in src/text/themes.ts"),
    c("score", "float", "evidence score"),
    c("evidence", "string_list", "terms that matched")
  ]
}

const typeSchema = (t: ColumnType): Schema.Codec<unknown, unknown> => {
  switch (t) {
    case "string":
    case "timestamp":
      return Schema.String as Schema.Codec<unknown, unknown>
    case "int":
      return Schema.Int as Schema.Codec<unknown, unknown>
    case "float":
      return Schema.Number as Schema.Codec<unknown, unknown>
    case "bool":
      return Schema.Boolean as Schema.Codec<unknown, unknown>
    case "string_list":
      return Schema.Array(Schema.String) as Schema.Codec<unknown, unknown>
  }
}

/** The Effect Schema of one row of a table, derived from its columns. */
export const rowSchema = (t: TableColumns) =>
  Schema.Struct(Object.fromEntries(t.columns.map((col) => {
    const s = typeSchema(col.type)
    return [col.name, col.nullable ? Schema.NullOr(s) : s]
  })))

export type Row = Readonly<Record<string, unknown>>
