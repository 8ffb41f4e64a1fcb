/**
 * Per-document tasks: a pure function of one record from each input dataset (and read-only
 * corpus facts, the context) that gives one output record. Declared as data so the same task
 * runs in the main thread or in worker threads, with the same bytes out.
 *
 * Incremental runs: a task's result for a document is remembered with a trace of what it read
 * from the corpus-wide context (every property read and method call on the traced object, with
 * its result). Next time, the same input lines and a trace that replays to the same results
 * mean the same output, so the work is skipped — even when the context as a whole changed
 * (new documents elsewhere in the corpus). This is the "verifying trace" of build systems.
 */
import type { Dataset } from "./dataset.ts"

export type Trace = Array<readonly [prop: string, args: ReadonlyArray<unknown> | null, result: string]>

export interface DocumentTask<Ctx = unknown, Raw = unknown> {
  readonly name: string
  /** `import.meta.url` of the defining module: the memo's namespace follows its code. */
  readonly source: string
  readonly inputs: ReadonlyArray<Dataset<any>>
  /** One record per document goes to each output. */
  readonly outputs: ReadonlyArray<Dataset<any>>
  /** Turns the structured-cloneable context sent to a worker into what `run` needs. */
  readonly prepare: (raw: Raw) => Ctx
  /** The part of the raw context that is not traced and must match exactly (e.g. thresholds). */
  readonly staticContext: (raw: Raw) => unknown
  /** The object whose reads are traced, and the context with it replaced by a tracing proxy. */
  readonly traced?: {
    readonly target: (ctx: Ctx) => object
    readonly replace: (ctx: Ctx, proxy: object) => Ctx
  }
  readonly run: (ctx: Ctx, inputs: ReadonlyArray<any>) => ReadonlyArray<unknown>
}

/** Declares a task (an identity function that lets TypeScript infer the context types). */
export const documentTask = <Ctx, Raw>(t: DocumentTask<Ctx, Raw>): DocumentTask<Ctx, Raw> => t

const untraced = (what: string) => () => {
  throw new Error(`${what} on a traced context is not recorded, so a remembered result could be stale: read properties instead`)
}

const traceProxy = <T extends object>(target: T, log: Trace): T =>
  new Proxy(target, {
    // Only property reads and method calls are recorded; anything else would escape the trace.
    has: untraced("`in`"),
    ownKeys: untraced("listing keys"),
    getOwnPropertyDescriptor: untraced("inspecting a property"),
    set: untraced("writing"),
    get(t, prop) {
      const v = Reflect.get(t, prop, t) as unknown
      if (typeof prop !== "string") return v
      if (typeof v === "function") {
        return (...args: Array<unknown>) => {
          const r = (v as (...a: Array<unknown>) => unknown).apply(t, args)
          // Arguments are copied now: a caller mutating them later must not change the trace
          // (primitives, the usual case, need no deep copy).
          const copy = args.every((a) => a === null || typeof a !== "object") ? args : JSON.parse(JSON.stringify(args)) as Array<unknown>
          log.push([prop, copy, JSON.stringify(r) ?? "undefined"])
          return r
        }
      }
      log.push([prop, null, JSON.stringify(v) ?? "undefined"])
      return v
    }
  })

/** True when every read recorded in `trace` gives the same result on this context. */
export const replays = (task: DocumentTask<any, any>, ctx: unknown, trace: Trace): boolean => {
  if (task.traced === undefined) return trace.length === 0
  const target = task.traced.target(ctx) as Record<string, unknown>
  for (const [prop, args, result] of trace) {
    const v = target[prop]
    const now = args === null ? v : (v as (...a: Array<unknown>) => unknown).apply(target, [...args])
    if ((JSON.stringify(now) ?? "undefined") !== result) return false
  }
  return true
}

export interface TaskItem {
  readonly lines: ReadonlyArray<string>
  /** A remembered result for these input lines, to reuse if its trace still replays. */
  readonly memo: { readonly trace: Trace; readonly outputs: ReadonlyArray<string> } | null
}

