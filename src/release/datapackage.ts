/**
 * datapackage.json: the release as a Frictionless Data Package v2 (https://datapackage.org/standard/).
 * One resource per file (CSV and Parquet), each with bytes, a "sha256:<hex>" hash and a Table Schema
 * derived from the manifest, which itself comes from src/schema/columns.ts, so the writers, the manifest
 * and this document cannot drift. Pure and deterministic: no clock; `created` only from SOURCE_DATE_EPOCH.
 */
import { Schema } from "effect"
import type { ColumnType } from "../schema/columns.ts"

/**
 * The parts of manifest.json (written by src/stages/release.ts) that the release documents, verify
 * and diff read. A Schema, because verify and diff read manifests from disk; other keys are ignored.
 */
const ManifestColumnSchema = Schema.Struct({
  name: Schema.String,
  type: Schema.Literals(["string", "int", "float", "bool", "timestamp", "string_list"]),
  nullable: Schema.Boolean,
  description: Schema.String
})

const ManifestFileSchema = Schema.Struct({ path: Schema.String, sha256: Schema.String, bytes: Schema.Number })

const ManifestTableSchema = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  rows: Schema.Number,
  primary_key: Schema.Array(Schema.String),
  foreign_keys: Schema.Array(Schema.Struct({ columns: Schema.Array(Schema.String), table: Schema.String, references: Schema.Array(Schema.String) })),
  columns: Schema.Array(ManifestColumnSchema),
  files: Schema.Record(Schema.String, ManifestFileSchema)
})

export const ReleaseManifestSchema = Schema.Struct({
  format: Schema.String,
  // Older manifests named the release inside; newer ones are named by their own hash (the folder name).
  release: Schema.optionalKey(Schema.String),
  release_key: Schema.optionalKey(Schema.String),
  broadsheet_version: Schema.String,
  corpus: Schema.optionalKey(Schema.Struct({ digest: Schema.String })),
  tables: Schema.Array(ManifestTableSchema)
})

export type ManifestColumn = typeof ManifestColumnSchema.Type
export type ManifestFile = typeof ManifestFileSchema.Type
export type ManifestTable = typeof ManifestTableSchema.Type
export type ReleaseManifest = typeof ReleaseManifestSchema.Type

// Compile-time guard: the manifest's column types are exactly columns.ts's ColumnType.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const columnTypesAgree: Same<ManifestColumn["type"], ColumnType> = true

export interface DocumentOptions {
  /** The release's name (its folder); defaults to the manifest's `release`, else "broadsheet". */
  readonly release?: string | undefined
  /** Seconds since the epoch (the SOURCE_DATE_EPOCH convention); without it no timestamp is written. */
  readonly sourceDateEpoch?: string | undefined
}

const PROFILE = "https://datapackage.org/profiles/2.0"

/** The formats a table is written in, in a fixed order (CSV first), whatever order the manifest has. */
export const FORMATS = ["csv", "parquet"] as const

export const mediaTypes: Readonly<Record<string, string>> = {
  csv: "text/csv",
  // Registered with IANA in 2024; older tools also know application/x-parquet.
  parquet: "application/vnd.apache.parquet"
}

/** The files of a table in FORMATS order, then any other format alphabetically. */
export const tableFiles = (t: ManifestTable): Array<readonly [string, ManifestFile]> =>
  Object.entries(t.files).sort(([a], [b]) => {
    const ia = FORMATS.indexOf(a as never), ib = FORMATS.indexOf(b as never)
    if (ia !== ib) return (ia < 0 ? FORMATS.length : ia) - (ib < 0 ? FORMATS.length : ib)
    return a < b ? -1 : a > b ? 1 : 0
  })

/** ISO 8601 UTC from SOURCE_DATE_EPOCH, or undefined when it is unset or not a whole number of seconds. */
export const epochTimestamp = (sourceDateEpoch: string | undefined): string | undefined => {
  if (sourceDateEpoch === undefined || !/^\d+$/.test(sourceDateEpoch.trim())) return undefined
  const ms = Number(sourceDateEpoch.trim()) * 1000
  return Number.isSafeInteger(ms) ? new Date(ms).toISOString().replace(/\.000Z$/, "Z") : undefined
}

/** Data Package names are lower case [a-z0-9._-]. */
const packageName = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, "-")

export const resourceName = (table: string, format: string) => packageName(`${table}-${format}`)

export const releaseNameOf = (m: ReleaseManifest, options: DocumentOptions) => options.release ?? m.release ?? "broadsheet"

