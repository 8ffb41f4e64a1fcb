/**
 * Named-entity tagger (PER / ORG / LOC / MISC) for news text: hashed-feature averaged perceptron with
 * Viterbi over BIO2 (model.ts; scoring and Viterbi run in WebAssembly, kernel.ts, with the same results),
 * then a document-level pass that keeps one type per name within a text
 * and labels repeated mentions (surnames after full names, names missed in other sentences).
 * Per sentence, small repairs follow decoding: demonym + "… Army" merges into one ORG, a gazetteer
 * place name tagged ORG outside sports copy becomes LOC (teams named after places are ORG only in sports; a
 * country is LOC everywhere), and the newswire conventions of newswire.ts (teams in results lines and rows,
 * datelines, event names, line-ups). Then, over the whole text, the names of known-names.ts (companies,
 * clubs, competitions, products), before the document pass.
 * The model is read once, synchronously, on first use from models/ner-en.json.gz.
 */
import { readFileSync } from "node:fs"
import { modelFeatures, normalizeWord, sentenceFeatures } from "./features.ts"
import { defaultGazetteer, G_CITY, G_COUNTRY, G_DEMONYM, G_MULTI_I, G_ORG_CUE, G_REGION, type Gazetteer } from "./gazetteer.ts"
import { taggerKernel } from "./kernel.ts"
import { decodeModel, LABELS, marginalsFor, NL, type NerModel } from "./model.ts"
import { typeKnownNames } from "./known-names.ts"
import { isAllCaps, isCap, isCountryName, isSportsText, NAME_PARTICLE, newswireConventions, putSpan, SPORTS_CUES } from "./newswire.ts"
import { tokenize } from "./tokenize.ts"

export type EntityType = "PER" | "ORG" | "LOC" | "MISC"

export interface EntitySpan {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly type: EntityType
  readonly confidence: number
}

export { tokenize, type Token } from "./tokenize.ts"

const TYPES: ReadonlyArray<EntityType> = ["PER", "ORG", "LOC", "MISC"]
// Label index → entity type index (0..3), -1 for O; and whether the label is a B- label.
const LABEL_TYPE = LABELS.map((l) => (l === "O" ? -1 : TYPES.indexOf(l.slice(2) as EntityType)))
const LABEL_IS_B = LABELS.map((l) => l.startsWith("B-"))
// Softens perceptron scores into probabilities for confidences (chosen on the dev split).
const TEMPERATURE = 6

/** A span over tokens of one sentence, [start, end) in token indices. */
export interface TokenSpan {
  readonly sentence: number
  readonly start: number
  readonly end: number
  readonly type: EntityType
  readonly confidence: number
}

export interface Tagger {
  /** Tags a document given as tokenised sentences; `consistency` = run the document-level pass. */
  tagDocument(sentences: ReadonlyArray<ReadonlyArray<string>>, consistency?: boolean): TokenSpan[]
}

