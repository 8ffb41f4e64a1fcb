/**
 * Structured averaged-perceptron model over BIO2 labels: hashed emission weights
 * (bucket × label, Float32Array) + label-transition weights, decoded with Viterbi restricted to valid
 * BIO transitions; forward–backward marginals give per-token confidences.
 * Serialised as gzipped JSON with int8-quantised non-zero rows (per-row scale) and delta-coded indices.
 */
import { gunzipSync, gzipSync } from "node:zlib"
import { FEATURES_PER_TOKEN } from "./features.ts"

export const LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"] as const
export const NL = LABELS.length
export type Label = (typeof LABELS)[number]

/** allowed[prev * NL + cur]; prev = NL means sentence start. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((NL + 1) * NL)
  for (let p = 0; p <= NL; p++) {
    for (let c = 0; c < NL; c++) {
      const cl = LABELS[c]!
      if (!cl.startsWith("I-")) {
        a[p * NL + c] = 1
        continue
      }
      if (p === NL) continue
      const pl = LABELS[p]!
      a[p * NL + c] = pl !== "O" && pl.slice(2) === cl.slice(2) ? 1 : 0
    }
  }
  return a
})()

export interface NerModel {
  readonly bits: number
  readonly weights: Float32Array // (1 << bits) * NL
  readonly trans: Float32Array // (NL + 1) * NL, row NL = start
  /** words seen lower-cased in raw text etc. (optional lexicon payload) */
  readonly lexicon?: {
    readonly cluster: Record<string, number>
    readonly lowerRate: Record<string, number>
    /** entity names seen in the training data → majority type (0 PER, 1 ORG, 2 LOC, 3 MISC) */
    readonly names?: Record<string, number>
  }
}

/** Emission scores for n tokens given their feature ids. */
export function emissions(w: Float32Array, feats: Uint32Array, n: number, out: Float32Array): void {
  const F = FEATURES_PER_TOKEN
  for (let i = 0; i < n; i++) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0
    const base = i * F
    for (let k = 0; k < F; k++) {
      const r = feats[base + k]! * NL
      s0 += w[r]!
      s1 += w[r + 1]!
      s2 += w[r + 2]!
      s3 += w[r + 3]!
      s4 += w[r + 4]!
      s5 += w[r + 5]!
      s6 += w[r + 6]!
      s7 += w[r + 7]!
      s8 += w[r + 8]!
    }
    const o = i * NL
    out[o] = s0
    out[o + 1] = s1
    out[o + 2] = s2
    out[o + 3] = s3
    out[o + 4] = s4
    out[o + 5] = s5
    out[o + 6] = s6
    out[o + 7] = s7
    out[o + 8] = s8
  }
}

/** Best valid label sequence. */
export function viterbi(emis: Float32Array, trans: Float32Array | Float64Array, n: number, out: Int32Array): void {
  if (n === 0) return
  const score = new Float64Array(n * NL)
  const back = new Int32Array(n * NL)
  for (let c = 0; c < NL; c++) {
    score[c] = ALLOWED[NL * NL + c] ? emis[c]! + trans[NL * NL + c]! : -Infinity
  }
  for (let i = 1; i < n; i++) {
    for (let c = 0; c < NL; c++) {
      let best = -Infinity
      let arg = 0
      for (let p = 0; p < NL; p++) {
        if (!ALLOWED[p * NL + c]) continue
        const s = score[(i - 1) * NL + p]! + trans[p * NL + c]!
        if (s > best) {
          best = s
          arg = p
        }
      }
      score[i * NL + c] = best + emis[i * NL + c]!
      back[i * NL + c] = arg
    }
  }
  let best = -Infinity
  let arg = 0
  for (let c = 0; c < NL; c++) {
    const s = score[(n - 1) * NL + c]!
    if (s > best) {
      best = s
      arg = c
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg
    arg = back[i * NL + arg]!
  }
}

/**
 * Per-token marginal probability of each label, for one model: scaled forward–backward in the probability domain
 * on exp(score / temperature), each position's emission shifted by its max to avoid overflow. The transition
 * factors are computed once and the buffers reused, so a call costs only the two passes (the tagger calls it for
 * every sentence with a name in it). The array returned (label c of token i at i * NL + c) is overwritten by the
 * next call.
 */
export function marginalsFor(trans: Float32Array, temperature: number): (emis: Float32Array, n: number) => Float64Array {
  const t = 1 / temperature
  const T = new Float64Array((NL + 1) * NL)
  for (let i = 0; i < T.length; i++) T[i] = ALLOWED[i] ? Math.exp(trans[i]! * t) : 0
  let E = new Float64Array(0), alpha = E, beta = E, out = E
  return (emis, n) => {
    if (E.length < n * NL) {
      const size = Math.max(n, 64) * NL
      E = new Float64Array(size); alpha = new Float64Array(size); beta = new Float64Array(size); out = new Float64Array(size)
    }
    for (let i = 0; i < n; i++) {
      let mx = -Infinity
      for (let c = 0; c < NL; c++) mx = Math.max(mx, emis[i * NL + c]!)
      for (let c = 0; c < NL; c++) E[i * NL + c] = Math.exp((emis[i * NL + c]! - mx) * t)
    }
    let z = 0
    for (let c = 0; c < NL; c++) z += alpha[c] = T[NL * NL + c]! * E[c]!
    for (let c = 0; c < NL; c++) alpha[c]! /= z
    for (let i = 1; i < n; i++) {
      z = 0
      for (let c = 0; c < NL; c++) {
        let s = 0
        for (let p = 0; p < NL; p++) s += alpha[(i - 1) * NL + p]! * T[p * NL + c]!
        z += alpha[i * NL + c] = s * E[i * NL + c]!
      }
      for (let c = 0; c < NL; c++) alpha[i * NL + c]! /= z
    }
    for (let c = 0; c < NL; c++) beta[(n - 1) * NL + c] = 1
    for (let i = n - 2; i >= 0; i--) {
      z = 0
      for (let p = 0; p < NL; p++) {
        let s = 0
        for (let c = 0; c < NL; c++) s += T[p * NL + c]! * E[(i + 1) * NL + c]! * beta[(i + 1) * NL + c]!
        z += beta[i * NL + p] = s
      }
      for (let p = 0; p < NL; p++) beta[i * NL + p]! /= z
    }
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let c = 0; c < NL; c++) s += out[i * NL + c] = alpha[i * NL + c]! * beta[i * NL + c]!
      for (let c = 0; c < NL; c++) out[i * NL + c]! /= s
    }
    return out
  }
}

