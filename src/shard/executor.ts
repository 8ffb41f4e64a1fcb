/**
 * Where shards run. A sharded run is: for each phase, every shard's map (anywhere, in any
 * order or at once), then that phase's merge. An `Executor` only decides where and how the N
 * shard maps of a phase run; the merges and the stage code do not change with it. Two local
 * executors here: in this process one shard after the other, or N child processes
 * (`broadsheet shard map …`) at once. An executor for several machines runs the same command on
 * each, with the shard folder on shared storage.
 */
import { Effect } from "effect"
import { spawn } from "node:child_process"
import * as path from "node:path"
import type { Config } from "../config.ts"
import { type PipelineError, StageError } from "../errors.ts"
import type { RunHooks, RunSummary } from "../run.ts"
import type { Files } from "../runtime/files.ts"
import { mapPhase, type Phase, PHASES, prepareShardDir, publish, reducePhase } from "./shard.ts"

export interface Executor {
  /** Runs phase `phase` of shards 0 … count-1 over the shard folder `dir`; succeeds once all have. */
  readonly runShards: (phase: Phase, count: number, dir: string) => Effect.Effect<void, PipelineError, Files>
}

/** Every shard in this process, one after the other. */
export const inProcessExecutor = (config: Config): Executor => ({
  runShards: (phase, count, dir) =>
    Effect.forEach(Array.from({ length: count }, (_, i) => i), (i) => mapPhase(config, dir, phase, i, count), { discard: true })
})

const mainScript = path.resolve(import.meta.dirname, "../main.ts")

/**
 * Every shard as a child process at once: `node src/main.ts shard map --phase P --shard i/N
 * --dir DIR` (which reads the config the shard folder was prepared with).
 */
export const childProcessExecutor = (): Executor => ({
  runShards: (phase, count, dir) =>
    Effect.forEach(
      Array.from({ length: count }, (_, i) => i),
      (i) =>
        Effect.callback<void, StageError>((resume) => {
          const args = [mainScript, "shard", "map", "--phase", String(phase), "--shard", `${i}/${count}`, "--dir", dir]
          const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "pipe"] })
          let err = ""
          child.stderr.on("data", (d: Buffer) => {
            err = (err + d.toString("utf8")).slice(-4000)
          })
          child.on("error", (e) => resume(Effect.fail(new StageError({ stage: `shard ${i}/${count}`, message: e.message }))))
          child.on("exit", (code) =>
            resume(code === 0 ? Effect.void : Effect.fail(new StageError({ stage: `shard ${i}/${count} phase ${phase}`, message: `exit ${code}: ${err.trim()}` }))))
        }),
      { concurrency: "unbounded", discard: true }
    )
})

/** A whole sharded run: prepare the folder, each phase's maps (by `executor`) and merge, then publish. */
export const runSharded = (
  config: Config,
  count: number,
  dir: string,
  executor: Executor,
  hooks: RunHooks = {}
): Effect.Effect<RunSummary, PipelineError, Files> =>
  Effect.gen(function*() {
    yield* prepareShardDir(config, dir)
    for (const phase of PHASES) {
      yield* executor.runShards(phase, count, dir)
      if (phase !== 3) yield* reducePhase(dir, phase, count)
    }
    return yield* publish(config, dir, count, hooks)
  })
