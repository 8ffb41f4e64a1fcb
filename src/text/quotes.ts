// Quotation extraction with speaker attribution.
// One linear scan pairs quote marks per paragraph (curly marks nest with a stack, straight marks are
// directed by their neighbours, apostrophes never open), multi-paragraph quotes follow the newspaper
// convention (no closing mark, next paragraph re-opens), then each quote is attributed from, in order:
// a trailing cue (`,” the ministry added`), a leading cue in the same sentence (`X said: “…`), or an
// introducing paragraph (`According to X,` / `X continued,`). Unnamed cues inherit the last speaker.

import { type Span, splitSentences } from "./sentences.ts"

export type { Span }

export interface QuoteSpan {
  readonly start: number
  readonly end: number // the quoted text INCLUDING its quote marks
  readonly text: string // inner text without the marks
  readonly speaker: { readonly start: number; readonly end: number; readonly text: string } | null
  readonly cue: string | null
  readonly kind: "direct" | "partial" | "block"
}

interface Entity {
  readonly start: number
  readonly end: number
  readonly type: string
}

type Speaker = { readonly start: number; readonly end: number; readonly text: string }

// --- character helpers ---------------------------------------------------------------------------

const isSpace = (c: number): boolean =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000
const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isUpper = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c > 0xbf && String.fromCharCode(c) !== String.fromCharCode(c).toLowerCase())
const isLower = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c > 0xdf && String.fromCharCode(c) !== String.fromCharCode(c).toUpperCase())
const isAlnum = (c: number): boolean => isUpper(c) || isLower(c) || isDigit(c)

const LDQ = 0x201c // “
const RDQ = 0x201d // ”
const LOW9 = 0x201e // „
const LSQ = 0x2018 // ‘
const RSQ = 0x2019 // ’ (also the apostrophe)
const DQ = 34 // "
const SQ = 39 // '
const LGUIL = 0xab // «
const RGUIL = 0xbb // »

const isDoubleOpenChar = (c: number): boolean => c === LDQ || c === LOW9 || c === DQ || c === LGUIL
const OPEN_CONTEXT = (c: number): boolean =>
  Number.isNaN(c) || isSpace(c) || c === 40 || c === 91 || c === 0x2014 || c === 0x2013 || c === 45 || c === 58 ||
  c === 44 || c === LSQ || c === LDQ
const CLOSE_CONTEXT = (c: number): boolean => Number.isNaN(c) || !isAlnum(c)

// --- pairing -------------------------------------------------------------------------------------

interface RawQuote {
  open: number // index of the opening mark
  close: number // index of the closing mark, -1 when the quote runs to the end of its last paragraph
  end: number // exclusive end of the span
  firstPara: number
  lastPara: number
  contOpens: number[] // re-opening marks of continuation paragraphs
}

interface Frame {
  pos: number
  single: boolean
  para: number
  contOpens: number[]
}