export function createTagger(model: NerModel, gaz: Gazetteer): Tagger {
  const { lex, names, mask } = modelFeatures(model)
  const kernel = taggerKernel(model.weights, model.trans)
  const marginals = marginalsFor(model.trans, TEMPERATURE)

  /** Tags one sentence and appends its spans to `doc`; the repairs below see this sentence's spans only. */
  const tagSentence = (tokens: ReadonlyArray<string>, sentence: number, doc: TokenSpan[], pinned: Map<TokenSpan, number>, sportsText: () => boolean): void => {
    const n = tokens.length
    if (n === 0) return
    const { feats, emis, labels } = kernel.buffers(n)
    const flags = sentenceFeatures(tokens, gaz, lex, mask, feats, names)
    kernel.run(n)
    let any = false
    for (let i = 0; i < n; i++) if (labels[i] !== 0) any = true
    const out: TokenSpan[] = []
    // the marginals (span confidences) and the model-span repairs only when the model tagged something
    if (any) {
      const marg = marginals(emis, n)
      let i = 0
      while (i < n) {
        const t = LABEL_TYPE[labels[i]!]!
        if (t < 0) {
          i++
          continue
        }
        let j = i + 1
        while (j < n && LABEL_TYPE[labels[j]!] === t && !LABEL_IS_B[labels[j]!]) j++
        let conf = 1
        for (let k = i; k < j; k++) conf = Math.min(conf, marg[k * NL + labels[k]!]!)
        out.push({ sentence, start: i, end: j, type: TYPES[t]!, confidence: conf })
        i = j
      }
      mergeDemonymOrgs(tokens, sentence, out, flags)
      placesOutsideSportsAreLoc(tokens, out, flags, sportsText)
    }
    // Layout and wording rules, which may also find a name the model did not ("Hearts 29 11 9 9 40 38 42").
    newswireConventions(tokens, sentence, out, flags, pinned, sportsText)
    for (const sp of out) doc.push(sp)
  }

  return {
    tagDocument(sentences, consistency = true) {
      // Spans typed by newswire conventions (teams in results lines, datelines, companies) and known names: the
      // document pass keeps their type; a company's value is where its suffix starts (-1 for the others).
      const pinned = new Map<TokenSpan, number>()
      let sports: boolean | undefined
      const sportsText = () => (sports ??= isSportsText(sentences))
      const bySentence = sentences.map((tokens, s) => {
        const out: TokenSpan[] = []
        tagSentence(tokens, s, out, pinned, sportsText)
        return out
      })
      typeKnownNames(sentences, bySentence, pinned, sportsText)
      const spans = bySentence.flat()
      return consistency ? documentPass(sentences, spans, pinned) : spans
    },
  }
}

/**
 * "Syrian Arab Army", "Russian Aerospace Forces": a demonym tagged MISC followed by capitalised words
 * ending in an organisation cue word (Army, Forces, Ministry, Party…) is one ORG name, as in CoNLL.
 * (Part of the training data, GUM, cuts such adjectives off, so the model tends to split them.)
 */
function mergeDemonymOrgs(tokens: ReadonlyArray<string>, sentence: number, out: TokenSpan[], flags: Int32Array): void {
  for (let k = out.length - 1; k >= 0; k--) {
    const a = out[k]!
    if (a.type !== "MISC" || a.end - a.start !== 1) continue
    if ((flags[a.start]! & G_DEMONYM) === 0) continue
    // Extend over capitalised tokens (O or ORG) up to the last organisation cue word.
    let end = -1
    const next = out[k + 1]
    const limit = next !== undefined && next.type !== "ORG" ? next.start : tokens.length
    for (let i = a.end; i < Math.min(limit, a.end + 5); i++) {
      if (!/^\p{Lu}/u.test(tokens[i]!)) break
      if ((flags[i]! & G_ORG_CUE) !== 0) end = i + 1
    }
    // The merged span must not cut an ORG span in two.
    if (end < 0 || out.some((x) => x.start < end && x.end > end)) continue
    putSpan(out, sentence, a.start, end, "ORG")
  }
}

const PLACE = G_COUNTRY | G_CITY | G_REGION

/**
 * The synthetic sports data teaches "place name → ORG" in results; outside sports copy (a text that is no sports
 * report, a sentence with no sports word and no score after a name as in "Chelsea 2 Arsenal 1") a span that is
 * exactly a gazetteer place name is a location, so an ORG guess there becomes LOC ("65% in South Korea" has a
 * number but is no results line). A country's name is a location in sports copy too: a national side is LOC.
 */
function placesOutsideSportsAreLoc(tokens: ReadonlyArray<string>, out: TokenSpan[], flags: Int32Array, sportsText: () => boolean): void {
  let sports: boolean | undefined
  for (let k = out.length - 1; k >= 0; k--) {
    const a = out[k]!
    if (a.type !== "ORG") continue
    let all = (flags[a.start]! & G_MULTI_I) === 0 && (a.end >= tokens.length || (flags[a.end]! & G_MULTI_I) === 0)
    for (let i = a.start; i < a.end && all; i++) if ((flags[i]! & PLACE) === 0) all = false
    if (!all) continue
    // a country is a location even in sports copy (a national side, "the England midfielder", as in CoNLL)
    if (!isCountryName(flags, a.start, a.end) && (sports ??= sportsText() || tokens.some((t, i) => SPORTS_CUES.has(t.toLowerCase()) || (i > 0 && /^\d{1,3}$/.test(t) && isCap(tokens[i - 1]!))))) continue
    out[k] = { ...a, type: "LOC" }
  }
}

