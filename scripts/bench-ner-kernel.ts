// The NER tagger kernel, WebAssembly (src/text/ner/kernel.ts: emission scores + Viterbi) against the JS
// loops it replaced (model.ts `emissions` and `viterbi`), in one process on the same sentences:
// `node scripts/bench-ner-kernel.ts`. Also times feature extraction (features.ts), the step before.
//
//   --n N      articles (default 1000), spread evenly over ../shared/corpus/*/*.jsonl.gz; without
//              ../shared, the seed articles of corpus/
//   --reps R   timed passes per kernel, alternating, the median is reported (default 10)
//
// Feature ids are computed once, untimed, with the shipped model; both kernels then score every
// sentence, and the scores (bit for bit) and labels are compared before timing.
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { parseArgs } from "node:util"
import { FEATURES_PER_TOKEN as F, modelFeatures, sentenceFeatures } from "../src/text/ner/features.ts"
import { defaultGazetteer } from "../src/text/ner/gazetteer.ts"
import { tokenize } from "../src/text/ner/index.ts"
import { taggerKernel } from "../src/text/ner/kernel.ts"
import { decodeModel, emissions, NL, viterbi } from "../src/text/ner/model.ts"
import { splitSentences } from "../src/text/sentences.ts"
import { sharedArticleTexts } from "./shared-articles.ts"

const ROOT = path.resolve(import.meta.dirname, "..")
const { values: opts } = parseArgs({ options: { n: { type: "string", default: "1000" }, reps: { type: "string", default: "10" } } })
const N = Number(opts.n)
const REPS = Number(opts.reps)

// Without ../shared, the seed articles.
const articles = (): Array<string> => {
  const shared = sharedArticleTexts(N)
  return shared.length > 0 ? shared : readdirSync(path.join(ROOT, "corpus")).sort().map((f) => readFileSync(path.join(ROOT, "corpus", f), "utf8"))
}

const model = decodeModel(readFileSync(path.join(ROOT, "models/ner-en.json.gz")))
const gaz = defaultGazetteer()
const { lex, names, mask } = modelFeatures(model)
const sentences: Array<{ readonly feats: Uint32Array; readonly n: number }> = []
const tokenLists: Array<ReadonlyArray<string>> = []
let tokens = 0
const texts = articles()
for (const text of texts) {
  for (const s of splitSentences(text)) {
    const toks = tokenize(text, s.start, s.end).map((t) => t.text)
    if (toks.length === 0) continue
    const feats = new Uint32Array(toks.length * F)
    sentenceFeatures(toks, gaz, lex, mask, feats, names)
    sentences.push({ feats, n: toks.length })
    tokenLists.push(toks)
    tokens += toks.length
  }
}
// Feature extraction, the step before the kernel, into one reused buffer (the tagger's way).
let featureBuffer = new Uint32Array(0)
const features = () => {
  for (const toks of tokenLists) {
    if (featureBuffer.length < toks.length * F) featureBuffer = new Uint32Array(toks.length * F * 2)
    sentenceFeatures(toks, gaz, lex, mask, featureBuffer, names)
  }
}

const kernel = taggerKernel(model.weights, model.trans)
let out = new Float32Array(0)
let labels = new Int32Array(0)
const js = () => {
  for (const { feats, n } of sentences) {
    if (labels.length < n) {
      out = new Float32Array(n * NL)
      labels = new Int32Array(n)
    }
    emissions(model.weights, feats, n, out)
    viterbi(out, model.trans, n, labels)
  }
}
const wasm = () => {
  for (const { feats, n } of sentences) {
    kernel.buffers(n).feats.set(feats)
    kernel.run(n)
  }
}

let differing = 0
let labelsDiffering = 0
for (const { feats, n } of sentences) {
  const want = new Float32Array(n * NL)
  emissions(model.weights, feats, n, want)
  const wantLabels = new Int32Array(n)
  viterbi(want, model.trans, n, wantLabels)
  const got = kernel.buffers(n)
  got.feats.set(feats)
  kernel.run(n)
  for (let i = 0; i < n * NL; i++) if (!Object.is(got.emis[i], want[i])) differing++
  for (let i = 0; i < n; i++) if (got.labels[i] !== wantLabels[i]) labelsDiffering++
}

const times = { js: [] as Array<number>, wasm: [] as Array<number>, features: [] as Array<number> }
const passes = { js, wasm, features }
for (let r = 0; r < REPS; r++) {
  for (const k of r % 2 === 0 ? (["js", "wasm", "features"] as const) : (["features", "wasm", "js"] as const)) {
    const t0 = performance.now()
    passes[k]()
    times[k].push(performance.now() - t0)
  }
}
const median = (xs: Array<number>) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const [a, b, f] = [median(times.js), median(times.wasm), median(times.features)]
console.log(`${texts.length} articles, ${sentences.length} sentences, ${tokens} tokens; scores differing bit for bit: ${differing}, labels differing: ${labelsDiffering}`)
console.log(`JS loops ${a.toFixed(0)} ms (${(a * 1e6 / tokens).toFixed(0)} ns/token); WebAssembly ${b.toFixed(0)} ms (${(b * 1e6 / tokens).toFixed(0)} ns/token, copying feature ids in included); WebAssembly / JS = ${(b / a).toFixed(3)}`)
console.log(`feature extraction (sentenceFeatures) ${f.toFixed(0)} ms (${(f * 1e6 / tokens).toFixed(0)} ns/token) = ${(f / b).toFixed(2)}× the WebAssembly kernel`)
if (differing + labelsDiffering > 0) process.exitCode = 1