const pairQuotes = (text: string, paragraphs: ReadonlyArray<Span>): RawQuote[] => {
  const out: RawQuote[] = []
  let carry: Frame | null = null
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi] as Span
    const stack: Frame[] = []
    // matched pairs of this paragraph with the stack frame they were nested in (null = top level)
    const pairs: Array<{ q: RawQuote; parent: Frame | null }> = []
    let i = p.start
    if (carry !== null) {
      const c0 = text.charCodeAt(p.start)
      if (isDoubleOpenChar(c0)) {
        carry.contOpens.push(p.start)
        stack.push(carry)
        i = p.start + 1
      } else {
        // the previous paragraph's quote never closed and is not continued
        const prev = paragraphs[pi - 1] as Span
        if (text.charCodeAt((paragraphs[carry.para] as Span).start) === text.charCodeAt(carry.pos) &&
          carry.pos === (paragraphs[carry.para] as Span).start) {
          out.push({ open: carry.pos, close: -1, end: prev.end, firstPara: carry.para, lastPara: pi - 1,
            contOpens: carry.contOpens })
        }
      }
      carry = null
    }
    for (; i < p.end; i++) {
      const c = text.charCodeAt(i)
      if (c !== DQ && c !== LDQ && c !== RDQ && c !== LOW9 && c !== LSQ && c !== RSQ && c !== SQ && c !== LGUIL &&
        c !== RGUIL) continue
      const before = i > p.start ? text.charCodeAt(i - 1) : NaN
      const after = i + 1 < p.end ? text.charCodeAt(i + 1) : NaN
      const top = stack.length > 0 ? stack[stack.length - 1] as Frame : null
      const looksOpen = OPEN_CONTEXT(before) && !Number.isNaN(after) && !isSpace(after)
      const looksClose = !Number.isNaN(before) && !isSpace(before) && CLOSE_CONTEXT(after)
      let action: "open" | "close" | "none" = "none"
      let single = false
      if (c === LDQ || c === LOW9 || c === LGUIL) action = "open"
      else if (c === RDQ || c === RGUIL) {
        if (top !== null && !top.single) action = "close"
        else if (top === null && looksOpen && !looksClose) action = "open" // ”text” misuse
      } else if (c === DQ) {
        if (top !== null && !top.single && looksClose) action = "close"
        else if (looksOpen) action = "open"
        else if (top !== null && !top.single) action = "close"
      } else if (c === LSQ) {
        // top-level single quotes only (British style); nested ones stay inside the outer quote
        if (stack.length === 0 && looksOpen) {
          action = "open"
          single = true
        }
      } else {
        // ’ or ': closes a top-level single quote; otherwise an apostrophe ("Russian’s", "States’")
        if (top !== null && top.single && looksClose) action = "close"
      }
      if (action === "open") {
        if (c === DQ && top !== null && !top.single && stack.length > 0 && stack[0]?.pos !== undefined &&
          text.charCodeAt(top.pos) === DQ) {
          // a second opening straight quote while one is open: the first one was stray
          stack.pop()
        }
        stack.push({ pos: i, single, para: pi, contOpens: [] })
      } else if (action === "close" && top !== null) {
        stack.pop()
        const parent = stack.length > 0 ? stack[stack.length - 1] as Frame : null
        pairs.push({
          q: { open: top.pos, close: i, end: i + 1, firstPara: top.para, lastPara: pi, contOpens: top.contOpens },
          parent,
        })
      }
    }
    // frames still open at the paragraph end are broken, except the outermost double quote
    // when the next paragraph re-opens (multi-paragraph quotation)
    const broken = new Set<Frame>(stack)
    const bottom = stack[0]
    const next = paragraphs[pi + 1]
    if (bottom !== undefined && !bottom.single && next !== undefined && isDoubleOpenChar(text.charCodeAt(next.start))) {
      carry = bottom
      broken.clear() // everything else nests inside the carried quote
    } else if (bottom !== undefined && !bottom.single && bottom.pos === (paragraphs[bottom.para] as Span).start &&
      bottom.para < pi) {
      // a multi-paragraph quote whose last paragraph forgot the closing mark
      out.push({ open: bottom.pos, close: -1, end: p.end, firstPara: bottom.para, lastPara: pi,
        contOpens: bottom.contOpens })
      broken.clear()
    }
    for (const { q, parent } of pairs) {
      if (parent === null || broken.has(parent)) out.push(q)
    }
  }
  out.sort((a, b) => a.open - b.open)
  return out
}

// --- tokens and lexicons -------------------------------------------------------------------------

interface Tok {
  s: number
  e: number
  lower: string
  punctAfter: number // code of the punctuation directly after the word (0 if none)
}

const ABBR = new Set(["mr", "mrs", "ms", "dr", "gen", "maj", "lt", "col", "capt", "sgt", "sen", "rep", "gov", "st",
  "jr", "sr", "co", "inc", "corp", "ltd", "prof", "rev", "adm", "brig", "cmdr", "pres", "mt", "ft"])

