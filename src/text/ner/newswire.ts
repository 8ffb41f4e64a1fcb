/**
 * Newswire conventions the sentence model cannot see from one sentence's words (CoNLL-style annotation):
 * - in results lines ("Toronto 5 Detroit 3") and standings rows ("Juventus 8 7 1 0 17 4 22") a team named
 *   after a place is an organisation, a national side (a country) a location;
 * - in results rows "Name ( Country ) Team time" (cycling, motor racing) the words after the bracket are the
 *   rider's or driver's team, an organisation;
 * - scorers in brackets after a team's score ("Bayern Munich 3 ( Elber 12 , Scholl 77 ) Schalke 0"), the players
 *   of a cricket scorecard ("M. Atherton c Latif b Waqar 31", "Bowling : Wasim 20-5-60-2") and the players of a golf
 *   leaderboard ("135 Tiger Woods 68 67") are persons;
 * - a name ending in an event word ("Madrid Open", "Davis Cup", "Chinese Grand Prix") or opening with a
 *   race word ("Tour de France", "Giro d'Italia") is MISC;
 * - a name with a company suffix ("Eberhard Faber GmbH", "Merrill Lynch & Co") is an organisation, and so
 *   is the same name without it elsewhere in the text (index.ts votes for it);
 * - all-capital headlines ("ULLRICH TAKES STAGE") name the people and teams of the body in its case;
 * - a dateline ("NEW YORK 1996-08-30", "GRENOBLE , France 1996-08-30") names places, whatever a standings row
 *   below calls the same city;
 * - a nationality opening a person's name ("Moroccan Hicham El Guerrouj") is MISC, not part of the name; a club
 *   named after its town ("Nottingham Forest", "Leicester City") is an organisation; a party ("Free Democrats")
 *   too; the EU and NATO are organisations; a name after "broker" or "firm" is a company, and so is one described
 *   as "the … watchdog / firm / company" in commas;
 * - a line-up written with initials ("C Paterson; S Webster, A Craig") names persons; a programme's title after a
 *   broadcaster's "'s" or right after it ("Radio 4's Today programme", "the BBC Today programme") is MISC; honours
 *   ("QC", "OBE") and hyphen tails ("-wide", "-based") stay outside names; a country before a state body ("US
 *   Department of Justice") is its own LOC;
 * - outside sports copy, British politics' places: "the Archbishop of Canterbury" (LOC "Canterbury"), "the
 *   Derbyshire seat of Erewash", a county named by "-shire" alone, "No 10".
 * Pure functions over one sentence's tokens and spans (sorted, non-overlapping); index.ts calls them on
 * each tagged sentence, before the document pass.
 */
import { G_CITY, G_COUNTRY, G_DEMONYM, G_FIRST_NAME, G_MULTI_I, G_ORG_CUE, G_ORG_SUFFIX, G_PER_TITLE, G_REGION } from "./gazetteer.ts"
import type { EntityType, TokenSpan as Span } from "./index.ts"

export type { Span }

const NUMBER = /^\d[\d.,:]*$|^\.\d+$/
const isNumber = (t: string): boolean => NUMBER.test(t)
// A team's score in a results pair: a whole number of at most three digits (not "0.2", not a year).
const isScore = (t: string): boolean => /^\d{1,3}$/.test(t)
export const isCap = (t: string): boolean => /^\p{Lu}/u.test(t)
// Tokens that may open a results segment before a team ("Results : Leicester 27 Bath 12 , Gloucester 19 …").
const SEGMENT_START = new Set([",", ";", ":", "(", "-", "–"])
const NOT_A_TEAM = new Set([
  ...["The", "A", "At", "In", "On", "Results", "Standings", "Points", "Round", "Group", "Week", "Division"],
  // dates ("Epub 2013 Nov 26")
  ...["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
].flatMap((w) => [w, w.toUpperCase()]))

/** [start, end) of the run of capitalised tokens ending just before `end` (at most 5 tokens), or undefined. */
function capRunBefore(tokens: ReadonlyArray<string>, end: number): number | undefined {
  let start = end
  while (start > 0 && end - start < 5 && isCap(tokens[start - 1]!) && !NOT_A_TEAM.has(tokens[start - 1]!)) start--
  return start < end ? start : undefined
}

/** End of the run of capitalised tokens (at most `max`, no non-team word) starting at `from`; `from` when none. */
function capRunAfter(tokens: ReadonlyArray<string>, from: number, max: number): number {
  let end = from
  while (end < tokens.length && end - from < max && isCap(tokens[end]!) && !NOT_A_TEAM.has(tokens[end]!)) end++
  return end
}

/** Index of the ")" closing the "(" at `open` (within 40 tokens), or -1. */
function closingBracket(tokens: ReadonlyArray<string>, open: number): number {
  for (let k = open + 1; k < tokens.length && k - open <= 40; k++) {
    if (tokens[k] === ")") return k
    if (tokens[k] === "(") return -1
  }
  return -1
}

/** Whether a token of [s, e) carries one of the gazetteer flags in `mask`. */
function anyFlag(flags: Int32Array, s: number, e: number, mask: number): boolean {
  for (let k = s; k < e; k++) if ((flags[k]! & mask) !== 0) return true
  return false
}

const PLACE = G_CITY | G_REGION | G_COUNTRY | G_DEMONYM

/** Whether [s, e) is exactly a country's name (not a piece of a longer gazetteer name). */
/** Every word of [s, e) in a country's name, and the name not part of a longer one. */
export function isCountryName(flags: Int32Array, s: number, e: number): boolean {
  if ((flags[s]! & G_MULTI_I) !== 0 || (e < flags.length && (flags[e]! & G_MULTI_I) !== 0)) return false
  for (let k = s; k < e; k++) if ((flags[k]! & G_COUNTRY) === 0) return false
  return e > s
}

/** Whether a span overlaps tokens [s, e) and goes on past them: a name [s, e) would cut through it. */
const cutsThrough = (out: ReadonlyArray<Span>, s: number, e: number): boolean => out.some((x) => x.start < e && x.end > s && (x.start < s || x.end > e))

/** The index of the span holding token `i`, when it is that one token alone; -1 when no span holds it; -2 when a longer one does. */
function singleSpanAt(out: ReadonlyArray<Span>, i: number): number {
  const k = out.findIndex((x) => x.start <= i && x.end > i)
  return k < 0 || out[k]!.end - out[k]!.start === 1 ? k : -2
}

/** `out[k]` with `type`, put in its place (the same object when it has that type already). */
function retype(out: Span[], k: number, type: EntityType): Span {
  const a = out[k]!
  if (a.type === type) return a
  const next: Span = { ...a, type }
  out[k] = next
  return next
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
  while (first < n && isCap(tokens[first]!) && first < 5) first++
  if (first > 0 && first < n && !NOT_A_TEAM.has(tokens[0]!)) {
    const rest = tokens.slice(first)
    const numbers = rest.filter(isNumber).length
    if (numbers >= 3 && rest.every((t) => isNumber(t) || /^[-–.:/%()]$/.test(t)) && !isDateRest(rest)) slots.push([0, first])
  }
  // Results pairs: A n B n.
  for (let i = 0; i < n; i++) {
    if (!isScore(tokens[i]!)) continue
    const a = capRunBefore(tokens, i)
    if (a === undefined) continue
    if (a > 0 && !SEGMENT_START.has(tokens[a - 1]!) && !isScore(tokens[a - 1]!)) continue
    // B: capitalised run right after A's score (or after the scorers in brackets), then B's score.
    const b = tokens[i + 1] === "(" ? closingBracket(tokens, i + 1) + 1 : i + 1
    if (b === 0) continue
    const j = capRunAfter(tokens, b, 5)
    if (j === b || j >= n || !isScore(tokens[j]!)) continue
    if (!slots.some(([s, e]) => s === a && e === i)) slots.push([a, i])
    slots.push([b, j])
    i = j - 1
  }
  return slots
}

const FIXTURE_V = new Set(["v", "v.", "vs", "vs."])

/**
 * The two sides of a fixture line or segment, "Reading v Oxford United" (mixed case only: a capitals headline's
 * "KENT V ESSEX SCOREBOARD" runs on past the team). Each side is a run of capitalised words from the start of
 * the sentence or a segment to "v", and from "v" to the end of the sentence or segment.
 */
export function fixtureSlots(tokens: ReadonlyArray<string>): Array<readonly [number, number]> {
  const slots: Array<readonly [number, number]> = []
  const n = tokens.length
  for (let i = 1; i < n - 1; i++) {
    if (!FIXTURE_V.has(tokens[i]!)) continue
    const a = capRunBefore(tokens, i)
    if (a === undefined || (a > 0 && !SEGMENT_START.has(tokens[a - 1]!))) continue
    const j = capRunAfter(tokens, i + 1, 5)
    if (j === i + 1 || (j < n && !SEGMENT_START.has(tokens[j]!) && tokens[j] !== ".")) continue
    slots.push([a, i], [i + 1, j])
  }
  return slots
}

/**
 * Types the team slots of one sentence: a slot that is exactly a country stays or becomes LOC, any other
 * place or ORG span there becomes ORG (a PER span too when it holds a place name, "Bayern Munich", or when the other
 * side of its pair is a club), and an untagged slot becomes ORG when another slot of the sentence is an organisation.
 * MISC spans are left alone. Returns the spans it typed (for the document pass to keep).
 */
export function typeTeamSlots(
  tokens: ReadonlyArray<string>,
  sentence: number,
  out: Span[],
  flags: Int32Array,
  slots = teamSlots(tokens)
): Set<Span> {
  const typed = new Set<Span>()
  if (slots.length === 0) return typed
  const untagged: Array<readonly [number, number]> = []
  const people: Array<readonly [Span, number, number]> = []
  let anyOrg = false
  for (const [s, e] of slots) {
    const span = out.find((x) => x.start === s && x.end === e)
    if (span === undefined) {
      // A slot may hold a longer span ("NY RANGERS" inside a run), none at all, or pieces of the team's name
      // ("PSV" "Eindhoven", "AZ" alone in "AZ Alkmaar"): pieces of places and organisations become one span.
      const inside = out.filter((x) => x.start < e && x.end > s)
      if (inside.length === 0) {
        untagged.push([s, e])
        continue
      }
      if (!inside.every((x) => x.start >= s && x.end <= e && (x.type === "ORG" || x.type === "LOC"))) continue
    } else if (span.type === "MISC") continue
    else if (span.type === "PER" && !anyFlag(flags, s, e, G_CITY | G_REGION | G_COUNTRY)) {
      people.push([span, s, e])
      continue
    }
    const type: EntityType = isCountryName(flags, s, e) ? "LOC" : "ORG"
    if (type === "ORG") anyOrg = true
    typed.add(span === undefined ? putSpan(out, sentence, s, e, type) : retype(out, out.indexOf(span), type))
  }
  // An untagged name opening a full table row ("Hearts 29 11 9 9 40 38 42": five numbers or more) is a team too.
  const tableRow = (s: number, e: number) => s === 0 && tokens.slice(e).filter(isNumber).length >= 5
  for (const [s, e] of untagged) {
    if ((anyOrg || tableRow(s, e)) && !isCountryName(flags, s, e)) typed.add(putSpan(out, sentence, s, e, "ORG"))
  }
  // A side the model read as a person ("Port Vale 1 Crewe 0") is a club when the other side of its pair (one score
  // or a "v" away) is one; two people stay people ("Tendulkar 102 Dravid 45").
  for (const [span, s, e] of people) {
    const partner = out.find((x) => x.type === "ORG" && slots.some(([s2, e2]) => (s2 === e + 1 || e2 === s - 1) && x.start === s2 && x.end === e2))
    if (partner !== undefined) typed.add(retype(out, out.indexOf(span), "ORG"))
  }
  return typed
}

/**
 * The place names of a dateline line (a capitalised run, optionally ", Country", then a Y-M-D date) become
 * LOC; returns the spans it typed, for the document pass to keep.
 */
export function typeDateline(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  // A place may be hyphenated ("AL-AIN" is tokenised AL - AIN).
  const placeEnd = (from: number): number => {
    let k = from
    while (k < tokens.length && k - from < 7 && (isCap(tokens[k]!) || (tokens[k] === "-" && k > from && k + 1 < tokens.length && isCap(tokens[k + 1]!)))) k++
    return k
  }
  const i = placeEnd(0)
  if (i === 0) return typed
  let j = i
  if (tokens[j] === ",") j = placeEnd(j + 1)
  if (!isDateRest(tokens.slice(j))) return typed
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.end > j || a.type === "PER") continue
    typed.add(retype(out, k, "LOC"))
  }
  // A place the model left untagged ("AKRON , Ohio 1996-08-24").
  for (const [s, e] of [[0, i], [i + 1, j]] as const) {
    if (e > s && !out.some((x) => x.start < e && x.end > s)) typed.add(putSpan(out, sentence, s, e, "LOC"))
  }
  return typed
}

/**
 * Replaces the spans of a sentence (`out`, sorted by start) overlapping [start, end) with one span of
 * `type`, in its sorted place, and returns it; its confidence is the lowest of those it replaces (0.5 when
 * the model had tagged nothing there).
 */
export function putSpan(out: Span[], sentence: number, start: number, end: number, type: EntityType): Span {
  let conf = Infinity
  for (let k = out.length - 1; k >= 0; k--) {
    const x = out[k]!
    if (x.start < end && x.end > start) {
      conf = Math.min(conf, x.confidence)
      out.splice(k, 1)
    }
  }
  const span: Span = { sentence, start, end, type, confidence: conf === Infinity ? 0.5 : conf }
  let at = out.findIndex((x) => x.start > start)
  if (at < 0) at = out.length
  out.splice(at, 0, span)
  return span
}

/** [start, end) of the capitalised run (initials such as "M." included) starting at `from`, at most 4 tokens. */
function nameRun(tokens: ReadonlyArray<string>, from: number): number {
  let k = from
  while (k < tokens.length && k - from < 4 && isCap(tokens[k]!)) k++
  return k
}

/**
 * Scorers in brackets after the score of a team in a results pair ("Bayern Munich 3 ( Elber 12 , Jancker 40 )
 * Schalke 0"): each name before a minute is PER ("Q3 2019 ( Europe 12 % )" is no results line).
 */
