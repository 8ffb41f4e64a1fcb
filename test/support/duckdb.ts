/** DuckDB as the real reader of the release files. */
import { DuckDBInstance } from "@duckdb/node-api"

export type Query = (sql: string) => Promise<Array<Record<string, unknown>>>

/** Opens a DuckDB database (in memory by default), runs `f` with a query function, closes it. */
export const withDuckDb = async <A>(f: (q: Query) => Promise<A>, file = ":memory:", readOnly = false): Promise<A> => {
  const db = await DuckDBInstance.create(file, readOnly ? { access_mode: "READ_ONLY" } : {})
  const conn = await db.connect()
  try {
    return await f(async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>)
  } finally {
    conn.closeSync()
    db.closeSync()
  }
}

export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`

/** The DuckDB type a manifest column type must read back as. */
export const duckType = (t: string, format: "csv" | "parquet"): string => {
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
      return format === "parquet" ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP WITH TIME ZONE"
    case "string_list":
      return format === "parquet" ? "VARCHAR[]" : "VARCHAR"
    default:
      throw new Error(`unknown column type ${t}`)
  }
}
