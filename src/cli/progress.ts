/**
 * What a run shows while it works. On a terminal: one line per stage, rewritten in place with
 * documents done / total, rate and ETA, then a summary. Not on a terminal (cron, CI): no
 * progress bars, one JSON line per stage start and end, for schedulers to parse.
 */
import { Context, Effect } from "effect"
import type { AnyStage, StageRun } from "../runtime/dag.ts"

export interface Reporter {
  readonly stageStart: (stage: AnyStage) => Effect.Effect<void>
  readonly stageEnd: (stage: AnyStage, run: StageRun) => Effect.Effect<void>
  readonly progress: (stage: string, done: number, total: number | null) => void
  readonly warn: (message: string, fields?: Record<string, unknown>) => void
  readonly close: () => void
}

/** Per-document progress from deep inside a stage; a no-op unless the CLI installs a reporter. */
export const Progress = Context.Reference<{ readonly report: (stage: string, done: number, total: number | null) => void }>(
  "broadsheet/cli/Progress",
  { defaultValue: () => ({ report: () => {} }) }
)

export type Verbosity = "quiet" | "normal" | "verbose"

const json = (event: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`)

export const jsonReporter = (verbosity: Verbosity): Reporter => ({
  stageStart: (stage) => Effect.sync(() => verbosity !== "quiet" && json({ level: "info", event: "stage_start", stage: stage.name, version: stage.version })),
  stageEnd: (stage, run) =>
    Effect.sync(() => verbosity !== "quiet" && json({ level: "info", event: "stage_end", stage: stage.name, millis: run.millis, cache: run.cache, rows: run.rows })),
  progress: (stage, done, total) => {
    if (verbosity === "verbose") json({ level: "debug", event: "progress", stage, done, total })
  },
  warn: (message, fields = {}) => json({ level: "warn", event: "warning", message, ...fields }),
  close: () => {}
})

export const terminalReporter = (verbosity: Verbosity): Reporter => {
  const started = new Map<string, number>()
  const lines = new Map<string, string>()
  let drawn = 0
  let last = 0
  const draw = (force = false) => {
    if (verbosity === "quiet") return
    const now = Date.now()
    if (!force && now - last < 100) return
    last = now
    if (drawn > 0) process.stderr.write(`\x1b[${drawn}A`)
    const out = [...lines.values()]
    for (const l of out) process.stderr.write(`\x1b[2K${l}\n`)
    drawn = out.length
  }
  return {
    stageStart: (stage) =>
      Effect.sync(() => {
        started.set(stage.name, Date.now())
        lines.set(stage.name, `  ${stage.name.padEnd(16)} running`)
        draw(true)
      }),
    stageEnd: (stage, run) =>
      Effect.sync(() => {
        const rows = Object.entries(run.rows).map(([k, v]) => `${k}=${v}`).join(" ")
        lines.set(stage.name, `  ${stage.name.padEnd(16)} ${run.cache === "hit" ? "cached" : "done  "} ${String(run.millis).padStart(7)} ms  ${rows}`)
        draw(true)
      }),
    progress: (stage, done, total) => {
      const t0 = started.get(stage) ?? Date.now()
      const secs = Math.max(0.001, (Date.now() - t0) / 1000)
      const rate = done / secs
      const eta = total !== null && rate > 0 ? ` ETA ${Math.ceil((total - done) / rate)} s` : ""
      lines.set(stage, `  ${stage.padEnd(16)} ${done}${total !== null ? `/${total}` : ""} docs  ${rate.toFixed(0)}/s${eta}`)
      draw()
    },
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
    close: () => {
      // Clear the live lines; the summary replaces them.
      if (drawn > 0) process.stderr.write(`\x1b[${drawn}A\x1b[0J`)
      drawn = 0
    }
  }
}
