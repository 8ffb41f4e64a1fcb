/**
 * Hashed feature extraction for the NER tagger. Every token gets exactly FEATURES_PER_TOKEN feature
 * ids (bucket indices into a fixed-size weight table), computed from per-token attribute hashes that are
 * combined with integer mixing (no string concatenation), which keeps extraction fast.
 */
import {
  G_CITY, G_COUNTRY, G_DEMONYM, G_FIRST_NAME, G_LOC_CUE, G_MISC_CUE, G_MULTI_I, G_ORG_CUE, G_ORG_SUFFIX,
  G_PER_TITLE, G_REGION, type Gazetteer,
} from "./gazetteer.ts"
import type { NerModel } from "./model.ts"
import { type PhraseIndex, phraseIndex } from "./phrases.ts"

export const FEATURES_PER_TOKEN = 45

/** Optional per-word lexical classes learned from raw text (see scripts/train-ner.ts). */
export interface Lexicon {
  /** lower-cased word → cluster path (distributional class: 1 marker bit + 4/3/3/3 bits, coarse to fine) */
  readonly cluster: ReadonlyMap<string, number>
  /** word (original case) → bucket of how often it is seen lower-cased in raw text (0..4), absent = unseen */
  readonly lowerRate: ReadonlyMap<string, number>
}

/**
 * Names seen as entities in the training data, with the majority type (0 PER, 1 ORG, 2 LOC, 3 MISC).
 * Matched case-sensitively, longest match left to right.
 */
export type NameList = PhraseIndex<number>

/** Builds a NameList from "token token …" → type entries. */
export function nameList(entries: Iterable<readonly [string, number]>): NameList {
  return phraseIndex(Array.from(entries, ([name, type]) => [name.split(" "), type] as const))
}

/** What feature extraction needs from a trained model: its lexicon and training names as lookups, and its bucket mask. */
export interface ModelFeatures {
  readonly lex: Lexicon | undefined
  readonly names: NameList | undefined
  readonly mask: number
}

export function modelFeatures(model: Pick<NerModel, "bits" | "lexicon">): ModelFeatures {
  const l = model.lexicon
  return {
    lex: l && { cluster: new Map(Object.entries(l.cluster)), lowerRate: new Map(Object.entries(l.lowerRate)) },
    names: l?.names && nameList(Object.entries(l.names)),
    mask: (1 << model.bits) - 1,
  }
}

/** Per token: 0 = no known name, else 1 + type * 2 + (0 first token / 1 later token). */
function nameTags(tokens: ReadonlyArray<string>, names: NameList | undefined): Uint8Array {
  const n = tokens.length
  const out = new Uint8Array(n)
  if (names === undefined) return out
  for (let i = 0; i < n; i++) {
    const m = names.match(tokens, i)
    if (m === undefined) continue
    out[i] = 1 + m.value * 2
    for (let k = 1; k < m.length; k++) out[i + k] = 2 + m.value * 2
    i += m.length - 1
  }
  return out
}

export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