export function typeScorers(tokens: ReadonlyArray<string>, sentence: number, out: Span[], slots = teamSlots(tokens)): Set<Span> {
  const typed = new Set<Span>()
  const scores = new Set(slots.map(([, e]) => e))
  for (let o = 2; o < tokens.length; o++) {
    if (tokens[o] !== "(" || !scores.has(o - 1)) continue
    const close = closingBracket(tokens, o)
    if (close < 0) continue
    const names: Array<readonly [number, number]> = []
    let k = o + 1
    let ok = true
    while (k < close && ok) {
      const e = nameRun(tokens, k)
      // "Elber 12", "Elber 12 pen", "Elber 12 , 40" (not "Europe 12 %")
      if (e === k || !isScore(tokens[e] ?? "") || tokens[e + 1] === "%") ok = false
      else names.push([k, e])
      k = e
      while (k < close && tokens[k] !== ",") k++
      k++
    }
    if (!ok || names.length === 0) continue
    for (const [s, e] of names) typed.add(putSpan(out, sentence, s, e, "PER"))
    o = close
  }
  return typed
}

// What follows a batsman's name in a scorecard line.
const DISMISSAL = new Set(["c", "b", "lbw", "st", "run", "not", "retired", "hit", "c&b"])

/**
 * A cricket scorecard line: "M. Atherton c Latif b Waqar 31", "N. Hussain not out 78" — the batsman, the
 * fielder after "c"/"st" and the bowler after "b" are PER; "Bowling : Wasim 20-5-60-2 , Waqar 18-3-71-1" — each
 * name before its figures is PER.
 */
export function typeScorecard(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  const n = tokens.length
  if (n < 3) return typed
  if (/^bowling$/i.test(tokens[0]!) && tokens[1] === ":") {
    let k = 2
    while (k < n) {
      const e = nameRun(tokens, k)
      // figures: overs - maidens - runs - wickets
      if (e > k && isNumber(tokens[e] ?? "") && tokens[e + 1] === "-") typed.add(putSpan(out, sentence, k, e, "PER"))
      while (k < n && tokens[k] !== ",") k++
      k++
    }
    return typed
  }
  if (!isNumber(tokens[n - 1]!)) return typed
  const bat = nameRun(tokens, 0)
  if (bat === 0 || bat >= n || !DISMISSAL.has(tokens[bat]!)) return typed
  // the rest must read like a dismissal: "c X b Y", "lbw b Y", "b Y", "st X b Y", "run out", "not out"
  const named: Array<readonly [number, number]> = []
  let ok = true
  for (let k = bat; k < n - 1 && ok;) {
    const t = tokens[k]!
    if (t === "c" || t === "b" || t === "st" || t === "c&b") {
      const e = nameRun(tokens, k + 1)
      if (e === k + 1) ok = false
      else named.push([k + 1, e])
      k = e
    }
    else if (((t === "run" || t === "not" || t === "retired") && tokens[k + 1] === "out") || (t === "hit" && tokens[k + 1] === "wicket")) k += 2
    else if (t === "lbw" || t === "&" || t === "retired" || t === "hurt" || t === "(" || t === ")") k++
    else ok = false
  }
  if (!ok) return typed
  typed.add(putSpan(out, sentence, 0, bat, "PER"))
  for (const [s, e] of named) typed.add(putSpan(out, sentence, s, e, "PER"))
  return typed
}

// A golf round score.
const isRound = (t: string): boolean => /^\d{2}$/.test(t) && Number(t) >= 55 && Number(t) <= 90

/**
 * A golf leaderboard line: "135 Tiger Woods 68 67 , Vijay Singh ( Fiji ) 69 68" — a total, then per player a
 * name (an optional bracketed country), and one to four round scores; each name is PER.
 */
export function typeLeaderboard(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  const n = tokens.length
  if (n < 3 || !/^\d{2,3}$/.test(tokens[0]!) || Number(tokens[0]) < 55) return typed
  const names: Array<readonly [number, number]> = []
  let k = 1
  while (k < n) {
    const e = nameRun(tokens, k)
    if (e === k) return typed
    let r = e
    if (tokens[r] === "(") {
      const c = closingBracket(tokens, r)
      if (c < 0) return typed
      r = c + 1
    }
    let rounds = 0
    while (r < n && isRound(tokens[r]!)) (rounds++, r++)
    if (rounds < 1 || rounds > 4) return typed
    names.push([k, e])
    if (r < n && tokens[r] !== ",") return typed
    k = r + 1
  }
  for (const [s, e] of names) typed.add(putSpan(out, sentence, s, e, "PER"))
  return typed
}

// Lower-case words inside team names ("Caisse d'Epargne", "Fassa Bortolo" has none).
const isNameLink = (t: string): boolean => t === "of" || isNameParticle(t)
// What may follow a results row's team: a time or gap, "same time", "+", the end of the line.
const AFTER_TEAM = /^(?:\d.*|same|s\.t\.|\+)$/

/**
 * "Jan Ullrich ( Germany ) Bianchi 4:31:34": after a PER name and a bracketed LOC, the capitalised words up
 * to a time are the team (ORG), replacing whatever spans the model put there. Returns the spans it made.
 */
export function typeResultTeams(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  const has = (type: EntityType, start: number, end: number) => out.some((x) => x.type === type && x.start === start && x.end === end)
  const endsPer = (end: number) => out.some((x) => x.type === "PER" && x.end === end)
  for (let c = 2; c < tokens.length - 1; c++) {
    if (tokens[c] !== ")") continue
    const open = tokens.lastIndexOf("(", c)
    if (open < 1 || c - open < 2 || !has("LOC", open + 1, c) || !endsPer(open)) continue
    let e = c + 1
    const inName = (t: string) => (isCap(t) && !NOT_A_TEAM.has(t)) || (e > c + 1 && isNameLink(t))
    while (e < tokens.length && e - c - 1 < 4 && inName(tokens[e]!)) e++
    if (e === c + 1 || (e < tokens.length && !AFTER_TEAM.test(tokens[e]!))) continue
    typed.add(putSpan(out, sentence, c + 1, e, "ORG"))
  }
  return typed
}

// Verbs of a match result between two players ("Lleyton Hewitt ( Australia ) beat Dominik Hrbaty ( Slovakia ) 6-4 6-3").
const RESULT_VERB = new Set(["beat", "bt", "bt.", "def", "def.", "d.", "defeated", "beats", "defeats"])

/**
 * In a match-result line (one with "beat", "bt", "def." …), a name of two to four capitalised words directly
 * before a bracketed country is a player (PER), the country a LOC, whatever the model made of them. So is it
 * in a ranked results line ("1. Hicham El Guerrouj ( Morocco ) 3 minutes 47.92 seconds") when a time or score
 * follows the bracket and the name holds no place or organisation word ("2. Bayern Munich ( Germany ) 14" is a
 * club). Returns the spans it typed.
 */
export function typeBracketedPlayers(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  const verb = tokens.some((t) => RESULT_VERB.has(t))
  if (!verb && !/^\d{1,3}\.?$/.test(tokens[0] ?? "")) return typed
  for (let o = 2; o < tokens.length; o++) {
    if (tokens[o] !== "(") continue
    const c = closingBracket(tokens, o)
    if (c < 0 || c - o < 2 || c - o > 4) continue
    if (!isCountryName(flags, o + 1, c)) continue
    let s = o
    while (s > 0 && o - s < 4 && isCap(tokens[s - 1]!) && !RESULT_VERB.has(tokens[s - 1]!)) s--
    if (o - s < 2) continue
    // "2. Niall Sutherland ( Britain ) Jordan 2.1 seconds behind": a team may stand between the bracket and the time
    let team = verb ? c + 1 : capRunAfter(tokens, c + 1, 3)
    if (!isNumber(tokens[team] ?? "")) team = c + 1
    if (!verb && (!isNumber(tokens[team] ?? "") || anyFlag(flags, s, o, PLACE | G_ORG_CUE))) continue
    typed.add(putSpan(out, sentence, s, o, "PER"))
    typed.add(putSpan(out, sentence, o + 1, c, "LOC"))
    if (team > c + 1) typed.add(putSpan(out, sentence, c + 1, team, "ORG"))
    o = team - 1
  }
  return typed
}

// Roles that name a club before a player or coach ("Chelsea winger Arjen Robben"): the club is an organisation
// even when it is named after a city; a country there is a national side (LOC). Roles in a company or institution
// ("Bundesbank president Axel Weber") make the name before them an organisation unless it is a place ("Texas
// governor Rick Perry"); "director" is not one ("Harry Potter director Alfonso Cuaron" names a film).
const CLUB_ROLE = new Set(["winger", "defender", "striker", "midfielder", "goalkeeper", "forward", "playmaker", "captain",
  "coach", "manager", "full-back", "fullback", "centre-back", "center-back", "quarterback", "pitcher", "shortstop"])
const FIRM_ROLE = new Set(["chairman", "chairwoman", "president", "spokesman", "spokeswoman", "executive", "ceo",
  "chief", "economist", "analyst", "strategist", "treasurer"])

/**
 * "<Name> <role> <PER>": the name before a club role becomes ORG; before a company role it becomes ORG unless
 * it holds a place name. Returns the spans it typed.
 */
export function typeRoleOrgs(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k]!
    if (a.type === "ORG" || a.type === "MISC") continue
    const role = tokens[a.end]?.toLowerCase()
    if (role === undefined) continue
    // "chief executive": a role of two words
    const roleEnd = role === "chief" && /^[a-z]/.test(tokens[a.end + 1] ?? "") ? a.end + 2 : a.end + 1
    const b = out[k + 1]!
    if (b.start !== roleEnd || b.type !== "PER") continue
    const club = CLUB_ROLE.has(role)
    if (!club && !FIRM_ROLE.has(role)) continue
    // a national side is a location ("Brazil coach Carlos Alberto Parreira"); a company role needs no place at all
    if (club ? isCountryName(flags, a.start, a.end) : anyFlag(flags, a.start, a.end, PLACE)) continue
    typed.add(retype(out, k, "ORG"))
  }
  return typed
}

// Roles only a person holds, before a name in commas: "His lawyer , Florence Janssens , said …".
const PERSON_ROLE = new Set(["lawyer", "lawyers", "attorney", "solicitor", "barrister", "spokesman", "spokeswoman", "spokesperson",
  "wife", "husband", "widow", "son", "daughter", "mother", "father", "brother", "sister", "girlfriend", "boyfriend",
  "colleague", "friend", "neighbour", "neighbor", "uncle", "aunt", "cousin", "grandson", "granddaughter"])
const APPOSITION_END = new Set([",", "said", "says", "told", "who", "(", "."])
// particles inside a surname ("Ludwig van Beethoven"); not "of", which leads to a place ("Kathi Voller of Raynham")

/**
 * "His lawyer , Florence Janssens , said": two to four capitalised words set off by commas after a role only a
 * person holds name a person, whatever the model made of them ("Florence" is a city), unless they hold an
 * organisation word or end in a place name. Returns the spans it typed.
 */
export function typeRoleAppositions(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i + 1] !== "," || !PERSON_ROLE.has(tokens[i]!.toLowerCase())) continue
    // a title stays outside the name ("his son , Dr. Gerald A. Hladik": CoNLL leaves titles untagged)
    let s = i + 2
    while (s < tokens.length && (flags[s]! & G_PER_TITLE) !== 0) s++
    let e = s
    while (e < tokens.length && e - s < 4 && (isCap(tokens[e]!) || (e > s && isNameParticle(tokens[e]!)))) e++
    if (e - s < 2 || (e < tokens.length && !APPOSITION_END.has(tokens[e]!))) continue
    if (anyFlag(flags, s, e, G_ORG_CUE | G_ORG_SUFFIX) || anyFlag(flags, e - 1, e, PLACE)) continue
    const inside = out.filter((x) => x.start < e && x.end > s)
    if (inside.length === 1 && inside[0]!.type === "PER" && inside[0]!.start === s && inside[0]!.end === e) continue
    if (inside.some((x) => x.start < s || x.end > e)) continue
    typed.add(putSpan(out, sentence, s, e, "PER"))
  }
  return typed
}

// Nouns that make an apposition an organisation's description ("Icstis, the UK's premium rate services watchdog").
const ORG_APPOSITION_NOUN = new Set(["watchdog", "regulator", "firm", "company", "group", "body", "organisation",
  "organization", "agency", "operator", "provider", "maker", "manufacturer", "giant", "retailer", "bank", "network",
  "carrier", "charity", "union", "broadcaster", "publisher", "developer", "consultancy", "lender", "insurer", "airline",
  "chain", "website", "site", "service", "newspaper", "magazine", "club", "association", "party", "think-tank"])

/**
 * "Icstis, the UK's premium rate services watchdog": a one-word name the model took for a person, described right
 * after it by "the … <organisation noun>" before the next comma or full stop, is an organisation. Returns the spans
 * it typed.
 */
export function typeOrgAppositions(tokens: ReadonlyArray<string>, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.type !== "PER" || a.end - a.start !== 1 || (flags[a.start]! & G_FIRST_NAME) !== 0) continue
    if (tokens[a.end] !== "," || tokens[a.end + 1]?.toLowerCase() !== "the") continue
    for (let i = a.end + 2; i < tokens.length && i - a.end <= 8; i++) {
      const w = tokens[i]!
      if (w === "," || w === "." || w === ";") {
        if (ORG_APPOSITION_NOUN.has(tokens[i - 1]!.toLowerCase())) typed.add(retype(out, k, "ORG"))
        break
      }
    }
  }
  return typed
}

// Market copy: "<Name> rose 1.2 percent", "<Name> shed 5 pence".
const MARKET_VERB = new Set(["rose", "fell", "gained", "added", "lost", "slipped", "climbed", "dropped", "jumped", "surged",
  "eased", "shed", "tumbled", "rallied", "slumped", "advanced", "declined", "edged", "firmed", "sank", "soared", "plunged"])
