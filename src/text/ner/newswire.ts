/**
 * Newswire conventions the sentence model cannot see from one sentence's words (CoNLL-style annotation):
 * - in results lines ("Toronto 5 Detroit 3") and standings rows ("Juventus 8 7 1 0 17 4 22") a team named
 *   after a place is an organisation, a national side (a country) a location;
 * - a name ending in an event word ("Madrid Open", "Davis Cup", "Chinese Grand Prix") is MISC;
 * - all-capital headlines ("ULLRICH TAKES STAGE") name the people and teams of the body in its case;
 * - a dateline ("NEW YORK 1996-08-30", "GRENOBLE , France 1996-08-30") names places, whatever a standings row
 *   below calls the same city.
 * Pure functions over token arrays and spans; index.ts calls them around the document pass.
 */
import { G_COUNTRY, G_MULTI_I } from "./gazetteer.ts"

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

// Last words of event names.
const EVENT_END = new Set(["open", "cup", "championship", "championships", "games", "olympics", "prix", "trophy",
  "masters", "classic", "tournament", "marathon", "rally", "grand"])

/** "Madrid Open", "Davis Cup", "Chinese Grand Prix": an ORG or LOC span ending in an event word is MISC. */
export function eventNames(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): void {
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.sentence !== sentence || (a.type !== "ORG" && a.type !== "LOC") || a.end - a.start < 2) continue
    const last = tokens[a.end - 1]!
    if (isCap(last) && EVENT_END.has(last.toLowerCase())) out[k] = { ...a, type: "MISC" }
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
