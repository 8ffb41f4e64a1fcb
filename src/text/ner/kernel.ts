/**
 * The tagger's hot loops in WebAssembly (kernel.wat): emission scores (0.41× the time of the JS loop
 * on real sentences) and Viterbi decoding, both bit-identical to their JS references in model.ts
 * (same f64 arithmetic in the same order). The weights and transitions are copied once into the
 * module's memory, followed by buffers for one sentence, which the tagger fills and reads in place.
 * Training keeps the JS loops: its weights change on every update.
 */
import { readFileSync } from "node:fs"
import { FEATURES_PER_TOKEN } from "./features.ts"
import { ALLOWED, NL } from "./model.ts"

export interface SentenceBuffers {
  /** Feature ids to fill: FEATURES_PER_TOKEN per token. */
  readonly feats: Uint32Array
  /** Emission scores, NL per token, after `run`. */
  readonly emis: Float32Array
  /** The best label of each token, after `run`. */
  readonly labels: Int32Array
}

export interface TaggerKernel {
  /** Buffers for a sentence of `n` tokens, valid until the next call (a longer sentence may move them). */
  readonly buffers: (n: number) => SentenceBuffers
  /** Scores the `n` tokens whose feature ids are in the buffers, then decodes their labels. */
  readonly run: (n: number) => void
}

// kernel.wat hard-codes the label count and the features per token.
if (FEATURES_PER_TOKEN !== 45 || NL !== 9) throw new Error("kernel.wat assumes 45 features and 9 labels per token: update it and run npm run build:wasm")

// The WebAssembly global as used here (TypeScript declares it with the DOM library only).
declare const WebAssembly: {
  readonly Module: new(bytes: Uint8Array) => object
  readonly Instance: new(module: object, imports: object) => { readonly exports: Record<string, unknown> }
}
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
type Emissions = (w: number, feats: number, n: number, out: number) => void
type Viterbi = (emis: number, trans: number, allowed: number, n: number, score: number, back: number, out: number) => void

let compiled: object | undefined
const wasmModule = () => (compiled ??= new WebAssembly.Module(readFileSync(new URL("./kernel.wasm", import.meta.url))))

const PAGE = 65536
const align = (x: number) => Math.ceil(x / 16) * 16

export function taggerKernel(weights: Float32Array, trans: Float32Array): TaggerKernel {
  if (trans.length !== (NL + 1) * NL) throw new Error(`tagger kernel: ${trans.length} transition scores, expected ${(NL + 1) * NL}`)
  const instance = new WebAssembly.Instance(wasmModule(), {})
  const memory = instance.exports["memory"] as WasmMemory
  const emissions = instance.exports["emissions"] as Emissions
  const viterbi = instance.exports["viterbi"] as Viterbi
  // Layout: weights | transitions (f64) | allowed (bytes) | then per sentence: feats | emis | score | back | labels.
  const transAt = align(weights.byteLength)
  const allowedAt = align(transAt + trans.length * 8)
  const sentenceAt = align(allowedAt + ALLOWED.length)
  // Buffers for sentences of up to `capacity` tokens, after the fixed part. Growing the memory
  // replaces its buffer, so the views are made afresh each time.
  const sentenceBuffers = (capacity: number) => {
    const emisAt = align(sentenceAt + capacity * FEATURES_PER_TOKEN * 4)
    const scoreAt = align(emisAt + capacity * NL * 4)
    const backAt = align(scoreAt + capacity * NL * 8)
    const labelsAt = align(backAt + capacity * NL * 4)
    const end = labelsAt + capacity * 4
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE))
    const views: SentenceBuffers = {
      feats: new Uint32Array(memory.buffer, sentenceAt, capacity * FEATURES_PER_TOKEN),
      emis: new Float32Array(memory.buffer, emisAt, capacity * NL),
      labels: new Int32Array(memory.buffer, labelsAt, capacity)
    }
    return { capacity, emisAt, scoreAt, backAt, labelsAt, views }
  }
  let buf = sentenceBuffers(256)
  new Float32Array(memory.buffer, 0, weights.length).set(weights)
  new Float64Array(memory.buffer, transAt, trans.length).set(trans)
  new Uint8Array(memory.buffer, allowedAt, ALLOWED.length).set(ALLOWED)
  return {
    buffers: (n) => {
      if (n > buf.capacity) buf = sentenceBuffers(Math.max(n, 2 * buf.capacity))
      return buf.views
    },
    run: (n) => {
      if (n > buf.capacity) throw new RangeError(`tagger kernel: ${n} tokens, buffers for ${buf.capacity}`)
      emissions(0, sentenceAt, n, buf.emisAt)
      viterbi(buf.emisAt, transAt, allowedAt, n, buf.scoreAt, buf.backAt, buf.labelsAt)
    }
  }
}
