/**
 * ingest: corpus files → normalised documents with content-derived ids, plus one `records`
 * row for every input record (document, exact duplicate or rejected, with the reason).
 * The only corpus-wide state is the set of content hashes seen, to spot exact duplicates.
 */
import { Effect, Stream } from "effect"
import { IdSet } from "../aggregate/id-set.ts"
import { RunContext } from "../config.ts"
import { Documents, Records } from "../datasets.ts"
import { StageError } from "../errors.ts"
import { readSources, type SourceDoc, type SourceItem } from "../io/sources.ts"
import type { Stage } from "../runtime/dag.ts"
import { DatasetStore } from "../runtime/dataset.ts"
import type { Document, InputRecord } from "../schema/records.ts"
import { contentId, sha256Hex } from "../text/hash.ts"
import { normalize } from "../text/normalize.ts"

type Outcome =
  | { readonly doc: Document; readonly record: InputRecord }
  | { readonly doc: null; readonly record: InputRecord }

/** One source item → its record row and, for new content, its document. Pure but for `seen`. */
export const ingestItem = (item: SourceItem, seq: number, seen: IdSet): Outcome => {
  const recordKey = `${item.source_uri}#${item.record ?? 0}`
  const base = {
    record_key: recordKey,
    input_seq: seq,
    source_uri: item.source_uri,
    source_record: item.record,
    src_byte_start: item.src_byte_start,
    src_byte_end: item.src_byte_end,
    source_sha256: item.sha256
  }
  if (item.kind === "reject") {
    return { doc: null, record: { ...base, status: "rejected", doc_id: null, reason: item.reason, detail: item.detail } }
  }
  const doc = toDocument(item, seq)
  if (doc === null) {
    return { doc: null, record: { ...base, status: "rejected", doc_id: null, reason: "empty", detail: "no text after normalisation" } }
  }
  if (!seen.add(doc.doc_id)) {
    return { doc: null, record: { ...base, status: "duplicate", doc_id: doc.doc_id, reason: "exact_duplicate", detail: "same normalised title and text as an earlier record" } }
  }
  return { doc, record: { ...base, status: "document", doc_id: doc.doc_id, reason: null, detail: null } }
}

const toDocument = (item: SourceDoc, seq: number): Document | null => {
  const norm = normalize(item.decoded)
  if (norm.text.length === 0) return null
  const title = item.title === null ? null : normalizeInline(item.title)
  const contentSha = sha256Hex(JSON.stringify([title, norm.text]))
  return {
    doc_id: contentId(contentSha),
    content_sha256: contentSha,
    input_seq: seq,
    source_uri: item.source_uri,
    source_format: item.format,
    source_record: item.record,
    src_byte_start: item.src_byte_start,
    src_byte_end: item.src_byte_end,
    source_sha256: item.sha256,
    encoding: item.encoding,
    site: item.site,
    url: item.url,
    external_id: item.external_id,
    title: title === "" ? null : title,
    published: item.published,
    has_title_line: item.has_title_line,
    text: norm.text,
    offset_map: { norm: [...norm.map.norm], src: [...norm.map.src] }
  }
}

const normalizeInline = (s: string) =>
  normalize({ text: s, byteOffsets: new Uint32Array(s.length + 1) }).text.replace(/\n+/g, " ")

export const ingest: Stage<DatasetStore | RunContext> = {
  name: "ingest",
  version: "1",
  description: "read .txt/.jsonl(.gz) inputs, decode, normalise, content ids, exact duplicates, rejects",
  reads: [],
  writes: [Documents, Records],
  source: import.meta.url,
  config: (c) => ({ limits: c.limits }),
  cacheable: true,
  run: Effect.gen(function*() {
    const { config } = yield* RunContext
    const store = yield* DatasetStore
    const docs = yield* store.writer(Documents)
    const records = yield* store.writer(Records)
    const seen = new IdSet()
    let seq = 0
    yield* Stream.fromAsyncIterable(
      readSources(config.inputs, config.limits),
      (e) => new StageError({ stage: "ingest", message: e instanceof Error ? e.message : String(e) })
    ).pipe(
      Stream.runForEach((item) =>
        Effect.gen(function*() {
          const out = ingestItem(item, seq++, seen)
          yield* records.add(out.record)
          if (out.doc !== null) yield* docs.add(out.doc)
        })
      )
    )
    return { rows: { documents: yield* docs.close, records: yield* records.close } }
  })
}