// Returns the 32 bits as a signed int32 (`| 0`, not `>>> 0`): V8 keeps int32s unboxed, while an
// unsigned result above 2^31 is a heap number allocated per call. Callers only mask, shift (>>>)
// or store into Uint32Arrays, which see the same bits either way.
function mix(a: number, b: number): number {
  let h = a ^ Math.imul(b, 0x9e3779b1)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

/** Normalises curly quotes and digits so variants share features. */
export function normalizeWord(w: string): string {
  return w.replace(/[’‘`]/g, "'").replace(/[“”]/g, '"').replace(/\d/g, "0")
}

function shapeOf(w: string, collapse: boolean): string {
  let out = ""
  let last = ""
  let run = 0
  for (let i = 0; i < w.length && out.length < 12; i++) {
    const c = w[i]!
    let k: string
    if (c >= "a" && c <= "z") k = "x"
    else if (c >= "A" && c <= "Z") k = "X"
    else if (c >= "0" && c <= "9") k = "d"
    else if (c.toLowerCase() !== c) k = "X"
    else if (c.toUpperCase() !== c) k = "x"
    else k = c
    if (k === last) {
      run++
      if (collapse || run >= 3) continue
    } else {
      run = 0
    }
    last = k
    out += k
  }
  return out
}

const PAD_HASH = fnv1a("<PAD>")
const BIAS = mix(1, 0)

function isCapitalised(w: string): boolean {
  const c = w.charAt(0)
  return c.toLowerCase() !== c
}

// Per-word attributes, cached by surface form (pure function of the word, so caching is deterministic).
// Layout: 0 hW, 1 hL, 2 hS(short shape), 3 hShapeLong, 4-6 prefixes 1-3, 7-10 suffixes 1-4, 11 bits
// (1 = starts with a letter, 2 = capitalised), 12 lower-case rate bucket, 13 cluster; then the unmasked
// ids of the features that depend on the word alone (WORD_ONLY order), mixed once per word.
const INFO = 14
const WORD_ONLY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 32, 40, 41] as const
let cacheLex: Lexicon | undefined
const cache = new Map<string, Uint32Array>()

function wordInfo(tok: string, lex: Lexicon | undefined): Uint32Array {
  if (cacheLex !== lex) {
    cache.clear()
    cacheLex = lex
  }
  let a = cache.get(tok)
  if (a !== undefined) return a
  a = new Uint32Array(INFO + WORD_ONLY.length)
  const w = /[’‘`“”\d]/.test(tok) ? normalizeWord(tok) : tok
  const l = w.toLowerCase()
  a[0] = fnv1a(w)
  a[1] = fnv1a(l)
  a[2] = fnv1a(shapeOf(w, true))
  a[3] = fnv1a(shapeOf(w, false))
  a[4] = fnv1a(w.slice(0, 1))
  a[5] = fnv1a(w.slice(0, 2))
  a[6] = fnv1a(w.slice(0, 3))
  a[7] = fnv1a(l.slice(-1))
  a[8] = fnv1a(l.slice(-2))
  a[9] = fnv1a(l.slice(-3))
  a[10] = fnv1a(l.slice(-4))
  a[11] = (/^\p{L}/u.test(w) ? 1 : 0) | (isCapitalised(w) ? 2 : 0)
  a[12] = lex === undefined ? 7 : (lex.lowerRate.get(l) ?? 6)
  const cl = lex?.cluster.get(l)
  a[13] = cl === undefined ? 0x7fffffff : cl
  const cap = (a[11]! >>> 1) & 1
  const ids = [
    mix(2, a[0]!), mix(3, a[1]!), mix(4, a[2]!), mix(5, a[3]!), mix(6, a[4]!), mix(7, a[5]!), mix(8, a[6]!), mix(9, a[7]!),
    mix(10, a[8]!), mix(11, a[9]!), mix(12, a[10]!), mix(33, a[13]!), mix(41, a[13]! >>> 3), mix(42, mix(a[13]! >>> 6, cap)),
  ]
  a.set(ids, INFO)
  if (cache.size > 200_000) cache.clear()
  cache.set(tok, a)
  return a
}

/**
 * Fills `out` (length >= n * FEATURES_PER_TOKEN) with bucket ids for each token of one sentence.
 * `mask` = number of buckets - 1 (power of two). Returns the sentence's gazetteer flags, which the
 * tagger's repairs read too.
 */
export function sentenceFeatures(
  tokens: ReadonlyArray<string>,
  gaz: Gazetteer,
  lex: Lexicon | undefined,
  mask: number,
  out: Uint32Array,
  names?: NameList,
): Int32Array {
  const n = tokens.length
  const nt = nameTags(tokens, names)
  // Int32Arrays, not Uint32Arrays, for the same bits: their values stay small integers when passed to
  // mix, where a uint32 above 2^31 would be a heap number allocated per call.
  const hW = new Int32Array(n + 4)
  const hL = new Int32Array(n + 4)
  const hS = new Int32Array(n + 4)
  const hG = new Int32Array(n + 4)
  const hC = new Int32Array(n + 4)
  const gf = new Int32Array(n + 4)
  const infos: Uint32Array[] = new Array<Uint32Array>(n)
  hW.fill(PAD_HASH)
  hL.fill(PAD_HASH)
  hS.fill(PAD_HASH)
  hG.fill(PAD_HASH)
  hC.fill(PAD_HASH)
  const flags = gaz.flags(tokens)
  let caps = 0
  let alpha = 0
  for (let i = 0; i < n; i++) {
    const a = wordInfo(tokens[i]!, lex)
    infos[i] = a
    hW[i + 2] = a[0]!
    hL[i + 2] = a[1]!
    hS[i + 2] = a[2]!
    hG[i + 2] = flags[i]! + 1
    gf[i + 2] = flags[i]!
    hC[i + 2] = a[13]!
    if (a[11]! & 1) {
      alpha++
      if (a[11]! & 2) caps++
    }
  }
  // Headline-style sentences (most words capitalised) make capitalisation uninformative.
  const headline = alpha >= 3 && caps / alpha > 0.6 ? 1 : 0
  const F = FEATURES_PER_TOKEN
  const t0 = n > 1 ? tokens[0]! : ""
  const quoteStart = t0 === '"' || t0 === "'" || t0 === "“" || t0 === "‘" || t0 === "(" || t0 === "[" || t0 === "-"
  for (let i = 0; i < n; i++) {
    const j = i + 2
    const a = infos[i]!
    const o = i * F
    const g = flags[i]!
    const first = i === 0 || (i === 1 && quoteStart) ? 1 : 0
    const cap = (a[11]! >>> 1) & 1
    const lr = a[12]!
    out[o] = BIAS & mask
    for (let k = 0; k < WORD_ONLY.length; k++) out[o + WORD_ONLY[k]!] = a[INFO + k]! & mask
    out[o + 12] = mix(13, hL[j - 1]!) & mask
    out[o + 13] = mix(14, hL[j + 1]!) & mask
    out[o + 14] = mix(15, hL[j - 2]!) & mask
    out[o + 15] = mix(16, hL[j + 2]!) & mask
    out[o + 16] = mix(17, hS[j - 1]!) & mask
    out[o + 17] = mix(18, hS[j + 1]!) & mask
    out[o + 18] = mix(19, mix(hL[j - 1]!, hL[j]!)) & mask
    out[o + 19] = mix(20, mix(hL[j]!, hL[j + 1]!)) & mask
    out[o + 20] = mix(21, mix(mix(hS[j - 1]!, hS[j]!), hS[j + 1]!)) & mask
    out[o + 21] = mix(22, hG[j]!) & mask
    out[o + 22] = mix(23, hG[j - 1]!) & mask
    out[o + 23] = mix(24, hG[j + 1]!) & mask
    out[o + 24] = mix(25, mix(first, hL[j]!)) & mask
    out[o + 25] = mix(26, mix(first * 2 + headline, hS[j]!)) & mask
    out[o + 26] = mix(27, mix(hS[j]!, hL[j - 1]!)) & mask
    out[o + 27] = mix(28, mix(hS[j]!, hL[j + 1]!)) & mask
    out[o + 28] = mix(29, mix(hS[j - 1]!, hS[j]!)) & mask
    out[o + 29] = mix(30, mix(hS[j]!, hS[j + 1]!)) & mask
    out[o + 30] = mix(31, mix(g & (G_COUNTRY | G_DEMONYM | G_CITY | G_REGION | G_MULTI_I), hS[j]!)) & mask
    out[o + 31] = mix(32, mix(lr, first * 4 + headline * 2 + cap)) & mask
    out[o + 33] = mix(34, mix(hC[j - 1]! >>> 6, cap)) & mask
    out[o + 34] = mix(35, mix(hC[j + 1]! >>> 6, cap)) & mask
    out[o + 35] = mix(36, mix(hC[j]! >>> 9, first * 4 + headline * 2 + cap)) & mask
    out[o + 36] = mix(37, mix(gf[j - 1]! & (G_PER_TITLE | G_FIRST_NAME | G_ORG_CUE), mix(gf[j + 1]! & (G_ORG_CUE | G_ORG_SUFFIX | G_LOC_CUE | G_MISC_CUE), cap))) & mask
    out[o + 37] = mix(38, mix(hW[j - 1]!, hW[j]!)) & mask
    out[o + 38] = mix(39, mix(hL[j + 1]!, hL[j + 2]!)) & mask
    out[o + 39] = mix(40, mix(hL[j - 2]!, hL[j - 1]!)) & mask
    out[o + 42] = mix(43, mix(hC[j - 1]! >>> 6, hC[j]! >>> 6)) & mask
    out[o + 43] = mix(44, nt[i]!) & mask
    out[o + 44] = mix(45, mix(nt[i]!, mix(i > 0 ? nt[i - 1]! : 99, i + 1 < n ? nt[i + 1]! : 99))) & mask
  }
  return flags
}
