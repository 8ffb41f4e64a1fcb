/**
 * Date / time-expression extraction for news text.
 *
 * One left-to-right pass of a single combined regex (each alternative is a
 * bounded pattern, so the scan is linear in the text length); each hit is
 * re-parsed by its own small anchored regex and resolved against the
 * article's publication date. Spans are sorted and never overlap.
 *
 * Conventions (deterministic: the current clock is never read):
 * - `published` is parsed from its leading "YYYY-MM-DD" (anything after, e.g. a
 *   time, is ignored). If it is null/unparseable, only expressions that carry
 *   their own year resolve; everything else gets `resolved: null`.
 * - Partial dates ("May 25", "end of August") take the year that puts them
 *   NEAREST to the publication date (ties go to the past), so "December 28" in
 *   an article of 2017-01-05 is 2016-12-28 and "June 10" on 2017-06-01 is
 *   2017-06-10.
 * - Bare weekdays ("Thursday") resolve to the most recent such day ON OR BEFORE
 *   the publication date (news convention: past tense dominates). "last
 *   Thursday" = strictly before; "next/this coming Thursday" = strictly after.
 * - Weeks start on Monday (ISO). "this week"/"last week"/"next week" resolve to
 *   that week's Monday with `resolved_end` = its Sunday. "this/last/next month"
 *   → "YYYY-MM", "this/last/next year" → "YYYY". "today"/"tonight"/"this
 *   morning" → publication day; "yesterday"/"last night" → day before;
 *   "tomorrow" → day after; "N days|weeks ago" → publication minus N days/weeks,
 *   "N months|years ago" → "YYYY-MM" / "YYYY".
 * - Ranges ("May 29 to 30", "29-30 May", "2014-2015") have kind "date_range";
 *   the leading "the night/morning/evening/weekend of" is part of the span.
 * - "end of August", "early March" → kind "month", resolved "YYYY-MM".
 * - Seasons "fall of 2015" → kind "season", resolved "YYYY" (a season is not a
 *   month range; which months depends on hemisphere). "last summer" etc. take the
 *   publication year (minus one for "last" when that season has not started).
 * - Numeric dates: ISO "2017-09-14" always resolves. Slash/dot dates resolve only
 *   when unambiguous: "14/09/2017" (first > 12 → D/M/Y), "09/14/2017"
 *   (second > 12 → M/D/Y), or equal parts; "04/05/2017" is kept with
 *   resolved = null instead of guessing US vs. European order.
 * - Bare years 1800–2099 are years ("captured in 2014") unless used as a count:
 *   followed by a plural noun or unit ("2000 people", "1500 km") without a
 *   determiner or another year nearby ("the 2004 results", "2000 and 2003
 *   results" stay years), or preceded by a quantity qualifier ("more than
 *   2000"), a currency sign or thousands separator.
 * - "May" alone is only a month after a preposition/modifier ("in May") or before
 *   a year; with a day number ("May 25") it is always a date. Times of day and
 *   durations ("three years") are not dates.
 */

export interface DateSpan {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly kind: "date" | "date_range" | "weekday" | "relative" | "month" | "year" | "since_year" | "season"
  readonly resolved: string | null
  readonly resolved_end: string | null
}

type Kind = DateSpan["kind"]

// ---------------------------------------------------------------- date helpers

interface Ymd { y: number; m: number; d: number }

const DAY_MS = 86_400_000