// Words of [s, e): runs of non-space chars with surrounding punctuation stripped.
const tokenize = (text: string, s: number, e: number): Tok[] => {
  const out: Tok[] = []
  let i = s
  while (i < e) {
    while (i < e && isSpace(text.charCodeAt(i))) i++
    if (i >= e) break
    let j = i
    while (j < e && !isSpace(text.charCodeAt(j))) j++
    let a = i
    let b = j
    while (a < b && !isAlnum(text.charCodeAt(a))) a++
    let punct = 0
    while (b > a && !isAlnum(text.charCodeAt(b - 1))) {
      const c = text.charCodeAt(b - 1)
      // keep the final period of abbreviations/acronyms ("U.S.", "Gen.") when nothing follows it
      if (c === 46 && b === j && (text.lastIndexOf(".", b - 2) > a || ABBR.has(text.slice(a, b - 1).toLowerCase()))) break
      if (c === 44 || c === 58 || c === 59 || c === 46 || c === 33 || c === 63) punct = c
      b--
    }
    if (a < b) out.push({ s: a, e: b, lower: text.slice(a, b).toLowerCase(), punctAfter: punct })
    else if (out.length > 0) {
      // a free-standing dash or punctuation acts as a clause boundary
      const last = out[out.length - 1] as Tok
      if (last.punctAfter === 0) last.punctAfter = 44
    }
    i = j
  }
  return out
}

const CUE_VERBS = new Set([
  "said", "says", "say", "saying", "told", "tells", "added", "adds", "adding", "continued", "continues", "stated",
  "states", "explained", "explains", "noted", "notes", "wrote", "writes", "asked", "asks", "declared", "declares",
  "announced", "announces", "insisted", "insists", "argued", "argues", "warned", "warns", "claimed", "claims",
  "replied", "replies", "responded", "commented", "remarked", "described", "describes", "tweeted", "posted",
  "concluded", "acknowledged", "admitted", "admits", "stressed", "stresses", "emphasised", "emphasized",
  "urged", "confirmed", "testified", "recalled", "predicted", "cautioned", "observed", "quipped", "joked",
  "vowed", "pledged", "promised", "reported", "reiterated", "boasted", "conceded", "complained", "suggested",
  "maintained", "wrote", "shouted", "exclaimed", "whispered", "pointed", "went",
])
// words that end a noun phrase read forward from a cue ("said Aziz in a statement")
const NP_STOP_AFTER = new Set([
  "in", "on", "at", "during", "after", "before", "when", "while", "as", "that", "who", "which", "to", "from",
  "last", "this", "yesterday", "today", "on", "via", "according", "adding", "and", "but", "because", "told",
  "earlier", "later", "with", "for", "by", "about", "saying", "if", "since",
])
// words that end a subject read backward from a cue ("… and the ministry said")
const NP_STOP_BEFORE = new Set([
  "and", "but", "while", "as", "that", "which", "who", "because", "when", "after", "before", "if", "so", "where",
  "although", "though", "since", "whereas", "where", "said", "says", "told", "meanwhile", "however", "also",
  "have", "has", "had", "is", "was", "were", "are", "be", "been", "will", "would", "could", "should", "may",
  "might", "not", "then", "to",
])
// adverbs between subject and verb ("the ministry also said", "Aziz later told")
const SKIP_ADVERBS = new Set([
  "also", "later", "earlier", "previously", "then", "further", "again", "recently", "reportedly", "separately",
  "once", "now", "today", "yesterday", "simply", "repeatedly", "publicly", "privately", "has", "had", "have",
])
const STRONG_STOPS = new Set(["that", "which", "because", "when", "while", "if", "is", "was", "were", "are", "has",
  "had", "have", "will", "would", "could", "should", "but"])
