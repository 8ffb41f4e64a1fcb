/**
 * `explain <doc-id | source path>`: follows one article through a release — its record, the
 * lines removed and why, paragraphs and sentences, entities with their canonical entity,
 * quotes, numbers, dates and places. Reads the release's Parquet files with DuckDB.
 */
import { DuckDBInstance } from "@duckdb/node-api"
import { Effect, Schema } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"

export class ExplainError extends Schema.TaggedError<ExplainError>()("ExplainError", {
  message: Schema.String
}) {}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`

export const explainDocument = (releaseDir: string, needle: string): Effect.Effect<string, ExplainError> =>
  Effect.tryPromise({
    try: async () => {
      const dir = fs.realpathSync(releaseDir)
      const pq = (t: string) => q(path.join(dir, `${t}.parquet`))
      const db = await DuckDBInstance.create(":memory:")
      const conn = await db.connect()
      const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>
      try {
        const docs = await rows(
          `SELECT * FROM read_parquet(${pq("documents")}) WHERE doc_id = ${q(needle)} OR source_uri = ${q(needle)} OR source_uri LIKE ${q(`%${needle}`)} ORDER BY input_seq LIMIT 2`
        )
        if (docs.length === 0) {
          const rec = await rows(`SELECT * FROM read_parquet(${pq("records")}) WHERE source_uri = ${q(needle)} OR record_key = ${q(needle)} OR source_uri LIKE ${q(`%${needle}`)} LIMIT 5`)
          if (rec.length === 0) throw new Error(`no document or record matches ${JSON.stringify(needle)} in ${dir}`)
          return rec.map((r) => `record ${r["record_key"]}: ${r["status"]}${r["reason"] ? ` (${r["reason"]}: ${r["detail"]})` : ""}${r["doc_id"] ? ` → ${r["doc_id"]}` : ""}`).join("\n")
        }
        const d = docs[0]!
        const id = q(String(d["doc_id"]))
        const out: Array<string> = []
        const line = (s = "") => out.push(s)
        line(`document ${d["doc_id"]}  ${d["source_uri"]}${d["source_record"] !== null ? ` line ${d["source_record"]}` : ""}  bytes ${d["src_byte_start"]}..${d["src_byte_end"]}`)
        line(`  title: ${d["title"] ?? "(none)"}`)
        line(`  site: ${d["site"]}  language: ${d["language"]} (${d["language_confidence"]})  published: ${d["published"] ?? "-"}`)
        if (d["byline"] || d["original_source"]) line(`  byline: ${d["byline"] ?? "-"}  original source: ${d["original_source"] ?? "-"}`)
        line(`  words ${d["word_count"]}, sentences ${d["sentence_count"]}, paragraphs ${d["paragraph_count"]}, tone ${d["tone"]}, themes ${JSON.stringify(d["themes"])}`)
        if (d["duplicate_of"]) line(`  near-duplicate of ${d["duplicate_of"]} (similarity ${d["similarity"]})`)
        const removed = await rows(`SELECT line_no, text, action, rule, evidence, confidence FROM read_parquet(${pq("removed_lines")}) WHERE doc_id = ${id} ORDER BY line_no`)
        line()
        line(`removed lines (${removed.length}):`)
        for (const r of removed) line(`  #${r["line_no"]} [${r["action"]}/${r["rule"]} ${r["confidence"]}] ${JSON.stringify(r["text"])}  — ${r["evidence"]}`)
        const sentences = await rows(`SELECT seq, paragraph_seq, text FROM read_parquet(${pq("sentences")}) WHERE doc_id = ${id} ORDER BY seq`)
        line()
        line(`sentences (${sentences.length}):`)
        for (const s of sentences) line(`  ${s["paragraph_seq"]}.${s["seq"]}  ${String(s["text"]).slice(0, 160)}`)
        const mentions = await rows(
          `SELECT m.text, m.type, m.canonical, m.entity_id, m.merge_rule, count(*)::INTEGER AS n FROM read_parquet(${pq("mentions")}) m WHERE doc_id = ${id} GROUP BY ALL ORDER BY n DESC, m.text`
        )
        line()
        line(`entities (${mentions.length} surface forms):`)
        for (const m of mentions) line(`  ${m["type"]} ${JSON.stringify(m["text"])} ×${m["n"]} → ${m["canonical"]} [${m["entity_id"]}]${m["merge_rule"] ? ` (${m["merge_rule"]})` : ""}`)
        const quotes = await rows(`SELECT text, speaker_text, cue, kind FROM read_parquet(${pq("quotes")}) WHERE doc_id = ${id} ORDER BY seq`)
        line()
        line(`quotes (${quotes.length}):`)
        for (const x of quotes) line(`  ${x["speaker_text"] ?? "(no speaker)"} [${x["kind"]}, ${x["cue"] ?? "-"}]: “${String(x["text"]).slice(0, 120)}”`)
        const nums = await rows(`SELECT text, value, qualifier, unit, counted FROM read_parquet(${pq("quantities")}) WHERE doc_id = ${id} ORDER BY seq`)
        line()
        line(`numbers (${nums.length}):`)
        for (const n of nums) line(`  ${JSON.stringify(n["text"])} = ${n["qualifier"]} ${n["value"]} ${n["unit"] ?? ""} ${n["counted"] ?? ""}`.trimEnd())
        const dates = await rows(`SELECT text, kind, resolved, resolved_end FROM read_parquet(${pq("dates")}) WHERE doc_id = ${id} ORDER BY seq`)
        line()
        line(`dates (${dates.length}):`)
        for (const x of dates) line(`  ${JSON.stringify(x["text"])} (${x["kind"]}) → ${x["resolved"] ?? "unresolved"}${x["resolved_end"] ? `..${x["resolved_end"]}` : ""}`)
        const places = await rows(`SELECT name, geonames_id, resolved_name, country_code, latitude, longitude, confidence FROM read_parquet(${pq("places")}) WHERE doc_id = ${id} ORDER BY name`)
        line()
        line(`places (${places.length}):`)
        for (const p of places) line(`  ${p["name"]} → ${p["geonames_id"] === null ? "unresolved" : `${p["resolved_name"]} ${p["country_code"]} #${p["geonames_id"]} (${p["latitude"]}, ${p["longitude"]}) conf ${p["confidence"]}`}`)
        return out.join("\n")
      } finally {
        conn.closeSync()
        db.closeSync()
      }
    },
    catch: (e) => new ExplainError({ message: e instanceof Error ? e.message : String(e) })
  })
