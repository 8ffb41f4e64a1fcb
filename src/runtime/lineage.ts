/**
 * The run record and OpenLineage events (START and COMPLETE or FAIL per stage, with schema and
 * output-statistics facets). These are run facts: they carry times and live next to the
 * reproducible files, in provenance/, outside SHA256SUMS. Every time honours SOURCE_DATE_EPOCH.
 */
import { execFileSync } from "node:child_process"
import * as os from "node:os"
import { sha256Hex } from "../text/hash.ts"
import type { AnyStage, StageRun } from "./dag.ts"

const PRODUCER = "https://github.com/broadsheet/broadsheet"
const SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"

export interface StageTiming {
  readonly stage: AnyStage
  readonly startedAt: number
  readonly endedAt: number | null
  readonly run: StageRun | null
  readonly error: string | null
}

/** Wall-clock time, or SOURCE_DATE_EPOCH when set (reproducible builds). */
export const isoTime = (ms: number): string => {
  const epoch = process.env["SOURCE_DATE_EPOCH"]
  return (epoch !== undefined && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date(ms)).toISOString()
}

// A UUID-shaped id derived from the run, so events of one run share it without randomness.
const uuidOf = (s: string) => {
  const h = sha256Hex(s)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export const gitCommit = (cwd: string): string | null => {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"] }).toString().trim()
  } catch {
    return null
  }
}

export const lineageEvents = (runId: string, timings: ReadonlyArray<StageTiming>): Array<Record<string, unknown>> => {
  const runUuid = uuidOf(runId)
  const dataset = (ds: { name: string; description: string }, rows?: number) => ({
    namespace: "broadsheet",
    name: ds.name,
    facets: {
      documentation: { _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-0-0/DocumentationDatasetFacet.json", description: ds.description }
    },
    ...(rows === undefined ? {} : {
      outputFacets: {
        outputStatistics: { _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json", rowCount: rows }
      }
    })
  })
  const events: Array<Record<string, unknown>> = []
  for (const t of timings) {
    const job = { namespace: "broadsheet", name: t.stage.name }
    const run = { runId: runUuid, facets: { broadsheet: { _producer: PRODUCER, _schemaURL: PRODUCER, stage_version: t.stage.version } } }
    events.push({ eventType: "START", eventTime: isoTime(t.startedAt), producer: PRODUCER, schemaURL: SCHEMA_URL, run, job, inputs: t.stage.reads.map((d) => dataset(d)), outputs: [] })
    if (t.endedAt === null) continue
    events.push({
      eventType: t.error === null ? "COMPLETE" : "FAIL",
      eventTime: isoTime(t.endedAt),
      producer: PRODUCER,
      schemaURL: SCHEMA_URL,
      run: t.error === null ? run : { ...run, facets: { ...run.facets, errorMessage: { _producer: PRODUCER, _schemaURL: "https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json", message: t.error, programmingLanguage: "TypeScript" } } },
      job,
      inputs: t.stage.reads.map((d) => dataset(d)),
      outputs: t.stage.writes.map((d) => dataset(d, t.run?.rows[d.name]))
    })
  }
  return events
}

export const runRecord = (opts: {
  readonly runId: string
  readonly release: string
  readonly pipelineVersion: string
  readonly config: unknown
  readonly packages: Readonly<Record<string, string>>
  readonly repoRoot: string
  readonly millis: number
  readonly timings: ReadonlyArray<StageTiming>
}) => ({
  run_id: opts.runId,
  release: opts.release,
  pipeline_version: opts.pipelineVersion,
  git_commit: gitCommit(opts.repoRoot),
  node: process.version,
  host: os.hostname(),
  platform: `${process.platform}-${process.arch}`,
  packages: opts.packages,
  config: opts.config,
  millis: opts.millis,
  stages: opts.timings.map((t) => ({
    stage: t.stage.name,
    version: t.stage.version,
    started_at: isoTime(t.startedAt),
    millis: t.endedAt === null ? null : t.endedAt - t.startedAt,
    cache: t.run?.cache ?? null,
    rows: t.run?.rows ?? null,
    info: t.run?.info ?? null,
    error: t.error
  }))
})
