/**
 * duckdb: `broadsheet.duckdb`, every release table in one file for analysts, with the keys of
 * src/schema/columns.ts checked while loading (a key the export broke fails the run) and
 * ready-made views. Tables are created empty with their constraints, then filled with
 * INSERT … SELECT from the Parquet files the export wrote, parents before children.
 *
 * Which keys are constraints: every foreign key, and the primary keys that foreign keys reference
 * (documents, entities). The other tables' primary keys (sentences, mentions, … : most of the rows)
 * are checked by a query after loading instead: DuckDB keeps a primary-key index in memory whole,
 * and those indexes outgrew the cap: 250k articles failed under 512 MB, and 100k under 200 MB (the child
 * tables hold ~108 rows an article).
 *
 * Determinism: DuckDB does not write the same bytes for the same data (on larger corpora, not
 * even with compression forced off), so the file stays outside SHA256SUMS and its hash goes to
 * the run record; its contents are checked by `verify`. Insertion order kept (with every core
 * loading) makes the tables' row order the Parquet files' order. Compression stays on (uncompressed, 100k
 * articles made a 3.2 GB file), and memory is capped, spilling to the work folder, because the
 * primary-key indexes and the load took 4 GB of RSS at 100k articles.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api"
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { RunContext } from "../config.ts"
import { ParquetFiles } from "../datasets.ts"
import { StageError } from "../errors.ts"
import { ReleaseFile } from "../report/release-file.ts"
import type { Stage } from "../runtime/dag.ts"
import { dataset, DatasetStore } from "../runtime/dataset.ts"
import { Files } from "../runtime/files.ts"
import type { ColumnType, TableColumns } from "../schema/columns.ts"
import { tables } from "../tables.ts"
import { sha256File } from "../io/file-hash.ts"

export const DuckDbFile = dataset("duckdb_file", ReleaseFile, "the release as one DuckDB database (broadsheet.duckdb)")

export const DUCKDB_PATH = "broadsheet.duckdb"

/**
 * DuckDB's memory cap while loading; beyond it, it spills to the run's work folder. It runs beside
 * the report in the main process, where it set the peak: 512 MB took a 50k-article run from 1.50 to
 * 1.32 GB peak RSS for ~2 s more loading.
 */
const DUCKDB_MEMORY = "512MB"

const sqlType = (t: ColumnType): string => {
  switch (t) {
    case "string":
      return "VARCHAR"
    case "int":
      return "BIGINT"
    case "float":
      return "DOUBLE"
    case "bool":
      return "BOOLEAN"
    case "timestamp":
      return "TIMESTAMPTZ"
    case "string_list":
      return "VARCHAR[]"
  }
}

export const ident = (name: string): string => `"${name.replaceAll("\"", "\"\"")}"`
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`

/** Tables whose primary key some foreign key references: theirs are declared, the others checked by query. */
export const referencedTables = (list: ReadonlyArray<TableColumns>): ReadonlySet<string> =>
  new Set(list.flatMap((t) => t.foreignKeys.map((fk) => fk.table)))

/** CREATE TABLE with NOT NULL and FOREIGN KEY constraints, and the PRIMARY KEY when `declarePk`. */
export const createTableSql = (t: TableColumns, declarePk = true): string => {
  const cols = t.columns.map((c) => `  ${ident(c.name)} ${sqlType(c.type)}${c.nullable ? "" : " NOT NULL"}`)
  const pk = declarePk && t.primaryKey.length > 0 ? [`  PRIMARY KEY (${t.primaryKey.map(ident).join(", ")})`] : []
  const fks = t.foreignKeys.map((fk) => `  FOREIGN KEY (${fk.columns.map(ident).join(", ")}) REFERENCES ${ident(fk.table)} (${fk.references.map(ident).join(", ")})`)
  return `CREATE TABLE ${ident(t.name)} (\n${[...cols, ...pk, ...fks].join(",\n")}\n)`
}

/** Comments DuckDB keeps in its catalog, so `duckdb_columns()` documents every column. */
export const commentSql = (t: TableColumns): Array<string> => [
  `COMMENT ON TABLE ${ident(t.name)} IS ${sqlString(t.description)}`,
  ...t.columns.map((c) => `COMMENT ON COLUMN ${ident(t.name)}.${ident(c.name)} IS ${sqlString(c.description)}`)
]

/** Tables in levels: every table a table references is in an earlier level (stable otherwise). */
export const dependencyLevels = (list: ReadonlyArray<TableColumns>): Array<Array<TableColumns>> => {
  const done = new Set<string>()
  const out: Array<Array<TableColumns>> = []
  let rest = [...list]
  while (rest.length > 0) {
    const ready = rest.filter((t) => t.foreignKeys.every((fk) => fk.table === t.name || done.has(fk.table)))
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among: ${rest.map((t) => t.name).join(", ")}`)
    out.push(ready)
    for (const t of ready) done.add(t.name)
    rest = rest.filter((t) => !done.has(t.name))
  }
  return out
}