/** SemVer with the release name as build metadata, so each release has its own version string. */
export const releaseVersion = (m: ReleaseManifest, options: DocumentOptions) =>
  `${m.broadsheet_version}+${releaseNameOf(m, options).replace(/[^0-9A-Za-z.-]+/g, "-").replace(/^[.-]+|[.-]+$/g, "") || "release"}`

const fieldType = (t: ColumnType): Record<string, unknown> => {
  switch (t) {
    case "string":
      return { type: "string" }
    case "int":
      return { type: "integer" }
    case "float":
      return { type: "number" }
    case "bool":
      // The CSV writer spells booleans true/false only.
      return { type: "boolean", trueValues: ["true"], falseValues: ["false"] }
    case "timestamp":
      return { type: "datetime" }
    case "string_list":
      // v2 "array": the lexical form is a JSON array, which is what the CSV cell holds ("list" would be delimiter-separated).
      return { type: "array", arrayItem: { type: "string" } }
  }
}

const tableSchema = (t: ManifestTable, format: string, present: ReadonlySet<string>) => {
  const singleKey = t.primary_key.length === 1 ? t.primary_key[0] : undefined
  return {
    $schema: `${PROFILE}/tableschema.json`,
    fieldsMatch: "equal",
    fields: t.columns.map((c) => {
      const constraints: Record<string, unknown> = {}
      if (!c.nullable) constraints.required = true
      if (c.name === singleKey) constraints.unique = true
      return { name: c.name, description: c.description, ...fieldType(c.type), ...(Object.keys(constraints).length ? { constraints } : {}) }
    }),
    ...(format === "csv" ? { missingValues: [""] } : {}),
    primaryKey: [...t.primary_key],
    // A reference points at the same format of the parent table; dropped if that file is absent.
    foreignKeys: t.foreign_keys.filter((fk) => present.has(`${fk.table}\u0000${format}`)).map((fk) => ({
      fields: [...fk.columns],
      reference: { resource: resourceName(fk.table, format), fields: [...fk.references] }
    }))
  }
}

const CSV_NOTE =
  "RFC 4180 CSV, UTF-8, LF, header row; null is an empty unquoted field and the empty string is \"\"; lists are JSON arrays; " +
  "text cells starting with = + - @ TAB or CR carry a leading ' for spreadsheet safety (the Parquet file has the exact text)."

/** The Data Package v2 descriptor of a release, from its manifest. Serialise with stableJson. */
export const buildDatapackage = (manifest: ReleaseManifest, options: DocumentOptions = {}): Record<string, unknown> => {
  const created = epochTimestamp(options.sourceDateEpoch)
  const present = new Set(manifest.tables.flatMap((t) => Object.keys(t.files).map((f) => `${t.name}\u0000${f}`)))
  const resources = manifest.tables.flatMap((t) =>
    tableFiles(t).map(([format, file]) => ({
      $schema: `${PROFILE}/dataresource.json`,
      name: resourceName(t.name, format),
      type: "table",
      path: file.path,
      format,
      mediatype: mediaTypes[format] ?? "application/octet-stream",
      ...(format === "csv" ? { encoding: "utf-8" } : {}),
      bytes: file.bytes,
      hash: `sha256:${file.sha256}`,
      title: `${t.name} (${format})`,
      description: format === "csv" ? `${t.description}. ${CSV_NOTE}` : t.description,
      rows: t.rows,
      ...(format === "csv"
        ? {
          dialect: {
            $schema: `${PROFILE}/tabledialect.json`,
            header: true,
            delimiter: ",",
            lineTerminator: "\n",
            quoteChar: "\"",
            doubleQuote: true,
            nullSequence: ""
          }
        }
        : {}),
      schema: tableSchema(t, format, present)
    }))
  )
  return {
    $schema: `${PROFILE}/datapackage.json`,
    name: packageName(releaseNameOf(manifest, options)),
    title: `Broadsheet release ${releaseNameOf(manifest, options)}`,
    description:
      "News articles cleaned, segmented and annotated by Broadsheet. Every table is published as CSV and as Parquet; " +
      "manifest.json and SHA256SUMS list every file's sha256.",
    version: releaseVersion(manifest, options),
    ...(created !== undefined ? { created } : {}),
    keywords: ["news", "nlp", "named entities", "provenance"],
    resources,
    // Custom properties (allowed by the spec) that tie the descriptor to the manifest.
    broadsheet: {
      format: manifest.format,
      ...(manifest.release_key !== undefined ? { release_key: manifest.release_key } : {}),
      ...(manifest.corpus ? { corpus_digest: manifest.corpus.digest } : {})
    }
  }
}
