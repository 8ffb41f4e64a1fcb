/**
 * Worker thread entry: runs per-document tasks on batches of raw NDJSON lines. A task is found
 * by importing the module that declares it (its `source`), so a worker loads only the code its
 * tasks need. Contexts are prepared once per worker and kept by key.
 */
import { Effect, Layer, Schema } from "effect"
import { parentPort } from "node:worker_threads"
import { DatasetStore } from "./dataset.ts"
import { Files } from "./files.ts"
import { findJob, runJobCaptured } from "./job.ts"
import { type DocumentTask, runTaskItems, type TaskItem, transferables } from "./task.ts"

const tasks = new Map<string, DocumentTask<any, any>>()
const contexts = new Map<string, unknown>()
const validatorCache = new Map<string, ReadonlyArray<(u: unknown) => unknown>>()

interface JobMessage {
  readonly kind: "job"
  readonly id: number
  readonly job: string
  readonly source: string
  readonly input: unknown
  readonly workDir: string
}

interface TaskMessage {
  readonly kind: "task"
  readonly id: number
  readonly task: string
  readonly source: string
  readonly contextKey: string
  readonly context?: unknown
  readonly validate: boolean
  readonly batch: ReadonlyArray<TaskItem>
}

const isTask = (v: unknown): v is DocumentTask<any, any> =>
  typeof v === "object" && v !== null && "name" in v && "run" in v && "outputs" in v

const load = async (job: TaskMessage): Promise<DocumentTask<any, any>> => {
  const known = tasks.get(job.task)
  if (known) return known
  const mod = (await import(job.source)) as Record<string, unknown>
  for (const value of Object.values(mod)) {
    const candidate = isTask(value) ? value : typeof value === "object" && value !== null ? (value as { task?: unknown }).task : undefined
    if (isTask(candidate) && candidate.name === job.task) {
      tasks.set(job.task, candidate)
      return candidate
    }
  }
  throw new Error(`module ${job.source} declares no task ${job.task}`)
}

/** A whole-stage job, with this thread's own file and dataset services over the run's work folder. */
const runJob = async (m: JobMessage) => {
  const mod = (await import(m.source)) as Record<string, unknown>
  const j = findJob(mod, m.job)
  if (j === undefined) throw new Error(`module ${m.source} declares no job ${m.job}`)
  // Read-only use of the datasets: records were validated where they were written.
  const layer = DatasetStore.layer(m.workDir, false).pipe(Layer.provideMerge(Files.layer))
  return Effect.runPromise(runJobCaptured(j, m.input).pipe(Effect.provide(layer)))
}

parentPort!.on("message", async (job: TaskMessage | JobMessage) => {
  if (job.kind === "job") {
    try {
      parentPort!.postMessage({ id: job.id, ok: true, out: await runJob(job) })
    } catch (e) {
      parentPort!.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) })
    }
    return
  }
  try {
    const task = await load(job)
    if (job.context !== undefined) contexts.set(job.contextKey, task.prepare(job.context))
    const vk = `${job.task}:${job.validate}`
    let validators = validatorCache.get(vk)
    if (validators === undefined) {
      validators = task.outputs.map((ds) => (job.validate ? Schema.decodeUnknownSync(ds.schema) : (u: unknown) => u))
      validatorCache.set(vk, validators)
    }
    const out = runTaskItems(task, contexts.get(job.contextKey), validators, job.batch)
    // The encoded results move to the main thread without a copy.
    parentPort!.postMessage({ id: job.id, ok: true, out }, transferables(out))
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) })
  }
})
