/**
 * A small pool of worker threads for CPU-bound per-document work. Batches go to the least busy
 * worker; results come back in input order (the stream keeps order), so the output bytes do not
 * depend on the number of workers. With one worker everything runs in the main thread, and so does
 * work over too few documents to repay starting a thread (`forDocuments`).
 */
import { Context, Effect, Layer, Schema, Semaphore } from "effect"
import { Worker } from "node:worker_threads"
import { StageError } from "../errors.ts"
import { type DatasetError, type ExportError, type FileError } from "../errors.ts"
import type { DatasetStore } from "./dataset.ts"
import type { Files } from "./files.ts"
import { decodeError, type EncodedError, type Job } from "./job.ts"
import { type BatchOutput, type DocumentTask, runTaskItems, type TaskItem } from "./task.ts"

export interface WorkersService {
  readonly size: number
  /** Runs one batch of a per-document task; outputs in the batch's order. */
  readonly run: (
    task: DocumentTask<any, any>,
    contextKey: string,
    context: unknown,
    validate: boolean,
    batch: ReadonlyArray<TaskItem>
  ) => Effect.Effect<BatchOutput, StageError>
  /**
   * Runs a whole-stage job: in a worker thread (over the datasets of `workDir`) when there is a
   * pool, else here with this thread's services.
   */
  readonly job: <I, O, E>(j: Job<I, O, E>, input: I, workDir: string) => Effect.Effect<O, E | JobError, DatasetStore | Files>
  /** Stops the worker threads that have nothing to do, freeing their memory; new work starts new ones. */
  readonly release: Effect.Effect<void>
  /**
   * The pool, or this thread alone for work over fewer than `factor` × the pool's minimum documents
   * (`worker_min_documents`): starting a worker thread (its modules, models and a cold JIT) would
   * cost more than it saves. An unknown count (null) gets the pool.
   */
  readonly forDocuments: (documents: number | null, factor?: number) => WorkersService
}

export class Workers extends Context.Service<Workers, WorkersService>()("broadsheet/runtime/Workers") {
  /**
   * `heapMb`: old-generation limit of each worker thread (0 = none); `minDocuments`: see
   * `forDocuments` (0 = the pool for any work).
   */
  static readonly layer = (size: number, heapMb = 0, minDocuments = 0) =>
    Layer.effect(
      Workers,
      size <= 1
        ? Effect.sync(inProcess)
        : Effect.acquireRelease(Effect.sync(() => threadPool(size, heapMb, minDocuments)), (p) => Effect.promise(() => p.close())).pipe(Effect.map((p) => p.service))
    )
}

/** What a job run in a worker thread can fail with, rebuilt as typed values. */
export type JobError = FileError | DatasetError | ExportError | StageError

const inProcess = (): WorkersService => {
  const prepared = new Map<string, unknown>()
  const decoders = new Map<string, ReadonlyArray<(u: unknown) => unknown>>()
  const service: WorkersService = {
    size: 1,
    run: (task, contextKey, context, validate, batch) =>
      Effect.try({
        try: () => {
          if (!prepared.has(contextKey)) prepared.set(contextKey, task.prepare(context))
          const dk = `${task.name}:${validate}`
          let d = decoders.get(dk)
          if (d === undefined) {
            d = task.outputs.map((ds) => (validate ? Schema.decodeUnknownSync(ds.schema) : (u: unknown) => u))
            decoders.set(dk, d)
          }
          return runTaskItems(task, prepared.get(contextKey), d, batch)
        },
        catch: (e) => new StageError({ stage: task.name, message: e instanceof Error ? e.message : String(e) })
      }),
    job: (j, input) => j.run(input),
    // A context is keyed by one stage's run: one dropped while that stage still runs is prepared again.
    release: Effect.sync(() => prepared.clear()),
    forDocuments: () => service
  }
  return service
}

interface Pending {
  readonly resolve: (out: any) => void
  readonly reject: (e: Error) => void
}

const OUT_OF_MEMORY = "ERR_WORKER_OUT_OF_MEMORY"
const outOfMemory = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === OUT_OF_MEMORY
// What a batch or job whose worker ran out of heap resolves to: it is then run in the main thread.
const RERUN_HERE = Symbol("rerun here")
const rerunWarning = (what: string) =>
  Effect.logWarning(`${what}: a worker thread ran out of heap (worker_heap_mb); its work is done again in the main thread`)