const keyOf = (toks: ReadonlyArray<string>, a: number, b: number): string => {
  let k = ""
  for (let i = a; i < b; i++) k += (i > a ? " " : "") + normalizeWord(toks[i]!)
  return k
}

// Capitalised function words that must not be picked up as a name by themselves.
const STOP = new Set(["The", "A", "An", "In", "On", "At", "Of", "And", "But", "Or", "He", "She", "It", "They",
  "We", "I", "His", "Her", "Their", "This", "That", "These", "Those", "Mr.", "Mrs.", "Ms.", "Dr."])

/** True when `acr` (2-8 letters, capitals first and last) spells the initials of the name's capitalised words. */
function abbreviates(acr: string, toks: ReadonlyArray<string>, start: number, end: number): boolean {
  // an acronym written as a word ("Global Alliance for Vaccines and Immunisation (Gavi)") spells the name alike
  const word = /^\p{Lu}\p{Ll}{2,5}$/u.test(acr)
  if (!word && !/^\p{Lu}[\p{L}&.]{0,6}\p{Lu}$/u.test(acr)) return false
  const letters = word ? acr.toUpperCase() : acr.replace(/[^\p{Lu}]/gu, "")
  let initials = ""
  for (let i = start; i < end; i++) if (isCap(toks[i]!)) initials += toks[i]!.charAt(0)
  if (letters.charAt(0) !== initials.charAt(0)) return false
  // letters must be a subsequence of the initials (words such as "of", "and" are skipped in both)
  let k = 0
  for (const c of initials) if (k < letters.length && c === letters[k]) k++
  return k === letters.length
}

/**
 * Document-level consistency: (1) every name string keeps the type with the largest summed confidence;
 * (2) a surname of a multi-token PER (and a known single-token name) is tagged where the model missed it;
 * (3) longer known names are re-found in sentences where the model missed them; (4) an acronym in brackets
 * right after a name whose initials it spells ("Housing Authority of New Orleans ( HANO )") votes for the
 * name's type, so later bare mentions of it are tagged alike; (5) in a headline set in capitals, names are
 * looked up in lower case among the names of the mixed-case sentences ("ULLRICH" is the body's "Jan Ullrich"),
 * and an untagged surname of the body's full names there is that person ("NGENY", "EL GUERROUJ").
 * Spans in `pinned` keep their type and vote with 1.5× their confidence; a company name with a suffix ("Eberhard Faber GmbH")
 * votes for ORG for the name without it, with the weight of an acronym's vote (1.5× its confidence).
 */
