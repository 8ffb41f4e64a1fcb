/**
 * Newswire conventions the sentence model cannot see from one sentence's words (CoNLL-style annotation):
 * - in results lines ("Toronto 5 Detroit 3") and standings rows ("Juventus 8 7 1 0 17 4 22") a team named
 *   after a place is an organisation, a national side (a country) a location;
 * - in results rows "Name ( Country ) Team time" (cycling, motor racing) the words after the bracket are the
 *   rider's or driver's team, an organisation;
 * - a name ending in an event word ("Madrid Open", "Davis Cup", "Chinese Grand Prix") or opening with a
 *   race word ("Tour de France", "Giro d'Italia") is MISC;
 * - a name with a company suffix ("Eberhard Faber GmbH", "Merrill Lynch & Co") is an organisation, and so
 *   is the same name without it elsewhere in the text (index.ts votes for it);
 * - all-capital headlines ("ULLRICH TAKES STAGE") name the people and teams of the body in its case;
 * - a dateline ("NEW YORK 1996-08-30", "GRENOBLE , France 1996-08-30") names places, whatever a standings row
 *   below calls the same city.
 * Pure functions over token arrays and spans; index.ts calls them around the document pass.
 */
import { G_COUNTRY, G_MULTI_I, G_ORG_SUFFIX } from "./gazetteer.ts"

export type SpanType = "PER" | "ORG" | "LOC" | "MISC"

export interface Span {
  readonly sentence: number
  readonly start: number
  readonly end: number
  readonly type: SpanType
  readonly confidence: number
}

const NUMBER = /^\d[\d.,:]*$|^\.\d+$/
const isNumber = (t: string): boolean => NUMBER.test(t)
const isCap = (t: string): boolean => /^\p{Lu}/u.test(t)
// Tokens that may open a results segment before a team ("Results : Leicester 27 Bath 12 , Gloucester 19 …").
const SEGMENT_START = new Set([",", ";", ":", "(", "-", "–"])
const NOT_A_TEAM = new Set(["The", "THE", "A", "At", "AT", "In", "IN", "On", "ON", "Results", "RESULTS", "Standings",
  "STANDINGS", "Points", "POINTS", "Round", "ROUND", "Group", "GROUP", "Week", "WEEK", "Division", "DIVISION"])

/** [start, end) of the run of capitalised tokens ending just before `end` (at most 5 tokens), or undefined. */
function capRunBefore(tokens: ReadonlyArray<string>, end: number): number | undefined {
  let start = end
  while (start > 0 && end - start < 5 && isCap(tokens[start - 1]!) && !NOT_A_TEAM.has(tokens[start - 1]!)) start--
  return start < end ? start : undefined
}

/** A dateline's date after the place ("LONDON 1996-08-30" tokenised as 1996 - 08 - 30). */
const isDateRest = (rest: ReadonlyArray<string>): boolean => /^\d{4} [-/] \d{1,2} [-/] \d{1,2}$/.test(rest.join(" "))

/**
 * Team slots of a sentence, as [start, end) token ranges: the two sides of each "A n B n" results pair
 * (each side a run of capitalised words opening the sentence or a segment, or right after the first
 * side's score) and the name opening a standings row (followed only by numbers and punctuation, at
 * least three numbers, not a dateline's date).
 */
export function teamSlots(tokens: ReadonlyArray<string>): Array<readonly [number, number]> {
  const slots: Array<readonly [number, number]> = []
  const n = tokens.length
  // Standings row.
  let first = 0
  while (first < n && isCap(tokens[first]!) && !isNumber(tokens[first]!) && first < 5) first++
  if (first > 0 && first < n && !NOT_A_TEAM.has(tokens[0]!)) {
    const rest = tokens.slice(first)
    const numbers = rest.filter(isNumber).length
    if (numbers >= 3 && rest.every((t) => isNumber(t) || /^[-–.:/%()]$/.test(t)) && !isDateRest(rest)) slots.push([0, first])
  }
  // Results pairs: A n B n.
  for (let i = 0; i < n; i++) {
    if (!isNumber(tokens[i]!)) continue
    const a = capRunBefore(tokens, i)
    if (a === undefined) continue
    if (a > 0 && !SEGMENT_START.has(tokens[a - 1]!) && !isNumber(tokens[a - 1]!)) continue
    // B: capitalised run right after A's score, then B's score.
    let j = i + 1
    while (j < n && j - (i + 1) < 5 && isCap(tokens[j]!) && !NOT_A_TEAM.has(tokens[j]!)) j++
    if (j === i + 1 || j >= n || !isNumber(tokens[j]!)) continue
    if (!slots.some(([s, e]) => s === a && e === i)) slots.push([a, i])
    slots.push([i + 1, j])
    i = j - 1
  }
  return slots
}

