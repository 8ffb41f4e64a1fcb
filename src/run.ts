/**
 * Running the pipeline: plan the DAG, take the output folder's lock, set up the run's folders
 * and services, execute with the stage cache, publish, and append a line to the run log (the
 * only place wall-clock times and the host appear).
 */
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as fsp from "node:fs/promises"
import * as os from "node:os"
import * as path from "node:path"
import { type Config, RunContext } from "./config.ts"
import { ConfigError, type PipelineError, StageError } from "./errors.ts"
import { corpusDigest } from "./io/corpus-digest.ts"
import { stages } from "./pipeline.ts"
import { type Entry, explainStale, type KeyParts, StageCache, stageKey } from "./runtime/cache.ts"
import { pruneCache } from "./runtime/retention.ts"
import { type AnyStage, execute, plan, type Plan, type StageResult, type StageRun, toMermaid } from "./runtime/dag.ts"
import { datasetFileName, DatasetStore } from "./runtime/dataset.ts"
import { Files } from "./runtime/files.ts"
import { fingerprintModule } from "./runtime/fingerprint.ts"
import { lineageEvents, runRecord } from "./runtime/lineage.ts"
import { acquireLock } from "./runtime/lock.ts"
import { Workers } from "./runtime/workers.ts"
import pkg from "../package.json" with { type: "json" }

export const pipelineVersion: string = pkg.version
const repoRoot = path.resolve(import.meta.dirname, "..")

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

/** What to run: everything by default, reusing cached stage outputs. */
export interface Selection {
  /** Ignore the cache: every selected stage does its work. */
  readonly force?: boolean
  /**
   * Run only these stages; their inputs must be in the cache. Without `to`, the run stops after them
   * (what they need and nothing downstream), so no release is published unless it is selected.
   */
  readonly only?: ReadonlyArray<string>
  /** Force this stage and everything downstream of it. */
  readonly from?: string
  /** Stop after this stage (and what it needs); no release is published unless it is included. */
  readonly to?: string
}

// Versions of every installed dependency the project declares, for the run record.
const allPackages = (): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort()) {
    try {
      out[name] = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")) as { version: string }).version
    } catch {
      out[name] = "missing"
    }
  }
  return out
}

export const describePipeline = (list: ReadonlyArray<AnyStage>) =>
  list.map((s) => ({ name: s.name, version: s.version, reads: s.reads.map((d) => d.name), writes: s.writes.map((d) => d.name) }))

const closure = (p: Plan<AnyStage>, start: string, direction: "up" | "down"): Set<string> => {
  const down = new Map<string, Array<string>>()
  for (const [s, ups] of p.upstream) for (const u of ups) down.set(u, [...(down.get(u) ?? []), s])
  const out = new Set<string>()
  const stack = [start]
  while (stack.length > 0) {
    const s = stack.pop()!
    if (out.has(s)) continue
    out.add(s)
    stack.push(...(direction === "up" ? p.upstream.get(s) ?? [] : down.get(s) ?? []))
  }
  return out
}

/** The stages a run includes: everything, or what `--to` (else the `--only` stages) needs. */
const included = (p: Plan<AnyStage>, sel: Selection): Set<string> | null => {
  const targets = sel.to ? [sel.to] : sel.only && sel.only.length > 0 ? sel.only : null
  if (targets === null) return null
  const out = new Set<string>()
  for (const t of targets) for (const s of closure(p, t, "up")) out.add(s)
  return out
}

const checkNames = (p: Plan<AnyStage>, sel: Selection) => {
  const names = new Set(p.stages.map((s) => s.name))
  const bad = [...(sel.only ?? []), ...(sel.from ? [sel.from] : []), ...(sel.to ? [sel.to] : [])].filter((n) => !names.has(n))
  return bad.length === 0
    ? Effect.void
    : Effect.fail(new ConfigError({ message: `unknown stage(s): ${bad.join(", ")}; stages: ${[...names].join(", ")}` }))
}

export interface StageStatus {
  readonly stage: string
  readonly state: "fresh" | "stale" | "skipped"
  readonly why: ReadonlyArray<string>
  readonly key: string | null
}

/** Key parts of a stage given its inputs' digests (null when an input is not known yet). */
const keyParts = (stage: AnyStage, config: Config, inputs: Record<string, string>): KeyParts => {
  const fp = fingerprintModule(stage.source, repoRoot)
  return {
    stage: stage.name,
    version: stage.version,
    code: fp.code,
    packages: fp.packages,
    tool: process.version,
    config: stage.config(config),
    inputs
  }
}

