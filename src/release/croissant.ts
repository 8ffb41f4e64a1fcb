/**
 * croissant.json: the release as MLCommons Croissant 1.0 JSON-LD (http://mlcommons.org/croissant/1.0).
 * Every file is a cr:FileObject with its sha256; every table is a cr:RecordSet whose fields are read
 * from the table's Parquet file (exact text, real types and nulls, lists as lists; the CSV carries
 * spreadsheet-safety prefixes), falling back to the CSV when a table has no Parquet file.
 * Pure and deterministic: no clock; datePublished only from SOURCE_DATE_EPOCH.
 */
import type { ColumnType } from "../schema/columns.ts"
import {
  type DocumentOptions,
  epochTimestamp,
  type ManifestTable,
  type ReleaseManifest,
  releaseNameOf,
  releaseVersion,
  tableFiles
} from "./datapackage.ts"

export interface CroissantOptions extends DocumentOptions {
  /** Where the release is published; Croissant recommends a url and a license, neither of which the pipeline knows. */
  readonly url?: string | undefined
  readonly license?: string | undefined
}

/** The recommended Croissant 1.0 context (spec, Appendix 1). */
export const croissantContext = {
  "@language": "en",
  "@vocab": "https://schema.org/",
  citeAs: "cr:citeAs",
  column: "cr:column",
  conformsTo: "dct:conformsTo",
  cr: "http://mlcommons.org/croissant/",
  rai: "http://mlcommons.org/croissant/RAI/",
  data: { "@id": "cr:data", "@type": "@json" },
  dataType: { "@id": "cr:dataType", "@type": "@vocab" },
  dct: "http://purl.org/dc/terms/",
  examples: { "@id": "cr:examples", "@type": "@json" },
  extract: "cr:extract",
  field: "cr:field",
  fileProperty: "cr:fileProperty",
  fileObject: "cr:fileObject",
  fileSet: "cr:fileSet",
  format: "cr:format",
  includes: "cr:includes",
  isLiveDataset: "cr:isLiveDataset",
  jsonPath: "cr:jsonPath",
  key: "cr:key",
  md5: "cr:md5",
  parentField: "cr:parentField",
  path: "cr:path",
  recordSet: "cr:recordSet",
  references: "cr:references",
  regex: "cr:regex",
  repeated: "cr:repeated",
  replace: "cr:replace",
  sc: "https://schema.org/",
  separator: "cr:separator",
  source: "cr:source",
  subField: "cr:subField",
  transform: "cr:transform"
} as const

/** Croissant's encodingFormat values: mlcroissant reads Parquet as application/x-parquet. */
export const croissantEncodings: Readonly<Record<string, string>> = { csv: "text/csv", parquet: "application/x-parquet" }

const dataType = (t: ColumnType): string => {
  switch (t) {
    case "string":
    case "string_list":
      return "sc:Text"
    case "int":
      return "sc:Integer"
    case "float":
      return "sc:Float"
    case "bool":
      return "sc:Boolean"
    case "timestamp":
      return "sc:DateTime"
  }
}

const fieldId = (table: string, column: string) => `${table}/${column}`

const recordSet = (t: ManifestTable) => {
  const files = tableFiles(t)
  const source = files.find(([f]) => f === "parquet") ?? files.find(([f]) => f === "csv") ?? files[0]
  // Single-column references only; every foreign key in columns.ts is one column.
  const refs = new Map<string, string>()
  for (const fk of t.foreign_keys) fk.columns.forEach((c, i) => refs.set(c, fieldId(fk.table, fk.references[i]!)))
  return {
    "@type": "cr:RecordSet",
    "@id": t.name,
    name: t.name,
    description: t.description,
    key: t.primary_key.map((c) => ({ "@id": fieldId(t.name, c) })),
    field: t.columns.map((c) => ({
      "@type": "cr:Field",
      "@id": fieldId(t.name, c.name),
      name: c.name,
      description: c.nullable ? `${c.description} (may be null)` : c.description,
      dataType: dataType(c.type),
      ...(c.type === "string_list" ? { repeated: true } : {}),
      ...(refs.has(c.name) ? { references: { field: { "@id": refs.get(c.name)! } } } : {}),
      ...(source ? { source: { fileObject: { "@id": source[1].path }, extract: { column: c.name } } } : {})
    }))
  }
}

/** The Croissant 1.0 JSON-LD of a release, from its manifest. Serialise with stableJson. */
export const buildCroissant = (manifest: ReleaseManifest, options: CroissantOptions = {}): Record<string, unknown> => {
  const published = epochTimestamp(options.sourceDateEpoch)
  return {
    "@context": croissantContext,
    "@type": "sc:Dataset",
    name: releaseNameOf(manifest, options),
    description:
      "News articles cleaned, segmented and annotated by Broadsheet: documents, their removed boilerplate lines, paragraphs, " +
      "sentences, named-entity mentions, entities, places, quotes, quantities, dates and themes, with character and source-byte " +
      "offsets back to the input. Every table is published as CSV and as Parquet.",
    conformsTo: "http://mlcommons.org/croissant/1.0",
    version: releaseVersion(manifest, options),
    ...(published !== undefined ? { datePublished: published } : {}),
    ...(options.url !== undefined ? { url: options.url } : {}),
    ...(options.license !== undefined ? { license: options.license } : {}),
    keywords: ["news", "nlp", "named entities", "provenance"],
    distribution: manifest.tables.flatMap((t) =>
      tableFiles(t).map(([format, file]) => ({
        "@type": "cr:FileObject",
        "@id": file.path,
        name: file.path,
        description: `${t.name} as ${format}`,
        contentUrl: file.path,
        contentSize: `${file.bytes} B`,
        encodingFormat: croissantEncodings[format] ?? "application/octet-stream",
        sha256: file.sha256
      }))
    ),
    recordSet: manifest.tables.map(recordSet)
  }
}