const threadPool = (size: number, heapMb: number, minDocuments: number) => {
  // Runs what a worker could not hold (a huge document under the heap limit): same code, same bytes.
  let here: WorkersService | undefined
  const local = () => (here ??= inProcess())
  // Started on demand and retired when idle (`release`): an idle worker keeps its whole heap
  // (models, garbage) while other stages run, ~0.5 GB each on large corpora.
  const workers: Array<Worker | null> = Array.from({ length: size }, () => null)
  const busy = workers.map(() => 0)
  const seen = workers.map(() => new Set<string>())
  const pending = new Map<number, Pending & { readonly worker: number }>()
  const dead = workers.map(() => false)
  // A worker that dies fails its own batches (and the run), never silently hangs it. One that ran
  // out of heap is replaced on demand; its batches are run again in the main thread.
  const fail = (i: number, e: Error) => {
    if (outOfMemory(e)) {
      workers[i] = null
      busy[i] = 0
    } else dead[i] = true
    for (const [id, p] of pending) {
      if (p.worker !== i) continue
      pending.delete(id)
      p.reject(e)
    }
  }
  let nextId = 0
  let closing = false
  const start = (i: number): Worker => {
    const w = new Worker(new URL("./worker.ts", import.meta.url), heapMb > 0 ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {})
    w.on("message", (m: { id: number; ok: boolean; out?: unknown; error?: string }) => {
      busy[i]!--
      const p = pending.get(m.id)
      pending.delete(m.id)
      if (m.ok) p?.resolve(m.out)
      else p?.reject(new Error(m.error))
    })
    // Events of a retired worker (terminated on purpose) are not failures.
    w.on("error", (e: Error) => workers[i] === w && fail(i, e))
    w.on("exit", (code) => {
      if (!closing && workers[i] === w) fail(i, new Error(`worker thread ${i} exited with code ${code}`))
    })
    workers[i] = w
    seen[i] = new Set()
    return w
  }
  /** Sends a message to the least busy live worker; `message` gets the worker's index. */
  const post = <A>(message: (id: number, worker: number) => object) =>
    new Promise<A>((resolve, reject) => {
      let i = -1
      for (let k = 0; k < size; k++) if (!dead[k] && (i === -1 || busy[k]! < busy[i]!)) i = k
      if (i === -1) return reject(new Error("every worker thread has died"))
      const id = nextId++
      pending.set(id, { resolve, reject, worker: i })
      busy[i]!++
      ;(workers[i] ?? start(i)).postMessage(message(id, i))
    })
  const orRerun = <A>(p: Promise<A>): Promise<A | typeof RERUN_HERE> => p.catch((e: unknown) => (outOfMemory(e) ? RERUN_HERE : Promise.reject(e)))
  // One job per thread at a time, handed to whichever frees up first: jobs differ in size, and
  // fixing their thread when posted could put the two largest on the same one.
  const jobSlots = Semaphore.makeUnsafe(size)
  const service: WorkersService = {
    size,
    forDocuments: (documents, factor = 1) => (documents !== null && documents < minDocuments * factor ? local() : service),
    run: (task, contextKey, context, validate, batch) =>
      Effect.tryPromise({
        try: () =>
          orRerun(post<BatchOutput>((id, i) => {
            const first = !seen[i]!.has(contextKey)
            seen[i]!.add(contextKey)
            return { kind: "task", id, task: task.name, source: task.source, contextKey, validate, batch, ...(first ? { context } : {}) }
          })),
        catch: (e) => new StageError({ stage: task.name, message: e instanceof Error ? e.message : String(e) })
      }).pipe(Effect.flatMap((r) => (r === RERUN_HERE ? rerunWarning(task.name).pipe(Effect.andThen(local().run(task, contextKey, context, validate, batch))) : Effect.succeed(r)))),
    job: <I, O, E>(j: Job<I, O, E>, input: I, workDir: string) =>
      Effect.tryPromise({
        try: () => orRerun(post<{ ok: true; out: O } | { ok: false; error: EncodedError }>((id) => ({ kind: "job", id, job: j.name, source: j.source, input, workDir }))),
        catch: (e) => new StageError({ stage: j.name, message: e instanceof Error ? e.message : String(e) })
      }).pipe(
        jobSlots.withPermits(1),
        Effect.flatMap((r) =>
          r === RERUN_HERE ? rerunWarning(j.name).pipe(Effect.andThen(local().job(j, input, workDir))) : r.ok ? Effect.succeed(r.out) : Effect.fail(decodeError(j.name, r.error) as E | JobError)
        )
      ),
    release: Effect.andThen(Effect.suspend(() => here?.release ?? Effect.void), Effect.promise(() => {
      const idle = workers.flatMap((w, i) => (w !== null && busy[i] === 0 && !dead[i] ? [i] : []))
      return Promise.all(idle.map((i) => {
        const w = workers[i]!
        workers[i] = null
        return w.terminate()
      })).then(() => undefined)
    }))
  }
  return {
    service,
    close: () => {
      closing = true
      return Promise.all(workers.map((w) => w?.terminate())).then(() => undefined)
    }
  }
}