const toDayNum = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS
const fromDayNum = (n: number): Ymd => {
  const dt = new Date(n * DAY_MS)
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() }
}
const pad2 = (n: number): string => (n < 10 ? "0" + n : String(n))
const pad4 = (n: number): string => String(n).padStart(4, "0")
const isoDay = (n: number): string => {
  const { y, m, d } = fromDayNum(n)
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`
}
const isoYm = (y: number, m: number): string => `${pad4(y)}-${pad2(m)}`
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()
const validDate = (y: number, m: number, d: number): boolean =>
  m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
/** Monday-based weekday: 0 = Monday … 6 = Sunday. */
const weekdayOf = (dayNum: number): number => (((new Date(dayNum * DAY_MS).getUTCDay() + 6) % 7) + 7) % 7

function parsePublished(published: string | null): number | null {
  if (published === null) return null
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(published)
  if (m === null) return null
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!
  return validDate(y, mo, d) ? toDayNum(y, mo, d) : null
}

/** Year for a month/day without year: nearest occurrence to the reference day (ties → past). */
function nearestYear(ref: number, m: number, d: number): number {
  const ry = fromDayNum(ref).y
  let best = ry
  let bestDist = Infinity
  for (const y of [ry - 1, ry, ry + 1]) {
    const dd = Math.min(d, daysInMonth(y, m))
    const n = toDayNum(y, m, dd)
    const dist = Math.abs(n - ref)
    // strict < keeps the earlier (past) year on ties because years are visited in ascending order
    if (dist < bestDist || (dist === bestDist && n <= ref)) { best = y; bestDist = dist }
  }
  return best
}

/** Month-level nearest year: compare month index distance (ties → past). */
function nearestYearForMonth(ref: number, m: number): number {
  const r = fromDayNum(ref)
  const refIdx = r.y * 12 + (r.m - 1)
  let best = r.y
  let bestDist = Infinity
  for (const y of [r.y - 1, r.y, r.y + 1]) {
    const dist = Math.abs(y * 12 + (m - 1) - refIdx)
    if (dist < bestDist) { best = y; bestDist = dist }
  }
  return best
}

// ---------------------------------------------------------------- vocab

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12
}
const WEEKDAYS: Record<string, number> = {
  monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6
}
const SMALL_NUMS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, several: NaN, few: NaN
}
// Season → month it starts in (northern hemisphere), used only for "last summer"-style year choice.
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 }

// Words that, right before a bare "May", make it a month rather than the modal verb.
const MAY_CUES = new Set([
  "in", "of", "since", "until", "till", "by", "during", "early", "late", "mid", "last", "next", "this",
  "from", "through", "before", "after", "to", "end", "beginning", "start", "middle", "throughout", "on"
])

// ---------------------------------------------------------------- the combined scanner

const MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
const MONTH_ANY = `(?:${MONTH_FULL}|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)`
const ORD = "(?:st|nd|rd|th)?"
// a day number is not followed by more digits or a clock time ("May 9:30"), but "June 9: S&P lowers…" is a date
const DAY = `(?:[12]\\d|3[01]|0?[1-9])${ORD}(?!\\d|[:.]\\d)`
const YEAR4 = "(?:1[89]\\d\\d|20\\d\\d)(?!\\d)"
const PART_OF_DAY = "(?:[Tt]he )?(?:night|morning|evening|afternoon|weekend)s? of "
const RANGE_SEP = "\\s*(?:-|–|—|to|through|until|till)\\s*"
const WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
const SEASON = "(?:[Ff]all|[Aa]utumn|[Ss]pring|[Ss]ummer|[Ww]inter)"
const PERIOD_MOD = "(?:[Tt]he )?(?:end|beginning|start|middle|turn)(?: of)? |(?:[Ee]arly|[Ll]ate|[Mm]id)(?: |-)"
const capOpt = (w: string): string => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`
const NUM_WORD = `(?:\\d{1,3}|${["a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "few"].map(capOpt).join("|")})`

// Alternatives in priority order; each is wrapped in a named group g<i>.
const ALTS: ReadonlyArray<readonly [string, string]> = [
  ["iso", `\\b\\d{4}-\\d{2}-\\d{2}(?![\\d-])`],
  ["numeric", `\\b\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})(?![\\d/])|\\b\\d{1,2}\\.\\d{1,2}\\.\\d{4}(?![\\d.]\\d)`],
  // Month day [– [Month] day] [, year], optionally "the night of ..."
  ["md", `(?:${PART_OF_DAY})?\\b${MONTH_ANY} ${DAY}(?:${RANGE_SEP}(?:${MONTH_ANY} )?${DAY})?(?:,? ${YEAR4})?`],
  // day [– day] [of] Month [year]
  ["dm", `(?:${PART_OF_DAY})?\\b${DAY}(?:${RANGE_SEP}${DAY})? (?:of )?(?:${MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?)\\b(?:,? ${YEAR4})?`],
  ["since", `\\b[Ss]ince ${YEAR4}`],
  ["season", `(?:(?:${PERIOD_MOD})(?:the )?)?\\b${SEASON}(?: of)?,? ${YEAR4}|\\b(?:[Tt]his|[Ll]ast|[Nn]ext) ${SEASON}\\b`],
  // [modifier] Month [[of] year], or "last/this/next Month"
  ["month", `(?:(?:${PERIOD_MOD})|\\b(?:[Ll]ast|[Tt]his|[Nn]ext) )?\\b${MONTH_ANY}(?:,? (?:of )?${YEAR4})?(?![\\w-])`],
  ["pyear", `(?:${PERIOD_MOD})${YEAR4}`],
  ["yrange", `\\b${YEAR4}(?:–|—|-|/| to | through )(?:${YEAR4}|\\d\\d(?![\\d-]))`],
  ["year", `\\b${YEAR4}`],
  ["weekday", `\\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his(?: coming)?|[Cc]oming) )?${WEEKDAY}(?![\\w'’])`],
  ["rel", `\\b(?:[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|[Ll]ast night|[Tt]his (?:morning|afternoon|evening)|(?:(?:[Ee]arlier|[Ll]ater) )?(?:[Tt]his|[Ll]ast|[Nn]ext) (?:week|month|year)(?!end)|${NUM_WORD} (?:days?|weeks?|months?|years?) ago)\\b`]
]

// Scraped text often has no-break spaces between words ("on the\u00a0night of\u00a0May 29"): every literal
// space in the patterns accepts either; matched text is normalised before the per-kind parsers run.
// Every alternative starts at a word boundary; testing it once up front rejects most positions cheaply.
const SCANNER = new RegExp("\\b(?:" + ALTS.map(([name, src]) => `(?<${name}>${src.replaceAll(" ", "[ \u00a0]")})`).join("|") + ")", "g")

// ---------------------------------------------------------------- year-vs-count heuristics

// "about/around/over 2000" stay ambiguous (could be the year), so they are not listed here
const QTY_QUALIFIER_BEFORE = /(?:more than|less than|fewer than|at least|at most|up to|nearly|almost|some|approximately|roughly|an estimated|as many as|as much as|no more than|in excess of)\s+$/i
const DETERMINER_BEFORE = /(?:^|[^\w])(?:the|its|their|his|her|our|this|that|a|an|last|next|in|since|by|until|before|after|during|from|of|between|and|to)\s+$/i
const UNIT_OR_PLURAL_AFTER = /^\s*(?:[a-z]*(?:[a-rt-z]s|ies|men|people|children|feet|police|staff|troops|percent)\b|(?:km|kg|m|mph|ft|sq|lb|mw|gw|kw)\b|%)/
const YEAR_NEARBY = /^(?:\s*(?:,|and|or|to|-|–)\s*(?:1[89]|20)\d\d)/

function looksLikeCount(text: string, s: number, e: number): boolean {
  const before = text.slice(Math.max(0, s - 20), s)
  const prevCh = s > 0 ? text.charCodeAt(s - 1) : 32
  // "$2000", "£2000", "2,000" handled elsewhere; an adjacent currency sign means money
  if (prevCh === 36 || prevCh === 163 || prevCh === 8364) return true
  if (QTY_QUALIFIER_BEFORE.test(before)) return true
  const after = text.slice(e, e + 24)
  if (/^(?:%|\s*per ?cent)/.test(after)) return true
  if (!UNIT_OR_PLURAL_AFTER.test(after)) return false
  // plural noun follows: still a year when attributive ("the 2004 results") or a year list ("2000 and 2003 results")
  if (DETERMINER_BEFORE.test(before)) return false
  if (/(?:1[89]|20)\d\d\s*(?:,|and|or|-|–)\s*$/.test(before)) return false
  if (YEAR_NEARBY.test(after)) return false
  return true
}

function gluedBefore(text: string, s: number): boolean {
  const a = s > 0 ? text.charCodeAt(s - 1) : 32
  return (a >= 48 && a <= 57) || ((a | 32) >= 97 && (a | 32) <= 122) || a === 45 || a === 47 || a === 46 && s > 1 && /\d/.test(text[s - 2]!)
}

/** True when [s,e) is glued to letters/ids: "IL-2014", "A2015", "2015x". */
function gluedToWord(text: string, s: number, e: number): boolean {
  const a = s > 0 ? text.charCodeAt(s - 1) : 32
  const b = e < text.length ? text.charCodeAt(e) : 32
  const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)
  if (isAlnum(a) || isAlnum(b)) return true
  if ((a === 45 || a === 46 || a === 44) && s > 1 && isAlnum(text.charCodeAt(s - 2))) return true // "A-2015", "1.2015", "1,2015"
  if ((b === 45 || b === 46) && e + 1 < text.length && isAlnum(text.charCodeAt(e + 1)) && b !== 46) return true // "2015-A"
  return false
}

