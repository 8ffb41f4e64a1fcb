/**
 * The DAG: stages declare the datasets they read and write; order comes from those
 * declarations, never from the order of lines. The plan is checked before any work runs
 * (cycles, datasets nobody produces, datasets produced twice), and stages whose inputs are
 * ready run concurrently.
 */
import { Deferred, Effect, Graph } from "effect"
import { DagError, type PipelineError } from "../errors.ts"
import type { AnyDataset } from "./dataset.ts"
import type { Config } from "../config.ts"
import type { DocumentTask } from "./task.ts"

export interface Stage<R = never> {
  readonly name: string
  /** Bump when the stage's output for the same input changes. */
  readonly version: string
  readonly description: string
  readonly reads: ReadonlyArray<AnyDataset>
  readonly writes: ReadonlyArray<AnyDataset>
  readonly run: Effect.Effect<StageResult, PipelineError, R>
  /** The stage's per-document work, when it has any: run by worker threads. */
  readonly task?: DocumentTask<any, any>
  /** `import.meta.url` of the stage's module: its code fingerprint starts there. */
  readonly source: string
  /** The part of the config the stage's output depends on (part of its cache key). */
  readonly config: (c: Config) => unknown
  /** false for stages that must always run (publishing the release). */
  readonly cacheable: boolean
}

/** What a stage reports: rows written per dataset and anything worth a log line. */
export interface StageResult {
  readonly rows: Readonly<Record<string, number>>
  readonly info?: Readonly<Record<string, string>>
  /** Files the stage wrote into the release folder, relative to it. */
  readonly files?: ReadonlyArray<string>
}

export type AnyStage = Stage<any>

export interface Plan<S extends AnyStage> {
  readonly stages: ReadonlyArray<S>
  /** Topological order. */
  readonly order: ReadonlyArray<S>
  /** For each stage, the names of the stages it waits for. */
  readonly upstream: ReadonlyMap<string, ReadonlyArray<string>>
  readonly graph: Graph.Graph<string, string, "directed">
}

export const plan = <S extends AnyStage>(stages: ReadonlyArray<S>): Effect.Effect<Plan<S>, DagError> =>
  Effect.gen(function*() {
    const producer = new Map<string, string>()
    for (const stage of stages) {
      for (const ds of stage.writes) {
        const other = producer.get(ds.name)
        if (other !== undefined) {
          return yield* new DagError({
            reason: "duplicate_producer",
            message: `dataset "${ds.name}" is written by both "${other}" and "${stage.name}"`
          })
        }
        producer.set(ds.name, stage.name)
      }
    }
    const upstream = new Map<string, Array<string>>()
    for (const stage of stages) {
      const ups = new Set<string>()
      for (const ds of stage.reads) {
        const p = producer.get(ds.name)
        if (p === undefined) {
          return yield* new DagError({
            reason: "missing_producer",
            message: `stage "${stage.name}" reads dataset "${ds.name}", which no stage writes`
          })
        }
        ups.add(p)
      }
      upstream.set(stage.name, [...ups].sort())
    }
    const index = new Map<string, Graph.NodeIndex>()
    const graph = Graph.directed<string, string>((g) => {
      for (const stage of stages) index.set(stage.name, Graph.addNode(g, stage.name))
      for (const stage of stages) {
        for (const ds of stage.reads) {
          Graph.addEdge(g, index.get(producer.get(ds.name)!)!, index.get(stage.name)!, ds.name)
        }
      }
    })
    if (!Graph.isAcyclic(graph)) {
      return yield* new DagError({ reason: "cycle", message: `the stages form a cycle: ${describeCycle(stages, upstream)}` })
    }
    const byName = new Map(stages.map((s) => [s.name, s] as const))
    const order = [...Graph.values(Graph.topo()(graph))].map((name) => byName.get(name)!)
    return { stages, order, upstream, graph }
  })

// Names one cycle for the error message (depth-first search over `upstream`).
const describeCycle = (stages: ReadonlyArray<AnyStage>, upstream: ReadonlyMap<string, ReadonlyArray<string>>): string => {
  const state = new Map<string, number>()
  const stack: Array<string> = []
  const visit = (name: string): Array<string> | null => {
    state.set(name, 1)
    stack.push(name)
    for (const up of upstream.get(name) ?? []) {
      if (state.get(up) === 1) return [...stack.slice(stack.indexOf(up)), up]
      if (!state.has(up)) {
        const found = visit(up)
        if (found) return found
      }
    }
    stack.pop()
    state.set(name, 2)
    return null
  }
  for (const s of stages) {
    if (!state.has(s.name)) {
      const found = visit(s.name)
      if (found) return found.reverse().join(" → ")
    }
  }
  return "unknown"
}

export interface StageRun {
  readonly stage: string
  readonly version: string
  readonly millis: number
  readonly rows: Readonly<Record<string, number>>
  readonly info: Readonly<Record<string, string>>
  readonly cache: "hit" | "miss" | "off"
}

/**
 * Runs every stage once its upstream stages have finished; independent stages run at the same
 * time. The first failure interrupts the rest.
 */
export const execute = <S extends AnyStage>(
  p: Plan<S>,
  hooks: {
    readonly onStart?: (stage: S) => Effect.Effect<void>
    readonly onEnd?: (stage: S, run: StageRun) => Effect.Effect<void>
    /** Wraps a stage's work (the cache uses this to skip it). */
    readonly around?: (stage: S, run: Effect.Effect<StageResult, PipelineError, any>) => Effect.Effect<StageResult & { readonly cache?: StageRun["cache"] }, PipelineError, any>
  } = {}
): Effect.Effect<ReadonlyArray<StageRun>, PipelineError, S extends Stage<infer R> ? R : never> =>
  Effect.gen(function*() {
    const done = new Map<string, Deferred.Deferred<void>>()
    for (const s of p.order) done.set(s.name, yield* Deferred.make<void>())
    const runs = yield* Effect.forEach(
      p.order,
      (stage) =>
        Effect.gen(function*() {
          for (const up of p.upstream.get(stage.name) ?? []) yield* Deferred.await(done.get(up)!)
          if (hooks.onStart) yield* hooks.onStart(stage)
          const started = performance.now()
          const work = stage.run as Effect.Effect<StageResult, PipelineError, any>
          const result: StageResult & { readonly cache?: StageRun["cache"] } = yield* (hooks.around ? hooks.around(stage, work) : work)
          const run: StageRun = {
            stage: stage.name,
            version: stage.version,
            millis: Math.round(performance.now() - started),
            rows: result.rows,
            info: result.info ?? {},
            cache: result.cache ?? "off"
          }
          if (hooks.onEnd) yield* hooks.onEnd(stage, run)
          yield* Deferred.succeed(done.get(stage.name)!, undefined)
          return run
        }),
      { concurrency: "unbounded" }
    )
    return runs
  })

/** The DAG as a Mermaid flowchart: stages as nodes, datasets on the edges. */
export const toMermaid = (p: Plan<AnyStage>): string =>
  Graph.toMermaid(p.graph, { nodeLabel: (n: string) => n, edgeLabel: (e: string) => e })