/**
 * Types the team slots of one sentence: a slot that is exactly a country stays or becomes LOC, any other
 * place or ORG span there becomes ORG, and an untagged slot becomes ORG when another slot of the sentence
 * is an organisation. PER and MISC spans are left alone. Returns the spans it typed (for the document
 * pass to keep).
 */
export function typeTeamSlots(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  const slots = teamSlots(tokens)
  if (slots.length === 0) return typed
  const own = out.filter((s) => s.sentence === sentence)
  const isCountry = (s: number, e: number): boolean => {
    if ((flags[s]! & G_MULTI_I) !== 0 || (e < tokens.length && (flags[e]! & G_MULTI_I) !== 0)) return false
    for (let k = s; k < e; k++) if ((flags[k]! & G_COUNTRY) === 0) return false
    return true
  }
  const untagged: Array<readonly [number, number]> = []
  let anyOrg = false
  for (const [s, e] of slots) {
    const span = own.find((x) => x.start === s && x.end === e)
    if (span === undefined) {
      // A slot may hold a longer span ("NY RANGERS" inside a run) or none at all.
      if (!own.some((x) => x.start < e && x.end > s)) untagged.push([s, e])
      continue
    }
    if (span.type === "PER" || span.type === "MISC") continue
    const type: SpanType = isCountry(s, e) ? "LOC" : "ORG"
    if (type === "ORG") anyOrg = true
    const next = type === span.type ? span : { ...span, type }
    out[out.indexOf(span)] = next
    typed.add(next)
  }
  if (anyOrg) {
    for (const [s, e] of untagged) {
      if (isCountry(s, e)) continue
      const span: Span = { sentence, start: s, end: e, type: "ORG", confidence: 0.5 }
      out.push(span)
      typed.add(span)
    }
    out.sort((a, b) => a.sentence - b.sentence || a.start - b.start)
  }
  return typed
}

/**
 * The place names of a dateline line (a capitalised run, optionally ", Country", then a Y-M-D date) become
 * LOC; returns the spans it typed, for the document pass to keep.
 */
export function typeDateline(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  let i = 0
  while (i < tokens.length && isCap(tokens[i]!) && i < 5) i++
  if (i === 0) return typed
  let j = i
  if (tokens[j] === ",") {
    j++
    while (j < tokens.length && isCap(tokens[j]!) && j - i < 5) j++
  }
  if (!isDateRest(tokens.slice(j))) return typed
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.sentence !== sentence || a.end > j || a.type === "PER") continue
    const next = a.type === "LOC" ? a : { ...a, type: "LOC" as const }
    out[k] = next
    typed.add(next)
  }
  return typed
}