/**
 * A batch's results, encoded to UTF-8 where they were made: a worker thread hands the bytes over
 * (transferred, not copied), and the main thread writes them as they are.
 */
export interface BatchOutput {
  /** Per output dataset: the batch's records as NDJSON, one line per document, in batch order. */
  readonly blocks: ReadonlyArray<Uint8Array>
  /** Per output dataset: each document's line length in bytes, without its newline. */
  readonly lengths: ReadonlyArray<Int32Array>
  /** Per document: its trace as JSON when the work was done (what to remember), null when reused. */
  readonly traces: ReadonlyArray<string | null>
}

/** Every ArrayBuffer of a batch output, to transfer to another thread with it. */
export const transferables = (out: BatchOutput): Array<ArrayBuffer> =>
  [...out.blocks, ...out.lengths].map((a) => a.buffer as ArrayBuffer)

/** The documents' lines of one output dataset as strings (for tests and debugging). */
export const outputLines = (out: BatchOutput, k: number): Array<string> => {
  const lines: Array<string> = []
  const decoder = new TextDecoder()
  let at = 0
  for (const n of out.lengths[k]!) {
    lines.push(decoder.decode(out.blocks[k]!.subarray(at, at + n)))
    at += n + 1
  }
  return lines
}

const encoder = new TextEncoder()
const NEWLINE = 0x0a

// Reused between batches up to this size; a larger batch (huge documents) gets its own buffer,
// so one outlier does not pin its size in memory for the rest of the run.
const SCRATCH_KEPT = 16 * 1024 * 1024
let kept = new Uint8Array(1 << 20)

/** Lines into one NDJSON block, with each line's byte length: one UTF-8 pass, one copy. */
const encodeLines = (lines: ReadonlyArray<string>): { block: Uint8Array; lengths: Int32Array } => {
  let chars = 0
  for (const l of lines) chars += l.length + 1
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  const need = chars * 3
  if (kept.length < need && need <= SCRATCH_KEPT) kept = new Uint8Array(need)
  const scratch = kept.length >= need ? kept : new Uint8Array(need)
  const lengths = new Int32Array(lines.length)
  let at = 0
  lines.forEach((l, i) => {
    const { written } = encoder.encodeInto(l, scratch.subarray(at))
    lengths[i] = written
    at += written
    scratch[at++] = NEWLINE
  })
  return { block: scratch.slice(0, at), lengths }
}

/**
 * Parses raw NDJSON lines, checks they belong to one document, runs the task, validates each
 * output record against its dataset's schema (`validators`), and encodes them.
 */
export const runTaskItems = (
  task: DocumentTask<any, any>,
  ctx: unknown,
  validators: ReadonlyArray<(u: unknown) => unknown>,
  items: ReadonlyArray<TaskItem>
): BatchOutput => {
  const outputs = task.outputs.map((): Array<string> => [])
  const traces = items.map(({ lines, memo }) => {
    if (memo !== null && replays(task, ctx, memo.trace)) {
      memo.outputs.forEach((o, k) => outputs[k]!.push(o))
      return null
    }
    const records = lines.map((l) => JSON.parse(l) as unknown)
    const id = (records[0] as { doc_id?: string }).doc_id
    for (const r of records) {
      if ((r as { doc_id?: string }).doc_id !== id) {
        throw new Error(`inputs out of step: ${id} vs ${(r as { doc_id?: string }).doc_id}`)
      }
    }
    const trace: Trace = []
    const runCtx = task.traced ? task.traced.replace(ctx, traceProxy(task.traced.target(ctx), trace)) : ctx
    task.run(runCtx, records).forEach((r, k) => {
      validators[k]!(r)
      outputs[k]!.push(JSON.stringify(r))
    })
    return JSON.stringify(trace)
  })
  const encoded = outputs.map(encodeLines)
  return { blocks: encoded.map((e) => e.block), lengths: encoded.map((e) => e.lengths), traces }
}
