/**
 * enrich: per document, canonical entities for every mention (ids derived from the canonical
 * key, so they agree across documents and runs), places resolved against GeoNames, language,
 * tone (AFINN, GDELT-style) per document and sentence, themes with evidence, and the final
 * documents row. Corpus-wide, the entities table (src/aggregate/entity-table.ts: memory bounded,
 * spilled by entity-id range on large corpora).
 */
import { Effect, Stream } from "effect"
import * as path from "node:path"
import { entityRows } from "../aggregate/entity-table.ts"
import { CleanDocuments, DuplicateLinks, EnrichedDocs, Entities, EntityEvidenceSets, Extractions, Segments } from "../datasets.ts"
import { RunContext } from "../config.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import { runDocumentTask } from "../runtime/per-document.ts"
import { documentTask } from "../runtime/task.ts"
import type { Workers } from "../runtime/workers.ts"
import type { Row } from "../schema/columns.ts"
import type { CleanDocument, DuplicateLink, Enriched, EntityEvidence, EntityRow, Extraction, Segmented } from "../schema/records.ts"
import { canonicalizeMentions } from "../text/entities.ts"
import { detectLanguage } from "../text/language.ts"
import { countryHintsFor, type PlaceResolution, resolvePlaces } from "../text/places.ts"
import { assignThemes } from "../text/themes.ts"
import { tone } from "../text/tone.ts"

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu

export const enrichDocument = (
  doc: CleanDocument,
  seg: Segmented,
  ext: Extraction,
  dup: DuplicateLink | undefined
): Enriched => {
  const canon = canonicalizeMentions(doc.text, ext.mentions.map((m) => ({ start: m.char_start, end: m.char_end, text: m.text, type: m.type })))
  // Places: each LOC entity of the document once, with the document's country evidence.
  const locIds: Array<string> = []
  const locNames: Array<string> = []
  canon.forEach((c, i) => {
    if (ext.mentions[i]!.type === "LOC" && !locIds.includes(c.entity_id)) {
      locIds.push(c.entity_id)
      locNames.push(c.canonical)
    }
  })
  const hints = countryHintsFor(ext.mentions.filter((m) => m.type === "LOC" || m.type === "MISC").map((m) => m.text))
  const resolved: Array<PlaceResolution> = resolvePlaces(locNames, { countryHints: hints })
  const placeOf = new Map(locIds.map((id, i) => [id, resolved[i]!] as const))
  const mentions: Array<Row> = ext.mentions.map((m, i) => ({
    doc_id: doc.doc_id,
    ...m,
    entity_id: canon[i]!.entity_id,
    canonical: canon[i]!.canonical,
    merge_rule: canon[i]!.merge_rule,
    merge_evidence: canon[i]!.merge_evidence,
    geonames_id: m.type === "LOC" ? placeOf.get(canon[i]!.entity_id)?.geonames_id ?? null : null
  }))
  const places: Array<Row> = locIds.map((id, i) => {
    const r = resolved[i]!
    return {
      doc_id: doc.doc_id,
      entity_id: id,
      name: locNames[i]!,
      geonames_id: r.geonames_id,
      resolved_name: r.name,
      country_code: r.country_code,
      feature_class: r.feature_class,
      feature_code: r.feature_code,
      latitude: r.latitude,
      longitude: r.longitude,
      confidence: r.confidence,
      method: r.method
    }
  })
  const quotes: Array<Row> = ext.quotes.map((q) => ({
    doc_id: doc.doc_id,
    ...q,
    speaker_mention_seq: undefined,
    speaker_entity_id: q.speaker_mention_seq === null ? null : canon[q.speaker_mention_seq]?.entity_id ?? null
  }))
  const sentences: Array<Row> = seg.sentences.map((s) => ({ doc_id: doc.doc_id, ...s, tone: tone(s.text).tone }))
  const themeList = assignThemes(doc.text, canon.map((c) => ({ canonical: c.canonical, type: c.type })))
  const themes: Array<Row> = themeList.map((t) => ({ doc_id: doc.doc_id, theme: t.theme, score: t.score, evidence: t.evidence }))
  const lang = detectLanguage(doc.text)
  const docTone = tone(doc.text)
  const { offset_map: _map, ...base } = doc
  const document: Row = {
    ...base,
    language: lang.lang,
    language_confidence: lang.confidence,
    char_count: doc.text.length,
    word_count: (doc.text.match(WORD) ?? []).length,
    sentence_count: seg.sentences.length,
    paragraph_count: seg.paragraphs.length,
    tone: docTone.tone,
    positive: docTone.positive,
    negative: docTone.negative,
    polarity: docTone.polarity,
    emotional_share: docTone.emotional_share,
    themes: themeList.map((t) => t.theme),
    cluster_id: dup?.cluster_id ?? null,
    duplicate_of: dup?.duplicate_of ?? null,
    similarity: dup?.duplicate_of ? dup.similarity : null,
    is_duplicate: (dup?.duplicate_of ?? null) !== null
  }
  return { doc_id: doc.doc_id, document, sentences, mentions, quotes, places, themes }
}

/** What the entity table needs from one enriched document. */
export const evidenceOf = (e: Enriched): EntityEvidence => ({
  doc_id: e.doc_id,
  mentions: e.mentions.map((m) => ({ entity_id: m["entity_id"] as string, type: m["type"] as string, canonical: m["canonical"] as string, text: m["text"] as string })),
  places: e.places.map((p) => ({
    entity_id: p["entity_id"] as string,
    geonames_id: p["geonames_id"] as number | null,
    latitude: p["latitude"] as number | null,
    longitude: p["longitude"] as number | null,
    country_code: p["country_code"] as string | null
  }))
})

const task = documentTask({
  name: "enrich",
  source: import.meta.url,
  inputs: [CleanDocuments, Segments, Extractions],
  outputs: [EnrichedDocs, EntityEvidenceSets],
  prepare: (dups: Readonly<Record<string, DuplicateLink>>) => dups,
  staticContext: () => null,
  // A document reads only its own entry of the near-duplicate map.
  traced: { target: (dups) => dups, replace: (_dups, proxy) => proxy as Readonly<Record<string, DuplicateLink>> },
  run: (dups, [doc, seg, ext]) => {
    const e = enrichDocument(doc as CleanDocument, seg as Segmented, ext as Extraction, dups[(doc as CleanDocument).doc_id])
    return [e, evidenceOf(e)]
  }
})

export const enrich: Stage<DatasetStore | Workers | RunContext> = {
  name: "enrich",
  version: "1",
  description: "canonical entities, places, language, tone, themes; the documents row; the entities table",
  reads: [CleanDocuments, Segments, Extractions, DuplicateLinks],
  writes: [EnrichedDocs, EntityEvidenceSets, Entities],
  task,
  source: import.meta.url,
  config: () => null,
  cacheable: true,
  run: Effect.gen(function*() {
    const store = yield* DatasetStore
    // Only documents in near-duplicate clusters have a link: a small map.
    const dups = yield* store.read(DuplicateLinks).pipe(
      Stream.runFold(() => ({} as Record<string, DuplicateLink>), (m, l) => {
        m[l.doc_id] = l
        return m
      })
    )
    const r = yield* runDocumentTask(task, dups)
    const { workDir } = yield* RunContext
    const m = yield* store.write(Entities, entityRows(store, path.join(workDir, "entity-spill")))
    return { rows: { enriched: r.documents, reused: r.reused, entities: m } }
  })
}
