/**
 * diff <old> <new>: per table, rows added, removed, changed and unchanged, matched by primary key.
 * Reads the Parquet files (exact values; the CSV has spreadsheet-safety prefixes) one row group at a
 * time and keeps only key → sha256 of the row for the old release, so memory is the key set.
 * A row's identity is the JSON of its primary-key values; "changed" = same key, any other value differs.
 */
import { Effect, Schema } from "effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import type { ReleaseManifest } from "./datapackage.ts"
import { keyOf, openParquet, parquetRowGroups, readManifest } from "./verify.ts"

export class ReleaseReadError extends Schema.TaggedError<ReleaseReadError>()("ReleaseReadError", {
  path: Schema.String,
  message: Schema.String
}) {}

export interface TableDiff {
  readonly table: string
  readonly primary_key: ReadonlyArray<string>
  /** in-old / in-new: the table exists in that release. */
  readonly in_old: boolean
  readonly in_new: boolean
  readonly added: number
  readonly removed: number
  readonly changed: number
  readonly unchanged: number
  /** The column lists differ, so every row present in both counts as changed. */
  readonly columns_changed: boolean
}

export interface ReleaseDiff {
  /** Release names: the folders' real names (output/latest resolved). */
  readonly old: { readonly release: string; readonly dir: string }
  readonly new: { readonly release: string; readonly dir: string }
  readonly tables: ReadonlyArray<TableDiff>
}

const jsonValue = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v)

/** Hash of a row's values in the given column order (Dates as ISO text, bigints as decimal text). */
const rowHash = (row: Readonly<Record<string, unknown>>, columns: ReadonlyArray<string>) =>
  createHash("sha256").update(JSON.stringify(columns.map((c) => row[c] ?? null), jsonValue)).digest("base64")

const releaseName = (dir: string) => {
  try {
    return path.basename(fs.realpathSync(dir))
  } catch {
    return path.basename(dir)
  }
}

const load = (dir: string): ReleaseManifest => {
  const r = readManifest(dir)
  if ("problem" in r) throw new ReleaseReadError({ path: dir, message: r.problem.message })
  return r.manifest
}

const parquetPath = (dir: string, m: ReleaseManifest, table: string) => {
  const f = m.tables.find((t) => t.name === table)?.files.parquet
  if (f === undefined) throw new ReleaseReadError({ path: dir, message: `${table} has no Parquet file in the manifest` })
  return path.join(dir, f.path)
}

const diffTable = async (oldDir: string, oldM: ReleaseManifest, newDir: string, newM: ReleaseManifest, name: string): Promise<TableDiff> => {
  const o = oldM.tables.find((t) => t.name === name)
  const n = newM.tables.find((t) => t.name === name)
  const columnsOld = o?.columns.map((c) => c.name) ?? []
  const columnsNew = n?.columns.map((c) => c.name) ?? []
  const columns_changed = o !== undefined && n !== undefined && JSON.stringify(columnsOld) !== JSON.stringify(columnsNew)
  // The new release's key decides identity; a changed key definition makes every row differ anyway.
  const primary_key = n?.primary_key ?? o?.primary_key ?? []
  const base = { table: name, primary_key, in_old: o !== undefined, in_new: n !== undefined, columns_changed }
  if (o === undefined) return { ...base, added: n!.rows, removed: 0, changed: 0, unchanged: 0 }
  if (n === undefined) return { ...base, added: 0, removed: o.rows, changed: 0, unchanged: 0 }
  const read = async (dir: string, m: ReleaseManifest, each: (row: Record<string, unknown>) => void, columns: ReadonlyArray<string>) => {
    const file = parquetPath(dir, m, name)
    try {
      const pq = await openParquet(file)
      for await (const group of parquetRowGroups(pq, columns)) for (const row of group) each(row)
    } catch (e) {
      throw e instanceof ReleaseReadError ? e : new ReleaseReadError({ path: file, message: e instanceof Error ? e.message : String(e) })
    }
  }
  const old = new Map<string, string>()
  let duplicateKeys = 0
  await read(oldDir, oldM, (row) => {
    const k = keyOf(row, primary_key)
    if (old.has(k)) duplicateKeys++
    old.set(k, rowHash(row, columnsOld))
  }, columnsOld)
  if (duplicateKeys > 0) throw new ReleaseReadError({ path: oldDir, message: `${name}: ${duplicateKeys} duplicate primary keys; run verify` })
  let added = 0, changed = 0, unchanged = 0
  const seen = new Set<string>()
  await read(newDir, newM, (row) => {
    const k = keyOf(row, primary_key)
    if (seen.has(k)) throw new ReleaseReadError({ path: newDir, message: `${name}: duplicate primary key ${k}; run verify` })
    seen.add(k)
    const h = old.get(k)
    if (h === undefined) added++
    else {
      old.delete(k)
      if (!columns_changed && h === rowHash(row, columnsNew)) unchanged++
      else changed++
    }
  }, columnsNew)
  return { ...base, added, removed: old.size, changed, unchanged }
}

/** Per-table row differences between two releases, tables in the new release's order then dropped ones. */
export const diffReleasesAsync = async (oldDir: string, newDir: string): Promise<ReleaseDiff> => {
  const oldM = load(oldDir)
  const newM = load(newDir)
  const names = [...newM.tables.map((t) => t.name), ...oldM.tables.map((t) => t.name).filter((t) => !newM.tables.some((x) => x.name === t))]
  const tables: Array<TableDiff> = []
  for (const name of names) tables.push(await diffTable(oldDir, oldM, newDir, newM, name))
  return {
    old: { release: releaseName(oldDir), dir: oldDir },
    new: { release: releaseName(newDir), dir: newDir },
    tables
  }
}

export const diffReleases = (oldDir: string, newDir: string): Effect.Effect<ReleaseDiff, ReleaseReadError> =>
  Effect.tryPromise({
    try: () => diffReleasesAsync(oldDir, newDir),
    catch: (e) => (e instanceof ReleaseReadError ? e : new ReleaseReadError({ path: `${oldDir} ${newDir}`, message: e instanceof Error ? e.message : String(e) }))
  })

/** A plain-text table of the diff for the CLI. */
export const formatDiff = (d: ReleaseDiff): string => {
  const head = ["table", "added", "removed", "changed", "unchanged"]
  const rows = d.tables.map((t) => [
    t.table + (!t.in_old ? " (new)" : !t.in_new ? " (dropped)" : t.columns_changed ? " (columns changed)" : ""),
    String(t.added),
    String(t.removed),
    String(t.changed),
    String(t.unchanged)
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: ReadonlyArray<string>) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd()
  return `${d.old.release} → ${d.new.release}\n${[head, ...rows].map(line).join("\n")}\n`
}
