/**
 * segment: paragraphs and sentences of the clean text, each with its ordinal and offsets
 * into the clean text and into the source file. Per document, no corpus state.
 */
import { Effect } from "effect"
import type { RunContext } from "../config.ts"
import { CleanDocuments, Segments } from "../datasets.ts"
import type { Stage } from "../runtime/dag.ts"
import type { DatasetStore } from "../runtime/dataset.ts"
import { runDocumentTask } from "../runtime/per-document.ts"
import { documentTask } from "../runtime/task.ts"
import type { Workers } from "../runtime/workers.ts"
import type { CleanDocument, Paragraph, Segmented, Sentence } from "../schema/records.ts"
import { splitParagraphs, splitSentences } from "../text/sentences.ts"
import { locate } from "../text/spans.ts"

export const segmentDocument = (doc: CleanDocument): Segmented => {
  const paragraphs: Array<Paragraph> = []
  const sentences: Array<Sentence> = []
  for (const p of splitParagraphs(doc.text)) {
    const pseq = paragraphs.length
    paragraphs.push({ seq: pseq, ...locate(doc.offset_map, p.start, p.end), text: doc.text.slice(p.start, p.end) })
    for (const s of splitSentences(doc.text, p.start, p.end)) {
      sentences.push({ seq: sentences.length, paragraph_seq: pseq, ...locate(doc.offset_map, s.start, s.end), text: doc.text.slice(s.start, s.end) })
    }
  }
  return { doc_id: doc.doc_id, paragraphs, sentences }
}

const task = documentTask({
  name: "segment",
  source: import.meta.url,
  staticContext: () => null,
  inputs: [CleanDocuments],
  outputs: [Segments],
  prepare: () => null,
  run: (_ctx, [doc]) => [segmentDocument(doc as CleanDocument)]
})

export const segment: Stage<DatasetStore | Workers | RunContext> = {
  name: "segment",
  version: "1",
  description: "paragraphs and sentences with offsets",
  reads: [CleanDocuments],
  writes: [Segments],
  task,
  source: import.meta.url,
  config: () => null,
  cacheable: true,
  run: Effect.map(runDocumentTask(task, null), (r) => ({ rows: { segments: r.documents, reused: r.reused } }))
}