const MARKET_FILLER = new Set(["by", "a", "further", "another", "some", "nearly", "almost", "about", "around", "$", "£", "€"])
// (not "points": "Mark van Gisbergen added 18 points" is a player)
const MARKET_UNIT = new Set(["percent", "pct", "%", "pence", "cents", "euros", "yen", "cent"])

/**
 * A name that rose or fell by a number of percent, pence, cents, euros or yen is a company or an index (ORG), unless it
 * holds a place name ("Japan rose 2 percent" stays LOC). Returns the spans it typed.
 */
export function typeMarketMovers(tokens: ReadonlyArray<string>, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.type === "ORG" || a.type === "MISC" || !MARKET_VERB.has(tokens[a.end] ?? "")) continue
    // "rose 1.2 percent", "rose by 2.3 %", "added a further 5 pence" (not "added that inflation fell to 4.3 %")
    let u = a.end + 1
    while (u < tokens.length && u - a.end <= 3 && MARKET_FILLER.has(tokens[u]!.toLowerCase())) u++
    if (!isNumber(tokens[u] ?? "") || !MARKET_UNIT.has(tokens[u + 1]?.toLowerCase() ?? "")) continue
    if (anyFlag(flags, a.start, a.end, PLACE)) continue
    typed.add(retype(out, k, "ORG"))
  }
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
  // "Co-Founder", "Co-Chairman" are no suffix
  // (lower case only for "plc": "co", "ag" in lower case are words)
  const isSuffix = (i: number) =>
    i < tokens.length && (isCap(tokens[i]!) || tokens[i] === "plc") && (flags[i]! & G_ORG_SUFFIX) !== 0 && tokens[i + 1] !== "-"
  const covered = new Uint8Array(tokens.length)
  for (const x of out) covered.fill(1, x.start, x.end)
  const isAmpersandEnd = (i: number) => tokens[i] === "&" && i + 1 < tokens.length && AMPERSAND_END.has(tokens[i + 1]!.toLowerCase())
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    // "German Bayer AG": a demonym before a company is not part of its name
    if (a.type === "MISC") continue
    let end = -1
    let nameEnd = -1
    for (let e = a.end; e <= a.end + 2 && e < tokens.length; e++) {
      if (isSuffix(e)) [nameEnd, end] = [e, e + 1]
      else if (isAmpersandEnd(e)) [nameEnd, end] = [e, e + 2]
      // the words between the name and its suffix are untagged capitalised words ("Dean Witter Discover & Co.")
      if (end >= 0 || !isCap(tokens[e]!) || covered[e]) break
    }
    if (end < 0 && a.end - a.start >= 2 && isSuffix(a.end - 1)) [nameEnd, end] = [a.end - 1, a.end]
    if (end < 0) continue
    // "Las Vegas NV", "Adelaide SA", "Boulder CO": after a place, two capitals are a state's code
    if (a.type === "LOC" && /^\p{Lu}{2}$/u.test(tokens[end - 1]!)) continue
    // the name without its suffix, without a comma before it ("ColonaryConcepts , LLC")
    while (nameEnd > a.start && tokens[nameEnd - 1] === ",") nameEnd--
    if (end === a.end && a.type === "ORG") {
      // already one ORG span: it still votes for the name without its suffix
      typed.set(a, nameEnd)
      continue
    }
    // Spans inside the grown name go (it takes `a`'s place at k); one reaching past its end stops the rule.
    if (out.some((x) => x.start < end && x.end > end)) continue
    typed.set(putSpan(out, sentence, a.start, end, "ORG"), nameEnd)
  }
  return typed
}

// Last words of event names; those of QUALIFIED_END only after a place, a nationality or an event word
// ("Madrid Open", "Athens Games", "Olympic Games"; not "JAMA Network Open", "Epic Games").
const EVENT_END = new Set(["open", "cup", "championship", "championships", "games", "olympics", "olympic", "prix", "trophy",
  "masters", "classic", "tournament", "marathon", "rally", "premiership", "international", "show", "expo", "indoors"])
// Trade-show words the model leaves outside the name before them ("the Consumer Electronics" + "Show").
const SHOW_WORDS = new Set(["Show", "Expo"])
// "Sydney International" is a tournament, "Amnesty International" is not
const QUALIFIED_END = new Set(["open", "games", "international", "olympic"])
const EVENT_QUALIFIER = new Set(["olympic", "paralympic", "commonwealth", "world", "winter", "summer", "indoor", "youth"])

// First words of race names.
const RACE_START = new Set(["tour", "giro", "vuelta"])

// Competitions named "<qualifier> League" ("Premier League", "Champions League"); other leagues ("Arab League",
// "Anti-Defamation League") are organisations.
const LEAGUE_QUALIFIER = new Set(["premier", "champions", "europa", "super"])

/**
 * "Madrid Open", "Davis Cup", "Chinese Grand Prix", "Tour de France", "Premier League", "Zurich Premiership": an ORG
 * or LOC span ending in an event word or opening with a race word is MISC; so is a place with "Open" right after it.
 */
export function eventNames(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): void {
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    // "the US Open": a place the model stopped before "Open"
    if (a.type === "LOC" && tokens[a.end] === "Open" && (flags[a.end - 1]! & PLACE) !== 0 && !out.some((x) => x.start === a.end)) {
      putSpan(out, sentence, a.start, a.end + 1, "MISC")
      continue
    }
    if (a.type === "ORG" && a.end - a.start >= 2 && SHOW_WORDS.has(tokens[a.end] ?? "") && !out.some((x) => x.start === a.end)) {
      putSpan(out, sentence, a.start, a.end + 1, "MISC")
      continue
    }
    if ((a.type !== "ORG" && a.type !== "LOC") || a.end - a.start < 2) continue
    const first = tokens[a.start]!
    const last = tokens[a.end - 1]!.toLowerCase()
    // ("Sydney Olympic gold medallist": the Games by their host city; "the US Olympic team" is the country's)
    const qualified = last === "olympic"
      ? (flags[a.end - 2]! & G_CITY) !== 0 && (flags[a.end - 2]! & (G_COUNTRY | G_DEMONYM)) === 0
      : (flags[a.end - 2]! & PLACE) !== 0 || EVENT_QUALIFIER.has(tokens[a.end - 2]!.toLowerCase())
    const event = (EVENT_END.has(last) && (!QUALIFIED_END.has(last) || qualified)) ||
      (last === "league" && LEAGUE_QUALIFIER.has(tokens[a.end - 2]!.toLowerCase()))
    if ((isCap(tokens[a.end - 1]!) && event) || (isCap(first) && RACE_START.has(first.toLowerCase()))) {
      retype(out, k, "MISC")
    }
  }
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k]!
    const b = out[k + 1]!
    // "the Norwich Union Grand Prix": a sponsor's name before an event is part of the event's name ("RBS Six Nations")
    if (a.type === "ORG" && b.type === "MISC" && b.start === a.end && EVENT_END.has(tokens[b.end - 1]!.toLowerCase()) && isCap(tokens[b.end - 1]!)) {
      out.splice(k, 2, { ...b, start: a.start })
    } else if (a.type === "PER" && a.end - a.start >= 2 && tokens[a.end - 1] === "Liga") {
      // "the Primera Liga", "La Liga": Spain's league
      retype(out, k, "MISC")
    }
  }
}

// Nationality nouns, which the gazetteer's demonyms (adjectives: "Moroccan", "Norwegian") do not hold.
const NATIONALITY_NOUNS = new Set(["Spaniard", "Briton", "Dane", "Swede", "Finn", "Pole", "Turk", "Scot", "Frenchman",
  "Frenchwoman", "Dutchman", "Dutchwoman", "Englishman", "Englishwoman", "Irishman", "Welshman", "Scotsman", "Kiwi",
  "Aussie", "Icelander", "Luxembourger", "Filipino", "Filipina", "Argentine", "Israeli", "Pakistani", "Iraqi", "Kuwaiti",
  // followers of a religion, MISC like nationalities (CoNLL); not "Christian", a first name
  "Hindu", "Hindus", "Sikh", "Sikhs", "Muslim", "Muslims", "Christians", "Jews", "Buddhists", "Catholics", "Protestants",
  // peoples in the plural
  "Czechs", "Slovaks", "Poles", "Danes", "Swedes", "Finns", "Turks", "Scots", "Britons", "Brits", "Kurds", "Serbs", "Croats",
  "Arabs", "Israelis", "Palestinians", "Iraqis", "Afghans", "Pakistanis", "Spaniards", "Argentines", "Filipinos", "Gypsies"])

// Nationality words that are also first names ("Christian Slater", "German Gref").
const NAME_NATIONALITIES = new Set(["Christian", "German", "Norman", "Jordan", "Israel", "Romani"])

/**
 * "Moroccan Hicham El Guerrouj", "Spaniard Miguel Angel Jimenez": a PER span opening with a nationality is two
 * spans, the nationality MISC and the person PER. An adjective ("Kenyan") needs two more words after it: "Kenyan
 * Lagat" is as likely a name of two words. Returns the spans it made.
 */
export function splitNationalityLead(tokens: ReadonlyArray<string>, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.end - a.start < 2 || !isCap(tokens[a.start + 1]!)) continue
    // (an ORG span too after a nationality noun, when no organisation word follows: "leading Argentine Guillermo Coria")
    if (a.type !== "PER" && !(a.type === "ORG" && a.end - a.start >= 3 && NATIONALITY_NOUNS.has(tokens[a.start]!) &&
      !anyFlag(flags, a.start + 1, a.end, G_ORG_CUE | G_ORG_SUFFIX))) continue
    const f = flags[a.start]!
    const first = tokens[a.start]!
    const noun = NATIONALITY_NOUNS.has(first)
    const adjective = (f & G_DEMONYM) !== 0 && a.end - a.start >= 3 && !NAME_NATIONALITIES.has(first)
    if ((!noun && !adjective) || (f & (G_FIRST_NAME | G_MULTI_I)) !== 0) continue
    const misc: Span = { ...a, end: a.start + 1, type: "MISC" }
    const per: Span = { ...a, start: a.start + 1, type: "PER" }
    out.splice(k, 1, misc, per)
    typed.add(misc).add(per)
    k++
  }
  return typed
}

// Last words of a club named after its town ("Nottingham Forest", "Sheffield Wednesday"); those of TOWN_END only
// in a sentence of football copy ("Leicester City" is a club, "Washington City" and "Iowa City" towns; results lines
// have their own rule). SPORTS_CUES are too wide here: "results", "held", "final" are in research copy too.
const FOOTBALL_CUES = new Set(["beat", "beats", "drew", "v", "vs", "vs.", "match", "goal", "goals", "scored", "striker",
  "midfielder", "defender", "goalkeeper", "winger", "league", "cup", "coach", "manager", "relegated", "promoted", "fixture",
  "standings", "premiership", "division", "season", "squad", "transfer", "halftime", "stadium", "club"])
const TOWN_END = new Set(["City", "Town", "County"])
const CLUB_END = new Set(["Forest", "United", "City", "Rovers", "Wanderers", "Athletic", "Albion", "Villa", "Hotspur",
  "County", "Town", "Rangers", "Thistle", "Argyle", "Wednesday", "Palace", "Orient", "Academical", "Alexandra"])
// Last words of a party's name ("Free Democrats", "Labour Party", "Social Democrats").
const PARTY_END = new Set(["party", "democrats", "socialists", "conservatives", "greens", "liberals", "republicans"])
// International organisations the model takes for places.
const UNIONS = new Set(["EU", "European Union", "NATO", "Nato", "UN", "United Nations", "OPEC", "WTO", "IMF"])

// British parties by their short names, which the model takes for places or misses ("the Tories insisted").
const PARTY_NAMES = new Set(["Tories", "Tory", "Labour", "Lib Dems", "Lib Dem", "New Labour", "Liberal Democrats", "Liberal Democrat",
  "Conservative", "Conservatives", "Greens"])
// First words of the two-word names (so most tokens cost one lookup, not a joined string).
const PARTY_FIRST = new Set([...PARTY_NAMES].filter((n) => n.includes(" ")).map((n) => n.split(" ")[0]!))
// First words of a club's name ("FC Barcelona", "Real Madrid", "AC Milan").
const CLUB_START = new Set(["FC", "AC", "AS", "SC", "SV", "Real", "Atletico", "Sporting", "Dynamo", "Dinamo", "Olympique"])

/**
 * Organisations by their name's shape: a town's name then a club word, not itself a place ("Nottingham Forest";
 * "Kansas City" is a city), a club word then a name ("Real Madrid"; "FC" joins the place right after it), a name of
 * two words or more ending in a party word, and the EU, NATO or the UN when the model called them places. And by
 * their names: a British party's short name, also where the model left it untagged (a one-word name not as a
 * sentence's first word: "Labour costs rose"). Returns the spans it typed.
 */
export function typeNamedOrgs(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  let football: boolean | undefined
  for (let k = 0; k < out.length; k++) {
    const next = out[k + 1]
    if (CLUB_START.has(tokens[out[k]!.start]!) && out[k]!.end - out[k]!.start === 1 && next !== undefined &&
      next.start === out[k]!.end && next.type !== "PER") out.splice(k, 2, { ...out[k]!, end: next.end })
    const a = out[k]!
    if (a.type === "ORG") continue
    const last = tokens[a.end - 1]!
    const long = a.end - a.start >= 2
    const club = long && a.type !== "MISC" && CLUB_END.has(last) && (flags[a.start]! & (G_CITY | G_REGION)) !== 0 && (flags[a.end - 1]! & PLACE) === 0 &&
      (!TOWN_END.has(last) || (football ??= tokens.some((t) => FOOTBALL_CUES.has(t.toLowerCase()))))
    const party = long && a.type !== "PER" && PARTY_END.has(last.toLowerCase())
    const union = a.type === "LOC" && UNIONS.has(tokens.slice(a.start, a.end).join(" "))
    const clubFirst = long && CLUB_START.has(tokens[a.start]!)
    if (club || clubFirst || party || union) typed.add(retype(out, k, "ORG"))
  }
  for (let i = 0; i < tokens.length; i++) {
    const two = i + 1 < tokens.length && PARTY_FIRST.has(tokens[i]!) && PARTY_NAMES.has(`${tokens[i]} ${tokens[i + 1]}`)
    if (!two && (i === 0 || !PARTY_NAMES.has(tokens[i]!))) continue
    const end = two ? i + 2 : i + 1
    // only where no other name runs through it ("Labour Party" stays whole)
    if (cutsThrough(out, i, end)) continue
    typed.add(putSpan(out, sentence, i, end, "ORG"))
    i = end - 1
  }
  return typed
}