const INVERTIBLE = new Set(["said", "says", "added", "adds", "asked", "continued", "wrote", "replied", "explained",
  "insisted", "warned", "noted", "declared", "announced", "stated"])
const PRONOUNS = new Set(["he", "she", "they", "it", "we", "i", "you", "his", "her", "their"])
const DETERMINERS = new Set(["the", "a", "an", "its", "his", "her", "their"])
// document-like nouns: "The statement continued," speaks for whoever issued the statement
const GENERIC_HEADS = new Set([
  "statement", "report", "release", "communique", "communiqué", "letter", "message", "post", "tweet", "document",
  "text", "note", "memo", "announcement", "transcript", "briefing", "interview", "speech", "remarks", "address",
  "source", "sources", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "ministry",
  "department", "agency", "government", "minister", "president", "company", "group", "organisation",
  "organization", "coalition", "military", "army", "police", "court", "committee", "council", "office",
])
const DOCUMENT_HEADS = new Set([
  "statement", "report", "release", "communique", "communiqué", "letter", "message", "post", "tweet", "document",
  "text", "note", "memo", "announcement", "transcript", "briefing", "interview", "speech", "remarks", "address",
])

// --- attribution ---------------------------------------------------------------------------------

interface Found {
  cue: string
  np: { s: number; e: number } | null // noun phrase (may be a pronoun or generic noun)
  cueStart: number // index of the cue word (to choose the nearest)
}

// Subject noun phrase that ends right before token index v (exclusive), or null.
const subjectBefore = (toks: Tok[], v: number): { s: number; e: number } | null => {
  let k = v - 1
  while (k >= 0 && SKIP_ADVERBS.has((toks[k] as Tok).lower) && (toks[k] as Tok).punctAfter === 0) k--
  // "Boris Johnson, Conservative MP for Henley, said": skip the appositive back to the name
  if (k >= 1 && (toks[k] as Tok).punctAfter === 44) {
    for (let a = k - 1; a >= 0 && k - a <= 12; a--) {
      const t = toks[a] as Tok
      if (t.punctAfter === 44) {
        k = a
        break
      }
      if (t.punctAfter !== 0 || NP_STOP_BEFORE.has(t.lower)) break
    }
  }
  const last = k
  let first = -1
  for (; k >= 0 && last - k < 10; k--) {
    const t = toks[k] as Tok
    if (t.punctAfter !== 0 && k !== last) break
    if (NP_STOP_BEFORE.has(t.lower) || CUE_VERBS.has(t.lower)) break
    first = k
  }
  // sentence adverbs are not part of the subject ("Later the prime minister said")
  while (first >= 0 && first < last && SKIP_ADVERBS.has((toks[first] as Tok).lower)) first++
  if (first < 0 || last < first) return null
  return { s: (toks[first] as Tok).s, e: (toks[last] as Tok).e }
}

// Noun phrase starting at token index v (a name after "said"/"according to"), or null.
const objectAfter = (toks: Tok[], v: number): { s: number; e: number } | null => {
  let last = -1
  for (let k = v; k < toks.length && k - v < 8; k++) {
    const t = toks[k] as Tok
    if (NP_STOP_AFTER.has(t.lower) && k > v) break
    if (CUE_VERBS.has(t.lower)) break
    last = k
    if (t.punctAfter !== 0) break
  }
  if (last < v) return null
  return { s: (toks[v] as Tok).s, e: (toks[last] as Tok).e }
}