/**
 * For each stage in order: fresh (its key has a cache entry and every input is known), or
 * stale and why. Computed from the cache alone, without running anything.
 */
export const pipelineStatus = (config: Config, list: ReadonlyArray<AnyStage> = stages, selection: Selection = {}) =>
  Effect.gen(function*() {
    const p = yield* plan(list)
    yield* checkNames(p, selection)
    const selected = included(p, selection)
    const forced = selection.force ? new Set(p.stages.map((s) => s.name)) : selection.from ? closure(p, selection.from, "down") : new Set<string>()
    const only = selection.only ? new Set(selection.only) : null
    const cacheDir = path.join(path.resolve(config.out), ".cache")
    const cache = new StageCache(path.join(cacheDir, "stages"))
    const corpus = yield* Effect.promise(() => corpusDigest(config.inputs, cacheDir))
    const digests = new Map<string, string>()
    const statuses: Array<StageStatus> = []
    for (const stage of p.order) {
      if (selected !== null && !selected.has(stage.name)) {
        statuses.push({ stage: stage.name, state: "skipped", why: [selection.to ? `after --to ${selection.to}` : `after --only ${selection.only!.join(",")}`], key: null })
        continue
      }
      if (forced.has(stage.name)) {
        statuses.push({ stage: stage.name, state: "stale", why: ["forced (--force or --from)"], key: null })
        continue
      }
      const inputs: Record<string, string> = stage.reads.length === 0 ? { corpus } : {}
      const missing = stage.reads.filter((d) => !digests.has(d.name)).map((d) => d.name)
      for (const d of stage.reads) if (digests.has(d.name)) inputs[d.name] = digests.get(d.name)!
      if (missing.length > 0) {
        statuses.push({ stage: stage.name, state: "stale", why: [`upstream stale: ${missing.join(", ")}`], key: null })
        continue
      }
      const parts = keyParts(stage, config, inputs)
      const key = stageKey(parts)
      const entry = stage.cacheable ? cache.lookup(stage.name, key) : null
      if (!stage.cacheable) statuses.push({ stage: stage.name, state: "stale", why: ["always runs"], key })
      else if (entry === null) {
        const why = explainStale(cache.last(stage.name), parts)
        statuses.push({ stage: stage.name, state: "stale", why: only !== null && !only.has(stage.name) ? [...why, "not selected by --only: the run would stop here"] : why, key })
      }
      else {
        for (const [name, digest] of Object.entries(entry.datasets)) digests.set(name, digest)
        statuses.push({ stage: stage.name, state: "fresh", why: [], key })
      }
    }
    return statuses
  })

