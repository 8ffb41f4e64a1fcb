/**
 * release: the manifest (every file's sha256, bytes, rows and column schema; pipeline and stage
 * versions; the config; a digest of the input corpus and, per input file, records read =
 * documents + duplicates + rejected), then SHA256SUMS. The run's staging folder is renamed into
 * place only once everything is written, so a release appears whole or not at all.
 */
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { dataConfig, RunContext } from "../config.ts"
import { CsvFiles, type OutputFile, ParquetFiles, Records } from "../datasets.ts"
import { StageError } from "../errors.ts"
import { stableJson } from "../json.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import { Files } from "../runtime/files.ts"
import type { InputRecord } from "../schema/records.ts"
import { tables } from "../tables.ts"
import { buildCroissant } from "../release/croissant.ts"
import { buildDatapackage } from "../release/datapackage.ts"
import { DuckDbFile } from "./duckdb.ts"
import { ReportFile } from "./report.ts"
import { sha256Hex } from "../text/hash.ts"
import { createHash } from "node:crypto"

interface InputTally {
  records: number
  documents: number
  duplicates: number
  rejected: number
}

/** Corpus digest and per-file tallies, folded over the records ledger in input order. */
export const tallyInputs = (records: Stream.Stream<InputRecord, any>) =>
  records.pipe(
    Stream.runFold(
      () => ({ hash: createHash("sha256"), files: new Map<string, InputTally>(), total: { records: 0, documents: 0, duplicates: 0, rejected: 0 } }),
      (acc, r) => {
        acc.hash.update(`${r.record_key}\u0000${r.source_sha256 ?? r.reason ?? ""}\n`)
        const t = acc.files.get(r.source_uri) ?? { records: 0, documents: 0, duplicates: 0, rejected: 0 }
        for (const x of [t, acc.total]) {
          x.records++
          if (r.status === "document") x.documents++
          else if (r.status === "duplicate") x.duplicates++
          else x.rejected++
        }
        acc.files.set(r.source_uri, t)
        return acc
      }
    ),
    Effect.map((acc) => ({
      digest: acc.hash.digest("hex"),
      total: acc.total,
      files: [...acc.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([source_uri, t]) => ({ source_uri, ...t }))
    }))
  )