// Words naming a company's trade right before its name ("broker Ord Minnett", "building firm Rhonebat").
const FIRM_CUE = new Set(["broker", "brokers", "brokerage", "firm", "insurer", "carrier", "airline", "retailer", "carmaker",
  "automaker", "chipmaker", "conglomerate"])

/**
 * A capitalised run of one to three words right after a trade word is a company (ORG), unless a place; "&" and
 * "-" between capitalised words belong to it ("accountancy firm Ernst & Young", "security firm F-Secure").
 */
export function typeFirmCues(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (!FIRM_CUE.has(tokens[i]!) || !isCap(tokens[i + 1]!)) continue
    let e = i + 1
    let words = 0
    for (; e < tokens.length && words < 4; e++) {
      if (isCap(tokens[e]!)) words++
      else if (!((tokens[e] === "&" || tokens[e] === "-") && isCap(tokens[e + 1] ?? ""))) break
    }
    if (words > 3) continue
    if (anyFlag(flags, i + 1, e, PLACE)) continue
    // the run must not cut through a span that goes on past it
    if (cutsThrough(out, i + 1, e)) continue
    typed.add(putSpan(out, sentence, i + 1, e, "ORG"))
    i = e - 1
  }
  return typed
}

/**
 * A headline set in capitals: at least two words of letters, none with a lower-case letter. (Datelines and
 * standings rows in capitals count too; their spans are pinned by the layout rules, so the capitals vote
 * does not change them.)
 */
export function isAllCaps(tokens: ReadonlyArray<string>): boolean {
  let words = 0
  for (const t of tokens) {
    if (/\p{Ll}/u.test(t)) return false
    if (/\p{Lu}{2}/u.test(t)) words++
  }
  return words >= 2
}

// Titles and offices before a person's name, which CoNLL leaves outside it ("Ms King", "Home Secretary Charles
// Clarke", "Mr Justice Eady", "Cardinal Cormac Murphy O'Connor"). Apart from the gazetteer's title list, which is a
// model feature (changing it would change the model's input).
export const TITLE_WORDS = new Set([
  ...["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "cardinal", "archbishop",
    "bishop", "rev", "reverend", "president", "premier", "minister", "secretary", "chancellor", "king", "queen",
    "prince", "princess", "pope", "sheikh", "emir", "sultan", "general", "gen", "colonel", "col", "captain", "capt",
    "judge", "justice", "senator", "sen", "governor", "gov", "mayor", "chairman", "chairwoman", "coach", "manager",
    "commissioner", "ambassador", "inspector", "detective", "sergeant", "sgt", "lieutenant", "lt", "major", "maj",
    "ayatollah", "imam", "rabbi", "mullah"],
].flatMap((w) => [w, `${w}.`]))

// Words that end a law's name looking backwards: a determiner, or the end of another law's name before "and".
const ACT_STOP = new Set(["The", "A", "An", "Act", "Bill"])
// Words that open a sentence, never a name, which the model sometimes joins to the name after them ("A Labour
// Party spokesman"; "Like Labour, the Lib Dems …" at a quote's start). Elsewhere they may open a title ("his song
// Like Toy Soldiers", "described as \"A Concert of Hope\"", "Dementia: An Open Label Study").
const SPAN_OPENERS = new Set(["A", "An", "Like", "Unlike"])
const OPENS_QUOTE = new Set(["\"", "“"])
const opensSentence = (tokens: ReadonlyArray<string>, i: number): boolean =>
  i === 0 || (OPENS_QUOTE.has(tokens[i - 1]!) && (i === 1 || tokens[i - 2] === ":" || tokens[i - 2] === ","))

// Words after a hyphen that make a name an adjective ("Europe-wide", "London-based", "Nato-led").
const COMPOUND_TAIL = new Set(["wide", "based", "born", "led", "backed", "owned", "style", "made", "run", "funded",
  "bound", "controlled", "built", "linked", "listed", "registered", "headquartered", "focused", "specific"])
// States named by two places.
const JOINT_STATES = new Set(["Serbia & Montenegro", "Trinidad & Tobago", "Bosnia & Herzegovina", "Antigua & Barbuda",
  "St Kitts & Nevis", "Sao Tome & Principe", "Turks & Caicos"])
// Lower-case compass words the model joins to the place after them ("east London").
const COMPASS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
  "north-east", "north-west", "south-east", "south-west"])
const POSSESSIVE = new Set(["'s", "’s"])
// Diseases named after a person ("Parkinson's disease", "Down's syndrome").
const DISEASE = new Set(["disease", "syndrome", "disorder"])
const STREET = new Set(["Street", "Road", "Avenue", "Lane", "Square", "Place", "Terrace"])
// Head words of bodies named "<head> for <field>" ("Commission for Racial Equality", "Institute for Fiscal Studies").
const FOR_HEAD = new Set(["Commission", "Department", "Council", "Centre", "Center", "Institute", "Campaign", "Office",
  "Society", "Trust", "Foundation", "Committee", "Agency", "Alliance", "Coalition", "Fund", "Association", "Organisation",
  "Organization", "Movement", "Partnership", "Forum", "Network"])
// Last words of an institution that owns a place or a part named after it ("the Science Museum's Dana Centre").
const INSTITUTION_HEAD = new Set(["Museum", "Gallery", "Library", "University", "College", "Institute", "Hospital", "School", "Council"])
// Honours and post-nominals written after a name.
// The word that makes a name a venue's, a place (CoNLL): "Madejski Stadium", "Stade de France".
const VENUE_HEAD = new Set(["Stadium", "Stadion", "Arena", "Velodrome"])
// (a venue named by its start has a particle next: "Stade de France", "Estadio da Luz"; "Stade Francais" is a club)
const VENUE_START = new Set(["Stade", "Estadio", "Stadio"])
/**
 * Particles inside a name, written in lower case: a player's surname ("CA del Fava", "R de Marigny", "van der Walt"),
 * a surname's alias ("El Guerrouj", index.ts) and a venue's name ("Stade de France").
 */
export const NAME_PARTICLE: ReadonlySet<string> = new Set(["el", "al", "de", "del", "della", "dal", "da", "di", "do", "dos", "das",
  "des", "du", "van", "der", "den", "von", "la", "le", "ter", "ten", "ben", "abu", "bin", "ibn"])
