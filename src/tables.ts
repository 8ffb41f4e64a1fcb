/**
 * The release's tables: which dataset each is read from and how one record becomes rows.
 * Rows come out in input order (documents in corpus order, then their own order), which the
 * input order makes deterministic; every table has a primary key, checked in the tests.
 */
import { EnrichedDocs, RemovedLineSets, Entities, Extractions, Records, Segments } from "./datasets.ts"
import type { Dataset } from "./runtime/dataset.ts"
import * as C from "./schema/columns.ts"
import type { Row, TableColumns } from "./schema/columns.ts"

export interface Table<A> {
  readonly columns: TableColumns
  readonly source: Dataset<A>
  readonly rows: (record: A) => Iterable<Row>
}

const table = <A>(columns: TableColumns, source: Dataset<A>, rows: (record: A) => Iterable<Row>): Table<A> => ({
  columns,
  source,
  rows
})

const withDoc = <T extends object>(docId: string, items: ReadonlyArray<T>): Array<Row> =>
  items.map((item) => ({ doc_id: docId, ...item }))

export const tables: ReadonlyArray<Table<any>> = [
  table(C.documentsColumns, EnrichedDocs, (e) => [e.document]),
  table(C.recordsColumns, Records, (r) => [r]),
  table(C.rejectsColumns, Records, (r) => (r.status === "rejected" ? [r] : [])),
  table(C.removedLinesColumns, RemovedLineSets, (d) => d.lines),
  table(C.paragraphsColumns, Segments, (s) => withDoc(s.doc_id, s.paragraphs)),
  table(C.sentencesColumns, EnrichedDocs, (e) => e.sentences),
  table(C.mentionsColumns, EnrichedDocs, (e) => e.mentions),
  table(C.quotesColumns, EnrichedDocs, (e) => e.quotes),
  table(C.placesColumns, EnrichedDocs, (e) => e.places),
  table(C.themesColumns, EnrichedDocs, (e) => e.themes),
  table(C.quantitiesColumns, Extractions, (x) => withDoc(x.doc_id, x.quantities)),
  table(C.datesColumns, Extractions, (x) => withDoc(x.doc_id, x.dates)),
  table(C.entitiesColumns, Entities, (e) => [e]),
  table(C.entityAliasesColumns, Entities, (e) => e.aliases.map((alias, seq) => ({ entity_id: e.entity_id, seq, alias })))
]

/** Datasets the export reads. */
export const tableSources = [...new Map(tables.map((t) => [t.source.name, t.source] as const)).values()]
