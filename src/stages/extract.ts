/**
 * extract: named entities (trained tagger, src/text/ner), quotations with speakers, numbers
 * with what they count, and dates resolved against the publication date. Per document.
 */
import { Effect, Stream } from "effect"
import { CleanDocuments, Extractions, Segments } from "../datasets.ts"
import { StageError } from "../errors.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import type { CleanDocument, Extraction, Mention, Segmented } from "../schema/records.ts"
import { extractDates } from "../text/dates.ts"
import { tagEntities } from "../text/ner/index.ts"
import { extractQuantities } from "../text/quantities.ts"
import { extractQuotes } from "../text/quotes.ts"
import { containing, locate } from "../text/spans.ts"

export const extractDocument = (doc: CleanDocument, seg: Segmented): Extraction => {
  const map = doc.offset_map
  const sentenceSpans = seg.sentences.map((s) => ({ start: s.char_start, end: s.char_end }))
  const sentenceStarts = sentenceSpans.map((s) => s.start)
  const sentenceOf = (pos: number) => seg.sentences[containing(sentenceStarts, pos)]?.seq ?? 0
  const entities = tagEntities(doc.text, sentenceSpans)
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

/** Pairs two per-document datasets written in the same document order. */
export const zipByDoc = <A extends { doc_id: string }, B extends { doc_id: string }, E1, E2>(
  stage: string,
  a: Stream.Stream<A, E1>,
  b: Stream.Stream<B, E2>
): Stream.Stream<readonly [A, B], E1 | E2 | StageError> =>
  Stream.zip(a, b).pipe(
    Stream.mapEffect(([x, y]) =>
      x.doc_id === y.doc_id
        ? Effect.succeed([x, y] as const)
        : Effect.fail(new StageError({ stage, message: `inputs out of step: ${x.doc_id} vs ${y.doc_id}` }))
    )
  )

export const extract: Stage<DatasetStore> = {
  name: "extract",
  version: "1",
  description: "entities, quotes, quantities and dates per document",
  reads: [CleanDocuments, Segments],
  writes: [Extractions],
  run: Effect.gen(function*() {
    const store = yield* DatasetStore
    const pairs = zipByDoc("extract", store.read(CleanDocuments), store.read(Segments))
    const n = yield* store.write(Extractions, pairs.pipe(Stream.map(([doc, seg]) => extractDocument(doc, seg))))
    return { rows: { extractions: n } }
  })
}