/** A particle, or an elided "d'" before a capital ("d'Arcy", "d’Estaing"). */
export const isNameParticle = (t: string): boolean => NAME_PARTICLE.has(t) || /^d['’]\p{Lu}/u.test(t)
const HONOURS = new Set(["QC", "KC", "OBE", "MBE", "CBE", "KBE", "DBE", "MP", "MEP", "MSP", "AM", "PhD", "FRS", "VC"])
// First words of a state body's name after its country ("US Department of Justice", "UK Border Agency"); not the
// armed forces ("US Air Force", "US Army" are names of their own).
const STATE_BODY_START = new Set(["Department", "Federal", "Ministry", "Bureau", "Office", "Agency", "Supreme", "Senate",
  "Congress", "Treasury", "Embassy", "State", "Justice", "Commerce", "Environmental", "Centers", "Securities", "Trade",
  "Secret", "Census", "Geological", "Patent", "Postal", "Border", "Customs", "Immigration", "Food", "Defense", "Defence",
  "Foreign", "Home", "Interior", "Health"])

const WEB_COMPANY = /^\p{Lu}[\p{L}\d-]*\.(?:com|net|org|co\.uk)$/u
/** A version number after a product's name ("Firefox 1.0"), part of the name. */
export const VERSION = /^\d+(?:\.\d+)+$/

// Last words that make a name an organisation whatever the model said ("George Mason University", "Neath RFC").
// Not words that are also surnames ("Margaret Court", "Tony Banks").
const ORG_HEAD = new Set(["University", "College", "Institute", "Council", "Commission", "Committee", "Association",
  "Federation", "Company", "Corporation", "RFC", "RUFC", "FC", "AFC", "Club", "Society", "Foundation", "Ministry",
  "Department", "Agency", "Authority", "Hospital", "School", "Academy", "Trust", "Party"])

/**
 * Shapes of a span that settle its type or its extent, CoNLL-style:
 * - a span ending in "of" joins the span right after it ("Gulf of" + "Mexico"), or loses the "of"; a title's
 *   ("Sultan of" before "Brunei") is no name at all;
 * - a PER span keeps only the words after its last title ("Ms King" → "King"); a title that is the last word
 *   stays ("Ms King": "King" is both);
 * - a PER span of two words or more ending in an organisation's head word is ORG ("George Mason University"); not a
 *   LOC span: the dev sets' facilities ("… Hospital", "… School", "… Court") are places as often as organisations;
 * - a one-word PER span of three or four capitals inside mixed-case text, not a first name nor a transcript's speaker
 *   ("COOPER:"), is an acronym, an ORG ("EFF lawyer Kurt Opsahl");
 * - a nationality noun alone ("the 22-year-old Scot") and "Olympic" are MISC;
 * - a bill or an act named by capitalised words before it ("the Prevention of Terrorism Bill") is MISC, one span.
 * Returns the spans it typed (the trimmed names are not among them: the document pass may still vote on them).
 */
export function spanShapes(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  let mixedCase: boolean | undefined
  // a span ending in "of" ("Gulf of" + "Mexico"): one name with the span right after it, or without the "of" when
  // it is a title ("Sultan of" + "Brunei") or nothing follows
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (tokens[a.end - 1] !== "of") continue
    const next = out[k + 1]
    const title = TITLE_WORDS.has(tokens[a.start]!.toLowerCase()) && a.end - a.start === 2
    if (next !== undefined && next.start === a.end && !title) out.splice(k, 2, { ...a, end: next.end })
    else if (a.end - a.start >= 2 && !title) out[k] = { ...a, end: a.end - 1 }
    else out.splice(k--, 1)
  }
  for (let k = 0; k < out.length; k++) {
    let a = out[k]!
    // (an article only as the sentence's first word: a quoted title may open with one)
    if (a.end - a.start >= 2 && SPAN_OPENERS.has(tokens[a.start]!) && (a.start === 0 || (tokens[a.start]!.length > 2 && opensSentence(tokens, a.start)))) {
      out[k] = a = { ...a, start: a.start + 1 }
    }
    // "a Labour party spokesman": a British party is "Labour" (a capitalised "Party" is part of the name; "the Northern
    // party" is a touring squad; GUM's Wikinews keeps "the Republican party" whole)
    if (a.type === "ORG" && a.end - a.start === 2 && tokens[a.end - 1] === "party" && PARTY_NAMES.has(tokens[a.start]!)) out[k] = a = { ...a, end: a.end - 1 }
    // "east London", "the Just Add Monsters studios": a lower-case compass word before a name, a lower-case word
    // after a word of it, is no part of it (not "Europe-wide", "OneStat.com"; a particle ends no name; "the Republican
    // party" is GUM's whole name)
    if (a.end - a.start >= 2 && COMPASS.has(tokens[a.start]!)) out[k] = a = { ...a, start: a.start + 1 }
    let e = a.end
    while (e - a.start >= 2 && /^\p{Ll}+$/u.test(tokens[e - 1]!) && tokens[e - 1] !== "party" && !NAME_PARTICLE.has(tokens[e - 1]!) &&
      /^[\p{L}\d]/u.test(tokens[e - 2]!)) e--
    if (e < a.end) {
      // ("Northern hemisphere": no name left)
      if (e - a.start === 1 && COMPASS.has(tokens[a.start]!.toLowerCase())) {
        out.splice(k--, 1)
        continue
      }
      out[k] = a = { ...a, end: e }
    }
    // "Parkinson's disease", "Down syndrome": a disease named after a person is no entity
    if (a.end - a.start === 1 && DISEASE.has((POSSESSIVE.has(tokens[a.end] ?? "") ? tokens[a.end + 1] : tokens[a.end]) ?? "")) {
      out.splice(k--, 1)
      continue
    }
    // "the aviation White Paper", "a Green Paper": a government's consultation document is no entity
    if (a.end - a.start === 2 && (tokens[a.start] === "White" || tokens[a.start] === "Green") && (tokens[a.start + 1] === "Paper" || tokens[a.start + 1] === "Papers")) {
      out.splice(k--, 1)
      continue
    }
    // "10 Downing Street": the house number is part of a street address
    if (a.type === "LOC" && STREET.has(tokens[a.end - 1]!) && /^\d{1,4}$/.test(tokens[a.start - 1] ?? "") && !out.some((x) => x.end === a.start)) {
      out[k] = a = { ...a, start: a.start - 1 }
      typed.add(a)
      continue
    }
    // "the Commission for Racial Equality", "the Office for National Statistics": a body's head word and "for" before
    // a name the model found alone make one organisation, from the capitalised words before the head word
    if (a.type !== "PER" && a.start >= 2 && tokens[a.start - 1] === "for" && FOR_HEAD.has(tokens[a.start - 2]!)) {
      let s = a.start - 2
      while (s > 0 && isCap(tokens[s - 1]!) && !ACT_STOP.has(tokens[s - 1]!) && !out.some((x) => x.end === s && x.type === "PER")) s--
      if (!cutsThrough(out, s, a.start)) {
        const body = putSpan(out, sentence, s, a.end, "ORG")
        typed.add(body)
        k = out.indexOf(body)
        continue
      }
    }
    // A possessive inside a span splits it when its owner is a place ("Edinburgh's Napier University": LOC + ORG) or an
    // institution of two words or more ("the Science Museum's Dana Centre": ORG + the model's type for the part)
    const p = a.end - a.start >= 3 ? a.start + 1 + tokens.slice(a.start + 1, a.end - 1).findIndex((t) => POSSESSIVE.has(t)) : a.start
    if (p > a.start && isCap(tokens[p + 1]!)) {
      const place = p === a.start + 1 && a.type === "ORG" && (flags[a.start]! & (G_CITY | G_REGION | G_COUNTRY)) !== 0
      if (place || (p - a.start >= 2 && INSTITUTION_HEAD.has(tokens[p - 1]!))) {
        const owner: Span = { ...a, end: p, type: place ? "LOC" : "ORG" }
        const part: Span = { ...a, start: p + 1 }
        out.splice(k, 1, owner, part)
        typed.add(owner).add(part)
        continue
      }
    }
    // "the Police Federation of England and Wales": a body's name ending in "of" a place goes on through "and" a place
    // (not "the University of Leicester and Leicester's Hospitals")
    if (a.type === "ORG" && a.end - a.start >= 3 && tokens[a.end - 2] === "of" && tokens[a.end] === "and" && (flags[a.end - 1]! & PLACE) !== 0 &&
      ((flags[a.end + 1] ?? 0) & PLACE) !== 0 && !isCap(tokens[a.end + 2] ?? "") && !/^['’]/.test(tokens[a.end + 2] ?? "")) {
      const end = a.end + 2
      for (let j = out.length - 1; j > k; j--) if (out[j]!.start < end && out[j]!.end > a.end) out.splice(j, 1)
      out[k] = a = { ...a, end }
      typed.add(a)
      continue
    }
    // "Serbia & Montenegro": a state named by two places is one name (not "Russia & China")
    const nextSpan = out[k + 1]
    if (a.type === "LOC" && (tokens[a.end] === "&" || tokens[a.end] === "and") && nextSpan !== undefined && nextSpan.start === a.end + 1 &&
      nextSpan.type === "LOC" && JOINT_STATES.has(tokens.slice(a.start, nextSpan.end).join(" ").replace(" and ", " & "))) {
      out.splice(k, 2, { ...a, end: nextSpan.end })
      a = out[k]!
      typed.add(a)
      continue
    }
    // "England A": a national A side, named by its country, is a location like the national side
    if (a.type !== "LOC" && a.end - a.start === 2 && tokens[a.end - 1] === "A" && isCountryName(flags, a.start, a.start + 1)) {
      typed.add(retype(out, k, "LOC"))
      continue
    }
    if (a.type === "LOC" && a.end - a.start === 1 && tokens[a.end] === "A" && !isCap(tokens[a.end + 1] ?? "") && isCountryName(flags, a.start, a.end) &&
      !out.some((x) => x.start === a.end)) {
      out[k] = a = { ...a, end: a.end + 1 }
      typed.add(a)
      continue
    }
    // "Europe-wide", "Edinburgh-based": the word after the hyphen is no part of the name
    if (a.end - a.start >= 3 && tokens[a.end - 2] === "-" && COMPOUND_TAIL.has(tokens[a.end - 1]!)) out[k] = a = { ...a, end: a.end - 2 }
    // "William Haughey OBE", "Guy Mansfield QC": an honour after a name is no part of it
    if (a.type === "PER" && a.end - a.start >= 2 && HONOURS.has(tokens[a.end - 1]!)) out[k] = a = { ...a, end: a.end - 1 }
    // "Stade de France", "Madejski Stadium": a venue is a place
    // (not a club named like a venue: "Stade Francais", "Stade Toulousain")
    if (VENUE_START.has(tokens[a.start]!) && NAME_PARTICLE.has(tokens[a.start + 1] ?? "")) {
      // the whole name, which the model may have cut at its particle ("Stade de" + "France")
      let e = a.start + 1
      while (e < tokens.length && (isCap(tokens[e]!) || NAME_PARTICLE.has(tokens[e]!))) e++
      while (e > a.start + 1 && NAME_PARTICLE.has(tokens[e - 1]!)) e--
      if (e - a.start >= 2) {
        const venue = putSpan(out, sentence, a.start, e, "LOC")
        typed.add(venue)
        k = out.indexOf(venue)
        continue
      }
    }
    if (a.type !== "LOC" && a.type !== "PER" && VENUE_HEAD.has(tokens[a.end - 1]!)) {
      typed.add(retype(out, k, "LOC"))
      continue
    }
    // "the US Department of Justice": the country and the body, LOC + ORG
    if (a.type === "ORG" && a.end - a.start >= 3 && isCountryName(flags, a.start, a.start + 1) && STATE_BODY_START.has(tokens[a.start + 1]!)) {
      const place: Span = { ...a, end: a.start + 1, type: "LOC" }
      const body: Span = { ...a, start: a.start + 1 }
      out.splice(k, 1, place, body)
      typed.add(place).add(body)
      continue
    }
    const n = a.end - a.start
    if (a.type === "PER" && n >= 2) {
      // a title after a first name is a surname ("Dick King-Smith", "Martin Luther King"); a capitalised word must follow
      let cut = -1
      for (let i = a.start; i < a.end - 1 && (flags[i]! & G_FIRST_NAME) === 0; i++) {
        if (TITLE_WORDS.has(tokens[i]!.toLowerCase()) && isCap(tokens[i + 1]!)) cut = i
      }
      if (cut >= 0) out[k] = { ...a, start: cut + 1 }
    }
    const b = out[k]!
    const only = b.end - b.start === 1 ? tokens[b.start]! : undefined
    if (b.type === "PER" && b.end - b.start >= 2 && ORG_HEAD.has(tokens[b.end - 1]!)) typed.add(retype(out, k, "ORG"))
    else if (b.type === "PER" && only !== undefined && /^\p{Lu}{3,4}$/u.test(only) && (mixedCase ??= tokens.some((t) => /\p{Ll}/u.test(t))) && (flags[b.start]! & G_FIRST_NAME) === 0 &&
      tokens[b.end] !== ":") typed.add(retype(out, k, "ORG"))
    else if (b.type !== "MISC" && only !== undefined && (NATIONALITY_NOUNS.has(only) || only === "Olympic") && !(only === "Turks" && tokens[b.end + 1] === "Caicos")) {
      typed.add(retype(out, k, "MISC"))
    }
    // "OneStat.com", "Amazon.co.uk": a company named by its web address (tokens "OneStat" "." "com")
    else if (b.type !== "ORG" && b.end - b.start >= 3 && b.end - b.start <= 5 && tokens[b.start + 1] === "." && WEB_COMPANY.test(tokens.slice(b.start, b.end).join(""))) {
      typed.add(retype(out, k, "ORG"))
    }
    // "Windows XP", "Windows Messenger": Microsoft's products named after Windows
    else if (b.type !== "MISC" && b.end - b.start >= 2 && tokens[b.start] === "Windows") typed.add(retype(out, k, "MISC"))
    // "Firefox 1.0", "Opera 8.0": a product's version number is part of its name
    if (b.type === "MISC" && VERSION.test(tokens[b.end] ?? "") && !out.some((x) => x.start === b.end)) out[k] = { ...b, end: b.end + 1 }
  }
  for (let i = 2; i < tokens.length; i++) {
    const w = tokens[i]!
    if ((w !== "Bill" && w !== "Act") || !isCap(tokens[i - 1]!) || TITLE_WORDS.has(tokens[i - 1]!.toLowerCase()) || isCap(tokens[i + 1] ?? "")) continue
    // the capitalised words before it, "of" and "and" allowed between them; never the sentence's first word alone
    let s = i - 1
    const joins = (t: string) => isCap(t) && !ACT_STOP.has(t)
    while (s - 1 >= 1 && (joins(tokens[s - 1]!) || ((tokens[s - 1] === "of" || tokens[s - 1] === "and") && s - 2 >= 1 && joins(tokens[s - 2]!)))) s--
    if (ACT_STOP.has(tokens[s]!)) s++
    if (s >= i) continue
    if (cutsThrough(out, s, i + 1)) continue
    typed.add(putSpan(out, sentence, s, i + 1, "MISC"))
  }
  return typed
}

// Titles whose "of" names a place, LOC without the title ("the Archbishop of Canterbury", "the Duke of Edinburgh").
const TITLE_OF_PLACE = new Set(["Archbishop", "Bishop", "Duke", "Duchess", "Earl", "Countess", "Marquess", "Mayor",
  "Prince", "Princess", "Dean", "Baron", "Baroness"])
// Words naming an electoral area ("the Derbyshire seat of Erewash", "the constituency of Arundel").
const SEAT = new Set(["seat", "constituency", "ward"])
// A constituency's compass words: "Mid-Bedfordshire", "Bristol East"; and words of standing for one ("represented").
const SEAT_PREFIX = new Set(["Mid", "North", "South", "East", "West", "Central"])
const SEAT_SUFFIX = new Set(["North", "South", "East", "West", "Central"])
const SEAT_VERB = new Set(["represented", "represents", "represent", "contested", "contesting", "contests"])
// Landmarks named "<word> of <place>": "Palace of Westminster", "Tower of London".
const LANDMARK = new Set(["Palace", "Palaces", "Tower", "Castle", "Abbey", "Cathedral", "Houses"])
// Words before a party's seat ("a Labour seat", "the Lib Dem seat of …"), which stays the party's.
const PARTY_WORD = new Set([...PARTY_NAMES, "Lib", "Dem", "Liberal", "Democrat", "Democratic", "Republican", "Green",
  "SNP", "UKIP", "Plaid", "Unionist", "Independent"])
// Members elected for a constituency ("the MP for Sittingbourne and Sheppey").
const MEMBER = new Set(["MP", "MPs", "MSP", "MEP", "AM", "MLA", "TD"])
// Prepositions before "No 10" standing for the prime minister's office ("talks at No 10", "a source close to No 10").
const NO10_BEFORE = new Set(["at", "in", "from", "to", "inside", "outside", "into", "by", "with", "within", "of", "and", "for"])
// Words after it that make it the office ("No 10 spokesman", "No 10's plans").
const NO10_AFTER = new Set(["'s", "’s", "spokesman", "spokeswoman", "source", "sources", "aide", "aides", "insiders", "official", "officials", "said", "says"])

/**
 * Places that British politics writes in its own shapes, outside sports copy (where a county is a cricket club):
 * a place in a title ("the Archbishop of Canterbury" → LOC "Canterbury"); a constituency ("the Derbyshire seat of
 * Erewash": both LOC, not a party's "Labour seat"); a county named by "-shire" alone; "No 10" for Downing Street.
 * Returns the spans it typed.
 */
export function typePoliticalPlaces(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array, sportsText: () => boolean): Set<Span> {
  const typed = new Set<Span>()
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    const n = a.end - a.start
    // "Archbishop of Canterbury": one to three capitalised words after the "of"
    if (n >= 3 && n <= 5 && TITLE_OF_PLACE.has(tokens[a.start]!) && tokens[a.start + 1] === "of" && tokens.slice(a.start + 2, a.end).every(isCap)) {
      const place: Span = { ...a, start: a.start + 2, type: "LOC" }
      out[k] = place
      typed.add(place)
    }
  }
  for (let i = 1; i < tokens.length; i++) {
    const w = tokens[i]!
    // "the MP for Sittingbourne and Sheppey": the constituency, its parts joined by "and", is one place; it ends
    // where a person's name the model found begins ("MP for Hartlepool Peter Mandelson")
    if (w === "for" && MEMBER.has(tokens[i - 1]!) && isCap(tokens[i + 1] ?? "")) {
      const person = (j: number) => out.some((x) => x.start === j && x.type === "PER")
      // (a hyphen inside the name: "Mid-Bedfordshire")
      const part = (j: number) => isCap(tokens[j]!) || (tokens[j] === "-" && isCap(tokens[j + 1] ?? ""))
      let e = i + 1
      while (e < tokens.length && part(e) && (e === i + 1 || !person(e))) e++
      // (the model may take the second part for a surname: "Sittingbourne and Sheppey")
      if (tokens[e] === "and" && isCap(tokens[e + 1] ?? "")) {
        e += 2
        while (e < tokens.length && part(e) && !person(e)) e++
      }
      if (e - (i + 1) <= 5 && !cutsThrough(out, i + 1, e)) {
        typed.add(putSpan(out, sentence, i + 1, e, "LOC"))
      }
      continue
    }
    if (SEAT.has(w)) {
      // "seat of Erewash": the name after it, whatever the model made of it (a name it missed is left alone)
      if (tokens[i + 1] === "of") {
        const k = out.findIndex((x) => x.start === i + 2)
        // (not a people's "seat of European power")
        if (k >= 0 && out[k]!.type !== "LOC" && !PARTY_WORD.has(tokens[i + 2]!) && (flags[i + 2]! & G_DEMONYM) === 0) typed.add(retype(out, k, "LOC"))
        // "the Derbyshire seat of Erewash": the county before it too
        const b = out.findIndex((x) => x.end === i)
        if (b >= 0 && k >= 0 && out[b]!.type !== "LOC" && !PARTY_WORD.has(tokens[out[b]!.start]!)) typed.add(retype(out, b, "LOC"))
      } else if ((tokens[i - 2] === "and" || tokens[i - 2] === "&") && isCap(tokens[i - 1]!) && i >= 3 && isCap(tokens[i - 3]!)) {
        // "won the Eton and Slough seat", "the Folkestone & Hythe seat": a constituency of two parts is one place (not
        // "the Labour and Tory seats")
        let s = i - 3
        while (s > 0 && isCap(tokens[s - 1]!) && !ACT_STOP.has(tokens[s - 1]!)) s--
        let party = false
        for (let j = s; j < i; j++) party ||= PARTY_WORD.has(tokens[j]!) || (flags[j]! & G_DEMONYM) !== 0
        if (!party && !cutsThrough(out, s, i)) typed.add(putSpan(out, sentence, s, i, "LOC"))
      }
      continue
    }
    if ((w === "10") && (tokens[i - 1] === "No" || tokens[i - 1] === "No." || tokens[i - 1] === "Number") &&
      (i === 1 || NO10_BEFORE.has(tokens[i - 2]!) || NO10_AFTER.has(tokens[i + 1] ?? "")) &&
      !out.some((x) => x.start <= i && x.end > i - 1) && !sportsText()) {
      typed.add(putSpan(out, sentence, i - 1, i + 1, "LOC"))
    }
  }
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    // "in Ashfield, Nottinghamshire": a county alone is a place outside sports copy
    // (not the first word of a longer name: "Berkshire MBR Sellers", "Yorkshire Cancer Research")
    // ("the Mid-Bedfordshire MP": a constituency)
    if (a.end - a.start === 1 && a.type !== "LOC" && /^\p{Lu}\p{Ll}+shire$/u.test(tokens[a.start]!) && (!isCap(tokens[a.end] ?? "") || MEMBER.has(tokens[a.end]!)) && !sportsText()) {
      typed.add(retype(out, k, "LOC"))
    }
    const b = out[k]!
    // "the Mid-Bedfordshire MP", "South-West Surrey": a constituency's compass prefix is part of its name
    if (b.type === "LOC" && b.start >= 2 && tokens[b.start - 1] === "-" && SEAT_PREFIX.has(tokens[b.start - 2]!) && !out.some((x) => x.end === b.start - 1)) {
      out[k] = { ...b, start: b.start - 2 }
      typed.add(out[k]!)
    }
    // "He represented Bristol East from 1983": a city's compass-named constituency, after a word of standing for it
    if (b.type === "LOC" && b.end - b.start === 1 && SEAT_SUFFIX.has(tokens[b.end] ?? "") && !isCap(tokens[b.end + 1] ?? "") && SEAT_VERB.has(tokens[b.start - 1] ?? "") &&
      !out.some((x) => x.start === b.end)) {
      out[k] = { ...b, end: b.end + 1 }
      typed.add(out[k]!)
    }
  }
  // "around the Palace of Westminster", "the Tower of London": a landmark "of" a place is one place
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!LANDMARK.has(tokens[i]!) || tokens[i + 1] !== "of" || !isCap(tokens[i + 2]!)) continue
    let e = i + 3
    while (e < tokens.length && e - i <= 4 && isCap(tokens[e]!)) e++
    if (!cutsThrough(out, i, e) && !out.some((x) => x.start === i && x.end === e && x.type === "LOC")) typed.add(putSpan(out, sentence, i, e, "LOC"))
    i = e - 1
  }
  return typed
}

