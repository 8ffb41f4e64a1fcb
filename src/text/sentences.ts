// Paragraph and sentence segmentation.
// Sentences: ICU's UAX #29 sentence breaks (Intl.Segmenter, fast native code) as candidates, then a
// linear repair pass that removes false breaks (abbreviations, titles, initials, acronyms, ellipses,
// list markers, citations) and adds missing ones (inline enumerations, bullets, "word. . . . Next").

export interface Span {
  readonly start: number
  readonly end: number
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" })

// --- character classes (char codes; no regex in the hot loop) ---------------------------------

const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 ||
  c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b)
const isNewline = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isUpperAscii = (c: number): boolean => c >= 65 && c <= 90
const isLowerAscii = (c: number): boolean => c >= 97 && c <= 122
const isUpper = (c: number): boolean =>
  isUpperAscii(c) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) ||
  (c > 0xff && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase())
const isLower = (c: number): boolean =>
  isLowerAscii(c) || (c >= 0xdf && c <= 0xff && c !== 0xf7) ||
  (c > 0xff && String.fromCharCode(c) !== String.fromCharCode(c).toUpperCase())
const isLetter = (c: number): boolean => isUpper(c) || isLower(c)
// closing quotes / brackets that may follow a terminator
const isCloser = (c: number): boolean =>
  c === 34 || c === 39 || c === 41 || c === 93 || c === 125 || c === 0x2019 || c === 0x201d || c === 0xbb
// opening quotes / brackets that may precede a word
const isOpener = (c: number): boolean =>
  c === 34 || c === 39 || c === 40 || c === 91 || c === 123 || c === 0x2018 || c === 0x201c || c === 0xab ||
  c === 0x201e
const BULLETS = new Set([0x2022, 0x2043, 0x2023, 0x25e6, 0x25aa, 0x25cf, 0x25a0, 0x2219, 0x00b7])

// --- lexicons --------------------------------------------------------------------------------

// Titles and name prefixes: a break after them is (almost) never a sentence end.
const TITLES = new Set([
  "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "drs", "prof", "profs", "rev", "revd", "hon", "fr", "sr", "sra",
  "gen", "gens", "maj", "lt", "lieut", "col", "capt", "cpt", "cmdr", "cdr", "comdr", "adm", "brig", "sgt", "cpl",
  "pvt", "pte", "spc", "cmdt", "insp", "supt", "det", "sen", "sens", "rep", "reps", "gov", "govs", "pres", "amb",
  "atty", "sec", "secy", "st", "ste", "mt", "ft", "pt", "dept", "no", "nos", "vol", "vols", "art", "arts", "fig",
  "figs", "pp", "p", "ch", "chap", "sect", "para", "n°", "nr", "op", "cf", "viz", "vs", "v", "approx", "ca",
])
// Titles whose lower-case form is an ordinary abbreviation that may end a sentence ("5th st.", "No.").
const TITLE_NEEDS_CAPITAL = new Set(["st", "ft", "pt", "no", "nos", "sec", "rep", "art", "v", "ch", "op", "fig"])
// Abbreviations that can end a sentence: break only before a typical sentence starter.
const ABBREVIATIONS = new Set([
  "etc", "inc", "corp", "ltd", "co", "cos", "plc", "llc", "llp", "bros", "jr", "sr", "esq", "phd", "assn", "ave",
  "blvd", "rd", "hwy", "govt", "intl", "univ", "dept", "mfg", "mgr", "ibid", "approx", "pct", "hrs", "yrs",
  "ariz", "calif", "fla", "mich", "minn", "okla", "tenn", "mass", "conn",
])
// Month/day abbreviations are also words ("The Sun.", "Ant and Dec."): only a following number binds them.
const DATE_ABBREVIATIONS = new Set([
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
  "thu", "thur", "thurs", "fri", "sat", "sun",
])
// Words that commonly begin an English sentence; after an ambiguous abbreviation ("U.S.", "Co.")
// a following capitalised word from this list signals a real sentence break.
const STARTERS = new Set([
  "i", "he", "she", "it", "they", "we", "you", "the", "this", "that", "these", "those", "there", "their", "his",
  "her", "its", "our", "my", "your", "a", "an", "in", "on", "at", "but", "and", "or", "so", "if", "when", "while",
  "after", "before", "as", "however", "meanwhile", "then", "how", "what", "why", "where", "who", "which", "some",
  "many", "most", "all", "not", "also", "still", "yet", "for", "with", "by", "from", "to", "since", "although",
  "though", "because", "here", "now", "today", "yesterday", "last", "next", "one", "both", "each", "every",
  "such", "more", "other", "another", "during", "despite", "instead", "thus", "hence", "indeed", "only",
  "even", "officials", "experts", "analysts", "is", "are", "was", "were", "do", "does", "did", "can", "will",
  "would", "should", "could", "let", "please", "no", "yes", "once", "until", "over", "under", "about",
  "besides", "former", "earlier", "later", "first", "finally", "according", "among", "following", "asked",
])

