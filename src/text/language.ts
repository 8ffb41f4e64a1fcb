// Language identification via franc (trigram model), restricted to common news
// languages so near-identical minor varieties (e.g. Scots vs English) don't win.
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

/** Characters examined: franc is O(n) but the first ~2k chars are plenty for a verdict. */
const WINDOW = 2000
/** Below this many letters the trigram statistics are noise: answer "und". */
const MIN_LETTERS = 20

export interface LanguageGuess { readonly lang: string; readonly confidence: number }

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

export function detectLanguage(text: string): LanguageGuess {
  const sample = text.slice(0, WINDOW)
  const letters = (sample.match(/\p{L}/gu) ?? []).length
  if (letters < MIN_LETTERS) return { lang: "und", confidence: 0 }
  const ranked = francAll(sample, { only: ONLY, minLength: MIN_LETTERS })
  const top = ranked[0]
  if (top === undefined || top[0] === "und") return { lang: "und", confidence: 0 }
  const second = ranked[1]?.[1] ?? 0
  // franc scores are normalised so the winner is 1; the gap to the runner-up is the
  // evidence. A 0.02 gap on a full paragraph is already decisive, so the gap is scaled
  // up, and then damped for short inputs (few trigrams → unstable ranking).
  const margin = Math.max(0, 1 - second)
  const lengthFactor = Math.min(1, letters / 150)
  const confidence = Math.min(1, 0.5 + margin * 20) * lengthFactor
  return { lang: ISO3_TO_1[top[0]] ?? top[0], confidence: round4(confidence) }
}
