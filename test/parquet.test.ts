/** Parquet row groups: closed by rows or by text size, whatever the batching, read back by DuckDB. */
import { Effect, Stream } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { GROUP_TEXT_CHARS, writeParquet } from "../src/io/parquet.ts"
import { Files } from "../src/runtime/files.ts"
import type { TableColumns } from "../src/schema/columns.ts"
import { sqlString, withDuckDb } from "./support/duckdb.ts"

const pages: TableColumns = {
  name: "pages",
  description: "test table",
  primaryKey: ["id"],
  foreignKeys: [],
  columns: [
    { name: "id", type: "int", nullable: false, description: "row" },
    { name: "text", type: "string", nullable: false, description: "long text" },
    { name: "tags", type: "string_list", nullable: true, description: "short list" }
  ]
}

// Each row carries a quarter of a group's text budget: 4 rows to a group.
const rows = Array.from({ length: 10 }, (_, i) => ({ id: i, text: String.fromCharCode(97 + i).repeat(GROUP_TEXT_CHARS / 4), tags: i % 2 ? ["x", "y"] : null }))

const write = (file: string, batches: ReadonlyArray<ReadonlyArray<(typeof rows)[number]>>, rowGroupSize: number) =>
  Effect.runPromise(writeParquet(pages, file, Stream.fromIterable(batches).pipe(Stream.flatMap((b) => Stream.fromIterable(b))), rowGroupSize).pipe(Effect.provide(Files.layer)))

describe("Parquet row groups", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-parquet-"))

  it("close at the text budget as well as at the row count, with the same bytes however rows are batched", async () => {
    const a = path.join(dir, "a.parquet")
    const b = path.join(dir, "b.parquet")
    await write(a, [rows], 20_000)
    await write(b, [rows.slice(0, 3), rows.slice(3, 7), rows.slice(7)], 20_000)
    expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true)
    const c = path.join(dir, "c.parquet")
    await write(c, [rows], 3)
    await withDuckDb(async (q) => {
      const groups = async (f: string) =>
        (await q(`SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata(${sqlString(f)}) ORDER BY 1`)).map((r) => Number(r["row_group_num_rows"]))
      expect(await groups(a)).toEqual([4, 4, 2])
      expect(await groups(c)).toEqual([3, 3, 3, 1])
      const back = await q(`SELECT id, length(text) AS n, left(text, 1) AS c, tags FROM read_parquet(${sqlString(a)}) ORDER BY id`)
      expect(back.map((r) => [Number(r["id"]), Number(r["n"]), r["c"]])).toEqual(rows.map((r) => [r.id, r.text.length, r.text[0]]))
      expect(back[1]!["tags"]).toEqual(["x", "y"])
    })
  })
})