const IRISH_SURNAME = /^O['’]\p{Lu}\p{Ll}+$/u

function documentPass(sentences: ReadonlyArray<ReadonlyArray<string>>, spans: TokenSpan[], pinned: ReadonlyMap<TokenSpan, number>): TokenSpan[] {
  const votes = new Map<string, Float64Array>()
  const caps = sentences.map(isAllCaps)
  const anyCaps = caps.includes(true)
  // Sentences with lower-case letters: what the capitals headlines look their names up in (a dateline in capitals,
  // "LEEDS 1999-09-14", is no evidence for the headline's "LEEDS").
  const mixed = anyCaps ? sentences.map((s) => s.some((t) => /\p{Ll}/u.test(t))) : []
  // Surnames (lower case) of the full names in those sentences, for the capitals headlines ("NGENY", "EL GUERROUJ").
  const surnames = new Set<string>()
  const addVote = (map: Map<string, Float64Array>, key: string, type: number, w: number): void => {
    let v = map.get(key)
    if (v === undefined) {
      v = new Float64Array(4)
      map.set(key, v)
    }
    v[type]! += w
  }
  // Votes of the mixed-case sentences by lower-cased key, for the capitals headlines.
  const folded = new Map<string, Float64Array>()
  const vote = (key: string, type: number, w: number, sentence: number): void => {
    addVote(votes, key, type, w)
    if (anyCaps && mixed[sentence]) addVote(folded, key.toLowerCase(), type, w)
  }
  for (const sp of spans) {
    const toks = sentences[sp.sentence]!
    // a span typed by a layout or wording rule (pinned) is better evidence than the model's guess elsewhere
    vote(keyOf(toks, sp.start, sp.end), TYPES.indexOf(sp.type), pinned.has(sp) ? sp.confidence * 1.5 : sp.confidence, sp.sentence)
    const nameEnd = pinned.get(sp) ?? -1
    if (nameEnd > sp.start) vote(keyOf(toks, sp.start, nameEnd), TYPES.indexOf("ORG"), sp.confidence * 1.5, sp.sentence)
    if (sp.type === "PER" && sp.end - sp.start >= 2 && isCap(toks[sp.end - 1]!)) {
      // Surname alias, weighted so that it wins over a weak single-token guess; with its particles too
      // ("Hicham El Guerrouj" → "El Guerrouj", "Oscar de la Hoya" → "de la Hoya").
      let from = sp.end - 1
      while (from - 1 > sp.start && NAME_PARTICLE.has(toks[from - 1]!.toLowerCase())) from--
      const alias = from < sp.end - 1 ? keyOf(toks, from, sp.end) : normalizeWord(toks[sp.end - 1]!)
      // an Irish surname's apostrophe ("O'Leary's future") looks like a company's to the model: the full name's vote
      // counts double there
      vote(alias, 0, sp.confidence * (IRISH_SURNAME.test(alias) ? 3 : 1.5), sp.sentence)
      if (anyCaps && mixed[sp.sentence]) surnames.add(alias.toLowerCase())
    }
    // "Housing Authority of New Orleans ( HANO )": the acronym names the same thing.
    const acr = toks[sp.end + 1]
    if (sp.type !== "PER" && sp.end - sp.start >= 2 && toks[sp.end] === "(" && toks[sp.end + 2] === ")" && acr !== undefined && abbreviates(acr, toks, sp.start, sp.end)) {
      // (an acronym written as a word, "Gavi", looks like a name to the model at each mention: its expansion counts more)
      vote(acr, TYPES.indexOf(sp.type), sp.confidence * (/\p{Ll}/u.test(acr) ? 3 : 1.5), sp.sentence)
    }
  }
  const bestIn = (map: Map<string, Float64Array>, key: string): { type: number; share: number; total: number } | undefined => {
    const v = map.get(key)
    if (v === undefined) return undefined
    let t = 0
    let total = 0
    for (let k = 0; k < 4; k++) {
      total += v[k]!
      if (v[k]! > v[t]!) t = k
    }
    return { type: t, share: total > 0 ? v[t]! / total : 0, total }
  }
  const best = (key: string) => bestIn(votes, key)
  // A name in a capitals headline takes the type the body gives it, when the body names it.
  const bestFor = (s: number, key: string) => (caps[s] ? bestIn(folded, key.toLowerCase()) : undefined) ?? best(key)
  const out: TokenSpan[] = []
  const covered = sentences.map((s) => new Uint8Array(s.length))
  for (const sp of spans) {
    const toks = sentences[sp.sentence]!
    const b = bestFor(sp.sentence, keyOf(toks, sp.start, sp.end))
    const type = b !== undefined && !pinned.has(sp) ? TYPES[b.type]! : sp.type
    const confidence = type === sp.type ? sp.confidence : Math.min(sp.confidence, b!.share)
    out.push({ ...sp, type, confidence })
    for (let k = sp.start; k < sp.end; k++) covered[sp.sentence]![k] = 1
  }
  // Known names (longest first, at most 6 tokens) re-found in uncovered capitalised token runs.
  // (Names are not re-found inside capitals lines: with every word capitalised, a body name matched there
  // was as often part of a longer heading — "THE PETER MUNK CARDIAC CENTRE" — as the name itself.)
  const known = new Map<string, { type: number; share: number; total: number }>()
  for (const key of votes.keys()) {
    const b = best(key)!
    if (b.total >= 0.5 && b.share >= 0.6) known.set(key, b)
  }
  if (known.size > 0) {
    for (let s = 0; s < sentences.length; s++) {
      const toks = sentences[s]!
      const cov = covered[s]!
      for (let i = 0; i < toks.length; i++) {
        if (cov[i] || !isCap(toks[i]!) || STOP.has(toks[i]!)) continue
        for (let len = Math.min(6, toks.length - i); len >= 1; len--) {
          let free = true
          for (let k = i; k < i + len; k++) if (cov[k]) free = false
          if (!free) continue
          // A run must not continue into another capitalised word (part of a longer, different name).
          if (i + len < toks.length && isCap(toks[i + len]!) && !cov[i + len]) continue
          if (i > 0 && isCap(toks[i - 1]!) && !cov[i - 1] && i - 1 !== 0) continue
          const b = known.get(keyOf(toks, i, i + len))
          if (b === undefined) continue
          out.push({ sentence: s, start: i, end: i + len, type: TYPES[b.type]!, confidence: 0.5 * b.share })
          for (let k = i; k < i + len; k++) cov[k] = 1
          i += len - 1
          break
        }
      }
    }
  }
  // A surname of the body's full names, untagged in a capitals headline ("EL GUERROUJ EDGES OUT NGENY"), is that
  // person, when the body's names vote for PER under that form.
  if (surnames.size > 0) {
    for (let s = 0; s < sentences.length; s++) {
      if (!caps[s]) continue
      const toks = sentences[s]!
      const cov = covered[s]!
      for (let i = 0; i < toks.length; i++) {
        for (const len of [2, 1]) {
          if (i + len > toks.length || cov[i] || cov[i + len - 1]) continue
          const key = keyOf(toks, i, i + len).toLowerCase()
          const b = surnames.has(key) ? bestIn(folded, key) : undefined
          if (b === undefined || b.type !== 0 || b.share < 0.6) continue
          out.push({ sentence: s, start: i, end: i + len, type: "PER", confidence: 0.5 * b.share })
          for (let k = i; k < i + len; k++) cov[k] = 1
          i += len - 1
          break
        }
      }
    }
  }
  out.sort((a, b) => a.sentence - b.sentence || a.start - b.start)
  return out
}

let tagger: Tagger | undefined

function defaultTagger(): Tagger {
  if (tagger === undefined) {
    const url = new URL("../../../models/ner-en.json.gz", import.meta.url)
    tagger = createTagger(decodeModel(readFileSync(url)), defaultGazetteer())
  }
  return tagger
}

/**
 * Entities in `text`, tagging sentence by sentence (`sentences` = character spans of the sentences),
 * with document-level consistency across the whole text. Sorted by start, non-overlapping.
 */
export function tagEntities(
  text: string,
  sentences: ReadonlyArray<{ readonly start: number; readonly end: number }>,
): EntitySpan[] {
  const t = defaultTagger()
  const toks = sentences.map((s) => tokenize(text, s.start, s.end))
  const spans = t.tagDocument(toks.map((ts) => ts.map((x) => x.text)))
  const out: EntitySpan[] = []
  for (const sp of spans) {
    const ts = toks[sp.sentence]!
    const start = ts[sp.start]!.start
    const end = ts[sp.end - 1]!.end
    out.push({ start, end, text: text.slice(start, end), type: sp.type, confidence: Math.round(sp.confidence * 1e4) / 1e4 })
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end)
  // Overlapping input sentences could yield overlapping spans; keep the first (longest at a start).
  const res: EntitySpan[] = []
  let lastEnd = -1
  for (const e of out) {
    if (e.start >= lastEnd) {
      res.push(e)
      lastEnd = e.end
    }
  }
  return res
}