/** The views analysts start from; each is documented with COMMENT ON VIEW. */
export const views: ReadonlyArray<{ readonly name: string; readonly description: string; readonly sql: string }> = [
  {
    name: "mention_entities",
    description: "every mention with its canonical entity and its document (title, site, publication time)",
    sql: `SELECT m.doc_id, m.seq AS mention_seq, m.sentence_seq, m.text AS mention_text, m.type AS mention_type, m.confidence,
  m.char_start, m.char_end, m.entity_id, e.canonical, e.type AS entity_type, e.doc_count AS entity_doc_count,
  e.mention_count AS entity_mention_count, e.country_code, e.latitude, e.longitude,
  d.title, d.site, d.url, d.published, d.language, d.is_duplicate
FROM mentions m
JOIN entities e ON e.entity_id = m.entity_id
JOIN documents d ON d.doc_id = m.doc_id`
  },
  {
    name: "places_map",
    description: "one row per resolved place with coordinates: documents mentioning it and their publication span",
    sql: `SELECT p.entity_id, e.canonical AS name, p.geonames_id, p.resolved_name, p.country_code, p.feature_class, p.feature_code,
  p.latitude, p.longitude, count(*) AS documents, count(*) FILTER (WHERE NOT d.is_duplicate) AS unique_documents,
  e.mention_count AS mentions, min(d.published) AS first_published, max(d.published) AS last_published
FROM places p
JOIN entities e ON e.entity_id = p.entity_id
JOIN documents d ON d.doc_id = p.doc_id
WHERE p.latitude IS NOT NULL AND p.longitude IS NOT NULL
GROUP BY ALL`
  },
  {
    name: "daily_counts",
    description: "per UTC publication day: documents, unique documents, mentions, quotes and average tone (undated documents excluded)",
    sql: `WITH docs AS (
  SELECT doc_id, CAST(timezone('UTC', published) AS DATE) AS day, is_duplicate, tone FROM documents WHERE published IS NOT NULL
), m AS (SELECT doc_id, count(*) AS n FROM mentions GROUP BY doc_id),
q AS (SELECT doc_id, count(*) AS n FROM quotes GROUP BY doc_id)
SELECT docs.day, count(*) AS documents, count(*) FILTER (WHERE NOT docs.is_duplicate) AS unique_documents,
  CAST(coalesce(sum(m.n), 0) AS BIGINT) AS mentions, CAST(coalesce(sum(q.n), 0) AS BIGINT) AS quotes, avg(docs.tone) AS avg_tone
FROM docs LEFT JOIN m ON m.doc_id = docs.doc_id LEFT JOIN q ON q.doc_id = docs.doc_id
GROUP BY docs.day`
  },
  {
    name: "entity_leaderboard",
    description: "entities ranked by mentions, overall and within their type",
    sql: `SELECT rank() OVER (ORDER BY mention_count DESC) AS rank,
  rank() OVER (PARTITION BY type ORDER BY mention_count DESC) AS rank_in_type,
  entity_id, canonical, type, mention_count, doc_count, len(aliases) AS alias_count, country_code, latitude, longitude
FROM entities`
  }
]

/** Runs `sql` on `conn`; a failure names the statement. */
const runSql = async (conn: DuckDBConnection, sql: string): Promise<void> => {
  try {
    await conn.run(sql)
  } catch (e) {
    throw new Error(`${sql.split("\n")[0]!.slice(0, 120)}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/** Key values held by more than one row of `t` (0 when its primary key holds). Out of core: it may spill. */
export const duplicateKeys = async (conn: DuckDBConnection, t: TableColumns): Promise<number> => {
  const key = t.primaryKey.map(ident).join(", ")
  const r = await conn.runAndReadAll(`SELECT count(*) AS n FROM (SELECT ${key} FROM ${ident(t.name)} GROUP BY ${key} HAVING count(*) > 1)`)
  return Number(r.getRowObjectsJS()[0]!["n"])
}

/**
 * Creates every table and view, and loads each table from its Parquet file, checking the row count
 * and, where the primary key is not declared, that it holds.
 * Tables of one dependency level load at the same time, one per connection: key checks on insert
 * are mostly single-threaded in DuckDB, so separate tables are what keeps the cores busy.
 */
const loadTables = async (
  conns: ReadonlyArray<DuckDBConnection>,
  levels: ReadonlyArray<ReadonlyArray<TableColumns>>,
  source: (t: TableColumns) => { readonly file: string; readonly rows: number }
): Promise<Record<string, number>> => {
  const main = conns[0]!
  const ordered = levels.flat()
  const declared = referencedTables(ordered)
  for (const t of ordered) {
    await runSql(main, createTableSql(t, declared.has(t.name)))
    for (const sql of commentSql(t)) await runSql(main, sql)
  }
  const counts: Record<string, number> = {}
  const load = async (conn: DuckDBConnection, t: TableColumns) => {
    const { file, rows } = source(t)
    const cols = t.columns.map((c) => ident(c.name)).join(", ")
    await runSql(conn, `INSERT INTO ${ident(t.name)} (${cols}) SELECT ${cols} FROM read_parquet(${sqlString(file)})`)
    const n = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${ident(t.name)}`)).getRowObjectsJS()[0]!["n"])
    if (n !== rows) throw new Error(`table ${t.name}: ${n} rows loaded, ${rows} in ${file}`)
    if (!declared.has(t.name) && t.primaryKey.length > 0) {
      const dup = await duplicateKeys(conn, t)
      if (dup > 0) throw new Error(`table ${t.name}: ${dup} values of its primary key (${t.primaryKey.join(", ")}) are held by more than one row`)
    }
    counts[t.name] = n
  }
  for (const level of levels) {
    let next = 0
    await Promise.all(conns.map(async (conn) => {
      while (next < level.length) await load(conn, level[next++]!)
    }))
  }
  for (const v of views) {
    await runSql(main, `CREATE VIEW ${ident(v.name)} AS\n${v.sql}`)
    await runSql(main, `COMMENT ON VIEW ${ident(v.name)} IS ${sqlString(v.description)}`)
  }
  await runSql(main, "CHECKPOINT")
  // Keys as the tables' order of creation, whatever order they finished loading in.
  return Object.fromEntries(ordered.map((t) => [t.name, counts[t.name]!]))
}