export const runPipeline = (
  config: Config,
  hooks: RunHooks = {},
  selection: Selection = {},
  list: ReadonlyArray<AnyStage> = stages
): Effect.Effect<RunSummary, PipelineError, Files> =>
  Effect.gen(function*() {
    const full = yield* plan(list)
    yield* checkNames(full, selection)
    const selected = included(full, selection)
    const p = selected !== null ? yield* plan(full.stages.filter((s) => selected.has(s.name))) : full
    const forced = selection.force
      ? new Set(p.stages.map((s) => s.name))
      : selection.from
      ? closure(full, selection.from, "down")
      : new Set<string>()
    const only = selection.only ? new Set(selection.only) : null
    // Source URIs start with each input's name: two inputs with one name would share ids.
    const names = config.inputs.map((i) => path.basename(path.resolve(i)))
    const clash = names.find((n, k) => names.indexOf(n) !== k)
    if (clash !== undefined) {
      return yield* new ConfigError({ message: `two inputs are named ${JSON.stringify(clash)}: source paths would be ambiguous; pass their common parent folder instead` })
    }
    const files = yield* Files
    const outDir = path.resolve(config.out)
    yield* files.mkdir(outDir)
    yield* acquireLock(path.join(outDir, ".lock"))
    const runId = `${Date.now().toString(36)}-${process.pid}`
    const workDir = path.join(outDir, ".work", runId)
    const stagingDir = path.join(outDir, ".staging", runId)
    const cacheDir = path.join(outDir, ".cache")
    const cache = new StageCache(path.join(cacheDir, "stages"))
    yield* cleanLeftovers(outDir)
    yield* files.mkdir(stagingDir)
    const started = performance.now()
    const corpus = yield* Effect.tryPromise({
      try: () => corpusDigest(config.inputs, cacheDir),
      catch: (e) => new StageError({ stage: "ingest", message: `cannot hash the inputs: ${e instanceof Error ? e.message : String(e)}` })
    })
    const stageKeys = new Map<string, { readonly key: string; readonly parts: unknown }>()
    const context = Layer.succeed(RunContext, {
      config,
      workDir,
      stagingDir,
      outDir,
      cacheDir,
      runId,
      pipeline: describePipeline(list),
      pipelineVersion,
      stageKeys,
      dag: toMermaid(full)
    })
    const layer = Layer.mergeAll(DatasetStore.layer(workDir, config.validate_datasets), Workers.layer(config.workers, config.worker_heap_mb, config.worker_min_documents)).pipe(
      Layer.provideMerge(context)
    )
    const around = (stage: AnyStage, work: Effect.Effect<StageResult, PipelineError, any>) =>
      Effect.gen(function*() {
        const store = yield* DatasetStore
        const inputs: Record<string, string> = stage.reads.length === 0 ? { corpus } : {}
        for (const d of stage.reads) inputs[d.name] = store.digest(d) ?? "unknown"
        const parts = keyParts(stage, config, inputs)
        const key = stageKey(parts)
        stageKeys.set(stage.name, { key, parts })
        const cacheable = stage.cacheable && config.cache
        const mayReuse = cacheable && !forced.has(stage.name)
        const entry = mayReuse ? cache.lookup(stage.name, key) : null
        const mustRun = only === null || only.has(stage.name)
        const fileOf = (name: string) => path.join(workDir, datasetFileName(name))
        const restored = entry === null ? null : yield* cache.restore(entry, fileOf, stagingDir)
        if (entry !== null && restored !== null) {
          for (const [name, digest] of Object.entries(entry.datasets)) {
            const { records, bytes } = restored.get(name)!
            yield* store.adopt(list.flatMap((s) => s.writes).find((d) => d.name === name)!, digest, records, bytes)
          }
          return { ...entry.result, cache: "hit" as const }
        }
        if (!mustRun) {
          return yield* new StageError({ stage: stage.name, message: `not selected by --only and no cached output for its current inputs: run it first` })
        }
        const result = yield* work
        if (cacheable) {
          const datasets: Record<string, string> = {}
          for (const d of stage.writes) datasets[d.name] = store.digest(d) ?? ""
          const stored: Entry = { key, parts, result, datasets, files: result.files ?? [] }
          const written = new Map(stage.writes.map((d) => [d.name, { records: store.count(d) ?? 0, bytes: store.bytes(d) ?? 0 }]))
          yield* cache.store(stored, fileOf, (name) => written.get(name)!, stagingDir)
        }
        return { ...result, cache: cacheable ? ("miss" as const) : ("off" as const) }
      })
    // Who reads each dataset in this plan: its file goes when the last of them has finished (a cached copy is a hard
    // link and stays), so a run over a huge corpus without the cache needs disk for the live datasets only.
    const readers = new Map<string, Array<string>>()
    for (const s of p.stages) for (const d of s.reads) readers.set(d.name, [...(readers.get(d.name) ?? []), s.name])
    const finished = new Set<string>()
    const retireInputs = (stage: AnyStage) =>
      Effect.gen(function*() {
        finished.add(stage.name)
        const store = yield* DatasetStore
        for (const d of stage.reads) {
          if (readers.get(d.name)!.every((r) => finished.has(r))) yield* store.retire(d)
        }
      })
    const timings = new Map<string, { stage: AnyStage; startedAt: number; endedAt: number | null; run: StageRun | null; error: string | null }>()
    const timed = {
      onStart: (stage: AnyStage) =>
        Effect.gen(function*() {
          timings.set(stage.name, { stage, startedAt: Date.now(), endedAt: null, run: null, error: null })
          if (hooks.onStart) yield* hooks.onStart(stage)
        }),
      onEnd: (stage: AnyStage, run: StageRun) =>
        Effect.gen(function*() {
          const t = timings.get(stage.name)
          if (t) Object.assign(t, { endedAt: Date.now(), run })
          if (hooks.onEnd) yield* hooks.onEnd(stage, run)
        }),
      around: (stage: AnyStage, work: Effect.Effect<StageResult, PipelineError, any>) =>
        around(stage, work).pipe(Effect.tap(() => retireInputs(stage)), Effect.tapError((e) =>
          Effect.sync(() => {
            const t = timings.get(stage.name)
            if (t) Object.assign(t, { endedAt: Date.now(), error: `${e._tag}: ${"message" in e ? e.message : ""}` })
          })
        ))
    }
    // Run facts; failing to write them is reported, it does not undo a published release.
    const writeRecord = (release: string, millis: number) =>
      Effect.try(() => {
        const list = [...timings.values()]
        const record = runRecord({ runId, release, pipelineVersion, config, packages: allPackages(), repoRoot, millis, timings: list })
        const events = lineageEvents(runId, list)
        const dir = release === "" ? path.join(outDir, ".runs", runId) : path.join(outDir, release, "provenance")
        fs.mkdirSync(dir, { recursive: true })
        const write = (name: string, text: string) => {
          fs.writeFileSync(path.join(dir, `${name}.tmp`), text)
          fs.renameSync(path.join(dir, `${name}.tmp`), path.join(dir, name))
        }
        write("run.json", `${JSON.stringify(record, null, 2)}\n`)
        write("openlineage.ndjson", events.map((e) => `${JSON.stringify(e)}\n`).join(""))
      }).pipe(Effect.catch((e) => Effect.logWarning(`could not write the run record: ${String(e)}`)))
    const runs = yield* execute(p, timed).pipe(
      Effect.provide(layer),
      // Intermediate datasets and a failed run's staging folder never outlive the run.
      Effect.ensuring(Effect.ignore(files.remove(workDir))),
      Effect.ensuring(Effect.ignore(files.remove(stagingDir))),
      Effect.tapError(() => Effect.ignore(writeRecord("", Math.round(performance.now() - started))))
    )
    // Cache retention (see retention.ts); failing to prune never fails a finished run.
    yield* Effect.try(() => pruneCache(cacheDir, runId, stageKeys)).pipe(
      Effect.tap((p) => (p.stageEntries + p.memoNamespaces > 0 ? Effect.logDebug(`cache: removed ${p.stageEntries} stage entries, ${p.memoNamespaces} memo namespaces`) : Effect.void)),
      Effect.catch((e) => Effect.logWarning(`could not prune the cache: ${String(e)}`))
    )
    const release = runs.find((r) => r.info["release"] !== undefined)?.info["release"] ?? ""
    const summary: RunSummary = {
      release,
      releaseDir: release === "" ? "" : path.join(outDir, release),
      stages: runs,
      millis: Math.round(performance.now() - started)
    }
    yield* writeRecord(release, summary.millis)
    yield* appendRunLog(outDir, summary)
    return summary
  }).pipe(Effect.scoped)

