#!/usr/bin/env node
/**
 * The command line (`broadsheet`, also `npm start -- …`), built on Effect's CLI module.
 * Without a command it runs the pipeline on ./corpus and writes the release to ./output.
 *
 * Exit codes: 0 ok · 1 data checks failed (verify) · 2 usage or config error · 3 input unreadable
 * (no input record could be read) · 4 run failed (file system, lock, stage error).
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Cause, Console, Effect, Logger, Option } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { Argument, Command, Flag } from "effect/cli"
import { jsonReporter, Progress, type Reporter, terminalReporter, type Verbosity } from "./cli/progress.ts"
import { type Config, loadConfigFile, resolveConfig } from "./config.ts"
import { ConfigError, type PipelineError } from "./errors.ts"
import { explainDocument } from "./cli/explain.ts"
import { stableJson } from "./json.ts"
import { diffReleases, formatDiff } from "./release/diff.ts"
import { formatVerifyReport, verifyRelease } from "./release/verify.ts"
import { stages } from "./pipeline.ts"
import { plan, toMermaid } from "./runtime/dag.ts"
import { Files } from "./runtime/files.ts"
import { childProcessExecutor, type Executor, inProcessExecutor, runSharded } from "./shard/executor.ts"
import { mapPhase, parseShard, prepareShardDir, publish, reducePhase, shardConfig } from "./shard/shard.ts"
import { pipelineStatus, pipelineVersion, type RunHooks, runPipeline, type RunSummary, type Selection } from "./run.ts"

export const ExitCode = { ok: 0, dataChecks: 1, usage: 2, inputUnreadable: 3, failed: 4 } as const

const common = {
  out: Flag.String("out").pipe(Flag.withDescription("output folder for releases (default: output)"), Flag.optional),
  config: Flag.String("config").pipe(Flag.withDescription("JSON config file; see README for the keys"), Flag.optional)
}

const runFlags = {
  ...common,
  inputs: Argument.String("inputs").pipe(
    Argument.withDescription("corpus files or folders (.txt, .jsonl, .ndjson, .jsonl.gz, .csv); default: corpus"),
    Argument.variadic()
  ),
  release: Flag.String("release").pipe(Flag.withDescription("release folder name (default: release-<hash of the manifest>)"), Flag.optional),
  workers: Flag.Int("workers").pipe(Flag.withDescription("worker threads for per-document work (default: all cores)"), Flag.optional),
  only: Flag.String("only").pipe(Flag.withDescription("run only these stages (comma-separated); their inputs come from the cache"), Flag.optional),
  from: Flag.String("from").pipe(Flag.withDescription("re-run this stage and everything downstream, ignoring their cache"), Flag.optional),
  to: Flag.String("to").pipe(Flag.withDescription("stop after this stage (no release unless it is included)"), Flag.optional),
  force: Flag.Boolean("force").pipe(Flag.withDescription("ignore the cache: every stage does its work"), Flag.withDefault(false)),
  noCache: Flag.Boolean("no-cache").pipe(Flag.withDescription("neither use nor keep the stage cache and per-document memo (one-off runs over huge corpora)"), Flag.withDefault(false)),
  dryRun: Flag.Boolean("dry-run").pipe(Flag.withDescription("say what would run and why, run nothing"), Flag.withDefault(false)),
  printConfig: Flag.Boolean("print-config").pipe(Flag.withDescription("print the effective config (defaults included) and exit"), Flag.withDefault(false)),
  quiet: Flag.Boolean("quiet").pipe(Flag.withAlias("q"), Flag.withDescription("only errors and the final line"), Flag.withDefault(false)),
  verbose: Flag.Boolean("verbose").pipe(Flag.withDescription("also per-batch progress events in JSON logs"), Flag.withDefault(false))
}

interface CommonFlags {
  readonly out: Option.Option<string>
  readonly config: Option.Option<string>
}

const baseConfig = Effect.fnUntraced(function*(f: CommonFlags) {
  const fromFile: unknown = Option.isSome(f.config) ? yield* loadConfigFile(f.config.value) : {}
  const base: Config = yield* resolveConfig(fromFile)
  return Option.isSome(f.out) ? { ...base, out: f.out.value } : base
})

type RunFlags = CommonFlags & {
  readonly inputs: ReadonlyArray<string>
  readonly release: Option.Option<string>
  readonly workers: Option.Option<number>
  readonly only: Option.Option<string>
  readonly from: Option.Option<string>
  readonly to: Option.Option<string>
  readonly force: boolean
  readonly noCache: boolean
  readonly dryRun: boolean
  readonly printConfig: boolean
  readonly quiet: boolean
  readonly verbose: boolean
}

const runConfig = Effect.fnUntraced(function*(f: RunFlags) {
  const base = yield* baseConfig(f)
  const merged: Config = {
    ...base,
    ...(f.inputs.length > 0 ? { inputs: [...f.inputs] } : {}),
    ...(Option.isSome(f.release) ? { release: f.release.value } : {}),
    ...(Option.isSome(f.workers) ? { workers: f.workers.value } : {}),
    ...(f.noCache ? { cache: false } : {})
  }
  // Flags go through the same validation as the file.
  return yield* resolveConfig({ ...merged }, merged)
})

const summaryLines = (s: RunSummary): Array<string> => {
  const hits = s.stages.filter((r) => r.cache === "hit").length
  const head = `stages: ${s.stages.length} (${hits} from the cache) in ${(s.millis / 1000).toFixed(1)} s`
  if (s.release === "") return [head, "no release published (--to or --only stopped before it)"]
  const m = JSON.parse(fs.readFileSync(path.join(s.releaseDir, "manifest.json"), "utf8")) as {
    corpus: { total: { records: number; documents: number; duplicates: number; rejected: number } }
    tables: ReadonlyArray<{ name: string; rows: number }>
  }
  const t = m.corpus.total
  const near = s.stages.find((r) => r.stage === "near-duplicates")?.rows["duplicate_links"]
  return [
    `records in: ${t.records}; documents kept: ${t.documents}; exact duplicates: ${t.duplicates}; rejected: ${t.rejected}${near === undefined ? "" : `; in near-duplicate clusters: ${near}`}`,
    `rows: ${m.tables.map((x) => `${x.name} ${x.rows}`).join(", ")}`,
    head,
    `release: ${s.releaseDir}`
  ]
}

const runHandler = Effect.fnUntraced(function*(f: RunFlags) {
  const config = yield* runConfig(f)
  if (f.printConfig) return yield* Console.log(stableJson(config).trimEnd())
  const selection: Selection = {
    force: f.force,
    ...(Option.isSome(f.only) ? { only: f.only.value.split(",").map((s) => s.trim()).filter((s) => s.length > 0) } : {}),
    ...(Option.isSome(f.from) ? { from: f.from.value } : {}),
    ...(Option.isSome(f.to) ? { to: f.to.value } : {})
  }
  if (f.dryRun) return yield* printStatus(config, true, "would", selection)
  const verbosity: Verbosity = f.quiet ? "quiet" : f.verbose ? "verbose" : "normal"
  const reporter: Reporter = process.stderr.isTTY ? terminalReporter(verbosity) : jsonReporter(verbosity)
  const summary = yield* runPipeline(config, { onStart: reporter.stageStart, onEnd: reporter.stageEnd }, selection).pipe(
    Effect.provideService(Progress, { report: reporter.progress }),
    // Off a terminal, warnings are JSON lines too.
    process.stderr.isTTY ? (e) => e : Effect.provide(Logger.layer([Logger.withConsoleError(Logger.formatJson)])),
    Effect.provide(Files.layer),
    Effect.ensuring(Effect.sync(reporter.close))
  )
  const records = summary.stages.find((r) => r.stage === "ingest")?.rows["records"]
  if (records === 0) {
    process.exitCode = ExitCode.inputUnreadable
    yield* Console.error(`no input record could be read from: ${config.inputs.join(", ")}`)
  }
  const lines = summaryLines(summary)
  for (const l of f.quiet ? lines.slice(-1) : lines) yield* Console.log(l)
})

const printStatus = (config: Config, explain: boolean, verb: "is" | "would", selection: Selection = {}) =>
  Effect.gen(function*() {
    const statuses = yield* pipelineStatus(config, stages, selection)
    for (const s of statuses) {
      const state = verb === "would" ? (s.state === "fresh" ? "reuse" : s.state === "skipped" ? "skip" : "run") : s.state
      yield* Console.log(`${s.stage.padEnd(16)} ${state.padEnd(6)}${explain && s.why.length > 0 ? `  ${s.why.join("; ")}` : ""}`)
    }
  })

const run = Command.make("run", runFlags, runHandler).pipe(
  Command.withDescription("Run the pipeline and publish a release (stages whose inputs did not change come from the cache)"),
  Command.withExamples([
    { command: "broadsheet run corpus --out output", description: "run on the seed corpus" },
    { command: "broadsheet run dumps/*.jsonl.gz --config broadsheet.json --workers 8", description: "a nightly run over JSONL dumps" },
    { command: "broadsheet run --from dedupe", description: "re-run boilerplate removal and everything after it" },
    { command: "broadsheet run --dry-run", description: "show what would run and why" }
  ])
)

const graph = Command.make("graph", {}, () =>
  Effect.gen(function*() {
    const p = yield* plan(stages)
    yield* Console.log(toMermaid(p))
  })).pipe(
    Command.withDescription("Print the pipeline DAG as a Mermaid flowchart (stages as nodes, datasets on the edges)"),
    Command.withExamples([{ command: "broadsheet graph > dag.mmd", description: "save the DAG for a README or docs site" }])
  )

const status = Command.make(
  "status",
  {
    ...common,
    inputs: runFlags.inputs,
    explain: Flag.Boolean("explain").pipe(Flag.withDescription("say why each stale stage is stale"), Flag.withDefault(false))
  },
  Effect.fnUntraced(function*(f) {
    const base = yield* baseConfig(f)
    yield* printStatus(f.inputs.length > 0 ? { ...base, inputs: [...f.inputs] } : base, f.explain, "is")
  })
).pipe(
  Command.withDescription("Which stages are fresh (cached for the current corpus, config and code) and which are stale"),
  Command.withExamples([{ command: "broadsheet status --explain", description: "why each stale stage would re-run (code, config, input, upstream, tool)" }])
)

const releaseArg = (name: string, description: string) => Argument.String(name).pipe(Argument.withDescription(description))

const verify = Command.make(
  "verify",
  { release: releaseArg("release", "release folder, e.g. output/latest") },
  Effect.fnUntraced(function*({ release }) {
    const problems = yield* verifyRelease(release)
    const report = formatVerifyReport(release, problems)
    yield* Console.log(report.text)
    process.exitCode = report.exitCode === 0 ? ExitCode.ok : ExitCode.dataChecks
  })
).pipe(
  Command.withDescription("Re-hash every file, check row counts, schemas, primary and foreign keys; exit 1 on any mismatch"),
  Command.withExamples([{ command: "broadsheet verify output/latest", description: "check a release before publishing it" }])
)

const diff = Command.make(
  "diff",
  { old: releaseArg("old", "older release folder"), new: releaseArg("new", "newer release folder") },
  Effect.fnUntraced(function*(a) {
    yield* Console.log(formatDiff(yield* diffReleases(a.old, a.new)))
  })
).pipe(
  Command.withDescription("Rows added, removed and changed per table, by primary key"),
  Command.withExamples([{ command: "broadsheet diff output/release-aaaa output/latest", description: "what changed since the last release" }])
)

const explain = Command.make(
  "explain",
  {
    target: releaseArg("target", "a doc_id, or the source path of an input file"),
    release: Flag.String("release").pipe(Flag.withDescription("release folder (default: <out>/latest)"), Flag.optional),
    out: common.out
  },
  Effect.fnUntraced(function*(a) {
    const dir = Option.isSome(a.release) ? a.release.value : `${Option.getOrElse(a.out, () => "output")}/latest`
    yield* Console.log(yield* explainDocument(dir, a.target))
  })
).pipe(
  Command.withDescription("Follow one article through the pipeline: removed lines and why, sentences, entities, quotes, numbers, dates, places"),
  Command.withExamples([
    { command: "broadsheet explain corpus/001_e5fcef48dc3650b6.txt", description: "by source path" },
    { command: "broadsheet explain 3cbd38fc5d74672b --release output/latest", description: "by document id" }
  ])
)

// ---- sharded runs (see src/shard/) ----

const shardDirFlag = Flag.String("dir").pipe(Flag.withDescription("the shard folder shared by every shard and merge (default: <out>/.shards)"), Flag.optional)
const shardsFlag = Flag.Int("shards").pipe(Flag.withDescription("number of shards N"))
const phaseFlag = Flag.Int("phase").pipe(Flag.withDescription("phase: 1 (ingest, line counts), 2 (boilerplate, segment, extract, signatures), 3 (enrich)"))

const defaultShardDir = (config: Config, dir: Option.Option<string>) => Option.getOrElse(dir, () => path.join(config.out, ".shards"))

// Runs `work` (a whole sharded run, or its publishing merge) with the run command's reporting.
const reportedShardRun = (
  work: (hooks: RunHooks) => Effect.Effect<RunSummary, PipelineError, Files>,
  f: { readonly quiet: boolean; readonly verbose: boolean }
) =>
  Effect.gen(function*() {
    const verbosity: Verbosity = f.quiet ? "quiet" : f.verbose ? "verbose" : "normal"
    const reporter: Reporter = process.stderr.isTTY ? terminalReporter(verbosity) : jsonReporter(verbosity)
    const summary = yield* work({ onStart: reporter.stageStart, onEnd: reporter.stageEnd }).pipe(
      Effect.provideService(Progress, { report: reporter.progress }),
      Effect.provide(Files.layer),
      Effect.ensuring(Effect.sync(reporter.close))
    )
    const lines = summaryLines(summary)
    for (const l of f.quiet ? lines.slice(-1) : lines) yield* Console.log(l)
  })

const shardCount = (dir: string) =>
  Effect.sync(() => fs.readdirSync(dir).filter((n) => /^shard-\d+$/.test(n)).length)

const shardPrepare = Command.make(
  "prepare",
  { ...runFlags, dir: shardDirFlag },
  Effect.fnUntraced(function*(f) {
    const config = yield* runConfig(f)
    const dir = defaultShardDir(config, f.dir)
    yield* prepareShardDir(config, dir)
    yield* Console.log(dir)
  })
).pipe(Command.withDescription("Start a sharded run: an empty shard folder holding the config (same flags as run)"))

const shardMap = Command.make(
  "map",
  {
    dir: Flag.String("dir").pipe(Flag.withDescription("the shard folder made by `shard prepare`")),
    phase: phaseFlag,
    shard: Flag.String("shard").pipe(Flag.withDescription("this shard, i/N (0 ≤ i < N)")),
    workers: runFlags.workers
  },
  Effect.fnUntraced(function*(f) {
    const s = parseShard(f.shard)
    if (s === null) return yield* new ConfigError({ message: `--shard must be i/N with 0 ≤ i < N, got ${JSON.stringify(f.shard)}` })
    if (f.phase !== 1 && f.phase !== 2 && f.phase !== 3) return yield* new ConfigError({ message: `--phase must be 1, 2 or 3` })
    const base = yield* shardConfig(f.dir)
    const config = Option.isSome(f.workers) ? { ...base, workers: f.workers.value } : base
    yield* mapPhase(config, f.dir, f.phase, s.index, s.count).pipe(Effect.provide(Files.layer))
  })
).pipe(Command.withDescription("One shard's work for one phase (any machine that sees the shard folder and the inputs)"))

const shardReduce = Command.make(
  "reduce",
  { dir: Flag.String("dir").pipe(Flag.withDescription("the shard folder")), phase: phaseFlag, shards: shardsFlag, quiet: runFlags.quiet, verbose: runFlags.verbose },
  Effect.fnUntraced(function*(f) {
    const config = yield* shardConfig(f.dir)
    if (f.phase === 1 || f.phase === 2) return yield* reducePhase(f.dir, f.phase, f.shards)
    if (f.phase !== 3) return yield* new ConfigError({ message: `--phase must be 1, 2 or 3` })
    const count = yield* shardCount(f.dir)
    if (count !== f.shards) return yield* new ConfigError({ message: `${f.dir} holds ${count} shard folders, not ${f.shards}` })
    yield* reportedShardRun((hooks) => publish(config, f.dir, count, hooks), f)
  })
).pipe(Command.withDescription("The merge after a phase: 1 line counts, 2 near-duplicate clusters, 3 gather every shard and publish the release"))

const shardRun = Command.make(
  "run",
  {
    ...runFlags,
    dir: shardDirFlag,
    shards: shardsFlag,
    inProcess: Flag.Boolean("in-process").pipe(Flag.withDescription("run the shards one after the other in this process, not as child processes"), Flag.withDefault(false))
  },
  Effect.fnUntraced(function*(f) {
    const config = yield* runConfig(f)
    if (f.shards < 1) return yield* new ConfigError({ message: "--shards must be at least 1" })
    const executor: Executor = f.inProcess ? inProcessExecutor(config) : childProcessExecutor()
    yield* reportedShardRun((hooks) => runSharded(config, f.shards, defaultShardDir(config, f.dir), executor, hooks), f)
  })
).pipe(Command.withDescription("A whole sharded run on this machine: every phase's shards as child processes, the merges, the release"))

const shard = Command.make("shard").pipe(
  Command.withDescription("Sharded runs (same release, byte for byte, as `run`): prepare, map per shard and phase, reduce per phase"),
  Command.withSubcommands([shardRun, shardPrepare, shardMap, shardReduce]),
  Command.withExamples([
    { command: "broadsheet shard run corpus --shards 3", description: "3 shards as child processes, then the release" },
    { command: "broadsheet shard map --dir /shared/s --phase 1 --shard 0/3", description: "shard 0's phase 1, on any machine" }
  ])
)

const root = Command.make("broadsheet", runFlags, runHandler).pipe(
  Command.withDescription(
    "Turn scraped news text into clean, typed, provenance-tracked datasets. Runs the pipeline when no command is given.\n" +
      "Exit codes: 0 ok, 1 data checks failed, 2 usage or config error, 3 input unreadable, 4 run failed."
  ),
  Command.withSubcommands([run, graph, status, verify, diff, explain, shard])
)

const exitCodeOf = (e: { readonly _tag?: string }): number =>
  e._tag === "ConfigError" || e._tag === "DagError" || e._tag === "ShowHelp" || e._tag === "ExplainError" ? ExitCode.usage
  : e._tag === "ReleaseReadError" ? ExitCode.dataChecks
  : ExitCode.failed

root.pipe(
  Command.run({ version: pipelineVersion }),
  Effect.catch((e: PipelineError | ConfigError | { readonly _tag: string; readonly message?: string }) =>
    Effect.gen(function*() {
      process.exitCode = exitCodeOf(e)
      if (e._tag !== "ShowHelp") yield* Console.error(`broadsheet: ${e._tag}: ${"message" in e ? e.message : String(e)}`)
    })
  ),
  // A defect (a bug, or an error that escaped typing) is printed in full, never a silent exit.
  Effect.catchCause((cause) =>
    Effect.gen(function*() {
      process.exitCode = ExitCode.failed
      yield* Console.error(`broadsheet: unexpected failure:\n${Cause.pretty(cause)}`)
    })
  ),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