// Nouns that commonly follow "U.S." / "U.K." / "E.U." as modifiers.
const ACRONYM_HEADS = new Set([
  "government", "army", "navy", "military", "president", "congress", "senate", "senator", "house", "court",
  "officials", "official", "forces", "troops", "embassy", "ambassador", "treasury", "dollar", "economy", "state",
  "secretary", "department", "attorney", "ally", "allies", "authorities", "administration", "intelligence",
  "marines", "envoy", "diplomats", "diplomat", "sanctions", "policy", "election", "elections", "citizens",
  "citizen", "companies", "firms", "market", "markets", "stocks", "shares", "bonds", "census", "open",
  "championship", "team", "soldiers", "airstrikes", "strikes", "coalition", "commander", "commanders",
  "prime", "minister", "parliament", "regulators", "regulator", "patent", "version", "edition", "subsidiary",
  "unit", "branch", "division", "headquarters", "release", "sales", "arm", "presidential",
])

// --- helpers ------------------------------------------------------------------------------------

const trimStart = (text: string, s: number, e: number): number => {
  while (s < e && isSpace(text.charCodeAt(s))) s++
  return s
}
const trimEnd = (text: string, s: number, e: number): number => {
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--
  return e
}
// start index of the whitespace-delimited token that ends at `e`
const tokenStart = (text: string, lo: number, e: number): number => {
  let s = e
  while (s > lo && !isSpace(text.charCodeAt(s - 1))) s--
  return s
}
// Length of a list marker starting at i ("1.", "1)", "1.)", "a.", "a)", "iv." not supported), or 0.
// Returns value (number, or letter index) via out param to avoid allocation.
const markerInfo = { len: 0, value: 0, style: 0 }
const readMarker = (text: string, i: number, hi: number): boolean => {
  let j = i
  let value = 0
  let style = 0
  const c0 = text.charCodeAt(j)
  if (isDigit(c0)) {
    while (j < hi && j - i < 3 && isDigit(text.charCodeAt(j))) value = value * 10 + text.charCodeAt(j++) - 48
    if (j < hi && isDigit(text.charCodeAt(j))) return false
    style = 1
  } else if (isLowerAscii(c0)) {
    value = c0 - 96
    j++
    style = 10
  } else return false
  const p = text.charCodeAt(j)
  if (p === 46 /* . */) {
    j++
    if (text.charCodeAt(j) === 41) {
      j++
      style += 1
    }
  } else if (p === 41 /* ) */) {
    j++
    style += 2
  } else return false
  // a marker must be followed by whitespace and then not a digit ("1. 5" is a number, not a list)
  if (j >= hi || !isSpace(text.charCodeAt(j))) return false
  const k = trimStart(text, j, hi)
  if (k >= hi || isDigit(text.charCodeAt(k))) return false
  // lower-case letter markers must be followed by an upper-case word ("a. The first item")
  if (style >= 10 && !isUpper(text.charCodeAt(k))) return false
  markerInfo.len = j - i
  markerInfo.value = value
  markerInfo.style = style
  return true
}

interface ListInfo {
  readonly forced: number[] // positions where a new sentence must start
  readonly markerEnds: Set<number> // break candidates right after a marker: never a sentence end
}

// Token starts that may be a bullet or list marker; the regex only nominates candidates (bounded
// quantifiers, no backtracking), readMarker and the chain logic decide.
const MARKER_RE =
  /(?<!\S)(?:[\u2022\u2043\u2023\u25e6\u25aa\u25cf\u25a0\u2219\u00b7]|[-*](?=\s)|(?:\d{1,3}|[a-z])(?:\.\)?|\))(?=\s))/g
const EMPTY_LISTS: ListInfo = { forced: [], markerEnds: new Set() }