export const release: Stage<DatasetStore | RunContext | Files> = {
  name: "release",
  version: "1",
  description: "manifest.json + SHA256SUMS, then publish the release folder atomically",
  reads: [CsvFiles, ParquetFiles, Records, DuckDbFile, ReportFile],
  writes: [],
  source: import.meta.url,
  config: (c) => dataConfig(c),
  cacheable: false,
  run: Effect.gen(function*() {
    const ctx = yield* RunContext
    const store = yield* DatasetStore
    const files = yield* Files
    const written = [
      ...(yield* Stream.runCollect(store.read(CsvFiles))),
      ...(yield* Stream.runCollect(store.read(ParquetFiles)))
    ]
    // The DuckDB file is read only to wait for it: it is not reproducible byte for byte (see
    // RUN_RECORD_FILES), so its hash goes to the run record, not to the manifest.
    yield* Stream.runDrain(store.read(DuckDbFile))
    const extras = [...(yield* Stream.runCollect(store.read(ReportFile)))].flatMap((f) =>
      f.sha256 === null || f.bytes === null ? [] : [{ ...f, sha256: f.sha256, bytes: f.bytes }]
    )
    const corpus = yield* tallyInputs(store.read(Records))
    const cfg = dataConfig(ctx.config)
    const byTable = new Map<string, Array<OutputFile>>()
    for (const f of written) byTable.set(f.table, [...(byTable.get(f.table) ?? []), f])
    const manifest = {
      format: "broadsheet-release/1",
      broadsheet_version: ctx.pipelineVersion,
      pipeline: ctx.pipeline,
      config: cfg,
      corpus,
      offsets: {
        char: "UTF-16 code units into documents.text (removed_lines: into the normalised text)",
        src_byte: "bytes of the source file (decompressed for .gz); for JSONL the escaped JSON text of the record"
      },
      files: extras,
      tables: tables.map((t) => {
        const fs = byTable.get(t.columns.name) ?? []
        const rows = fs[0]?.rows ?? 0
        if (fs.some((f) => f.rows !== rows)) throw new Error(`row counts differ between formats for ${t.columns.name}`)
        return {
          name: t.columns.name,
          description: t.columns.description,
          rows,
          primary_key: t.columns.primaryKey,
          foreign_keys: t.columns.foreignKeys,
          columns: t.columns.columns,
          files: Object.fromEntries(fs.map((f) => [f.format, { path: f.path, sha256: f.sha256, bytes: f.bytes }]))
        }
      })
    }
    const manifestText = stableJson(manifest)
    const lock = [...ctx.stageKeys.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([stage, k]) => ({ stage, key: k.key, ...(k.parts as object) }))
    const lockText = stableJson({ stages: lock })
    const epoch = process.env["SOURCE_DATE_EPOCH"]
    // Content-addressed: the default name hashes everything the release's reproducible files are
    // made from (the manifest covers every table file; the lock covers code, Node and packages; the
    // epoch dates the data package), so one name always means the same bytes.
    const releaseKey = sha256Hex(`${manifestText}\u0000${lockText}\u0000${epoch ?? ""}`)
    const releaseName = ctx.config.release ?? `release-${releaseKey.slice(0, 12)}`
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(releaseName) || releaseName === "latest") {
      return yield* new StageError({ stage: "release", message: `release name ${JSON.stringify(releaseName)} must be a plain folder name` })
    }
    yield* files.writeFile(path.join(ctx.stagingDir, "manifest.json"), manifestText)
    // Release documents in open standards, and the lock of what produced it: all deterministic.
    const docOpts = { release: releaseName, sourceDateEpoch: epoch }
    const documents: Array<readonly [string, string]> = [
      ["datapackage.json", stableJson(buildDatapackage(manifest, docOpts))],
      ["croissant.json", stableJson(buildCroissant(manifest, docOpts))],
      ["provenance/pipeline.lock.json", lockText],
      ["provenance/dag.mmd", `${ctx.dag}\n`]
    ]
    yield* files.mkdir(path.join(ctx.stagingDir, "provenance"))
    for (const [rel, text] of documents) yield* files.writeFile(path.join(ctx.stagingDir, rel), text)
    const sums = [
      ...written.map((f) => [f.sha256, f.path] as const),
      ...extras.map((f) => [f.sha256, f.path] as const),
      ...documents.map(([rel, text]) => [sha256Hex(text), rel] as const),
      [sha256Hex(manifestText), "manifest.json"] as const
    ]
      .sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([h, p]) => `${h}  ${p}\n`)
      .join("")
    yield* files.writeFile(path.join(ctx.stagingDir, "SHA256SUMS"), sums)
    // Publish by renaming the complete folder. A default-named release that exists already has
    // these very bytes; a user-named one is swapped out whole, never mixed.
    const target = path.join(ctx.outDir, releaseName)
    const exists = yield* files.exists(target)
    if (!exists) yield* files.rename(ctx.stagingDir, target)
    else if (ctx.config.release !== null) {
      // The old one is parked in .trash/ (never at top level, where a user's name could match);
      // a run killed between the renames gets it back at the next start (run.ts restoreParked).
      const old = path.join(ctx.outDir, ".trash", `${releaseName}.${process.pid}`)
      yield* files.mkdir(path.join(ctx.outDir, ".trash"))
      yield* files.rename(target, old)
      // If the new one cannot take its place, the old one goes back: never no release.
      yield* files.rename(ctx.stagingDir, target).pipe(Effect.tapError(() => Effect.ignore(files.rename(old, target))))
      yield* files.remove(old)
    }
    yield* files.symlink(releaseName, path.join(ctx.outDir, "latest"))
    return { rows: { files: written.length + extras.length + documents.length + 2 }, info: { release: releaseName } }
  })
}