// Words after a programme's title ("Radio 4's Today programme", "the BBC's Go Digital programme").
// ("the Space Shuttle program" is no title: only after a broadcaster's "'s").
const PROGRAMME = new Set(["programme", "show", "series", "documentary", "podcast"])
const BROADCASTERS = new Set(["BBC", "ITV", "CNN", "NBC", "CBS", "ABC", "PBS", "RTE", "Sky", "BBC1", "BBC2", "BBC3", "BBC4", "ITV1"])
const CHANNEL_WORDS = new Set(["One", "Two", "Three", "Four", "World", "News", "Radio", "Choice", "Knowledge", "Parliament", "America", "Sports", "Sport"])

/**
 * A programme's title: the capitalised words (at most four) right before "programme", "show" and the like, after a
 * possessive "'s" ("BBC Radio 4's Today programme", "the BBC's Go Digital programme"), is MISC; not a broadcaster's
 * name in capitals ("ITV's BBC show") nor an organisation's span. So is "Today" told or spoken on. Returns the spans
 * it typed.
 */
export function programmeNames(tokens: ReadonlyArray<string>, sentence: number, out: Span[]): Set<Span> {
  const typed = new Set<Span>()
  // "he told Today", "speaking on Today": mid-sentence, capitalised, after "told" or "on", Radio 4's programme
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i] !== "Today" || (tokens[i - 1] !== "told" && tokens[i - 1] !== "on") || isCap(tokens[i + 1] ?? "")) continue
    const k = singleSpanAt(out, i)
    if (k === -2 || (k >= 0 && out[k]!.type === "MISC")) continue
    typed.add(putSpan(out, sentence, i, i + 1, "MISC"))
  }
  for (let i = 2; i < tokens.length; i++) {
    if (!PROGRAMME.has(tokens[i]!) || !isCap(tokens[i - 1]!)) continue
    let s = i - 1
    while (s > 0 && i - s < 4 && isCap(tokens[s - 1]!)) s--
    // after a possessive, or after a broadcaster named right before the title ("the BBC Today programme", "BBC
    // Radio 4 Today programme")
    // (not a channel's own name: "BBC One show", "BBC World programme")
    if (BROADCASTERS.has(tokens[s]!) && s + 1 < i && !CHANNEL_WORDS.has(tokens[s + 1]!)) s++
    const before = tokens[s - 1]
    const broadcaster = before !== undefined && (BROADCASTERS.has(before) || (/^\d$/.test(before) && (tokens[s - 2] === "Radio" || tokens[s - 2] === "Channel")))
    if (s === 0 || (before !== "'s" && before !== "’s" && !broadcaster)) continue
    if (i - s === 1 && /^\p{Lu}[\p{Lu}\d]+$/u.test(tokens[s]!)) continue
    if (out.some((x) => x.start < i && x.end > s && (x.type === "ORG" && x.start === s && x.end === i || x.start < s || x.end > i))) continue
    typed.add(putSpan(out, sentence, s, i, "MISC"))
  }
  return typed
}

const LINEUP_SEPARATOR = new Set([",", ";", ":", ".", "and"])

/**
 * A team line-up written with initials ("C Paterson; S Webster, A Craig, H Southwell, S Lamont; D Parks, C Cusiter"):
 * in a sentence of four such names or more, making up most of its comma- or semicolon-separated items, every item
 * that is a name (initials then a surname, or a full name: "Mirco Bergamasco") is a person; "(capt)" and the like
 * are left out. An initial is one or two capitals, not a country's code ("US", "UK"). Returns the spans it typed.
 */
export function typeLineup(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  // (the length test first: this runs on every sentence, and most tokens are longer than an initial)
  const initial = (k: number) => tokens[k]!.length <= 3 && /^\p{Lu}{1,2}\.?$/u.test(tokens[k]!) && (flags[k]! & G_COUNTRY) === 0
  // a hyphenated pair of initials ("J-P Grandclaude") is one initial
  const initialEnd = (k: number) => initial(k) && tokens[k + 1] === "-" && k + 2 < tokens.length && initial(k + 2) ? k + 3 : k + 1
  let initials = 0
  for (let k = 0; k < tokens.length; k++) if (initial(k)) initials++
  if (initials < 4) return typed
  // items between separators, brackets left out: [start, end) of a name, or null for anything else
  const items: Array<readonly [number, number] | null> = []
  let withInitial = 0
  let k = 0
  while (k < tokens.length) {
    if (LINEUP_SEPARATOR.has(tokens[k]!)) {
      k++
      continue
    }
    const start = k
    const [end, next] = listItem(tokens, start)
    const n = end - start
    const words = tokens.slice(start, end)
    const first = initial(start) ? initialEnd(start) - start : 1
    const nameWords = words.every((w, j) => isCap(w) || (j > 0 && j < n - 1 && NAME_PARTICLE.has(w)) || (j === 1 && first === 3)) && isCap(words[n - 1] ?? "")
    const lead = n >= first + 1 && n <= first + 3 && initial(start) && nameWords && !/^\p{Lu}{1,2}\.?$/u.test(words[n - 1]!)
    const full = n >= 2 && n <= 3 && nameWords && !initial(start)
    if (lead) withInitial++
    items.push(lead || full ? [start, end] : null)
    k = next
  }
  if (withInitial < 4 || withInitial * 5 < items.length * 3) return typed
  typeNameItems(tokens, sentence, out, items, typed)
  typeLineupClubs(tokens, sentence, out, flags, items.filter((x) => x !== null), typed)
  return typed
}

/**
 * The list item starting at `start`: it ends at a separator or a bracket; the next starts after the bracket. A bracket
 * left open by a typo ("G Thomas (Toulouse (capt); H Luscombe (Dragons)") ends at the first ")" after it.
 */
function listItem(tokens: ReadonlyArray<string>, start: number): readonly [end: number, next: number] {
  let end = start
  while (end < tokens.length && !LINEUP_SEPARATOR.has(tokens[end]!) && tokens[end] !== "(") end++
  let next = end
  if (tokens[next] === "(") {
    let close = closingBracket(tokens, next)
    if (close < 0) close = tokens.indexOf(")", next + 1)
    next = close < 0 ? tokens.length : close + 1
  }
  return [end, next]
}

// Countries as a touring side's line-up abbreviates them.
const COUNTRY_SHORT = new Set(["SA", "S Africa", "NZ", "Aus", "Aust", "Eng", "Ire", "Sco", "Wal", "Fra", "Ita", "Arg", "Fij", "Sam",
  "Ton", "Can", "Jap", "Jpn", "Rom", "Geo", "Rus", "Ger", "Spa", "Esp", "Por", "US", "USA", "RSA", "Ned", "Bel", "Aut", "Sui", "Swe", "Nor", "Den"])
// What a line-up's bracket holds besides the player's club: "(capt)", "(vc)", "(wk)".
const LINEUP_NOTE = new Set(["capt", "captain", "c", "vc", "wk", "gk", "Capt", "Captain"])

/**
 * The clubs in a line-up's brackets: "H Luscombe (Dragons), T Shanklin (Blues), S Jones (Clermont Auvergne)" are ORG,
 * one to three capitalised words after a player's name; a country there is left alone.
 */
function typeLineupClubs(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array, players: ReadonlyArray<readonly [number, number]>, typed: Set<Span>) {
  for (const [, end] of players) {
    if (tokens[end] !== "(") continue
    let e = end + 1
    while (e < tokens.length && e - end <= 3 && isCap(tokens[e]!) && !LINEUP_NOTE.has(tokens[e]!)) e++
    // "(Narbonne, capt)": the note after a comma
    const closes = tokens[e] === ")" || tokens[e] === "(" || (tokens[e] === "," && LINEUP_NOTE.has(tokens[e + 1] ?? "") && tokens[e + 2] === ")")
    if (e === end + 1 || !closes || isCountryName(flags, end + 1, e)) continue
    // a player's country in a touring side's line-up: "(SA)", "(NZ)", "(S Africa)"
    if (COUNTRY_SHORT.has(tokens.slice(end + 1, e).join(" "))) continue
    if (out.some((x) => x.start < e && x.end > end + 1 && (x.start < end + 1 || x.end > e))) continue
    typed.add(putSpan(out, sentence, end + 1, e, "ORG"))
  }
}

/** A span the model ran across a list's separators ("S Jones , D Peel") is no one name. */
const crossesSeparator = (tokens: ReadonlyArray<string>, x: Span) => {
  for (let k = x.start; k < x.end; k++) if (tokens[k] === "," || tokens[k] === ";") return true
  return false
}

/** Types each item PER, unless a longer span that is no run-on list holds it. */
function typeNameItems(tokens: ReadonlyArray<string>, sentence: number, out: Span[], items: ReadonlyArray<readonly [number, number] | null>, typed: Set<Span>) {
  for (const item of items) {
    if (item === null) continue
    const [s, e] = item
    if (out.some((x) => x.start < e && x.end > s && (x.start < s || x.end > e) && !crossesSeparator(tokens, x))) continue
    typed.add(putSpan(out, sentence, s, e, "PER"))
  }
}

