// Language identification: an English fast path on function words, else franc (trigram
// model) restricted to common news languages so near-identical minor varieties (e.g. Scots
// vs English) don't win.
//
// Window: the prefix of the text holding its first WINDOW_LETTERS letters (at most
// MAX_WINDOW chars). A few hundred letters settle the language of news prose; franc's cost
// grows with the sample, so a 2,000-char sample cost ~1 ms per article for no better verdict.
//
// Fast path: among the window's first FAST_WORDS words, if ≥ FAST_SHARE are English
// function words and ≥ FAST_CORE_SHARE are "the"/"and" (words no other candidate language
// uses as function words), the answer is "en" without franc. English news prose runs at
// 30–45 % function words; other languages share a few ("in", "a", "is", "on", "at", "was")
// but not "the"/"and", so both bars together do not fire on them.
//
// Confidence, in [0, 1], rounded to 4 decimals:
//   fast path   lengthFactor                        (the evidence is decisive; only length damps it)
//   franc path  min(1, 0.5 + 20 × (1 − runner-up score)) × lengthFactor
//               (franc scores are normalised so the winner is 1; the gap to the runner-up is
//               the evidence, and a 0.025 gap on a paragraph is already decisive)
//   lengthFactor = min(1, letters in the window / 150)  (few trigrams/words → unstable verdict)
//   "und" (fewer than MIN_LETTERS letters, or franc has no verdict) has confidence 0.
import { francAll } from "franc"

// ISO 639-3 → 639-1 for the languages we allow; anything else is reported in 639-3.
const ISO3_TO_1: Readonly<Record<string, string>> = {
  eng: "en", deu: "de", fra: "fr", spa: "es", ita: "it", por: "pt", nld: "nl", rus: "ru",
  ukr: "uk", pol: "pl", ces: "cs", slk: "sk", slv: "sl", hrv: "hr", srp: "sr", bos: "bs",
  bul: "bg", ron: "ro", hun: "hu", ell: "el", tur: "tr", arb: "ar", pes: "fa", heb: "he",
  hin: "hi", urd: "ur", ben: "bn", cmn: "zh", jpn: "ja", kor: "ko", vie: "vi", tha: "th",
  ind: "id", zlm: "ms", swe: "sv", dan: "da", nob: "nb", fin: "fi", est: "et", lvs: "lv",
  lit: "lt", cat: "ca", glg: "gl", eus: "eu", afr: "af", swh: "sw", tgl: "tl", isl: "is",
  bel: "be", kat: "ka", hye: "hy", azj: "az", kaz: "kk", uzn: "uz", tam: "ta", tel: "te",
  mar: "mr", guj: "gu", kan: "kn", mal: "ml", pan: "pa", amh: "am", som: "so", hau: "ha",
  yor: "yo", ibo: "ig", zul: "zu", xho: "xh", mkd: "mk", sqi: "sq", als: "sq", npi: "ne",
  sin: "si", khm: "km", mya: "my", lao: "lo"
}
const ONLY = Object.keys(ISO3_TO_1).sort()

/** Letters examined (the window ends after this many letters). */
const WINDOW_LETTERS = 500
/** Hard cap on the window in chars (digit/punctuation-heavy openings). */
const MAX_WINDOW = 2000
/** Below this many letters the statistics are noise: answer "und". */
const MIN_LETTERS = 20

const FAST_WORDS = 80
const FAST_MIN_WORDS = 20
const FAST_SHARE = 0.25
const FAST_CORE_SHARE = 0.04
const EN_FUNCTION = new Set([
  "the", "and", "of", "to", "that", "with", "for", "is", "are", "were", "was", "have", "has", "had", "from", "by",
  "this", "which", "be", "been", "will", "would", "their", "they", "said", "it", "its", "he", "his", "she", "her",
  "but", "not", "or", "at", "an", "as", "on", "in", "a", "who", "we", "you"
])
const EN_CORE = new Set(["the", "and"])

export interface LanguageGuess { readonly lang: string; readonly confidence: number }

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

const LETTER = /\p{L}/u
const WORD_RE = /\p{L}+/gu

export function detectLanguage(text: string): LanguageGuess {
  // Window end: after WINDOW_LETTERS letters (ASCII letters tested without a regex).
  const limit = Math.min(text.length, MAX_WINDOW)
  let letters = 0
  let end = 0
  for (; end < limit && letters < WINDOW_LETTERS; end++) {
    const c = text.charCodeAt(end)
    if (c < 128) { if ((c | 32) >= 97 && (c | 32) <= 122) letters++ }
    else if (c >= 0xd800 && c <= 0xdbff && end + 1 < limit) {
      if (LETTER.test(text.slice(end, end + 2))) letters++
      end++
    } else if (LETTER.test(text[end] as string)) letters++
  }
  if (letters < MIN_LETTERS) return { lang: "und", confidence: 0 }
  const sample = text.slice(0, end)
  const lengthFactor = Math.min(1, letters / 150)

  let words = 0
  let fn = 0
  let core = 0
  WORD_RE.lastIndex = 0
  for (let m = WORD_RE.exec(sample); m !== null && words < FAST_WORDS; m = WORD_RE.exec(sample)) {
    words++
    const w = m[0].length <= 5 ? m[0].toLowerCase() : ""
    if (EN_FUNCTION.has(w)) { fn++; if (EN_CORE.has(w)) core++ }
  }
  if (words >= FAST_MIN_WORDS && fn >= FAST_SHARE * words && core >= FAST_CORE_SHARE * words) {
    return { lang: "en", confidence: round4(lengthFactor) }
  }

  const ranked = francAll(sample, { only: ONLY, minLength: MIN_LETTERS })
  const top = ranked[0]
  if (top === undefined || top[0] === "und") return { lang: "und", confidence: 0 }
  const second = ranked[1]?.[1] ?? 0
  const margin = Math.max(0, 1 - second)
  const confidence = Math.min(1, 0.5 + margin * 20) * lengthFactor
  return { lang: ISO3_TO_1[top[0]] ?? top[0], confidence: round4(confidence) }
}