// Find the cue nearest to the end of [s, e) (leading context or an introducing line).
const leadingCue = (text: string, s: number, e: number): Found | null => {
  const toks = tokenize(text, s, e)
  for (let k = toks.length - 1; k >= 0; k--) {
    const t = toks[k] as Tok
    if (t.lower === "to" && k > 0 && (toks[k - 1] as Tok).lower === "according") {
      return { cue: "according to", np: objectAfter(toks, k + 1), cueStart: (toks[k - 1] as Tok).s }
    }
    if (CUE_VERBS.has(t.lower)) {
      let cue = t.lower
      if (cue === "pointed" || cue === "went") {
        const nx = toks[k + 1]
        if (nx === undefined || (nx.lower !== "out" && nx.lower !== "on")) continue
        cue = cue + " " + nx.lower
      }
      let np = subjectBefore(toks, k)
      // inverted order (`…, said Aziz:`) only for finite verbs; "saying"/"adding" have no object NP
      if (np === null && INVERTIBLE.has(t.lower)) np = objectAfter(toks, k + 1)
      return { cue, np, cueStart: t.s }
    }
  }
  return null
}

// `,” the ministry added` / `,” said Bassem Aziz, a spokesman` / `,” according to X`
const trailingCue = (text: string, s: number, e: number): Found | null => {
  const toks = tokenize(text, s, e)
  if (toks.length === 0) return null
  const t0 = toks[0] as Tok
  if (t0.lower === "according" && (toks[1] as Tok | undefined)?.lower === "to") {
    return { cue: "according to", np: objectAfter(toks, 2), cueStart: t0.s }
  }
  if (CUE_VERBS.has(t0.lower)) return { cue: t0.lower, np: objectAfter(toks, 1), cueStart: t0.s }
  // `,” chairman and chief executive Richard Parsons said` / `,” Birgit Kuhlhoff, from X, told Reuters`
  let npEnd = -1 // last token of the NP (before an appositive)
  for (let k = 1; k < toks.length && k <= 14; k++) {
    const t = toks[k] as Tok
    const prev = toks[k - 1] as Tok
    if (prev.punctAfter !== 0 && prev.punctAfter !== 44) return null
    if (prev.punctAfter === 44 && npEnd < 0) npEnd = k - 1
    if (CUE_VERBS.has(t.lower)) {
      let last = npEnd >= 0 ? npEnd : k - 1
      while (last > 0 && SKIP_ADVERBS.has((toks[last] as Tok).lower)) last--
      return { cue: t.lower, np: { s: t0.s, e: (toks[last] as Tok).e }, cueStart: t.s }
    }
    if (STRONG_STOPS.has(t.lower)) return null
  }
  return null
}

const sliceSpeaker = (text: string, s: number, e: number): Speaker => ({ start: s, end: e, text: text.slice(s, e) })

// --- main ----------------------------------------------------------------------------------------