// Folders of runs that were killed: their staging and work folders are never reused.
const cleanLeftovers = (outDir: string) =>
  Effect.try(() => {
    for (const sub of [".staging", ".work"]) {
      const dir = path.join(outDir, sub)
      if (!fs.existsSync(dir)) continue
      for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
    }
    // A release parked while being replaced: restored when the new one never arrived, else dropped.
    const trash = path.join(outDir, ".trash")
    if (fs.existsSync(trash)) {
      for (const name of fs.readdirSync(trash).sort()) {
        const release = name.replace(/\.\d+$/, "")
        if (!fs.existsSync(path.join(outDir, release))) fs.renameSync(path.join(trash, name), path.join(outDir, release))
        else fs.rmSync(path.join(trash, name), { recursive: true, force: true })
      }
    }
  }).pipe(Effect.catch((e) => Effect.logWarning(`could not clean a killed run's leftovers: ${String(e)}`)))

// A failed log write is reported, never a reason to fail a run whose release is published.
const appendRunLog = (outDir: string, s: RunSummary) =>
  Effect.tryPromise(() =>
    fsp.appendFile(
      path.join(outDir, "runs.ndjson"),
      `${JSON.stringify({ finished_at: new Date().toISOString(), host: os.hostname(), node: process.version, release: s.release, millis: s.millis, stages: s.stages })}\n`
    )
  ).pipe(Effect.catch((e) => Effect.logWarning(`could not append to runs.ndjson: ${String(e)}`)))