// ---------------------------------------------------------------- per-kind parsers

const lowerWord = (s: string): string => s.toLowerCase().replace(/\.$/, "")

function monthNum(word: string): number | undefined {
  return MONTHS[lowerWord(word)]
}

interface Out { kind: Kind; resolved: string | null; resolved_end: string | null }

function resolveMonthDay(ref: number | null, m: number, d: number, y: number | null): string | null {
  if (y !== null) return validDate(y, m, d) ? isoDay(toDayNum(y, m, d)) : null
  if (ref === null) return null
  const yy = nearestYear(ref, m, d)
  return validDate(yy, m, d) ? isoDay(toDayNum(yy, m, d)) : null
}

const MD_RE = new RegExp(
  `^(?:${PART_OF_DAY})?(${MONTH_ANY}) (\\d{1,2})${ORD}(?:${RANGE_SEP}(?:(${MONTH_ANY}) )?(\\d{1,2})${ORD})?(?:,? (\\d{4}))?$`
)
const DM_RE = new RegExp(
  `^(?:${PART_OF_DAY})?(\\d{1,2})${ORD}(?:${RANGE_SEP}(\\d{1,2})${ORD})? (?:of )?([A-Za-z]+\\.?)(?:,? (\\d{4}))?$`
)

function parseMd(t: string, ref: number | null): Out | null {
  const m = MD_RE.exec(t)
  if (m === null) return null
  const mo = monthNum(m[1]!)
  if (mo === undefined) return null
  const d1 = +m[2]!
  const y = m[5] !== undefined ? +m[5] : null
  if (!validDate(y ?? 2000, mo, d1)) return null
  if (m[4] === undefined) return { kind: "date", resolved: resolveMonthDay(ref, mo, d1, y), resolved_end: null }
  const mo2 = m[3] !== undefined ? monthNum(m[3]) ?? mo : mo
  const d2 = +m[4]
  const a = resolveMonthDay(ref, mo, d1, y)
  let b: string | null = null
  if (a !== null) {
    const ay = +a.slice(0, 4)
    const by = mo2 < mo ? ay + 1 : ay // "December 30 to January 2" crosses the year
    b = validDate(by, mo2, d2) ? isoDay(toDayNum(by, mo2, d2)) : null
    if (b !== null && b < a) b = null
  }
  return { kind: "date_range", resolved: a, resolved_end: b }
}