// A capitalised surname, prefixed and hyphenated ones included: "Horak", "O'Driscoll", "McFadden", "MacDonald", "Simpson-Daniel".
const SURNAME_TOKEN = /^(?:Ma?c|[OD]['’])?\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u

// Headings of a squad's list in match reports: "Replacements: Everitt for Mapletoft (53), …", "Not used: Fury, Brooks".
const SQUAD_HEADING = new Set(["Replacements", "Replacement", "Subs", "Substitutes", "Substitute", "Sub", "Bench", "used"])

/**
 * A line-up of surnames ("Horak, Staniforth, Penney, Nordt, Bishop; Mapletoft, Edwards; Hatley, van der Walt, …"),
 * its replacements ("Everitt for Mapletoft (53)") and its unused players ("Not used: Fury, Brooks"): items between
 * commas and semicolons, brackets left out, each of one to four capitalised words (particles inside). Every name is a
 * person when the sentence is such a list: six names or more in four fifths of its items with positions grouped by
 * semicolons, or a squad heading ("Replacements:") before names, or three replacements, or a squad listed by commas
 * alone (eight names or more, initials allowed: "Balshaw, Cohen, … L Deacon, Grewcock"); and only in sports copy (a
 * list of companies has the same shape). A heading or a team's name before a colon is left alone; a list of places
 * (most items countries or cities) is none. Returns the spans it typed.
 */
export function typeSurnameLineup(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array, sportsText: () => boolean): Set<Span> {
  const typed = new Set<Span>()
  let separators = 0
  let semicolons = 0
  for (const t of tokens) {
    if (t === ",") separators++
    else if (t === ";") semicolons++
  }
  if (separators + semicolons < 2 && !(separators === 1 && tokens.includes(":"))) return typed
  // (surnames look like any other names: only in sports copy)
  if (!sportsText()) return typed
  const isName = (s: number, e: number) => {
    const n = e - s
    if (n < 1 || n > 4 || !isCap(tokens[e - 1]!) || tokens[e - 1]!.length < 2) return false
    for (let k = s; k < e; k++) {
      const w = tokens[k]!
      // (an initial before the surname: "L Deacon", "J Worsley")
      if (k === s && n >= 2 && /^\p{Lu}\.?$/u.test(w)) continue
      if (!SURNAME_TOKEN.test(w) && !(k < e - 1 && NAME_PARTICLE.has(w.toLowerCase())) && !(w === "-" && k > s && k < e - 1)) return false
    }
    return true
  }
  const names: Array<readonly [number, number]> = []
  const swapAt: Array<number> = []
  let items = 0
  let nameItems = 0
  let swaps = 0
  let places = 0
  let orgs = 0
  let heading = false
  let k = 0
  while (k < tokens.length) {
    if (tokens[k] === "," || tokens[k] === ";" || tokens[k] === "." || tokens[k] === "and") {
      k++
      continue
    }
    const start = k
    const [end, next] = listItem(tokens, start)
    if (tokens[end] === ":") {
      // a heading or a team's name: "Replacements:", "Not used:", "Wasps:"
      if (SQUAD_HEADING.has(tokens[end - 1] ?? "")) heading = true
      k = end + 1
      continue
    }
    // "Replacements (from): …": a heading with a bracket before its colon
    if (SQUAD_HEADING.has(tokens[start]!)) {
      heading = true
      k = next
      continue
    }
    items++
    let forAt = start + 1
    while (forAt < end && tokens[forAt] !== "for") forAt++
    if (forAt < end && isName(start, forAt) && isName(forAt + 1, end)) {
      swaps++
      swapAt.push(forAt)
      nameItems++
      names.push([start, forAt], [forAt + 1, end])
    } else if (isName(start, end)) {
      nameItems++
      names.push([start, end])
      if (anyFlag(flags, start, end, G_COUNTRY | G_CITY)) places++
      if (out.some((x) => x.type === "ORG" && x.start < end && x.end > start)) orgs++
    }
    k = next
  }
  if (nameItems * 5 < items * 4 || places * 2 > nameItems) return typed
  // a squad list by commas alone ("Balshaw, Cohen, Cueto, Lewsey, …"): eight names or more, not a list of clubs (the
  // model's ORG on a third of them)
  const squad = separators >= 7 && nameItems >= 8 && orgs * 3 <= nameItems
  if (!((semicolons >= 2 && nameItems >= 6) || (heading && nameItems >= 2) || swaps >= 3 || squad)) return typed
  // a span across a replacement ("Everitt for Mapletoft") is no one name either
  for (let x = out.length - 1; x >= 0; x--) {
    const sp = out[x]!
    if (swapAt.some((j) => sp.start < j && sp.end > j)) out.splice(x, 1)
  }
  typeNameItems(tokens, sentence, out, names, typed)
  return typed
}

// Verbs in the plural after a name: British sports copy treats a club as plural ("Liverpool have little chance"),
// a city never ("London has").
const PLURAL_VERB = new Set(["have", "are", "were", "'ve"])
const PLACE_BEFORE = new Set(["the", "in", "at", "from", "to", "of", "on", "across", "near", "around", "throughout", "into",
  "and", ",", "or"])
// Words before a club's name in match reports ("win over Olympiakos", "at home to Bayer Leverkusen", "defeat to Roma").
const MATCH_BEFORE = new Set(["win over", "victory over", "defeat to", "defeat by", "draw with"])
// The same, only in a sentence with a football word ("rushed home to Wisconsin").
const LOOSE_BEFORE = new Set(["lost to", "lose to", "home to", "away to", "win at", "beat", "beating", "against", "hands of"])
// Words that make a sentence read as sports copy, where teams named after places are ORG (CoNLL style): for
// index.ts's places outside sports copy and for clubs named in play below.
export const SPORTS_CUES = new Set(["beat", "beats", "drew", "draw", "won", "win", "lost", "v", "vs", "vs.", "coach", "points",
  "match", "game", "games", "team", "league", "cup", "season", "goal", "goals", "scored", "wickets", "innings",
  "defeat", "victory", "champions", "championship", "qualifier", "fixture", "striker", "halftime", "play", "played",
  "side", "squad", "title", "final", "semifinal", "tournament", "standings", "results", "held"])

// Words of sports copy only (not "season", "players", "manager", "final": business copy has them too). A text with
// two different ones is a sports report, where a town named like a club is the club (known-names.ts) and a city
// tagged ORG may stay one (index.ts). Unlike SPORTS_CUES and FOOTBALL_CUES this judges a whole text, not a sentence.
const SPORTS_WORDS = new Set(["match", "goal", "goals", "striker", "midfielder", "defender", "goalkeeper", "keeper",
  "league", "premiership", "scored", "fixture", "penalty", "referee", "squad", "coach", "tournament", "championship",
  "skipper", "stadium", "relegation", "unbeaten", "rugby", "football", "footballer", "tennis", "cricket", "wickets",
  "innings", "halftime", "winger", "quarterfinal", "semifinal", "soccer", "relegated", "athletics", "golf"])

/** Whether a text (as sentences of tokens) reads as sports copy: two different words of SPORTS_WORDS or more. */
export function isSportsText(sentences: ReadonlyArray<ReadonlyArray<string>>): boolean {
  const seen = new Set<string>()
  for (const s of sentences) {
    for (const t of s) {
      // most words are in lower case already: no copy for them
      const w = SPORTS_WORDS.has(t) ? t : t.length > 3 && /^\p{Lu}/u.test(t) ? t.toLowerCase() : ""
      if (w !== "" && SPORTS_WORDS.has(w)) {
        seen.add(w)
        if (seen.size >= 2) return true
      }
    }
  }
  return false
}

/**
 * Clubs named after their city in match reports are organisations: a city (not a country: a national side is LOC)
 * followed by a plural verb in a sentence of sports copy (SPORTS_CUES: "Liverpool have little chance of winning the
 * Champions League"; not "in X were", not "X and Y are"), or after a match phrase ("win over", "defeat to"; "at home
 * to", "beat", "against" and the like only in sports copy). Returns the spans it typed.
 */
export function typeClubsInPlay(tokens: ReadonlyArray<string>, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  let cues: boolean | undefined
  for (let k = 0; k < out.length; k++) {
    const a = out[k]!
    if (a.type !== "LOC" || (flags[a.start]! & G_COUNTRY) !== 0 || (flags[a.start]! & (G_CITY | G_REGION)) === 0) continue
    const after = (tokens[a.end] ?? "").toLowerCase()
    const one = (tokens[a.start - 1] ?? "").toLowerCase()
    const two = `${(tokens[a.start - 2] ?? "").toLowerCase()} ${one}`
    const loose = LOOSE_BEFORE.has(one) || LOOSE_BEFORE.has(two)
    const before = MATCH_BEFORE.has(two) || (loose && (cues ??= tokens.some((t) => SPORTS_CUES.has(t.toLowerCase()))))
    // "under way in the Caribbean are designed": the verb is another subject's after a place phrase
    const plural = PLURAL_VERB.has(after) && !PLACE_BEFORE.has(one) && (cues ??= tokens.some((t) => SPORTS_CUES.has(t.toLowerCase())))
    if (plural || before) typed.add(retype(out, k, "ORG"))
  }
  return typed
}

// A club's last word standing for the club in match reports ("a contract extension with City", "United were
// beaten"): CLUB_END's, not "County" or "Town" (a council), "Wednesday" (a day), "Alexandra" (a first name) nor
// "Rangers" (a club of its own, known-names.ts); and "Spurs".
// Words of a sentence about the tennis championships ("reached the second round at Wimbledon"; not "greyhound tracks at Wimbledon").
const TENNIS_CUES = new Set(["tennis", "final", "semi-final", "semi-finalist", "quarter-final", "round", "champion", "title", "seed",
  "slam", "prize", "singles", "doubles", "grass", "set", "sets", "open", "opens"])
const CLUB_SHORT = new Set([...[...CLUB_END].filter((w) => !["County", "Town", "Wednesday", "Alexandra", "Rangers"].includes(w)), "Spurs"])

/**
 * In sports copy (the whole text): a club called by its last word alone ("with City but") is ORG, the model's place
 * or nothing before; "Wimbledon" in a sentence with tennis words and without football words is the championships,
 * MISC (Wimbledon FC is a club in football copy). Returns the spans it typed.
 */
export function typeSportsShortNames(tokens: ReadonlyArray<string>, sentence: number, out: Span[], sportsText: () => boolean): Set<Span> {
  const typed = new Set<Span>()
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!
    const club = CLUB_SHORT.has(w)
    if (!club && w !== "Wimbledon") continue
    // a word alone: not part of a longer name ("Manchester City", "Crystal Palace", "United States")
    if (isCap(tokens[i - 1] ?? "") || isCap(tokens[i + 1] ?? "")) continue
    const k = singleSpanAt(out, i)
    if (k === -2) continue
    if (!sportsText()) return typed
    if (club) {
      // a club already ORG, or a word nobody tagged at a sentence's start ("City won 2-0" is left to the model)
      if (k >= 0 ? out[k]!.type === "ORG" : i === 0) continue
      typed.add(putSpan(out, sentence, i, i + 1, "ORG"))
    } else if (k >= 0 && (out[k]!.type === "LOC" || out[k]!.type === "PER") && tokens.some((t) => TENNIS_CUES.has(t.toLowerCase())) && !tokens.some((t) => FOOTBALL_CUES.has(t.toLowerCase()))) {
      typed.add(retype(out, k, "MISC"))
    }
  }
  return typed
}

// Words after a name that make it an organisation ("Balco boss Victor Conte", "the Balco scandal").
const ORG_NEXT = new Set(["boss", "bosses", "scandal", "founder", "co-founder", "headquarters"])
// Words after a name that make it a piece of malware ("the Hackarmy trojan", "the Sober worm").
const MALWARE_NEXT = new Set(["trojan", "trojans", "worm", "worms"])

// Bodies of the European Union the BBC writes in lower case after "EU" or "European" ("the EU commission").
const EU_BODY = new Set(["commission", "parliament"])

/**
 * Names typed by the word after them: a one-word name the model took for a place, with no place of that name in the
 * gazetteer (and not in capitals: "the VA scandal"), before "boss" or "scandal" is ORG ("England boss" stays the
 * national side); a capitalised word before "trojan" or "worm" is malware, MISC; "European" or "EU" before a lower-case
 * "commission" or "parliament" is that body, one ORG; "the <city> club" names the place, LOC. Returns the spans it typed.
 */
export function typeByNextWord(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let i = 0; i + 1 < tokens.length; i++) {
    const next = tokens[i + 1]!
    // "New European commission president", "the EU commission's proposal": the commission, one ORG
    if (EU_BODY.has(next) && (tokens[i] === "European" || tokens[i] === "EU") && !cutsThrough(out, i, i + 2)) {
      typed.add(putSpan(out, sentence, i, i + 2, "ORG"))
      continue
    }
    // "the Glasgow club": a city named as a club's home is the place (the sets' "the Midlands club")
    if (next === "club" && tokens[i - 1] === "the" && (flags[i]! & (G_CITY | G_REGION)) !== 0) {
      const k = singleSpanAt(out, i)
      if (k >= 0 && out[k]!.type === "ORG") typed.add(retype(out, k, "LOC"))
      continue
    }
    if (i === 0 || (!ORG_NEXT.has(next) && !MALWARE_NEXT.has(next))) continue
    if (!isCap(tokens[i]!) || isCap(tokens[i - 1]!)) continue
    const k = singleSpanAt(out, i)
    if (k === -2) continue
    if (MALWARE_NEXT.has(next)) {
      if (k < 0 || out[k]!.type !== "MISC") typed.add(putSpan(out, sentence, i, i + 1, "MISC"))
    } else if (k >= 0 && out[k]!.type === "LOC" && (flags[i]! & PLACE) === 0 && /\p{Ll}/u.test(tokens[i]!)) {
      typed.add(retype(out, k, "ORG"))
    } else if (k >= 0 && out[k]!.type === "PER" && (next === "headquarters" || next === "founder") && (flags[i]! & G_FIRST_NAME) === 0) {
      // "Argonaut headquarters", "Argonaut founder Jez San": a company, not a person
      typed.add(retype(out, k, "ORG"))
    }
  }
  return typed
}

// Nouns after a list of places that name what they are ("Heathrow, Stansted and Luton airports").
const PLACE_NOUN = new Set(["airport", "airports"])
// Nouns before a work's title ("the game Manhunt", "games such as Manhunt").
const WORK_NOUN = new Set(["game", "games", "film", "films", "movie", "novel", "album", "single"])
// A person's relations and fate after a possessive ("Stefan's murder", "Kelly's parents").
const PERSON_AFTER = new Set(["murder", "murderer", "killer", "killers", "killing", "funeral", "widow", "widower", "parents",
  "mother", "father", "wife", "husband", "daughter", "son", "brother", "sister", "girlfriend", "boyfriend"])

/**
 * Names typed by a noun next to them: every item of a list of capitalised names before "airports" is a place (LOC);
 * the capitalised words right after "the game", "the film" and the like, or after "games such as", are the work's title
 * (MISC; not a place's or a country's name, and not in sports copy, where "the game England lost" is a match); a one-word
 * ORG or MISC before "'s murder", "'s parents" and the like is a person; an award named "<…> of the Year" is one MISC
 * span from the capitalised words before it ("BBC Sports Personality of the Year"), and so are the "<…> Honours"
 * ("the New Year Honours List"). Returns the spans it typed.
 */