// ---- serialisation ----

interface ModelFile {
  readonly format: "broadsheet-ner-v1"
  readonly bits: number
  readonly featuresPerToken: number
  readonly labels: ReadonlyArray<string>
  readonly trans: ReadonlyArray<number>
  /** base64 of LEB128 varint deltas between kept bucket indices */
  readonly rowIndex: string
  /** base64 of Float32 per-row scale */
  readonly rowScale: string
  /** base64 of Int8 quantised weights, NL per kept row */
  readonly rowValues: string
  readonly lexicon?: NerModel["lexicon"]
}

/** Serialises, dropping rows whose largest |weight| is below `minAbs`. */
export function encodeModel(m: NerModel, minAbs: number): Buffer {
  const rows = 1 << m.bits
  const idx: number[] = []
  const scales: number[] = []
  const vals: number[] = []
  let prev = -1
  const bytes: number[] = []
  for (let r = 0; r < rows; r++) {
    let mx = 0
    for (let c = 0; c < NL; c++) mx = Math.max(mx, Math.abs(m.weights[r * NL + c]!))
    if (mx < minAbs) continue
    idx.push(r)
    let d = r - prev
    prev = r
    while (d >= 0x80) {
      bytes.push((d & 0x7f) | 0x80)
      d >>>= 7
    }
    bytes.push(d)
    const scale = mx / 127
    scales.push(scale)
    for (let c = 0; c < NL; c++) vals.push(Math.round(m.weights[r * NL + c]! / scale))
  }
  const file: ModelFile = {
    format: "broadsheet-ner-v1",
    bits: m.bits,
    featuresPerToken: FEATURES_PER_TOKEN,
    labels: [...LABELS],
    trans: [...m.trans].map((x) => Math.round(x * 1e4) / 1e4),
    rowIndex: Buffer.from(Uint8Array.from(bytes)).toString("base64"),
    rowScale: Buffer.from(Float32Array.from(scales).buffer).toString("base64"),
    rowValues: Buffer.from(Int8Array.from(vals).buffer).toString("base64"),
    ...(m.lexicon !== undefined ? { lexicon: m.lexicon } : {}),
  }
  return gzipSync(Buffer.from(JSON.stringify(file)), { level: 9 })
}

export function decodeModel(gz: Uint8Array): NerModel {
  const file = JSON.parse(gunzipSync(gz).toString("utf8")) as ModelFile
  if (file.format !== "broadsheet-ner-v1") throw new Error("unknown NER model format")
  if (file.featuresPerToken !== FEATURES_PER_TOKEN || file.labels.join() !== LABELS.join()) {
    throw new Error("NER model does not match this feature extractor; retrain with npm run train:ner")
  }
  const weights = new Float32Array((1 << file.bits) * NL)
  const ib = Buffer.from(file.rowIndex, "base64")
  const sb = Buffer.from(file.rowScale, "base64")
  const vb = Buffer.from(file.rowValues, "base64")
  const scales = new Float32Array(sb.buffer.slice(sb.byteOffset, sb.byteOffset + sb.byteLength))
  const vals = new Int8Array(vb.buffer.slice(vb.byteOffset, vb.byteOffset + vb.byteLength))
  let pos = 0
  let r = -1
  for (let k = 0; k < scales.length; k++) {
    let d = 0
    let shift = 0
    for (;;) {
      const b = ib[pos++]!
      d |= (b & 0x7f) << shift
      if ((b & 0x80) === 0) break
      shift += 7
    }
    r += d
    const s = scales[k]!
    for (let c = 0; c < NL; c++) weights[r * NL + c] = vals[k * NL + c]! * s
  }
  const out: NerModel = { bits: file.bits, weights, trans: Float32Array.from(file.trans) }
  return file.lexicon !== undefined ? { ...out, lexicon: file.lexicon } : out
}
