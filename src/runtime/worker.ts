/**
 * Worker thread entry: runs per-document tasks of the pipeline's stages on batches of raw
 * NDJSON lines. Contexts are prepared once per worker and kept by key.
 */
import { Schema } from "effect"
import { parentPort } from "node:worker_threads"
import { stages } from "../pipeline.ts"
import { type DocumentTask, runTaskItems, type TaskItem } from "./task.ts"

const tasks = new Map<string, DocumentTask<any, any>>()
for (const s of stages) if (s.task !== undefined) tasks.set(s.task.name, s.task)

const contexts = new Map<string, unknown>()
const decoderCache = new Map<string, ReadonlyArray<(u: unknown) => unknown>>()

interface Job {
  readonly id: number
  readonly task: string
  readonly contextKey: string
  readonly context?: unknown
  readonly validate: boolean
  readonly batch: ReadonlyArray<TaskItem>
}

parentPort!.on("message", (job: Job) => {
  try {
    const task = tasks.get(job.task)
    if (task === undefined) throw new Error(`unknown task ${job.task}`)
    if (job.context !== undefined) contexts.set(job.contextKey, task.prepare(job.context))
    const dk = `${job.task}:${job.validate}`
    let decoders = decoderCache.get(dk)
    if (decoders === undefined) {
      decoders = task.outputs.map((ds) => (job.validate ? Schema.decodeUnknownSync(ds.schema) : (u: unknown) => u))
      decoderCache.set(dk, decoders)
    }
    const out = runTaskItems(task, contexts.get(job.contextKey), decoders, job.batch)
    parentPort!.postMessage({ id: job.id, ok: true, out })
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, error: e instanceof Error ? e.message : String(e) })
  }
})