// Scan [s,e) for enumerations: bullets and marker chains ("1. … 2. …", "a. … b. …").
const scanLists = (text: string, sub: string, s: number, e: number): ListInfo => {
  let forced: number[] | null = null
  let markerEnds: Set<number> | null = null
  const addEnd = (x: number) => (markerEnds ??= new Set()).add(x)
  const addForced = (x: number) => (forced ??= []).push(x)
  // last marker value per style (styles are small ints)
  const lastValue: number[] = []
  // current line bookkeeping, advanced monotonically (amortised linear)
  let lineFirst = trimStart(text, s, e) // first non-space char of the current line
  const nl0 = sub.indexOf("\n")
  let nextNl = nl0 < 0 ? -1 : nl0 + s
  let lineBullet = -1
  // search the range's own string so a miss never scans past e (callers pass text.slice(s, e))
  MARKER_RE.lastIndex = 0
  for (let m = MARKER_RE.exec(sub); m !== null; m = MARKER_RE.exec(sub)) {
    const i = m.index + s
    while (nextNl >= 0 && nextNl < i) {
      lineFirst = trimStart(text, nextNl + 1, e)
      lineBullet = -1
      const nl = sub.indexOf("\n", nextNl + 1 - s)
      nextNl = nl < 0 ? -1 : nl + s
    }
    const lineStart = i === lineFirst
    const c = text.charCodeAt(i)
    let j = i
    let bullet = false
    if (BULLETS.has(c)) {
      bullet = true
      // inline bullets split only a line that itself starts with that bullet ("• a • b"), not
      // separators inside names ("Radiation Oncology • Biology • Physics")
      if (i > s && !lineStart && lineBullet === c) addForced(i)
      if (lineStart) lineBullet = c
      j = trimStart(text, i + 1, e)
      addEnd(j)
    } else if (c === 45 || c === 42) {
      // "-" / "*" bullets only at a line start (elsewhere they are dashes)
      if (!lineStart) continue
      bullet = true
      j = trimStart(text, i + 1, e)
      addEnd(j)
    }
    if (j < e && readMarker(text, j, e)) {
      const { len, value, style } = markerInfo
      const anchored = lineStart || bullet
      const prev = lastValue[style]
      if (anchored && (style >= 10 ? value === 1 : true)) {
        lastValue[style] = value
        addEnd(trimStart(text, j + len, e))
      } else if (prev !== undefined && value === prev + 1) {
        lastValue[style] = value
        if (!bullet) addForced(j)
        addEnd(trimStart(text, j + len, e))
      }
      if (bullet) MARKER_RE.lastIndex = Math.max(MARKER_RE.lastIndex, j + len - s)
    }
  }
  if (forced === null && markerEnds === null) return EMPTY_LISTS
  return { forced: forced ?? [], markerEnds: markerEnds ?? new Set() }
}

// Does [s, e) hold only a list marker (optionally bulleted)?
const onlyMarker = (text: string, s: number, e: number): boolean => {
  let i = trimStart(text, s, e)
  if (i < e && BULLETS.has(text.charCodeAt(i))) {
    i = trimStart(text, i + 1, e)
    if (i >= e) return true
  }
  const hi = trimEnd(text, i, e)
  if (i >= hi) return false
  let j = i
  if (isDigit(text.charCodeAt(j))) {
    while (j < hi && isDigit(text.charCodeAt(j))) j++
    if (j - i > 3) return false
  } else if (isLetter(text.charCodeAt(j))) j++
  else return false
  if (text.charCodeAt(j) === 46) j++
  else if (text.charCodeAt(j) === 41) j++
  else return false
  if (text.charCodeAt(j) === 41) j++
  return j === hi
}

// "(Smith 55)." directly after a break: a citation that belongs to the previous sentence.
const isCitationAt = (text: string, b: number, hi: number): boolean => {
  if (text.charCodeAt(b) !== 40) return false
  const lim = Math.min(hi, b + 80)
  for (let i = b + 1; i < lim; i++) {
    const c = text.charCodeAt(i)
    if (c === 41) {
      const n = text.charCodeAt(i + 1)
      return (n === 46 || n === 33 || n === 63) && (i + 2 >= hi || isSpace(text.charCodeAt(i + 2)))
    }
    if (c === 40 || c === 46 || c === 33 || c === 63 || isNewline(c)) return false
  }
  return false
}