function parseDm(t: string, ref: number | null): Out | null {
  const m = DM_RE.exec(t)
  if (m === null) return null
  const mo = monthNum(m[3]!)
  if (mo === undefined) return null
  const d1 = +m[1]!
  const y = m[4] !== undefined ? +m[4] : null
  if (!validDate(y ?? 2000, mo, d1)) return null
  if (m[2] === undefined) return { kind: "date", resolved: resolveMonthDay(ref, mo, d1, y), resolved_end: null }
  const d2 = +m[2]
  if (d2 <= d1 || !validDate(y ?? 2000, mo, d2)) return null
  const a = resolveMonthDay(ref, mo, d1, y)
  const b = a === null ? null : isoDay(toDayNum(+a.slice(0, 4), mo, d2))
  return { kind: "date_range", resolved: a, resolved_end: b }
}

function parseNumeric(t: string): Out | null {
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$/.exec(t)
  if (m === null) return null
  const a = +m[1]!, b = +m[2]!
  let y = +m[3]!
  if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900 // two-digit years: 00–49 → 20xx, 50–99 → 19xx
  const dm = a > 12 && validDate(y, b, a)
  const md = b > 12 && validDate(y, a, b)
  if (a > 12 && b > 12) return null
  if (a > 12 || b > 12) {
    if (!dm && !md) return null
    return { kind: "date", resolved: dm ? isoDay(toDayNum(y, b, a)) : isoDay(toDayNum(y, a, b)), resolved_end: null }
  }
  if (a < 1 || b < 1) return null
  // both ≤ 12: ambiguous between D/M and M/D unless equal
  return { kind: "date", resolved: a === b ? isoDay(toDayNum(y, a, b)) : null, resolved_end: null }
}

