/**
 * report: `report.html`, the release at a glance for a person (see src/report/). Figures come
 * from the pipeline's datasets in input order, so the page is byte-identical for the same input
 * and config; run facts (times, host) stay in runs.ndjson.
 */
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { dataConfig, RunContext } from "../config.ts"
import { CleanDocuments, CsvFiles, EnrichedDocs, Entities, ParquetFiles, Records, RemovedLineSets } from "../datasets.ts"
import { makeReportAccumulator } from "../report/model.ts"
import { ReleaseFile } from "../report/release-file.ts"
import { renderReport } from "../report/render.ts"
import type { Stage } from "../runtime/dag.ts"
import { dataset, DatasetStore } from "../runtime/dataset.ts"
import { Files } from "../runtime/files.ts"
import { tables } from "../tables.ts"
import { sha256Hex } from "../text/hash.ts"

export const ReportFile = dataset("report_file", ReleaseFile, "the release report (report.html)")

export const REPORT_PATH = "report.html"

export const report: Stage<DatasetStore | RunContext | Files> = {
  name: "report",
  version: "1",
  description: "report.html: a self-contained page with the release's figures, charts and data checks",
  reads: [Records, CleanDocuments, RemovedLineSets, EnrichedDocs, Entities, CsvFiles, ParquetFiles],
  writes: [ReportFile],
  source: import.meta.url,
  config: (c) => dataConfig(c),
  // Never from the cache: the page draws the pipeline's stage list, which no cache key covers.
  cacheable: false,
  run: Effect.gen(function*() {
    const ctx = yield* RunContext
    const store = yield* DatasetStore
    const files = yield* Files
    const acc = makeReportAccumulator()
    yield* Stream.runForEach(store.read(Records), (r) => Effect.sync(() => acc.record(r)))
    yield* Stream.runForEach(Stream.zip(store.read(CleanDocuments), store.read(RemovedLineSets)), ([d, r]) => Effect.sync(() => acc.clean(d, r)))
    yield* Stream.runForEach(store.read(EnrichedDocs), (e) => Effect.sync(() => acc.enriched(e)))
    yield* Stream.runForEach(store.read(Entities), (e) => Effect.sync(() => acc.entity(e)))
    const csv = new Map((yield* Stream.runCollect(store.read(CsvFiles))).map((f) => [f.table, f.rows] as const))
    const parquet = new Map((yield* Stream.runCollect(store.read(ParquetFiles))).map((f) => [f.table, f.rows] as const))
    const data = acc.finish({
      pipelineVersion: ctx.pipelineVersion,
      config: dataConfig(ctx.config),
      stages: ctx.pipeline,
      tables: tables.map((t) => ({
        name: t.columns.name,
        source: t.source.name,
        csvRows: csv.get(t.columns.name) ?? null,
        parquetRows: parquet.get(t.columns.name) ?? null
      }))
    })
    const html = renderReport(data)
    yield* files.writeFile(path.join(ctx.stagingDir, REPORT_PATH), html)
    const bytes = Buffer.byteLength(html, "utf8")
    yield* store.write(ReportFile, Stream.make({ path: REPORT_PATH, format: "html" as const, sha256: sha256Hex(html), bytes, description: "release report (self-contained HTML)" }))
    const failed = data.checks.filter((c) => !c.ok)
    return {
      rows: { [ReportFile.name]: 1 },
      files: [REPORT_PATH],
      info: { checks: `${data.checks.length - failed.length}/${data.checks.length} passed`, ...(failed.length > 0 ? { failed_checks: failed.map((c) => c.name).join("; ") } : {}) }
    }
  })
}
