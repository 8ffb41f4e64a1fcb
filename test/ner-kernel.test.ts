import { readdirSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { compileWat } from "../scripts/build-wasm.ts"
import { FEATURES_PER_TOKEN as F, nameList, sentenceFeatures } from "../src/text/ner/features.ts"
import { defaultGazetteer } from "../src/text/ner/gazetteer.ts"
import { tokenize } from "../src/text/ner/index.ts"
import { emissionKernel } from "../src/text/ner/kernel.ts"
import { decodeModel, emissions, NL } from "../src/text/ner/model.ts"
import { mulberry32 } from "../src/text/random.ts"
import { splitSentences } from "../src/text/sentences.ts"

const root = path.resolve(import.meta.dirname, "..")

/** Indices where the kernel's scores differ from the JS loop's, bit for bit (-0 and NaN included). */
const mismatches = (weights: Float32Array, kernel: ReturnType<typeof emissionKernel>, feats: Uint32Array, n: number): Array<number> => {
  const want = new Float32Array(n * NL)
  emissions(weights, feats, n, want)
  const buf = kernel.buffers(n)
  buf.feats.set(feats.subarray(0, n * F))
  kernel.run(n)
  const got = buf.emis
  const out: Array<number> = []
  for (let i = 0; i < n * NL; i++) if (!Object.is(got[i], want[i])) out.push(i)
  return out
}

describe("WebAssembly emission kernel", () => {
  it("the committed emissions.wasm is what emissions.wat compiles to", async () => {
    const built = await compileWat(path.join(root, "src/text/ner/emissions.wat"))
    expect(Buffer.from(built).equals(readFileSync(path.join(root, "src/text/ner/emissions.wasm")))).toBe(true)
  })

  it("gives the JS loop's scores bit for bit on random weights, across buffer growth", () => {
    const rand = mulberry32(7)
    const rows = 1 << 12
    const weights = new Float32Array(rows * NL)
    // Mixed magnitudes and signs, exact zeros and negative zeros, so rounding differences would show.
    for (let i = 0; i < weights.length; i++) {
      const r = rand()
      weights[i] = r % 17 === 0 ? 0 : r % 19 === 0 ? -0 : ((r / 2 ** 32) - 0.5) * 10 ** ((r % 9) - 4)
    }
    const kernel = emissionKernel(weights)
    // 1000 tokens grows the buffers past their first size; shorter sentences after it reuse them.
    for (const n of [1, 7, 255, 256, 1000, 3, 2500, 40]) {
      const feats = new Uint32Array(n * F)
      for (let i = 0; i < feats.length; i++) feats[i] = rand() % rows
      expect(mismatches(weights, kernel, feats, n)).toEqual([])
    }
  })

  it("gives the JS loop's scores bit for bit with the shipped model on the seed articles", () => {
    const model = decodeModel(readFileSync(path.join(root, "models/ner-en.json.gz")))
    const kernel = emissionKernel(model.weights)
    const gaz = defaultGazetteer()
    const lex = model.lexicon && { cluster: new Map(Object.entries(model.lexicon.cluster)), lowerRate: new Map(Object.entries(model.lexicon.lowerRate)) }
    const names = model.lexicon?.names && nameList(Object.entries(model.lexicon.names))
    let tokens = 0
    for (const file of readdirSync(path.join(root, "corpus")).sort()) {
      const text = readFileSync(path.join(root, "corpus", file), "utf8")
      for (const s of splitSentences(text)) {
        const toks = tokenize(text, s.start, s.end).map((t) => t.text)
        if (toks.length === 0) continue
        const feats = new Uint32Array(toks.length * F)
        sentenceFeatures(toks, gaz, lex, (1 << model.bits) - 1, feats, names)
        expect(mismatches(model.weights, kernel, feats, toks.length)).toEqual([])
        tokens += toks.length
      }
    }
    expect(tokens).toBeGreaterThan(1500)
  })

  it("refuses a sentence longer than the buffers it handed out", () => {
    const kernel = emissionKernel(new Float32Array(16 * NL))
    kernel.buffers(10)
    expect(() => kernel.run(100_000)).toThrow(RangeError)
  })
})