function parseMonth(t: string, ref: number | null, text: string, start: number): Out | null {
  const m = /^(?:(?:the )?(end|beginning|start|middle|turn)(?: of)? |(early|late|mid)(?: |-)|(last|this|next) )?([A-Za-z]+\.?)(?:,? (?:of )?(\d{4}))?$/i.exec(t)
  if (m === null) return null
  const word = m[4]!
  const mo = monthNum(word)
  if (mo === undefined) return null
  const hasMod = m[1] !== undefined || m[2] !== undefined || m[3] !== undefined
  const year = m[5] !== undefined ? +m[5] : null
  const bare = lowerWord(word)
  // abbreviations alone ("Mar", "Dec") are too ambiguous without a year
  if (year === null && bare.length <= 4 && bare !== "may" && bare !== "june" && bare !== "july") return null
  if (year === null && !hasMod && bare === "may") {
    const prev = /([A-Za-z]+)\s+$/.exec(text.slice(Math.max(0, start - 16), start))
    if (prev === null || !MAY_CUES.has(prev[1]!.toLowerCase())) return null
  }
  // ALL-CAPS month words only count with a year (headline "MAY" is usually the verb)
  if (year === null && word === word.toUpperCase() && word.length > 1) return null
  if (year !== null) return { kind: "month", resolved: isoYm(year, mo), resolved_end: null }
  if (ref === null) return { kind: "month", resolved: null, resolved_end: null }
  const r = fromDayNum(ref)
  const rel = m[3]?.toLowerCase()
  let y: number
  if (rel === "last") y = mo < r.m ? r.y : r.y - 1
  else if (rel === "next") y = mo > r.m ? r.y : r.y + 1
  else if (rel === "this") y = r.y
  else y = nearestYearForMonth(ref, mo)
  return { kind: "month", resolved: isoYm(y, mo), resolved_end: null }
}

function parseSeason(t: string, ref: number | null): Out | null {
  const withYear = /(fall|autumn|spring|summer|winter)(?: of)?,? (\d{4})$/i.exec(t)
  if (withYear !== null) return { kind: "season", resolved: withYear[2]!, resolved_end: null }
  const rel = /^(this|last|next) (fall|autumn|spring|summer|winter)$/i.exec(t)
  if (rel === null) return null
  if (ref === null) return { kind: "season", resolved: null, resolved_end: null }
  const r = fromDayNum(ref)
  const startM = SEASON_START[rel[2]!.toLowerCase()]!
  const which = rel[1]!.toLowerCase()
  // "last summer" before June → previous year's summer; "next summer" after its start → next year's
  const y = which === "this" ? r.y : which === "last" ? (r.m > startM + 2 ? r.y : r.y - 1) : (r.m < startM ? r.y : r.y + 1)
  return { kind: "season", resolved: pad4(y), resolved_end: null }
}

function parseWeekday(t: string, ref: number | null): Out | null {
  const m = /^(?:(last|next|this(?: coming)?|coming) )?([A-Za-z]+)$/i.exec(t)
  if (m === null) return null
  const wd = WEEKDAYS[m[2]!.toLowerCase()]
  if (wd === undefined) return null
  if (ref === null) return { kind: "weekday", resolved: null, resolved_end: null }
  const refWd = weekdayOf(ref)
  const mod = m[1]?.toLowerCase()
  let n: number
  if (mod === undefined || mod === "this") {
    n = ref - ((refWd - wd + 7) % 7) // on or before
  } else if (mod === "last") {
    n = ref - (((refWd - wd + 7) % 7) || 7) // strictly before
  } else {
    n = ref + (((wd - refWd + 7) % 7) || 7) // strictly after
  }
  return { kind: "weekday", resolved: isoDay(n), resolved_end: null }
}