const nextWordLower = (text: string, b: number, hi: number): string => {
  let i = b
  while (i < hi && isOpener(text.charCodeAt(i))) i++
  let e = i
  // stop at an apostrophe: "That's" → "that"
  while (e < hi) {
    const c = text.charCodeAt(e)
    if (isLetter(c) || isDigit(c) || c === 45) e++
    else break
  }
  return text.slice(i, e).toLowerCase()
}

// First letter/digit of the next word, skipping opening quotes/brackets.
const nextWordFirst = (text: string, b: number, hi: number): number => {
  let i = b
  while (i < hi && isOpener(text.charCodeAt(i))) i++
  return i < hi ? text.charCodeAt(i) : -1
}

const isInitial = (tok: string): boolean => tok.length === 2 && isUpper(tok.charCodeAt(0)) && tok[1] === "."

const BREAK = 0
const MERGE = 1

// Decide whether the ICU candidate break at b (start of the next segment) is a real sentence break.
// `cur` is the start of the current (accumulating) sentence; `extra` receives an earlier forced break.
const judge = (text: string, cur: number, b: number, hi: number, lists: ListInfo, extra: number[]): number => {
  const q = trimEnd(text, cur, b) // end of the left content
  if (q <= cur) return BREAK
  const n = trimStart(text, b, hi)
  if (n >= hi) return BREAK
  if (lists.markerEnds.has(n) || lists.markerEnds.has(b)) return MERGE
  // A newline inside the gap: headline-like lines end a sentence, except soft-wrapped text
  // (single newline, no final punctuation, next line begins with a lower-case word).
  let newlines = 0
  for (let i = q; i < n; i++) if (text.charCodeAt(i) === 10) newlines++
  const firstNext = nextWordFirst(text, n, hi)
  const last = text.charCodeAt(q - 1)
  if (newlines > 0) {
    // hard-wrapped prose has long lines; short lines ("Notify of\nguest") are UI/headline fragments
    if (newlines === 1 && (isLetter(last) || isDigit(last) || last === 44 || last === 59) && isLower(firstNext)) {
      let ls = q
      while (ls > cur && !isNewline(text.charCodeAt(ls - 1))) ls--
      if (q - ls >= 40) return MERGE
    }
    return BREAK
  }
  if (onlyMarker(text, cur, q)) return MERGE
  if (isCitationAt(text, n, hi)) return MERGE
  // strip closing quotes/brackets to find the terminator
  let t = q
  while (t > cur && isCloser(text.charCodeAt(t - 1))) t--
  const closed = t < q
  if (t <= cur) return BREAK
  const term = text.charCodeAt(t - 1)
  if (term === 33 || term === 63) {
    // "Yahoo! in the…", "“Why?” he asked": never start a sentence with a lower-case word
    return isLower(firstNext) ? MERGE : BREAK
  }
  if (term !== 46 && term !== 0x2026) return BREAK
  // count the trailing ellipsis run (". . . .", "....", "…")
  let dots = 0
  let i = t
  let firstDot = t
  while (i > cur) {
    const c = text.charCodeAt(i - 1)
    if (c === 46) {
      dots++
      firstDot = i - 1
      i--
    } else if (c === 0x2026) {
      dots += 3
      firstDot = i - 1
      i--
    } else if (c === 32 && i - 1 > cur && (text.charCodeAt(i - 2) === 46 || text.charCodeAt(i - 2) === 0x2026)) i--
    else break
  }
  if (dots >= 2) {
    if (isLower(firstNext)) return MERGE
    const attached = firstDot > cur && !isSpace(text.charCodeAt(firstDot - 1))
    const spaced = text.charCodeAt(firstDot + 1) === 32
    if (dots >= 4 && attached && spaced) {
      // "compounds. . . . The": the period ends the sentence, the ellipsis opens the next one
      extra.push(firstDot + 1)
      return MERGE
    }
    // spaced ". . ." (MLA omission) stays inside the sentence; "..." / "…" before a capital is
    // how news copy trails off, so it ends the sentence; four dots = ellipsis + full stop
    return dots === 3 && spaced ? MERGE : BREAK
  }
  if (closed) return BREAK // `great." She` — the quote/bracket closed the sentence
  if (isLower(firstNext)) return MERGE
  // the token before the period
  const ts = tokenStart(text, cur, t - 1)
  let ws = ts
  while (ws < t - 1 && isOpener(text.charCodeAt(ws))) ws++
  const tok = text.slice(ws, t) // includes the final "."
  const core = tok.slice(0, -1)
  const lower = core.toLowerCase()
  const nextWord = nextWordLower(text, n, hi)
  const nextIsStarter = STARTERS.has(nextWord)
  const nextIsDigit = isDigit(firstNext)
  if (core.length === 0) return BREAK
  const titleCase = isUpper(core.charCodeAt(0)) && (core.length === 1 || !isUpper(core.charCodeAt(1)))
  if (TITLES.has(lower) && (titleCase || (!TITLE_NEEDS_CAPITAL.has(lower) && isLower(core.charCodeAt(0))))) {
    if (TITLE_NEEDS_CAPITAL.has(lower) && lower !== "st" && lower !== "ft" && lower !== "pt") {
      // "No. 5" / "Art. 3" merge; "No. He said" breaks
      return nextIsDigit ? MERGE : BREAK
    }
    return MERGE
  }
  if (nextIsDigit) {
    return ABBREVIATIONS.has(lower) || TITLES.has(lower) || DATE_ABBREVIATIONS.has(lower) ||
        (core.length <= 2 && isLetter(core.charCodeAt(0)))
      ? MERGE
      : BREAK
  }
  if (DATE_ABBREVIATIONS.has(lower)) return BREAK
  // an opening quote after an ambiguous period starts a new sentence (`told The Sun. "That's…`)
  if (isOpener(text.charCodeAt(n)) && text.charCodeAt(n) !== 40) return BREAK
  // initials: "Jonas E. Smith", "J. R. R. Tolkien", but "you and I. Did you…"
  if (core.length === 1 && isUpper(core.charCodeAt(0))) {
    const ps = tokenStart(text, cur, trimEnd(text, cur, ws))
    const prevTok = text.slice(ps, trimEnd(text, cur, ws))
    const prevCap = prevTok.length > 0 && isUpper(prevTok.charCodeAt(0))
    const atStart = trimStart(text, cur, ws) === ws
    if (core === "I") return prevCap && !nextIsStarter ? MERGE : BREAK
    if (nextIsStarter) return BREAK
    return prevCap || atStart || isInitial(prevTok) || isUpper(firstNext) ? MERGE : BREAK
  }
  // dotted acronyms "U.S.", "U.S.A.", "e.g.", "a.m." and listed abbreviations
  let dotted = core.length >= 3
  for (let k = 1; dotted && k < core.length; k += 2) if (core.charCodeAt(k) !== 46) dotted = false
  for (let k = 0; dotted && k < core.length; k += 2) if (!isLetter(core.charCodeAt(k))) dotted = false
  if (dotted || ABBREVIATIONS.has(lower)) {
    if (lower === "e.g" || lower === "i.e" || lower === "viz") return MERGE
    if (nextIsStarter || !isUpper(firstNext)) return BREAK
    if (!dotted) return MERGE // "Co. Chairman", "Inc. Chief Executive"
    // "U.S. Government", "U.S. Food and Drug …" vs "in the U.S. Mammography is …"
    if (ACRONYM_HEADS.has(nextWord)) return MERGE
    const after = trimStart(text, n + nextWord.length, hi)
    const c2 = text.charCodeAt(after)
    if (isUpper(c2) || c2 === 38) return MERGE
    const w2 = nextWordLower(text, after, hi)
    return w2 === "and" || w2 === "of" || w2 === "for" ? MERGE : BREAK
  }
  return BREAK
}

