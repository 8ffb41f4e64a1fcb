/**
 * extract: named entities (trained tagger, src/text/ner), quotations with speakers, numbers
 * with what they count, and dates resolved against the publication date. Per document.
 */
import { Effect } from "effect"
import type { RunContext } from "../config.ts"
import { CleanDocuments, Extractions, Segments } from "../datasets.ts"
import type { Stage } from "../runtime/dag.ts"
import type { DatasetStore } from "../runtime/dataset.ts"
import { runDocumentTask } from "../runtime/per-document.ts"
import { documentTask } from "../runtime/task.ts"
import type { Workers } from "../runtime/workers.ts"
import type { CleanDocument, Extraction, Mention, Segmented } from "../schema/records.ts"
import { extractDates } from "../text/dates.ts"
import { documentEntities } from "../text/mention-repair.ts"
import { extractQuantities } from "../text/quantities.ts"
import { extractQuotes } from "../text/quotes.ts"
import { containing, locate } from "../text/spans.ts"

export const extractDocument = (doc: CleanDocument, seg: Segmented): Extraction => {
  const map = doc.offset_map
  const sentenceSpans = seg.sentences.map((s) => ({ start: s.char_start, end: s.char_end }))
  const sentenceStarts = sentenceSpans.map((s) => s.start)
  const sentenceOf = (pos: number) => seg.sentences[containing(sentenceStarts, pos)]?.seq ?? 0
  const entities = documentEntities(doc.text, sentenceSpans)
  const mentions: Array<Mention> = entities.map((e, seq) => ({
    seq,
    sentence_seq: sentenceOf(e.start),
    ...locate(map, e.start, e.end),
    text: e.text,
    type: e.type,
    confidence: e.confidence
  }))
  const mentionAt = new Map(entities.map((e, i) => [`${e.start}:${e.end}`, i] as const))
  const paragraphs = seg.paragraphs.map((p) => ({ start: p.char_start, end: p.char_end }))
  const quotes = extractQuotes(doc.text, paragraphs, entities).map((q, seq) => ({
    seq,
    ...locate(map, q.start, q.end),
    text: q.text,
    kind: q.kind,
    cue: q.cue,
    speaker_text: q.speaker?.text ?? null,
    speaker_char_start: q.speaker?.start ?? null,
    speaker_char_end: q.speaker?.end ?? null,
    speaker_mention_seq: q.speaker === null ? null : mentionAt.get(`${q.speaker.start}:${q.speaker.end}`) ?? null
  }))
  const quantities = extractQuantities(doc.text).map((q, seq) => ({
    seq,
    sentence_seq: sentenceOf(q.start),
    ...locate(map, q.start, q.end),
    text: q.text,
    value: q.value,
    value_max: q.value_max,
    qualifier: q.qualifier,
    unit: q.unit,
    counted: q.object
  }))
  const dates = extractDates(doc.text, doc.published).map((d, seq) => ({
    seq,
    sentence_seq: sentenceOf(d.start),
    ...locate(map, d.start, d.end),
    text: d.text,
    kind: d.kind,
    resolved: d.resolved,
    resolved_end: d.resolved_end
  }))
  return { doc_id: doc.doc_id, mentions, quotes, quantities, dates }
}

const task = documentTask({
  name: "extract",
  source: import.meta.url,
  staticContext: () => null,
  inputs: [CleanDocuments, Segments],
  outputs: [Extractions],
  prepare: () => null,
  run: (_ctx, [doc, seg]) => [extractDocument(doc as CleanDocument, seg as Segmented)]
})

export const extract: Stage<DatasetStore | Workers | RunContext> = {
  name: "extract",
  version: "1",
  description: "entities, quotes, quantities and dates per document",
  reads: [CleanDocuments, Segments],
  writes: [Extractions],
  task,
  source: import.meta.url,
  config: () => null,
  cacheable: true,
  run: Effect.map(runDocumentTask(task, null), (r) => ({ rows: { extractions: r.documents, reused: r.reused } }))
}