export function extractQuotes(
  text: string,
  paragraphs: ReadonlyArray<Span>,
  entities: ReadonlyArray<Entity>,
): QuoteSpan[] {
  const raws = pairQuotes(text, paragraphs)
  if (raws.length === 0) return []
  const ents = entities
    .filter((e) => e.start >= 0 && e.end <= text.length && e.start < e.end)
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const sentCache = new Map<number, Span[]>()
  const sentencesOf = (pi: number): Span[] => {
    let s = sentCache.get(pi)
    if (s === undefined) {
      const p = paragraphs[pi] as Span
      s = splitSentences(text, p.start, p.end)
      sentCache.set(pi, s)
    }
    return s
  }
  const sentenceAt = (pi: number, pos: number): Span => {
    for (const s of sentencesOf(pi)) if (pos >= s.start && pos < s.end) return s
    return paragraphs[pi] as Span
  }

  // Best speaker span for a noun phrase: a PER/ORG entity inside it (nearest to the cue), else the
  // phrase without a leading determiner before a proper name.
  const resolveNP = (np: { s: number; e: number }, cueStart: number): Speaker => {
    let best: Entity | null = null
    let bestScore = Infinity
    for (const en of ents) {
      if (en.start >= np.e) break
      if (en.end <= np.s) continue
      const rank = en.type === "PER" ? 0 : en.type === "ORG" ? 1 : 2
      const dist = Math.abs((en.start + en.end) / 2 - cueStart)
      const score = rank * 1e6 + dist
      if (score < bestScore) {
        bestScore = score
        best = en
      }
    }
    if (best !== null) {
      return sliceSpeaker(text, Math.max(best.start, np.s), Math.min(best.end, np.e))
    }
    let s = np.s
    const toks = tokenize(text, np.s, np.e)
    const first = toks[0]
    const second = toks[1]
    if (first !== undefined && second !== undefined && DETERMINERS.has(first.lower) &&
      isUpper(text.charCodeAt(second.s))) s = second.s
    return sliceSpeaker(text, s, np.e)
  }

  const headOf = (np: { s: number; e: number }): string => {
    const toks = tokenize(text, np.s, np.e)
    // "the ministry of defense" → head "ministry" (before "of")
    let head = toks[toks.length - 1]
    for (let k = 0; k < toks.length; k++) if ((toks[k] as Tok).lower === "of" && k > 0) { head = toks[k - 1]; break }
    return head === undefined ? "" : head.lower
  }

  // "the ministry" → the nearest earlier entity or cue subject containing "ministry"
  const corefer = (head: string, before: number, pi: number): Speaker | null => {
    for (let k = ents.length - 1; k >= 0; k--) {
      const en = ents[k] as Entity
      if (en.end > before || (en.type !== "ORG" && en.type !== "PER")) continue
      if (text.slice(en.start, en.end).toLowerCase().split(/\s+/).includes(head)) {
        return sliceSpeaker(text, en.start, en.end)
      }
    }
    for (let q = pi; q >= 0 && q >= pi - 3; q--) {
      const sents = sentencesOf(q)
      for (let k = sents.length - 1; k >= 0; k--) {
        const s = sents[k] as Span
        if (s.start >= before) continue
        const f = leadingCue(text, s.start, Math.min(s.end, before))
        if (f === null || f.np === null) continue
        const np = f.np
        const words = tokenize(text, np.s, np.e)
        if (words.length > 1 && words.some((w) => w.lower === head)) return resolveNP(np, f.cueStart)
      }
    }
    return null
  }

  const out: QuoteSpan[] = []
  let lastSpeaker: Speaker | null = null
  let lastQuotePara = -1
  for (const r of raws) {
    const start = r.open
    const end = r.end
    // inner text without the marks (continuation re-opening marks removed)
    let inner = ""
    let from = r.open + 1
    for (const c of r.contOpens) {
      inner += text.slice(from, c)
      from = c + 1
    }
    inner += text.slice(from, r.close >= 0 ? r.close : r.end)
    const firstP = paragraphs[r.firstPara] as Span
    const lastP = paragraphs[r.lastPara] as Span
    // whole-paragraph quote: opens the paragraph and only punctuation follows the close
    let tailOnlyPunct = true
    for (let i = end; i < lastP.end; i++) {
      const c = text.charCodeAt(i)
      if (!isSpace(c) && c !== 46 && c !== 44 && c !== 59 && c !== 58) {
        tailOnlyPunct = false
        break
      }
    }
    const block = r.open === firstP.start && tailOnlyPunct
    // partial: embedded after a word, not introduced by punctuation ("were "respectable" in…")
    let k = r.open - 1
    while (k >= firstP.start && isSpace(text.charCodeAt(k))) k--
    const prevChar = k >= firstP.start ? text.charCodeAt(k) : NaN
    const innerFirst = inner.trimStart().charCodeAt(0)
    const kind: QuoteSpan["kind"] = block
      ? "block"
      : !Number.isNaN(prevChar) && (isAlnum(prevChar) || (isLower(innerFirst) && prevChar !== 58))
        ? "partial"
        : "direct"

    let found: Found | null = null
    let pi = r.firstPara
    // 1. trailing attribution after the closing mark (same sentence)
    if (!block && r.close >= 0) {
      const lastInner = text.charCodeAt(r.close - 1)
      const afterClose = text.charCodeAt(r.end)
      const sent = sentenceAt(r.lastPara, r.close)
      let wEnd = Math.min(lastP.end, sent.end, r.end + 160)
      // stop at the next quote mark
      for (let i = r.end; i < wEnd; i++) {
        const c = text.charCodeAt(i)
        if (c === LDQ || c === DQ || c === RDQ) {
          wEnd = i
          break
        }
      }
      const comma = lastInner === 44 || lastInner === 63 || lastInner === 33 || lastInner === 0x2014 ||
        lastInner === 45 || afterClose === 44 || kind === "partial"
      let ws = r.end
      while (ws < wEnd && isSpace(text.charCodeAt(ws))) ws++
      if (comma || isLower(text.charCodeAt(ws))) found = trailingCue(text, r.end, wEnd)
    }
    // 2. leading attribution in the same sentence
    if (found === null && !block) {
      const sent = sentenceAt(r.firstPara, r.open)
      if (sent.start < r.open) {
        found = leadingCue(text, sent.start, r.open)
        if (found === null) {
          let j = r.open - 1
          while (j > sent.start && isSpace(text.charCodeAt(j))) j--
          if (text.charCodeAt(j) === 58) found = { cue: "colon", np: null, cueStart: j }
        }
      }
    }
    // 3. introducing paragraph for block quotes ("According to X," / "Putin continued,")
    if (found === null && block && r.firstPara > 0) {
      const intro = paragraphs[r.firstPara - 1] as Span
      let j = intro.end - 1
      while (j > intro.start && isSpace(text.charCodeAt(j))) j--
      const lastC = text.charCodeAt(j)
      if (lastC === 44 || lastC === 58 || lastC === 0x2014 || lastC === 0x2013) {
        const sents = sentencesOf(r.firstPara - 1)
        const s = sents[sents.length - 1] ?? intro
        found = leadingCue(text, s.start, intro.end)
        if (found === null && lastC === 58) found = { cue: "colon", np: null, cueStart: j }
        pi = r.firstPara - 1
      }
    }

    let speaker: Speaker | null = null
    if (found === null && lastSpeaker !== null && lastQuotePara >= 0 && kind !== "partial" &&
      (lastQuotePara === r.firstPara || (lastQuotePara === r.firstPara - 1 && r.open === firstP.start))) {
      // news convention: an unattributed quote right after an attributed one continues that speaker
      speaker = lastSpeaker
    } else if (found !== null) {
      if (found.np === null) speaker = found.cue === "colon" ? null : lastSpeaker
      else {
        const npToks = tokenize(text, found.np.s, found.np.e)
        const only = npToks.length === 1 ? (npToks[0] as Tok).lower : ""
        const head = headOf(found.np)
        const firstTok = npToks[0]
        const definite = firstTok !== undefined && DETERMINERS.has(firstTok.lower)
        const hasEntity = ents.some((en) => en.start < found!.np!.e && en.end > found!.np!.s &&
          (en.type === "PER" || en.type === "ORG"))
        const properish = npToks.some((t, idx) => idx > 0 && isUpper(text.charCodeAt(t.s)))
        if (PRONOUNS.has(only)) speaker = lastSpeaker ?? resolveNP(found.np, found.cueStart)
        else if (!hasEntity && definite && !properish && DOCUMENT_HEADS.has(head)) {
          // "The statement continued," speaks for the previous quote's speaker
          speaker = lastSpeaker ?? resolveNP(found.np, found.cueStart)
        } else if (!hasEntity && definite && !properish && GENERIC_HEADS.has(head)) {
          speaker = corefer(head, found.np.s, pi) ?? resolveNP(found.np, found.cueStart)
        } else speaker = resolveNP(found.np, found.cueStart)
      }
    }
    if (speaker !== null) lastSpeaker = speaker
    lastQuotePara = r.lastPara
    out.push({ start, end, text: inner, speaker, cue: found?.cue ?? null, kind })
  }
  return out
}
