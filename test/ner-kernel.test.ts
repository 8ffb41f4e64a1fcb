import { readdirSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { compileWat } from "../scripts/build-wasm.ts"
import { FEATURES_PER_TOKEN as F, modelFeatures, sentenceFeatures } from "../src/text/ner/features.ts"
import { defaultGazetteer } from "../src/text/ner/gazetteer.ts"
import { tokenize } from "../src/text/ner/index.ts"
import { taggerKernel } from "../src/text/ner/kernel.ts"
import { decodeModel, emissions, NL, viterbi } from "../src/text/ner/model.ts"
import { mulberry32 } from "../src/text/random.ts"
import { splitSentences } from "../src/text/sentences.ts"

const root = path.resolve(import.meta.dirname, "..")

/**
 * Where the kernel differs from the JS loops: emission scores compared bit for bit (-0 and NaN
 * included) and decoded labels, as indices into each.
 */
const mismatches = (weights: Float32Array, trans: Float32Array, kernel: ReturnType<typeof taggerKernel>, feats: Uint32Array, n: number) => {
  const wantEmis = new Float32Array(n * NL)
  emissions(weights, feats, n, wantEmis)
  const wantLabels = new Int32Array(n)
  viterbi(wantEmis, trans, n, wantLabels)
  const buf = kernel.buffers(n)
  buf.feats.set(feats.subarray(0, n * F))
  kernel.run(n)
  const emis: Array<number> = []
  for (let i = 0; i < n * NL; i++) if (!Object.is(buf.emis[i], wantEmis[i])) emis.push(i)
  const labels: Array<number> = []
  for (let i = 0; i < n; i++) if (buf.labels[i] !== wantLabels[i]) labels.push(i)
  return { emis, labels }
}
const none = { emis: [], labels: [] }

/** Random values of mixed magnitudes and signs, with exact and negative zeros, so rounding differences would show. */
const randomScores = (rand: () => number, into: Float32Array) => {
  for (let i = 0; i < into.length; i++) {
    const r = rand()
    into[i] = r % 17 === 0 ? 0 : r % 19 === 0 ? -0 : ((r / 2 ** 32) - 0.5) * 10 ** ((r % 9) - 4)
  }
  return into
}

describe("WebAssembly tagger kernel", () => {
  it("the committed kernel.wasm is what kernel.wat compiles to", async () => {
    const built = await compileWat(path.join(root, "src/text/ner/kernel.wat"))
    expect(Buffer.from(built).equals(readFileSync(path.join(root, "src/text/ner/kernel.wasm")))).toBe(true)
  })

  it("gives the JS loops' scores and labels on random weights, across buffer growth", () => {
    const rand = mulberry32(7)
    const rows = 1 << 12
    const weights = randomScores(rand, new Float32Array(rows * NL))
    const trans = randomScores(rand, new Float32Array((NL + 1) * NL))
    const kernel = taggerKernel(weights, trans)
    // 1000 tokens grows the buffers past their first size; shorter sentences after it reuse them.
    for (const n of [1, 2, 7, 255, 256, 1000, 3, 2500, 40]) {
      const feats = new Uint32Array(n * F)
      for (let i = 0; i < feats.length; i++) feats[i] = rand() % rows
      expect(mismatches(weights, trans, kernel, feats, n)).toEqual(none)
    }
  })

  it("breaks ties between equal paths as the JS Viterbi does", () => {
    // All-zero weights and transitions: every allowed path scores 0, so only the tie rule decides.
    const weights = new Float32Array(8 * NL)
    const trans = new Float32Array((NL + 1) * NL)
    const kernel = taggerKernel(weights, trans)
    const feats = new Uint32Array(5 * F).fill(3)
    expect(mismatches(weights, trans, kernel, feats, 5)).toEqual(none)
  })

  it("gives the JS loops' scores and labels with the shipped model on the seed articles", () => {
    const model = decodeModel(readFileSync(path.join(root, "models/ner-en.json.gz")))
    const kernel = taggerKernel(model.weights, model.trans)
    const gaz = defaultGazetteer()
    const { lex, names, mask } = modelFeatures(model)
    let tokens = 0
    for (const file of readdirSync(path.join(root, "corpus")).sort()) {
      const text = readFileSync(path.join(root, "corpus", file), "utf8")
      for (const s of splitSentences(text)) {
        const toks = tokenize(text, s.start, s.end).map((t) => t.text)
        if (toks.length === 0) continue
        const feats = new Uint32Array(toks.length * F)
        sentenceFeatures(toks, gaz, lex, mask, feats, names)
        expect(mismatches(model.weights, model.trans, kernel, feats, toks.length)).toEqual(none)
        tokens += toks.length
      }
    }
    expect(tokens).toBeGreaterThan(1500)
  })

  it("refuses a sentence longer than the buffers it handed out", () => {
    const kernel = taggerKernel(new Float32Array(16 * NL), new Float32Array((NL + 1) * NL))
    kernel.buffers(10)
    expect(() => kernel.run(100_000)).toThrow(RangeError)
  })
})
