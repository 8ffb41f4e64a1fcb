/**
 * Tokenizer for the NER tagger. Follows the UD-style tokenisation of the training data (UNER-EWT, GUM):
 * hyphens split ("Deir ez - Zor", "U.S. - backed"), clitics split ("Trump 's", "do n't"), while
 * abbreviations with internal periods ("U.S.", "e.g.") and known title/company abbreviations
 * ("Maj.", "Gen.", "Inc.") keep their period. URLs, e-mails, @mentions and #hashtags stay whole.
 * Offsets are UTF-16 code units into the input string, half-open.
 */

export interface Token {
  readonly text: string
  readonly start: number
  readonly end: number
}

// Abbreviations that keep their trailing period (lower-cased, without the period).
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "mr", "mrs", "ms", "dr", "prof", "messrs", "mme", "mlle", "sr", "jr", "st", "mt", "ft", "fr", "rev", "hon",
  "gen", "lt", "col", "maj", "capt", "cpt", "cmdr", "cdr", "sgt", "cpl", "pvt", "adm", "brig", "gov", "sen", "rep",
  "pres", "supt", "insp", "det", "amb", "atty", "gens", "cmdt",
  "inc", "corp", "ltd", "co", "bros", "plc", "llc", "dept", "univ", "assn", "intl", "govt",
  "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "tue", "tues", "thu", "thur", "thurs", "fri",
  "vs", "etc", "no", "nos", "vol", "pp", "approx", "ave", "blvd", "rd", "al",
  "ala", "ariz", "calif", "colo", "conn", "fla", "kan", "ky", "md",
  "mich", "minn", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
  "wis", "wyo",
])

const WS = /\s/u
// Word characters (letters, combining marks, digits).
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u

// Alternatives tried in order at each non-space position (sticky regexes).
const RE_URL = /(?:https?:\/\/|www\.)[^\s<>"'()]+/uy
const RE_EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/uy
const RE_MENTION = /[@#][\p{L}\p{M}\p{N}_]+/uy
// Dotted abbreviations: "U.S.", "e.g.", "U.S.A." (two or more letter+period groups).
const RE_DOTTED = /(?:\p{L}\.){2,}/uy
// Numbers with internal separators: "2,500", "3.7", "1/2".
const RE_NUMBER = /\p{N}+(?:[.,/]\p{N}+)*/uy
// A run of word characters with internal apostrophes ("O'Brien", "don't", "Russia’s").
const RE_WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/uy
const RE_CLITIC_NT = /^(.+)(n['’]t)$/iu
const RE_CLITIC = /^(.+)(['’](?:s|re|ve|ll|d|m))$/iu
const RE_ELLIPSIS = /\.{2,}|-{2,}|[!?]{2,}/uy

function matchAt(re: RegExp, text: string, i: number, end: number): number {
  re.lastIndex = i
  const m = re.exec(text)
  if (m === null) return -1
  const e = i + m[0].length
  return e <= end ? e : end
}

/** Tokenize text[start, end). */
export function tokenize(text: string, start = 0, end: number = text.length): Token[] {
  const out: Token[] = []
  const push = (s: number, e: number): void => {
    if (e > s) out.push({ text: text.slice(s, e), start: s, end: e })
  }
  let i = start
  while (i < end) {
    const ch = text[i]!
    if (WS.test(ch)) {
      i++
      continue
    }
    let e = matchAt(RE_URL, text, i, end)
    if (e > i) {
      // Trailing sentence punctuation is not part of the URL.
      while (e > i + 1 && /[.,;:!?]/.test(text[e - 1]!)) e--
      push(i, e)
      i = e
      continue
    }
    if (ch === "@" || ch === "#") {
      e = matchAt(RE_MENTION, text, i, end)
      if (e > i + 1) {
        push(i, e)
        i = e
        continue
      }
    }
    if (WORD_CHAR.test(ch)) {
      e = matchAt(RE_EMAIL, text, i, end)
      if (e > i) {
        push(i, e)
        i = e
        continue
      }
      e = matchAt(RE_DOTTED, text, i, end)
      if (e > i) {
        push(i, e)
        i = e
        continue
      }
      const n = matchAt(RE_NUMBER, text, i, end)
      const w = matchAt(RE_WORD, text, i, end)
      if (n > w) {
        push(i, n)
        i = n
        continue
      }
      e = w
      const word = text.slice(i, e)
      // Single capital letter or known abbreviation followed by "." keeps the period ("J.", "Maj.").
      if (e < end && text[e] === ".") {
        if ((word.length === 1 && /\p{Lu}/u.test(word)) || ABBREVIATIONS.has(word.toLowerCase())) {
          push(i, e + 1)
          i = e + 1
          continue
        }
      }
      let m = RE_CLITIC_NT.exec(word)
      if (m === null) m = RE_CLITIC.exec(word)
      if (m !== null) {
        const cut = i + m[1]!.length
        push(i, cut)
        push(cut, e)
      } else {
        push(i, e)
      }
      i = e
      continue
    }
    e = matchAt(RE_ELLIPSIS, text, i, end)
    if (e > i) {
      push(i, e)
      i = e
      continue
    }
    // Single symbol; keep surrogate pairs together.
    const cp = text.codePointAt(i)!
    const len = cp > 0xffff ? 2 : 1
    push(i, Math.min(i + len, end))
    i += len
  }
  return out
}
