/**
 * The tagger's emission scores in WebAssembly (emissions.wat): 2.1× faster than the JS loop in
 * model.ts on real sentences, with bit-identical scores (same f64 sums in the same order). The
 * weights are copied once into the module's memory, followed by buffers for one sentence's
 * feature ids and scores, which the tagger fills and reads in place. Training keeps the JS loop:
 * its weights change on every update.
 */
import { readFileSync } from "node:fs"
import { FEATURES_PER_TOKEN } from "./features.ts"
import { NL } from "./model.ts"

export interface EmissionKernel {
  /**
   * Feature-id and score buffers for a sentence of `n` tokens: fill `feats`, call `run(n)`, read
   * `emis`. Valid until the next call of `buffers` (a longer sentence may move them).
   */
  readonly buffers: (n: number) => { readonly feats: Uint32Array; readonly emis: Float32Array }
  readonly run: (n: number) => void
}

// The .wat hard-codes the row width and the features per token.
if (FEATURES_PER_TOKEN !== 45 || NL !== 9) throw new Error("emissions.wat assumes 45 features and 9 labels per token: update it and run npm run build:wasm")

// The WebAssembly global as used here (TypeScript's declarations for it come with the DOM library only).
declare const WebAssembly: {
  readonly Module: new(bytes: Uint8Array) => object
  readonly Instance: new(module: object, imports: object) => { readonly exports: Record<string, unknown> }
}
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}

let compiled: object | undefined
const wasmModule = () => (compiled ??= new WebAssembly.Module(readFileSync(new URL("./emissions.wasm", import.meta.url))))

const PAGE = 65536

export function emissionKernel(weights: Float32Array): EmissionKernel {
  const instance = new WebAssembly.Instance(wasmModule(), {})
  const memory = instance.exports["memory"] as WasmMemory
  const emissions = instance.exports["emissions"] as (w: number, feats: number, n: number, out: number) => void
  const featsAt = Math.ceil(weights.byteLength / 16) * 16
  let capacity = 0
  let feats = new Uint32Array(0)
  let emis = new Float32Array(0)
  let emisAt = 0
  const reserve = (n: number) => {
    capacity = Math.max(n, 2 * capacity, 256)
    emisAt = featsAt + capacity * FEATURES_PER_TOKEN * 4
    const bytes = emisAt + capacity * NL * 4
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE))
    // Growing replaces the buffer, so the views are made afresh.
    feats = new Uint32Array(memory.buffer, featsAt, capacity * FEATURES_PER_TOKEN)
    emis = new Float32Array(memory.buffer, emisAt, capacity * NL)
  }
  reserve(256)
  new Float32Array(memory.buffer, 0, weights.length).set(weights)
  return {
    buffers: (n) => {
      if (n > capacity) reserve(n)
      return { feats, emis }
    },
    run: (n) => {
      if (n > capacity) throw new RangeError(`emission kernel: ${n} tokens, buffers for ${capacity}`)
      emissions(0, featsAt, n, emisAt)
    }
  }
}