// Lower-case words inside team names ("Caisse d'Epargne", "Fassa Bortolo" has none).
const NAME_LINK = /^(?:de|du|da|del|di|van|von|of|d'\p{Lu}.*|d’\p{Lu}.*)$/u
// What may follow a results row's team: a time or gap, "same time", "+", the end of the line.
const AFTER_TEAM = /^(?:\d.*|same|s\.t\.|\+|at)$/

/**
 * "Jan Ullrich ( Germany ) Bianchi 4:31:34": after a PER name and a bracketed LOC, the capitalised words up
 * to a time are the team (ORG), replacing whatever spans the model put there. Returns the spans it made.
 */
export function typeResultTeams(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  const own = (i: number, type: SpanType, end?: number) =>
    out.find((x) => x.sentence === sentence && x.type === type && (end === undefined ? x.start === i : x.end === end))
  for (let c = 2; c < tokens.length - 1; c++) {
    if (tokens[c] !== ")") continue
    const open = tokens.lastIndexOf("(", c)
    if (open < 1 || c - open < 2) continue
    const place = own(open + 1, "LOC")
    if (place === undefined || place.end !== c || own(0, "PER", open) === undefined) continue
    let e = c + 1
    while (e < tokens.length && e - c - 1 < 4 && (isCap(tokens[e]!) || (e > c + 1 && NAME_LINK.test(tokens[e]!)))) e++
    if (e === c + 1 || (e < tokens.length && !AFTER_TEAM.test(tokens[e]!))) continue
    for (let k = out.length - 1; k >= 0; k--) {
      const x = out[k]!
      if (x.sentence === sentence && x.start < e && x.end > c + 1) out.splice(k, 1)
    }
    const team: Span = { sentence, start: c + 1, end: e, type: "ORG", confidence: 0.5 }
    out.push(team)
    typed.add(team)
  }
  if (typed.size > 0) out.sort((a, b) => a.sentence - b.sentence || a.start - b.start)
  return typed
}

// "& Co", "& Sons": the second word after the ampersand closes a company name.
const AMPERSAND_END = new Set(["co", "co.", "sons", "partners", "company", "associates", "brothers", "bros", "bros."])

/**
 * Company suffixes: a span ending in one (GmbH, Inc., plc, AG …) is ORG, and a span directly followed by one
 * (or by "& Co", "& Sons"), with up to two more capitalised words before it ("Dean Witter Discover & Co."),
 * grows over it and becomes ORG, replacing the spans it covers. Returns the spans it typed, each with where
 * its suffix starts (the name without it, "Eberhard Faber", is the same company elsewhere in the text).
 */
export function companySuffixes(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Map<Span, number> {
  const typed = new Map<Span, number>()
  const isSuffix = (i: number) => i < tokens.length && isCap(tokens[i]!) && (flags[i]! & G_ORG_SUFFIX) !== 0
  const isAmpersandEnd = (i: number) => tokens[i] === "&" && i + 1 < tokens.length && AMPERSAND_END.has(tokens[i + 1]!.toLowerCase())
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.sentence !== sentence) continue
    let end = -1
    let nameEnd = -1
    for (let e = a.end; e <= a.end + 2 && e < tokens.length; e++) {
      if (isSuffix(e)) [nameEnd, end] = [e, e + 1]
      else if (isAmpersandEnd(e)) [nameEnd, end] = [e, e + 2]
      if (end >= 0 || !isCap(tokens[e]!)) break
    }
    if (end < 0 && a.end - a.start >= 2 && isSuffix(a.end - 1)) [nameEnd, end] = [a.end - 1, a.end]
    if (end < 0 || (end === a.end && a.type === "ORG")) continue
    // Spans inside the grown name go; one reaching past its end stops the rule.
    let conf = a.confidence
    let q = k + 1
    while (q < out.length && out[q]!.sentence === sentence && out[q]!.start < end) conf = Math.min(conf, out[q++]!.confidence)
    if (out[q - 1]!.end > end) continue
    const org: Span = { sentence, start: a.start, end, type: "ORG", confidence: conf }
    out.splice(k, q - k, org)
    typed.set(org, nameEnd)
  }
  return typed
}

// Last words of event names.
const EVENT_END = new Set(["open", "cup", "championship", "championships", "games", "olympics", "prix", "trophy",
  "masters", "classic", "tournament", "marathon", "rally", "grand"])

// First words of race names.
const RACE_START = new Set(["tour", "giro", "vuelta"])

/**
 * "Madrid Open", "Davis Cup", "Chinese Grand Prix", "Tour de France": an ORG or LOC span ending in an event
 * word or opening with a race word is MISC.
 */
export function eventNames(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): void {
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.sentence !== sentence || (a.type !== "ORG" && a.type !== "LOC") || a.end - a.start < 2) continue
    const first = tokens[a.start]!
    const last = tokens[a.end - 1]!
    if ((isCap(last) && EVENT_END.has(last.toLowerCase())) || (isCap(first) && RACE_START.has(first.toLowerCase()))) {
      out[k] = { ...a, type: "MISC" }
    }
  }
}

/** A headline set in capitals: at least two words of letters, none with a lower-case letter. */
export function isAllCaps(tokens: ReadonlyArray<string>): boolean {
  let words = 0
  for (const t of tokens) {
    if (/\p{Ll}/u.test(t)) return false
    if (/\p{Lu}{2}/u.test(t)) words++
  }
  return words >= 2
}