const fail = (message: string) => new StageError({ stage: "duckdb", message })

export const duckdb: Stage<DatasetStore | RunContext | Files> = {
  name: "duckdb",
  version: "1",
  description: "broadsheet.duckdb: every table with primary/foreign keys, plus analyst views",
  reads: [ParquetFiles],
  writes: [DuckDbFile],
  source: import.meta.url,
  // Built from the Parquet files alone (their hashes are in parquet_files): no config of its own.
  config: () => ({}),
  cacheable: true,
  run: Effect.gen(function*() {
    const ctx = yield* RunContext
    const store = yield* DatasetStore
    const files = yield* Files
    const parquet = new Map((yield* Stream.runCollect(store.read(ParquetFiles))).map((f) => [f.table, f] as const))
    const target = path.join(ctx.stagingDir, DUCKDB_PATH)
    yield* files.remove(target)
    const levels = dependencyLevels(tables.map((t) => t.columns))
    // As many cores as the run may use (`workers`), so a one-worker run stays on one core.
    const slots = Math.max(1, ctx.config.workers)
    const counts = yield* Effect.acquireUseRelease(
      Effect.tryPromise({
        try: async () => {
          const db = await DuckDBInstance.create(target, {
            threads: String(slots),
            memory_limit: DUCKDB_MEMORY,
            temp_directory: path.join(ctx.workDir, "duckdb-tmp"),
            preserve_insertion_order: "true"
          })
          const conns: Array<DuckDBConnection> = []
          for (let k = 0; k < slots; k++) conns.push(await db.connect())
          return { db, conns }
        },
        catch: (e) => fail(`cannot create ${target}: ${e instanceof Error ? e.message : String(e)}`)
      }),
      ({ conns }) =>
        Effect.tryPromise({
          try: () => loadTables(conns, levels, (t) => {
            const f = parquet.get(t.name)
            if (f === undefined) throw new Error(`no Parquet file for table ${t.name}`)
            return { file: path.join(ctx.stagingDir, f.path), rows: f.rows }
          }),
          catch: (e) => fail(e instanceof Error ? e.message : String(e))
        }),
      ({ conns, db }) =>
        Effect.sync(() => {
          for (const c of conns) c.closeSync()
          db.closeSync()
        })
    )
    const sha256 = yield* Effect.tryPromise({ try: () => sha256File(target), catch: (e) => fail(`hashing ${DUCKDB_PATH}: ${e instanceof Error ? e.message : String(e)}`) })
    if (yield* files.exists(`${target}.wal`)) return yield* fail(`${DUCKDB_PATH}.wal left behind after close`)
    // The dataset stays deterministic (downstream cache keys and the release lock hash it); the
    // file's own hash, which varies between runs, goes to the run record through `info`.
    yield* store.write(DuckDbFile, Stream.make({
      path: DUCKDB_PATH,
      format: "duckdb" as const,
      sha256: null,
      bytes: null,
      description: `DuckDB database: ${Object.keys(counts).length} tables, ${views.length} views`
    }))
    return {
      rows: { [DuckDbFile.name]: 1 },
      files: [DUCKDB_PATH],
      // In the run record (info), since the file is not in SHA256SUMS.
      info: { tables: String(Object.keys(counts).length), views: views.map((v) => v.name).join(","), sha256 }
    }
  })
}
