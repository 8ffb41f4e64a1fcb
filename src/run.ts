/**
 * Running the pipeline: plan the DAG, set up the run's folders and services, execute, publish,
 * and append a line to the run log (the only place wall-clock times and the host appear).
 */
import { Effect, Layer } from "effect"
import * as fsp from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { type Config, RunContext } from "./config.ts"
import type { PipelineError } from "./errors.ts"
import { stages } from "./pipeline.ts"
import { type AnyStage, execute, plan, type StageRun } from "./runtime/dag.ts"
import { DatasetStore } from "./runtime/dataset.ts"
import { Files } from "./runtime/files.ts"
import { Workers } from "./runtime/workers.ts"
import pkg from "../package.json" with { type: "json" }

export const pipelineVersion: string = pkg.version

export interface RunSummary {
  readonly release: string
  readonly releaseDir: string
  readonly stages: ReadonlyArray<StageRun>
  readonly millis: number
}

export interface RunHooks {
  readonly onStart?: (stage: AnyStage) => Effect.Effect<void>
  readonly onEnd?: (stage: AnyStage, run: StageRun) => Effect.Effect<void>
}

export const describePipeline = (list: ReadonlyArray<AnyStage>) =>
  list.map((s) => ({ name: s.name, version: s.version, reads: s.reads.map((d) => d.name), writes: s.writes.map((d) => d.name) }))

export const runPipeline = (config: Config, hooks: RunHooks = {}, list: ReadonlyArray<AnyStage> = stages): Effect.Effect<RunSummary, PipelineError, Files> =>
  Effect.gen(function*() {
    const p = yield* plan(list)
    const files = yield* Files
    const outDir = path.resolve(config.out)
    const runId = `${process.pid}-${Date.now().toString(36)}`
    const workDir = path.join(outDir, ".work", runId)
    const stagingDir = path.join(outDir, ".staging", runId)
    yield* files.mkdir(stagingDir)
    const started = performance.now()
    const context = Layer.succeed(RunContext, {
      config,
      workDir,
      stagingDir,
      outDir,
      pipeline: describePipeline(list),
      pipelineVersion
    })
    const layer = Layer.mergeAll(DatasetStore.layer(workDir, config.validate_datasets), Workers.layer(config.workers)).pipe(
      Layer.provideMerge(context)
    )
    const runs = yield* execute(p, hooks).pipe(
      Effect.provide(layer),
      // Intermediate datasets and a failed run's staging folder never outlive the run.
      Effect.ensuring(Effect.ignore(files.remove(workDir))),
      Effect.onError(() => Effect.ignore(files.remove(stagingDir)))
    )
    const release = runs.find((r) => r.info["release"] !== undefined)?.info["release"] ?? ""
    const summary: RunSummary = { release, releaseDir: path.join(outDir, release), stages: runs, millis: Math.round(performance.now() - started) }
    yield* appendRunLog(outDir, summary)
    return summary
  })

// Run facts (time, host, durations) go here, never into the release.
const appendRunLog = (outDir: string, s: RunSummary) =>
  Effect.promise(() =>
    fsp.appendFile(
      path.join(outDir, "runs.ndjson"),
      `${JSON.stringify({ finished_at: new Date().toISOString(), host: os.hostname(), node: process.version, release: s.release, millis: s.millis, stages: s.stages })}\n`
    )
  )
