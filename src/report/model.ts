/**
 * What the release report shows, and how it is folded out of the pipeline's datasets. Pure: the
 * report stage feeds records in stream order (input order), so the same corpus always gives the
 * same figures and the same examples. Memory grows with sites, rules, entities and days, not
 * with the text.
 */
import type { CleanDocument, RemovedLines, EntityRow, Enriched, InputRecord } from "../schema/records.ts"
import { IdSet } from "../aggregate/id-set.ts"
import { byString } from "./html.ts"

export interface StageInfo {
  readonly name: string
  readonly version: string
  readonly reads: ReadonlyArray<string>
  readonly writes: ReadonlyArray<string>
}

export interface TableInfo {
  readonly name: string
  /** The dataset the table is built from. */
  readonly source: string
  readonly csvRows: number | null
  readonly parquetRows: number | null
}

export interface Check {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
}

export interface DocSummary {
  readonly doc_id: string
  readonly title: string | null
  readonly site: string
  readonly published: string | null
  readonly tone: number
}

export interface ReportData {
  readonly pipelineVersion: string
  readonly config: unknown
  readonly stages: ReadonlyArray<StageInfo>
  readonly tables: ReadonlyArray<TableInfo>
  readonly corpus: {
    readonly records: number
    readonly documents: number
    readonly exactDuplicates: number
    readonly rejected: number
    readonly nearDuplicates: number
    readonly kept: number
  }
  readonly rejectReasons: ReadonlyArray<{ readonly reason: string; readonly count: number }>
  readonly inputFiles: ReadonlyArray<{ readonly source_uri: string; readonly records: number; readonly documents: number; readonly duplicates: number; readonly rejected: number }>
  readonly boilerplateBySite: ReadonlyArray<{ readonly site: string; readonly documents: number; readonly lines: number; readonly chars: number }>
  readonly boilerplateByRule: ReadonlyArray<{ readonly rule: string; readonly action: string; readonly lines: number; readonly chars: number; readonly examples: ReadonlyArray<string> }>
  readonly entityTypes: ReadonlyArray<{ readonly type: string; readonly entities: number; readonly mentions: number }>
  readonly topEntities: ReadonlyArray<{ readonly canonical: string; readonly type: string; readonly mentions: number; readonly documents: number }>
  readonly places: ReadonlyArray<{ readonly name: string; readonly country: string | null; readonly lat: number; readonly lon: number; readonly mentions: number; readonly documents: number }>
  readonly themes: ReadonlyArray<{ readonly theme: string; readonly documents: number }>
  readonly tone: ReadonlyArray<{ readonly day: string; readonly value: number; readonly count: number }>
  readonly undated: number
  /** The most negative and most positive documents by tone (near-duplicates excluded). */
  readonly toneExtremes: { readonly negative: ReadonlyArray<DocSummary>; readonly positive: ReadonlyArray<DocSummary> }
  readonly checks: ReadonlyArray<Check>
}

export const TOP_ENTITIES = 25
export const MAX_PLACES = 400
export const EXAMPLES_PER_RULE = 3
export const TONE_EXTREMES = 5

const bump = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by)

const sortedEntries = <V>(m: ReadonlyMap<string, V>): Array<[string, V]> => [...m.entries()].sort(([a], [b]) => byString(a, b))

/**
 * Accumulates the report's figures; feed the datasets in this order — records, clean documents,
 * enriched documents, entities — each in stream order, then call `finish`. The order lets the
 * cross-checks count matches as they go, with id sets of ~20–36 bytes an id (`IdSet`) and no
 * per-document map to walk at the end.
 */
