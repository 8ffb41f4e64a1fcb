/**
 * The command line: `broadsheet [run] [inputs…]`, `broadsheet graph`. Without a command it runs
 * the pipeline on ./corpus and writes the release to ./output.
 */
import { NodeRuntime, NodeServices } from "@effect/platform-node"
import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { type Config, defaultConfig, loadConfigFile, resolveConfig } from "./config.ts"
import { stableJson } from "./json.ts"
import { stages } from "./pipeline.ts"
import { plan, toMermaid } from "./runtime/dag.ts"
import { Files } from "./runtime/files.ts"
import { pipelineVersion, runPipeline } from "./run.ts"

const flags = {
  inputs: Argument.String("inputs").pipe(
    Argument.withDescription("corpus files or folders (.txt, .jsonl, .jsonl.gz); default: corpus"),
    Argument.variadic()
  ),
  out: Flag.String("out").pipe(Flag.withDescription("output folder for releases"), Flag.optional),
  config: Flag.String("config").pipe(Flag.withDescription("JSON config file (see README)"), Flag.optional),
  release: Flag.String("release").pipe(Flag.withDescription("release folder name (default: derived from content)"), Flag.optional),
  printConfig: Flag.Boolean("print-config").pipe(Flag.withDescription("print the effective config and exit"), Flag.withDefault(false))
}

type RunFlags = {
  readonly inputs: ReadonlyArray<string>
  readonly out: Option.Option<string>
  readonly config: Option.Option<string>
  readonly release: Option.Option<string>
  readonly printConfig: boolean
}

const effectiveConfig = Effect.fnUntraced(function*(f: RunFlags) {
  const fromFile: unknown = Option.isSome(f.config) ? yield* loadConfigFile(f.config.value) : {}
  const base: Config = yield* resolveConfig(fromFile)
  return {
    ...base,
    ...(f.inputs.length > 0 ? { inputs: [...f.inputs] } : {}),
    ...(Option.isSome(f.out) ? { out: f.out.value } : {}),
    ...(Option.isSome(f.release) ? { release: f.release.value } : {})
  } satisfies Config
})

const runHandler = Effect.fnUntraced(function*(f: RunFlags) {
  const config = yield* effectiveConfig(f)
  if (f.printConfig) return yield* Console.log(stableJson(config).trimEnd())
  const summary = yield* runPipeline(config).pipe(Effect.provide(Files.layer))
  for (const s of summary.stages) {
    const rows = Object.entries(s.rows).map(([k, v]) => `${k}=${v}`).join(" ")
    yield* Console.error(`  ${s.stage.padEnd(16)} ${String(s.millis).padStart(7)} ms  ${rows}`)
  }
  yield* Console.log(`release written: ${summary.releaseDir} (${summary.millis} ms)`)
})

const run = Command.make("run", flags, runHandler).pipe(
  Command.withDescription("Run the whole pipeline and write a release"),
  Command.withExamples([
    { command: "broadsheet run corpus --out output", description: "run on the seed corpus" },
    { command: "broadsheet run data/*.jsonl.gz --config broadsheet.json", description: "run on JSONL dumps with a config file" }
  ])
)

const graph = Command.make("graph", {}, () =>
  Effect.gen(function*() {
    const p = yield* plan(stages)
    yield* Console.log(toMermaid(p))
  })).pipe(Command.withDescription("Print the pipeline DAG as a Mermaid flowchart"))

const root = Command.make("broadsheet", flags, runHandler).pipe(
  Command.withDescription("Turn scraped news text into clean, typed, provenance-tracked datasets (runs the pipeline when no command is given)"),
  Command.withSubcommands([run, graph])
)

root.pipe(
  Command.run({ version: pipelineVersion }),
  Effect.provide(NodeServices.layer),
  NodeRuntime.runMain
)

export { defaultConfig }