function parseRelative(t: string, ref: number | null): Out | null {
  const s = t.toLowerCase()
  const rel = (resolved: string | null, end: string | null = null): Out => ({ kind: "relative", resolved, resolved_end: end })
  if (ref === null) return rel(null)
  const r = fromDayNum(ref)
  const monday = ref - weekdayOf(ref)
  if (s === "today" || s === "tonight" || s === "this morning" || s === "this afternoon" || s === "this evening") return rel(isoDay(ref))
  if (s === "yesterday" || s === "last night") return rel(isoDay(ref - 1))
  if (s === "tomorrow") return rel(isoDay(ref + 1))
  const pm = /(this|last|next) (week|month|year)$/.exec(s)
  if (pm !== null) {
    const off = pm[1] === "this" ? 0 : pm[1] === "last" ? -1 : 1
    if (pm[2] === "week") return rel(isoDay(monday + 7 * off), isoDay(monday + 7 * off + 6))
    if (pm[2] === "month") {
      const idx = r.y * 12 + (r.m - 1) + off
      return rel(isoYm(Math.floor(idx / 12), (idx % 12) + 1))
    }
    return rel(pad4(r.y + off))
  }
  const ago = /^(\S+) (day|week|month|year)s? ago$/.exec(s)
  if (ago !== null) {
    const n = /^\d+$/.test(ago[1]!) ? +ago[1]! : SMALL_NUMS[ago[1]!]
    if (n === undefined || Number.isNaN(n)) return rel(null)
    if (ago[2] === "day") return rel(isoDay(ref - n))
    if (ago[2] === "week") return rel(isoDay(ref - 7 * n))
    if (ago[2] === "month") {
      const idx = r.y * 12 + (r.m - 1) - n
      return rel(isoYm(Math.floor(idx / 12), (idx % 12) + 1))
    }
    return rel(pad4(r.y - n))
  }
  return null
}

function parseYearRange(t: string): Out | null {
  const m = /^(\d{4})(?:–|—|-|\/| to | through )(\d{2}|\d{4})$/.exec(t)
  if (m === null) return null
  const a = +m[1]!
  let b = +m[2]!
  if (m[2]!.length === 2) b += Math.floor(a / 100) * 100
  if (b <= a || b - a > 50) return null
  return { kind: "date_range", resolved: pad4(a), resolved_end: pad4(b) }
}

// ---------------------------------------------------------------- main

export function extractDates(text: string, published: string | null): DateSpan[] {
  const ref = parsePublished(published)
  const out: DateSpan[] = []
  const re = new RegExp(SCANNER.source, "g")
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    const g = m.groups!
    const t = m[0].replaceAll("\u00a0", " ")
    const s = m.index
    const e = s + t.length
    let r: Out | null = null
    if (g.iso !== undefined) {
      const [y, mo, d] = t.split("-").map(Number) as [number, number, number]
      r = validDate(y, mo, d) && !gluedToWord(text, s, e) ? { kind: "date", resolved: t, resolved_end: null } : null
    } else if (g.numeric !== undefined) {
      r = gluedToWord(text, s, e) ? null : parseNumeric(t)
    } else if (g.md !== undefined) {
      r = parseMd(t, ref)
    } else if (g.dm !== undefined) {
      r = gluedBefore(text, s) ? null : parseDm(t, ref)
    } else if (g.since !== undefined) {
      r = gluedToWord(text, e - 4, e) || looksLikeCount(text, e - 4, e) ? null : { kind: "since_year", resolved: t.slice(-4), resolved_end: null }
    } else if (g.season !== undefined) {
      r = parseSeason(t, ref)
    } else if (g.month !== undefined) {
      r = parseMonth(t, ref, text, s)
    } else if (g.pyear !== undefined) {
      r = gluedToWord(text, e - 4, e) && text.charCodeAt(e - 5) !== 45 ? null : { kind: "year", resolved: t.slice(-4), resolved_end: null }
    } else if (g.yrange !== undefined) {
      r = gluedToWord(text, s, e) ? null : parseYearRange(t)
    } else if (g.year !== undefined) {
      r = gluedToWord(text, s, e) || looksLikeCount(text, s, e) || isThousandsGroup(text, s, e)
        ? null : { kind: "year", resolved: t, resolved_end: null }
    } else if (g.weekday !== undefined) {
      r = parseWeekday(t, ref)
    } else if (g.rel !== undefined) {
      r = parseRelative(t, ref)
    }
    if (r === null) {
      // rejected: retry one char later so shorter alternatives inside the hit can still match
      re.lastIndex = s + 1
      continue
    }
    out.push({ start: s, end: e, text: m[0], kind: r.kind, resolved: r.resolved, resolved_end: r.resolved_end })
  }
  return out
}

/** "1,2015" style thousands groups and decimals ("3.2015") are numbers, not years. */
function isThousandsGroup(text: string, s: number, e: number): boolean {
  const a = s > 0 ? text.charCodeAt(s - 1) : 32
  const b = e < text.length ? text.charCodeAt(e) : 32
  const digitAt = (i: number): boolean => i >= 0 && i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57
  if ((a === 44 || a === 46) && digitAt(s - 2)) return true
  if ((b === 44 || b === 46) && digitAt(e + 1)) return true
  return false
}