export const makeReportAccumulator = () => {
  let phase = 0
  const enter = (p: number, what: string) => {
    if (p < phase) throw new Error(`report: ${what} fed after a later dataset`)
    phase = p
  }
  const status = { records: 0, document: 0, duplicate: 0, rejected: 0 }
  const rejectReasons = new Map<string, number>()
  const files = new Map<string, { records: number; documents: number; duplicates: number; rejected: number }>()
  const duplicateTargets = new IdSet()
  let duplicateTargetsFound = 0
  let rejectedWithoutReason = 0

  const sites = new Map<string, { documents: number; lines: number; chars: number }>()
  const rules = new Map<string, { action: string; lines: number; chars: number; examples: Array<string> }>()

  const docIds = new IdSet()
  let nearDuplicates = 0
  const themes = new Map<string, number>()
  const toneByDay = new Map<string, { sum: number; count: number }>()
  let undated = 0
  let negative: Array<DocSummary> = []
  let positive: Array<DocSummary> = []
  const lowFirst = (a: DocSummary, b: DocSummary) => a.tone - b.tone || byString(a.doc_id, b.doc_id)
  const highFirst = (a: DocSummary, b: DocSummary) => b.tone - a.tone || byString(a.doc_id, b.doc_id)
  const mentionedEntities = new IdSet()
  let mentionedEntitiesFound = 0
  let mentions = 0

  const entityTypes = new Map<string, { entities: number; mentions: number }>()
  let entityMentionTotal = 0
  let entityIdsMissingMentions = 0
  let top: Array<{ canonical: string; type: string; mentions: number; documents: number; id: string }> = []
  let places: Array<{ name: string; country: string | null; lat: number; lon: number; mentions: number; documents: number; id: string }> = []
  let badCoordinates = 0
  let withCoordinates = 0
  const seenEntities = new IdSet()

  const byWeight = (a: { mentions: number; id: string }, b: { mentions: number; id: string }) => b.mentions - a.mentions || byString(a.id, b.id)

  return {
    record(r: InputRecord) {
      enter(0, "records")
      status.records++
      status[r.status]++
      const f = files.get(r.source_uri) ?? { records: 0, documents: 0, duplicates: 0, rejected: 0 }
      f.records++
      if (r.status === "document") f.documents++
      else if (r.status === "duplicate") {
        f.duplicates++
        if (r.doc_id !== null) duplicateTargets.add(r.doc_id)
      } else {
        f.rejected++
        if (r.reason === null || r.reason === "") rejectedWithoutReason++
        bump(rejectReasons, r.reason ?? "(none)")
      }
      files.set(r.source_uri, f)
    },
    clean(d: CleanDocument, removed: RemovedLines) {
      enter(1, "clean documents")
      const s = sites.get(d.site) ?? { documents: 0, lines: 0, chars: 0 }
      s.documents++
      for (const l of removed.lines) {
        s.lines++
        s.chars += l.char_end - l.char_start
        const key = `${l.rule}\u0000${l.action}`
        const r = rules.get(key) ?? { action: l.action, lines: 0, chars: 0, examples: [] }
        r.lines++
        r.chars += l.char_end - l.char_start
        const text = l.text.trim()
        if (r.examples.length < EXAMPLES_PER_RULE && text !== "" && !r.examples.includes(text)) r.examples.push(text)
        rules.set(key, r)
      }
      sites.set(d.site, s)
    },
    enriched(e: Enriched) {
      enter(2, "enriched documents")
      if (docIds.add(e.doc_id) && duplicateTargets.has(e.doc_id)) duplicateTargetsFound++
      for (const m of e.mentions) {
        mentions++
        mentionedEntities.add(m["entity_id"] as string)
      }
      const doc = e.document
      // Near-duplicates are counted once, through the document they duplicate.
      if (doc["is_duplicate"] === true) {
        nearDuplicates++
        return
      }
      for (const t of doc["themes"] as ReadonlyArray<string>) bump(themes, t)
      const published = doc["published"] as string | null
      const day = published !== null && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : null
      const summary: DocSummary = { doc_id: e.doc_id, title: doc["title"] as string | null, site: doc["site"] as string, published, tone: doc["tone"] as number }
      negative.push(summary)
      positive.push(summary)
      if (negative.length > TONE_EXTREMES * 8) negative = negative.sort(lowFirst).slice(0, TONE_EXTREMES)
      if (positive.length > TONE_EXTREMES * 8) positive = positive.sort(highFirst).slice(0, TONE_EXTREMES)
      if (day === null) undated++
      else {
        const t = toneByDay.get(day) ?? { sum: 0, count: 0 }
        t.sum += doc["tone"] as number
        t.count++
        toneByDay.set(day, t)
      }
    },
    entity(e: EntityRow) {
      enter(3, "entities")
      if (seenEntities.add(e.entity_id) && mentionedEntities.has(e.entity_id)) mentionedEntitiesFound++
      const t = entityTypes.get(e.type) ?? { entities: 0, mentions: 0 }
      t.entities++
      t.mentions += e.mention_count
      entityTypes.set(e.type, t)
      entityMentionTotal += e.mention_count
      if (!mentionedEntities.has(e.entity_id)) entityIdsMissingMentions++
      top.push({ canonical: e.canonical, type: e.type, mentions: e.mention_count, documents: e.doc_count, id: e.entity_id })
      // Bounded: sort and cut whenever the buffer is well past what is shown.
      if (top.length > TOP_ENTITIES * 8) top = top.sort(byWeight).slice(0, TOP_ENTITIES)
      if (e.latitude !== null && e.longitude !== null) {
        withCoordinates++
        if (Math.abs(e.latitude) > 90 || Math.abs(e.longitude) > 180) badCoordinates++
        else {
          places.push({ name: e.canonical, country: e.country_code, lat: e.latitude, lon: e.longitude, mentions: e.mention_count, documents: e.doc_count, id: e.entity_id })
          if (places.length > MAX_PLACES * 4) places = places.sort(byWeight).slice(0, MAX_PLACES)
        }
      }
    },
    finish(info: { readonly pipelineVersion: string; readonly config: unknown; readonly stages: ReadonlyArray<StageInfo>; readonly tables: ReadonlyArray<TableInfo> }): ReportData {
      const documents = docIds.size
      const danglingMentions = mentionedEntities.size - mentionedEntitiesFound
      const danglingDuplicates = duplicateTargets.size - duplicateTargetsFound
      const docTable = info.tables.find((t) => t.name === "documents")
      const formatMismatch = info.tables.filter((t) => t.csvRows !== t.parquetRows)
      const checks: Array<Check> = [
        {
          name: "Records are conserved",
          ok: status.records === documents + status.duplicate + status.rejected && status.document === documents,
          detail: `records read ${status.records} = documents ${documents} + exact duplicates ${status.duplicate} + rejected ${status.rejected}` +
            (status.document === documents ? "" : `; but ${status.document} records are marked as documents`)
        },
        {
          name: "Every input file is conserved",
          ok: [...files.values()].every((f) => f.records === f.documents + f.duplicates + f.rejected) &&
            [...files.values()].reduce((s, f) => s + f.documents, 0) === documents,
          detail: `${files.size} input file(s); per file, records = documents + duplicates + rejected`
        },
        {
          name: "Exact duplicates point at a kept document",
          ok: danglingDuplicates === 0,
          detail: danglingDuplicates === 0 ? `${duplicateTargets.size} document(s) have exact duplicates` : `${danglingDuplicates} duplicate target(s) are not documents`
        },
        {
          name: "Every rejected record has a reason",
          ok: rejectedWithoutReason === 0,
          detail: `${status.rejected} rejected, ${rejectedWithoutReason} without a reason`
        },
        {
          name: "The documents table has every document",
          ok: docTable !== undefined && docTable.parquetRows === documents,
          detail: `documents table: ${docTable?.parquetRows ?? "missing"} rows; documents: ${documents}`
        },
        {
          name: "CSV and Parquet agree on row counts",
          ok: formatMismatch.length === 0 && info.tables.length > 0,
          detail: formatMismatch.length === 0 ? `${info.tables.length} tables` : `differ: ${formatMismatch.map((t) => `${t.name} (csv ${t.csvRows}, parquet ${t.parquetRows})`).join(", ")}`
        },
        {
          name: "Every mention links to an entity",
          ok: danglingMentions === 0 && entityIdsMissingMentions === 0,
          detail: `${mentions} mentions of ${mentionedEntities.size} entities; ${danglingMentions} unknown entity id(s), ${entityIdsMissingMentions} entit(ies) without mentions`
        },
        {
          name: "Entity mention counts add up",
          ok: entityMentionTotal === mentions,
          detail: `sum of entities.mention_count ${entityMentionTotal}; mentions ${mentions}`
        },
        {
          name: "Coordinates are on the globe",
          ok: badCoordinates === 0,
          detail: `${withCoordinates} entities with coordinates, ${badCoordinates} out of range`
        }
      ]
      return {
        pipelineVersion: info.pipelineVersion,
        config: info.config,
        stages: info.stages,
        tables: info.tables,
        corpus: {
          records: status.records,
          documents,
          exactDuplicates: status.duplicate,
          rejected: status.rejected,
          nearDuplicates,
          kept: documents - nearDuplicates
        },
        rejectReasons: sortedEntries(rejectReasons).map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || byString(a.reason, b.reason)),
        inputFiles: sortedEntries(files).map(([source_uri, f]) => ({ source_uri, ...f })),
        boilerplateBySite: sortedEntries(sites).map(([site, s]) => ({ site, ...s })).sort((a, b) => b.lines - a.lines || byString(a.site, b.site)),
        boilerplateByRule: sortedEntries(rules).map(([key, r]) => ({ rule: key.split("\u0000")[0]!, ...r })).sort((a, b) => b.lines - a.lines || byString(a.rule, b.rule) || byString(a.action, b.action)),
        entityTypes: sortedEntries(entityTypes).map(([type, t]) => ({ type, ...t })),
        topEntities: top.sort(byWeight).slice(0, TOP_ENTITIES).map(({ id: _id, ...e }) => e),
        places: places.sort(byWeight).slice(0, MAX_PLACES).map(({ id: _id, ...p }) => p),
        themes: sortedEntries(themes).map(([theme, n]) => ({ theme, documents: n })).sort((a, b) => b.documents - a.documents || byString(a.theme, b.theme)),
        tone: sortedEntries(toneByDay).map(([day, t]) => ({ day, value: t.sum / t.count, count: t.count })),
        undated,
        toneExtremes: { negative: negative.sort(lowFirst).slice(0, TONE_EXTREMES), positive: positive.sort(highFirst).slice(0, TONE_EXTREMES) },
        checks
      }
    }
  }
}
