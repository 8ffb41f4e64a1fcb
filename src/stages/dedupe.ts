/**
 * dedupe (boilerplate): two passes over the documents. Pass 1 counts line shapes per site and
 * corpus-wide (memory bounded by the number of distinct shapes, see LineStats). Pass 2
 * classifies every line of every document with that evidence and its position, keeps the
 * title and the body, lifts bylines/datelines/"Originally appeared on" into columns, and
 * records every removed line with its rule and evidence.
 */
import { Effect, Stream } from "effect"
import { RunContext } from "../config.ts"
import { CleanDocuments, Documents, RemovedLineSets } from "../datasets.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import { runDocumentTask } from "../runtime/per-document.ts"
import { documentTask } from "../runtime/task.ts"
import type { Workers } from "../runtime/workers.ts"
import type { CleanDocument, Document, RemovedLine, RemovedLines } from "../schema/records.ts"
import { type BoilerplateConfig, classifyDocument, defaultBoilerplateConfig } from "../text/boilerplate/classify.ts"
import { LineStats, type LineStatsJSON } from "../text/boilerplate/stats.ts"
import { assembleClean } from "../text/cleantext.ts"
import { splitLines } from "../text/lines.ts"
import { toSourceByte } from "../text/normalize.ts"

/** Pass 2 for one document: a pure function of the document and the corpus statistics. */
export const cleanDocument = (doc: Document, stats: LineStats, config: BoilerplateConfig): readonly [CleanDocument, RemovedLines] => {
  const lines = splitLines(doc.text)
  const decisions = classifyDocument(lines, doc.site, stats, doc.has_title_line, config)
  const keep = new Set<number>()
  const removed: Array<RemovedLine> = []
  let title = doc.title
  const meta: Record<"byline" | "original_source" | "dateline", string | null> = { byline: null, original_source: null, dateline: null }
  for (const d of decisions) {
    const line = lines[d.lineNo]!
    if (d.action === "keep") keep.add(d.lineNo)
    else if (d.action === "title") title ??= line.text
    else {
      if (d.metadata !== null) meta[d.metadata.kind] ??= d.metadata.value
      removed.push({
        doc_id: doc.doc_id,
        line_no: d.lineNo,
        char_start: line.start,
        char_end: line.end,
        src_byte_start: toSourceByte(doc.offset_map, line.start),
        src_byte_end: toSourceByte(doc.offset_map, line.end),
        text: line.text,
        action: d.action,
        rule: d.rule ?? "unspecified",
        evidence: d.evidence,
        confidence: d.confidence
      })
    }
  }
  const body = assembleClean(doc.offset_map, lines, keep)
  const clean: CleanDocument = {
    doc_id: doc.doc_id,
    content_sha256: doc.content_sha256,
    input_seq: doc.input_seq,
    source_uri: doc.source_uri,
    source_format: doc.source_format,
    source_record: doc.source_record,
    src_byte_start: doc.src_byte_start,
    src_byte_end: doc.src_byte_end,
    source_sha256: doc.source_sha256,
    encoding: doc.encoding,
    site: doc.site,
    url: doc.url,
    external_id: doc.external_id,
    title,
    published: doc.published,
    byline: meta.byline,
    original_source: meta.original_source,
    dateline: meta.dateline,
    text: body.text,
    offset_map: { norm: body.map.norm.slice(), src: body.map.src.slice() },
    normalized_chars: doc.text.length,
    removed_line_count: removed.length
  }
  return [clean, { doc_id: doc.doc_id, lines: removed }] as const
}

const task = documentTask({
  name: "dedupe",
  source: import.meta.url,
  inputs: [Documents],
  outputs: [CleanDocuments, RemovedLineSets],
  prepare: (raw: { stats: LineStatsJSON; config: BoilerplateConfig }) => ({ stats: LineStats.fromJSON(raw.stats), config: raw.config }),
  // Thresholds must match exactly; the corpus statistics are traced (a document is redone only
  // when the counts it looked at changed).
  staticContext: (raw) => raw.config,
  traced: { target: (ctx) => ctx.stats, replace: (ctx, proxy) => ({ ...ctx, stats: proxy as LineStats }) },
  run: (ctx, [doc]) => cleanDocument(doc as Document, ctx.stats, ctx.config)
})

export const dedupe: Stage<DatasetStore | RunContext | Workers> = {
  name: "dedupe",
  version: "1",
  description: "remove boilerplate lines (site/corpus repetition, in-document repetition, line shape, position)",
  reads: [Documents],
  writes: [CleanDocuments, RemovedLineSets],
  task,
  source: import.meta.url,
  config: (c) => ({ boilerplate: c.boilerplate }),
  cacheable: true,
  run: Effect.gen(function*() {
    const { config } = yield* RunContext
    const store = yield* DatasetStore
    const bp: BoilerplateConfig = { ...defaultBoilerplateConfig, ...config.boilerplate }
    const stats = yield* store.read(Documents).pipe(
      Stream.runFold(() => new LineStats(), (s, doc) => {
        s.addDocument(doc.site, splitLines(doc.text))
        return s
      })
    )
    const r = yield* runDocumentTask(task, { stats: stats.classifierView(), config: bp })
    return { rows: { clean_documents: r.documents, reused: r.reused } }
  })
}