export function typeNamesByNoun(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array, sportsText: () => boolean): Set<Span> {
  const typed = new Set<Span>()
  for (let i = 1; i < tokens.length; i++) {
    const w = tokens[i]!
    if (PLACE_NOUN.has(w) && isCap(tokens[i - 1]!)) {
      // back over "A, B and C": each item a run of one to three capitalised words
      let e = i
      while (e > 0) {
        let s = e
        while (s > 0 && e - s < 3 && isCap(tokens[s - 1]!) && !ACT_STOP.has(tokens[s - 1]!) && !FUNCTION_CAPS.has(tokens[s - 1]!)) s--
        if (s === e || cutsThrough(out, s, e)) break
        if (!out.some((x) => x.start === s && x.end === e && x.type === "LOC")) typed.add(putSpan(out, sentence, s, e, "LOC"))
        if (s >= 2 && (tokens[s - 1] === "," || tokens[s - 1] === "and") && isCap(tokens[s - 2]!)) e = s - 1
        else break
      }
      continue
    }
    const suchAs = tokens[i + 1] === "such" && tokens[i + 2] === "as"
    if (WORK_NOUN.has(w) && (suchAs ? isCap(tokens[i + 3] ?? "") : isCap(tokens[i + 1] ?? "") && (tokens[i - 1] === "the" || tokens[i - 1] === "The")) && !sportsText()) {
      // "games such as Manhunt and Knights of the Old Republic": each title of the list
      let s = suchAs ? i + 3 : i + 1
      while (s < tokens.length) {
        let e = s
        // "Knights of the Old Republic": "of" and "the" inside a title
        while (e < tokens.length && e - s < 7 && (isCap(tokens[e]!) || ((tokens[e] === "of" || (tokens[e] === "the" && tokens[e - 1] === "of")) && e > s))) e++
        while (e > s && !isCap(tokens[e - 1]!)) e--
        // ("giving the game FDA approval": an acronym is no title)
        const acronym = e - s === 1 && /^\p{Lu}{2,}$/u.test(tokens[s]!)
        if (e === s || acronym || anyFlag(flags, s, e, PLACE) || cutsThrough(out, s, e)) break
        typed.add(putSpan(out, sentence, s, e, "MISC"))
        if (!suchAs || !(tokens[e] === "," || tokens[e] === "and" || tokens[e] === "or") || !isCap(tokens[e + 1] ?? "")) break
        s = e + 1
      }
      continue
    }
    if (POSSESSIVE.has(w) && PERSON_AFTER.has(tokens[i + 1] ?? "")) {
      const k = singleSpanAt(out, i - 1)
      if (k >= 0 && out[k]!.end === i && (out[k]!.type === "ORG" || out[k]!.type === "MISC") && (flags[i - 1]! & PLACE) === 0) typed.add(retype(out, k, "PER"))
      continue
    }
    // "BBC Sports Personality of the Year", "European Footballer of the Year"
    const award = w === "of" && tokens[i + 1] === "the" && tokens[i + 2] === "Year" && isCap(tokens[i - 1]!)
    const honours = (w === "Honours" || w === "Honors") && isCap(tokens[i - 1]!)
    if (award || honours) {
      let s = i - 1
      while (s > 0 && i - s < 5 && isCap(tokens[s - 1]!) && !ACT_STOP.has(tokens[s - 1]!) && !opensSentence(tokens, s - 1)) s--
      const e = award ? i + 3 : tokens[i + 1] === "List" ? i + 2 : i + 1
      if (!out.some((x) => x.start < e && x.end > s && (x.start < s || x.end > e))) typed.add(putSpan(out, sentence, s, e, "MISC"))
      i = e - 1
    }
  }
  return typed
}

// Words of a company's division after its name ("BT Wholesale", "Lycos Europe", "AOL UK").
const DIVISION = new Set(["Wholesale", "Retail", "Europe", "UK", "International", "Global", "Mobile", "Online", "Broadband",
  "Business", "Group", "Holdings", "Digital", "Interactive", "Entertainment", "Networks"])
// Party words that open a politician's name the model ran together ("from Tory Neil Hamilton").
const PARTY_LEAD = new Set(["Tory", "Labour", "Conservative", "Liberal", "Lib", "Republican", "Democrat", "Democratic", "Green", "SNP", "UKIP"])

/**
 * The edges of names: a trailing ordinal is no part of one ("Newcastle 14th in the Premiership"); a hyphenated place
 * name runs through its lower-case link ("Stockton-on-Tees", "Newcastle-upon-Tyne"); a hyphenated first name the model
 * cut is whole ("Jan-Michael Gambill"); a product's model number joins it ("Xbox 2", not a year); a company's division
 * joins it ("BT Wholesale"); a capitalised "War" after a place is the war, MISC ("the first Gulf War"); a party word or
 * a two-word nationality opening a person's span is split off ("Tory Neil Hamilton", "South Korean Hyung-Taik Lee");
 * a club's span running across "for" a country ends there ("Rangers for Scotland captain"). Returns the spans it typed.
 */
export function nameEdges(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array, sportsText: () => boolean): Set<Span> {
  const typed = new Set<Span>()
  for (let k = 0; k < out.length; k++) {
    let a = out[k]!
    if (a.end - a.start >= 2 && /^\d{1,3}(st|nd|rd|th)$/.test(tokens[a.end - 1]!)) out[k] = a = { ...a, end: a.end - 1 }
    // "Stockton-on-Tees": place, "-", a lower-case link, "-", a capitalised word
    if (a.type === "LOC" && tokens[a.end] === "-" && /^(on|upon|under|le|la|en|in|by|sur)$/.test(tokens[a.end + 1] ?? "") && tokens[a.end + 2] === "-" && /^\p{Lu}\p{Ll}+/u.test(tokens[a.end + 3] ?? "")) {
      const end = a.end + 4
      for (let j = out.length - 1; j > k; j--) if (out[j]!.start < end && out[j]!.end > a.end) out.splice(j, 1)
      out[k] = a = { ...a, end }
      typed.add(a)
      continue
    }
    // (the first half a known first name: "Jean-Pierre"; the tokens hold no spacing, and "January - Richard Belmar" is two)
    if (a.type === "PER" && a.start >= 2 && tokens[a.start - 1] === "-" && /^\p{Lu}\p{Ll}+$/u.test(tokens[a.start - 2]!) &&
      (flags[a.start - 2]! & G_FIRST_NAME) !== 0 && !out.some((x) => x.end === a.start - 1)) {
      out[k] = a = { ...a, start: a.start - 2 }
      typed.add(a)
      continue
    }
    const next = tokens[a.end] ?? ""
    // (one digit, outside sports copy: "Baros 74", "Sudanese 18" are minutes and ages)
    if (a.type === "MISC" && /^[2-9]$/.test(next) && !sportsText() && !out.some((x) => x.start === a.end) && !/^(\d|%|per|percent|million|billion|bn|m)$/.test(tokens[a.end + 1] ?? "") &&
      (flags[a.start]! & G_DEMONYM) === 0) {
      out[k] = a = { ...a, end: a.end + 1 }
      typed.add(a)
      continue
    }
    if (a.type === "ORG" && DIVISION.has(next) && !isCap(tokens[a.end + 1] ?? "") && !/^\d/.test(tokens[a.end + 1] ?? "") && /^\p{Lu}{2,}$/u.test(tokens[a.end - 1]!) && !out.some((x) => x.start === a.end && x.end > a.end + 1)) {
      for (let j = out.length - 1; j > k; j--) if (out[j]!.start === a.end) out.splice(j, 1)
      out[k] = a = { ...a, end: a.end + 1, type: "ORG" }
      typed.add(a)
      continue
    }
    if (next === "War" && a.type === "LOC" && !isCap(tokens[a.end + 1] ?? "")) {
      out[k] = a = { ...a, end: a.end + 1, type: "MISC" }
      typed.add(a)
      continue
    }
    if (a.type === "PER" && PARTY_LEAD.has(tokens[a.start]!)) {
      // the party ("Tory", "Lib Dem", "Liberal Democrat"), a member's title ("MP"), then a name of two words or more
      const p = PARTY_NAMES.has(tokens.slice(a.start, a.start + 2).join(" ")) ? a.start + 2 : a.start + 1
      const n = MEMBER.has(tokens[p] ?? "") ? p + 1 : p
      if (a.end - n >= 2 && (flags[a.start]! & G_FIRST_NAME) === 0 && tokens.slice(n, a.end).every(isCap) && !MEMBER.has(tokens[a.end - 1]!)) {
        const party: Span = { ...a, end: p, type: "ORG" }
        const person: Span = { ...a, start: n, type: "PER" }
        out.splice(k, 1, party, person)
        typed.add(party).add(person)
        k++
        continue
      }
    }
    // (a person's or a place's span only, of a name of two or three words: "North American Menopause Society" is a body)
    if ((a.type === "PER" || a.type === "LOC") && a.end - a.start >= 4 && a.end - a.start <= 6 && COMPASS.has(tokens[a.start]!.toLowerCase()) &&
      (flags[a.start + 1]! & G_DEMONYM) !== 0 && isCap(tokens[a.start + 2]!) && !anyFlag(flags, a.start + 2, a.end, G_ORG_CUE | PLACE)) {
      const nationality: Span = { ...a, end: a.start + 2, type: "MISC" }
      const person: Span = { ...a, start: a.start + 2, type: "PER" }
      out.splice(k, 1, nationality, person)
      typed.add(nationality).add(person)
      k++
      continue
    }
    const f = a.type === "ORG" ? tokens.indexOf("for", a.start + 1) : -1
    if (f > a.start && f < a.end - 1 && isCountryName(flags, f + 1, a.end) && !FOR_HEAD.has(tokens[f - 1]!) && !isCap(tokens[a.end] ?? "")) {
      const club: Span = { ...a, end: f }
      const country: Span = { ...a, start: f + 1, type: "LOC" }
      out.splice(k, 1, club, country)
      typed.add(club).add(country)
      k++
    }
  }
  return typed
}

// Head words of a body that a coordinated name runs into ("the Standards and Privileges Committee").
const COORDINATED_HEAD = new Set([...[...ORG_HEAD].filter((w) => w !== "Party"), "Alliance", "Board", "Union", "Bureau", "Service", "Office"])
// Capitalised function words: a heading's or a title's ("Know How This Party", "In Good Company"), no body's.
const FUNCTION_CAPS = new Set(["In", "On", "At", "Of", "For", "To", "By", "With", "From", "This", "That", "These", "How", "What",
  "Why", "When", "Who", "Is", "Are", "Was", "We", "You", "It", "Our", "Your", "My"])

/**
 * A body's name of capitalised words ending in its head word, with "and" inside it ("the Standards and Privileges
 * Committee", "Entertainment and Leisure Software Publishers Association") or none ("The Business Software Alliance"):
 * one ORG, where the model found none or only the part after "and". Not when the words before "and" are a name of their
 * own (a party, a place, a span the model found). Returns the spans it typed.
 */
export function coordinatedBodies(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array): Set<Span> {
  const typed = new Set<Span>()
  for (let h = 2; h < tokens.length; h++) {
    if (!COORDINATED_HEAD.has(tokens[h]!) || isCap(tokens[h + 1] ?? "")) continue
    // the capitalised words before the head, through one "and"
    let s = h
    let and = -1
    while (s > 0 && h - s < 6) {
      const t = tokens[s - 1]!
      if (t === "and" && and < 0 && s - 2 >= 0 && isCap(tokens[s - 2]!) && s < h) {
        and = s - 1
        s--
        continue
      }
      if (!isCap(t) || ACT_STOP.has(t) || opensSentence(tokens, s - 1)) break
      s--
    }
    if (h - s < 2 || tokens[s] === "and") continue
    // no acronym ("CGT and Aberdeen University", "Past AMSSM Board") and no function word inside
    let plain = true
    for (let j = s; j < h && plain; j++) plain = !FUNCTION_CAPS.has(tokens[j]!) && !/^\p{Lu}[\p{Lu}.]+$/u.test(tokens[j]!)
    if (!plain) continue
    const inside = out.filter((x) => x.start < h + 1 && x.end > s)
    // only where the model found nothing there, or a body of at most four words after "and" alone ("Susan G. Komen for
    // the Cure and Penn State Hershey Cancer Institute" are two)
    const afterAnd = and >= 0 && inside.length === 1 && inside[0]!.start === and + 1 && inside[0]!.end === h + 1 && h + 1 - (and + 1) <= 4
    if (!(inside.length === 0 || afterAnd)) continue
    if (and >= 0 && (anyFlag(flags, s, and, PLACE) || tokens.slice(s, and).some((t) => PARTY_WORD.has(t)))) continue
    if (cutsThrough(out, s, h + 1)) continue
    typed.add(putSpan(out, sentence, s, h + 1, "ORG"))
  }
  return typed
}

/**
 * Applies every convention above to one tagged sentence, in order. The spans typed by the layout and company
 * rules go to `pinned` (the document pass keeps their type), a company's with where its suffix starts (-1 for
 * the others); event names are not pinned (the document pass may still outvote them). The layouts that need a
 * number are tried only when the sentence has one. `out`: the sentence's spans.
 */
export function newswireConventions(tokens: ReadonlyArray<string>, sentence: number, out: Span[], flags: Int32Array, pinned: Map<Span, number>, sportsText: () => boolean = () => false): void {
  eventNames(tokens, sentence, out, flags)
  const pin = (typed: Iterable<Span>) => {
    for (const sp of typed) pinned.set(sp, -1)
  }
  pin(splitNationalityLead(tokens, out, flags))
  pin(typeNamedOrgs(tokens, sentence, out, flags))
  pin(typeFirmCues(tokens, sentence, out, flags))
  let digits = false
  for (const t of tokens) {
    const c = t.charCodeAt(0)
    if (c >= 48 && c <= 57) {
      digits = true
      break
    }
  }
  const slots = digits ? teamSlots(tokens) : []
  if (digits) {
    pin(typeTeamSlots(tokens, sentence, out, flags, slots))
    pin(typeDateline(tokens, sentence, out))
  }
  if (tokens.some((t) => FIXTURE_V.has(t)) && !isAllCaps(tokens)) pin(typeTeamSlots(tokens, sentence, out, flags, fixtureSlots(tokens)))
  pin(typeRoleAppositions(tokens, sentence, out, flags))
  pin(typeOrgAppositions(tokens, out, flags))
  pin(spanShapes(tokens, sentence, out, flags))
  pin(typeClubsInPlay(tokens, out, flags))
  pin(typeResultTeams(tokens, sentence, out))
  pin(typeRoleOrgs(tokens, sentence, out, flags))
  pin(typeLineup(tokens, sentence, out, flags))
  pin(typeSurnameLineup(tokens, sentence, out, flags, sportsText))
  pin(programmeNames(tokens, sentence, out))
  pin(typePoliticalPlaces(tokens, sentence, out, flags, sportsText))
  pin(typeSportsShortNames(tokens, sentence, out, sportsText))
  pin(typeByNextWord(tokens, sentence, out, flags))
  pin(typeNamesByNoun(tokens, sentence, out, flags, sportsText))
  pin(nameEdges(tokens, sentence, out, flags, sportsText))
  pin(coordinatedBodies(tokens, sentence, out, flags))
  if (digits) {
    pin(typeBracketedPlayers(tokens, sentence, out, flags))
    pin(typeMarketMovers(tokens, out, flags))
    pin(typeScorers(tokens, sentence, out, slots))
    pin(typeScorecard(tokens, sentence, out))
    pin(typeLeaderboard(tokens, sentence, out))
  }
  let suffix = false
  for (let i = 0; i < tokens.length && !suffix; i++) suffix = (flags[i]! & G_ORG_SUFFIX) !== 0 || tokens[i] === "&"
  if (suffix) for (const [sp, nameEnd] of companySuffixes(tokens, sentence, out, flags)) pinned.set(sp, nameEnd)
}