/** Paragraphs: blocks separated by blank lines; a list-item line is its own paragraph. */
export function splitParagraphs(text: string): Span[] {
  const out: Span[] = []
  const n = text.length
  let pStart = -1
  let pEnd = -1
  const flush = () => {
    if (pStart >= 0) out.push({ start: pStart, end: pEnd })
    pStart = -1
    pEnd = -1
  }
  let ls = 0
  while (ls <= n) {
    let le = text.indexOf("\n", ls)
    if (le < 0) le = n
    const s = trimStart(text, ls, le)
    const e = trimEnd(text, s, le)
    if (s >= e) flush()
    else if (isListLine(text, s, e)) {
      flush()
      out.push({ start: s, end: e })
    } else {
      if (pStart < 0) pStart = s
      pEnd = e
    }
    ls = le + 1
  }
  flush()
  return out
}

const isListLine = (text: string, s: number, e: number): boolean => {
  const c = text.charCodeAt(s)
  if (BULLETS.has(c)) return true
  if ((c === 45 || c === 42 || c === 0x2013) && s + 1 < e && isSpace(text.charCodeAt(s + 1))) return true
  if (isDigit(c)) {
    let j = s
    while (j < e && j - s < 3 && isDigit(text.charCodeAt(j))) j++
    const p = text.charCodeAt(j)
    if (p !== 46 && p !== 41) return false
    j++
    if (text.charCodeAt(j) === 41) j++
    return j < e && isSpace(text.charCodeAt(j)) && !isDigit(text.charCodeAt(trimStart(text, j, e)))
  }
  return false
}

