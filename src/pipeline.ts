/**
 * The pipeline as data. Order comes from each stage's declared datasets, not from this list;
 * adding a stage is one file in src/stages/ and one line here.
 */
import { dedupe } from "./stages/dedupe.ts"
import { duckdb } from "./stages/duckdb.ts"
import { enrich } from "./stages/enrich.ts"
import { exportCsv, exportParquet } from "./stages/export.ts"
import { extract } from "./stages/extract.ts"
import { ingest } from "./stages/ingest.ts"
import { nearDuplicates } from "./stages/near-duplicates.ts"
import { release } from "./stages/release.ts"
import { report } from "./stages/report.ts"
import { segment } from "./stages/segment.ts"

export const stages = [
  ingest,
  dedupe,
  nearDuplicates,
  segment,
  extract,
  enrich,
  exportCsv,
  exportParquet,
  duckdb,
  report,
  release
] as const