// One-entry cache of ICU breaks for the last text split by ranges (callers usually walk the
// paragraphs of one document in turn). Pure: results do not depend on the cache.
let cachedText: string | null = null
let cachedBreaks: number[] = []
const wholeTextBreaks = (text: string): number[] => {
  if (cachedText !== text) {
    const breaks: number[] = []
    for (const seg of segmenter.segment(text)) if (seg.index > 0) breaks.push(seg.index)
    cachedText = text
    cachedBreaks = breaks
  }
  return cachedBreaks
}
const lowerBound = (a: number[], x: number): number => {
  let l = 0
  let h = a.length
  while (l < h) {
    const m = (l + h) >>> 1
    if ((a[m] as number) < x) l = m + 1
    else h = m
  }
  return l
}
// [lo, hi) starts and ends at line boundaries (only whitespace between it and a newline or the text edge)
const lineAligned = (text: string, lo: number, hi: number): boolean => {
  let i = lo
  while (i > 0 && isSpace(text.charCodeAt(i - 1)) && !isNewline(text.charCodeAt(i - 1))) i--
  if (i > 0 && !isNewline(text.charCodeAt(i - 1))) return false
  let j = hi
  while (j < text.length && isSpace(text.charCodeAt(j)) && !isNewline(text.charCodeAt(j))) j++
  return j >= text.length || isNewline(text.charCodeAt(j))
}

/** Sentences inside [start, end): trimmed, ordered, non-overlapping, covering all non-space text. */
export function splitSentences(text: string, start = 0, end: number = text.length): Span[] {
  const lo = Math.max(0, Math.min(start, text.length))
  const hi = Math.max(lo, Math.min(end, text.length))
  const out: Span[] = []
  if (lo >= hi) return out
  const slice = lo === 0 && hi === text.length ? text : text.slice(lo, hi)
  const lists = scanLists(text, slice, lo, hi)
  const breaks: number[] = []
  const extra: number[] = []
  let cur = lo
  let fi = 0 // index into lists.forced (sorted ascending)
  const forced = lists.forced
  const forcedSet = new Set(forced)
  const consider = (b: number) => {
    // forced list breaks that come before this candidate
    while (fi < forced.length && (forced[fi] as number) <= b) {
      const f = forced[fi++] as number
      if (f > cur && trimEnd(text, cur, f) > cur) {
        breaks.push(f)
        cur = f
      }
    }
    if (b >= hi || b <= cur) return
    if (lists.markerEnds.has(b) && !forcedSet.has(b)) return
    if (judge(text, cur, b, hi, lists, extra) === BREAK) {
      breaks.push(b)
      cur = b
    } else if (extra.length > 0) {
      const x = extra.pop() as number
      if (x > cur) {
        breaks.push(x)
        cur = x
      }
    }
  }
  if (slice === text || !lineAligned(text, lo, hi)) {
    for (const seg of segmenter.segment(slice)) {
      if (seg.index === 0) continue
      consider(lo + seg.index)
    }
  } else {
    // paragraph-by-paragraph callers: segment the whole text once and reuse its breaks
    // (ICU restarts after every newline, so breaks inside a line-aligned range are identical)
    const all = wholeTextBreaks(text)
    let k = lowerBound(all, lo + 1)
    for (; k < all.length && (all[k] as number) < hi; k++) consider(all[k] as number)
  }
  consider(hi)
  breaks.push(hi)
  let s = lo
  for (const b of breaks) {
    const a = trimStart(text, s, b)
    const z = trimEnd(text, a, b)
    if (a < z) out.push({ start: a, end: z })
    s = b
  }
  return out
}
