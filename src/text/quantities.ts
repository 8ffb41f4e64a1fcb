/**
 * Quantity ("count"/"amount") extraction for news text, modelled on GDELT's
 * Counts/Amounts: a number, its qualifier, its unit of measure/currency and the
 * thing counted.
 *
 * Method: one global regex finds number triggers (digits, number words,
 * currency signs); around each trigger a tiny on-demand lexer reads the
 * neighbouring words (no full tokenisation), so the pass is linear in the text
 * length. Numbers inside date expressions (src/text/dates.ts) are skipped.
 *
 * Conventions:
 * - value is normalised: "eight" → 8, "twenty-one" → 21, "2,500" → 2500,
 *   "1.5 million" → 1500000, "$5m" → 5000000, "£3bn" → 3e9, "a dozen" → 12,
 *   "60 percent" → 60 (unit "percent").
 * - Vague plurals are lower bounds: "dozens of" → at_least 24, "hundreds of" →
 *   at_least 200, "thousands of" → at_least 2000, "tens of thousands of" →
 *   at_least 20000, "millions of" → at_least 2e6 (two of the scale, the least the
 *   plural allows).
 * - Qualifiers: about ← about/around/approximately/roughly/some/nearly/almost/
 *   (an) estimated/close to/"or so"; more_than ← more than/over/above/in excess
 *   of/upwards of/greater than; at_least ← at least/no fewer than/no less than/
 *   "or more"/"+"; less_than ← less than/fewer than/under/below; at_most ← at
 *   most/no more than/not more than/"or fewer"; up_to ← up to/as many as/as much as.
 * - Ranges ("10 to 20", "10-20", "between 10 and 20") give value = lower bound,
 *   qualifier at_least and value_max = upper bound (value_max is null otherwise).
 *   "from 10 to 20" and "rose 5% to 7%" are changes, not ranges.
 * - unit is canonical and plural: percent, miles, meters, kilometers, feet,
 *   years, days, tons, ... ; currencies are lowercase ISO codes (usd, gbp, eur,
 *   jpy, ...). "$" alone is usd. "pounds" is gbp with a scale word or ≥ 1000,
 *   otherwise the weight unit "pounds".
 * - Hyphenated modifiers ("three-year siege", "10-mile") give the unit and take the
 *   following noun as object ("siege").
 * - object: the noun phrase after the number (after the unit, only via "of":
 *   "60 percent of the vote" → "vote"). Leading adverbs, generic adjectives
 *   ("more", "other", "new") and participles ("armed", "surviving") are dropped;
 *   it stops at function words, punctuation, verbs (-ed/-ing after a noun, common
 *   auxiliaries), after a plural head, and at a capitalised word following a
 *   lowercase noun. Coordinated plurals are kept ("militants and civilians").
 * - Not extracted: years and dates (anything inside an extractDates span), times
 *   ("10:30", "5 pm"), ordinals ("21st"), decades ("1990s"), ids glued to letters
 *   ("IL-112", "G20", "F-16s", "COVID-19"), version numbers ("3.2.1"), scores /
 *   descending dash pairs ("3-2"), numbers starting a line/segment followed by a
 *   capitalised word (menus like "1 Chicago", "0 Comments"), list markers ("1."),
 *   and "one" used as a pronoun ("no one", "one of", "one another").
 *   Also skipped: phone-like digit groups ("+1 (646) 650 1351", leading zeros),
 *   URL parameters ("?p=20107"), labels after id words or a capitalised word
 *   ("Flight 17", "Boeing 747", "Halo 2") and capitalised number words inside a
 *   sentence before a capitalised word ("Six Nations").
 * - "<n>m" without a currency sign is millions only before a counted plural noun
 *   ("36m people"); otherwise metres ("the 200m", "2.5m high").
 * - Percent ranges need "%" on both ends ("12%-19%", "10% to 15%"); after change
 *   verbs ("rose 2% to 3%", "gained $1.32 to $44.45") the two numbers stay separate.
 * - "of"-objects are not taken after time units ("two years of children" → null).
 */
import { extractDates } from "./dates.ts"

export type Qualifier = "exact" | "about" | "more_than" | "at_least" | "less_than" | "at_most" | "up_to"

export interface QuantitySpan {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly value: number
  readonly qualifier: Qualifier
  readonly unit: string | null
  readonly object: string | null
  readonly number_start: number
  readonly number_end: number
  /** Upper bound for ranges ("10 to 20" → 20); null otherwise. */
  readonly value_max: number | null
}

// ---------------------------------------------------------------- vocab

const ONES: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19
}
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90
}
const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12
}
// Suffixes glued to digits: "$5m", "3bn", "10k"
const SUFFIX_SCALE: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, b: 1e9, bn: 1e9, tn: 1e12, trn: 1e12 }
// Suffix units glued to digits ("10km") or following as a word
const UNITS: Record<string, string> = {
  percent: "percent", "per cent": "percent", pct: "percent", "%": "percent",
  "percentage points": "percentage points", "percentage point": "percentage points",
  mile: "miles", miles: "miles", mi: "miles", km: "kilometers", kms: "kilometers", kilometer: "kilometers",
  kilometers: "kilometers", kilometre: "kilometers", kilometres: "kilometers",
  meter: "meters", meters: "meters", metre: "meters", metres: "meters",
  cm: "centimeters", centimeter: "centimeters", centimeters: "centimeters", centimetre: "centimeters", centimetres: "centimeters",
  mm: "millimeters", millimeter: "millimeters", millimeters: "millimeters", millimetre: "millimeters", millimetres: "millimeters",
  foot: "feet", feet: "feet", ft: "feet", inch: "inches", inches: "inches", yard: "yards", yards: "yards",
  kg: "kilograms", kgs: "kilograms", kilogram: "kilograms", kilograms: "kilograms", kilo: "kilograms", kilos: "kilograms",
  gram: "grams", grams: "grams", mg: "milligrams", milligram: "milligrams", milligrams: "milligrams",
  lb: "pounds", lbs: "pounds", ounce: "ounces", ounces: "ounces", oz: "ounces",
  ton: "tons", tons: "tons", tonne: "tons", tonnes: "tons",
  acre: "acres", acres: "acres", hectare: "hectares", hectares: "hectares",
  liter: "liters", liters: "liters", litre: "liters", litres: "liters", gallon: "gallons", gallons: "gallons",
  barrel: "barrels", barrels: "barrels", bpd: "barrels per day",
  mph: "mph", kph: "kph", knots: "knots", degree: "degrees", degrees: "degrees",
  mw: "megawatts", megawatt: "megawatts", megawatts: "megawatts", gw: "gigawatts", gigawatts: "gigawatts",
  second: "seconds", seconds: "seconds", minute: "minutes", minutes: "minutes", hour: "hours", hours: "hours",
  hr: "hours", hrs: "hours", day: "days", days: "days", week: "weeks", weeks: "weeks",
  month: "months", months: "months", year: "years", years: "years", yr: "years", yrs: "years",
  decade: "decades", decades: "decades", century: "centuries", centuries: "centuries",
  dollar: "usd", dollars: "usd", euro: "eur", euros: "eur", yen: "jpy", yuan: "cny", renminbi: "cny",
  rupee: "inr", rupees: "inr", ruble: "rub", rubles: "rub", rouble: "rub", roubles: "rub",
  pound: "pounds", pounds: "pounds", sterling: "gbp", francs: "chf", franc: "chf"
}
// Two-word units checked before one-word ones
const UNITS2: Record<string, string> = {
  "per cent": "percent", "percentage points": "percentage points", "percentage point": "percentage points",
  "square miles": "square miles", "square mile": "square miles", "square kilometers": "square kilometers",
  "square kilometres": "square kilometers", "square meters": "square meters", "square metres": "square meters",
  "square feet": "square feet", "us dollars": "usd", "u.s. dollars": "usd", "light years": "light years",
  "cubic meters": "cubic meters", "cubic metres": "cubic meters", "sq km": "square kilometers", "sq ft": "square feet"
}
const CURRENCY_SIGNS: Record<string, string> = { "$": "usd", "£": "gbp", "€": "eur", "¥": "jpy", "₹": "inr", "₽": "rub" }
const CURRENCY_PREFIX: Record<string, string> = { US: "usd", A: "aud", C: "cad", HK: "hkd", NZ: "nzd", S: "sgd", NT: "twd", R: "brl" }
const VAGUE: Record<string, number> = { dozens: 24, scores: 40, hundreds: 200, thousands: 2e3, millions: 2e6, billions: 2e9 }

type Phrase = readonly [readonly string[], Qualifier]
// Longest phrases first so "no more than" wins over "more than".
const LEFT_QUALIFIERS: readonly Phrase[] = ([
  [["no", "more", "than"], "at_most"], [["not", "more", "than"], "at_most"], [["a", "maximum", "of"], "at_most"],
  [["no", "fewer", "than"], "at_least"], [["no", "less", "than"], "at_least"], [["not", "less", "than"], "at_least"],
  [["a", "minimum", "of"], "at_least"], [["in", "excess", "of"], "more_than"], [["as", "many", "as"], "up_to"],
  [["as", "much", "as"], "up_to"], [["more", "than"], "more_than"], [["greater", "than"], "more_than"],
  [["upwards", "of"], "more_than"], [["at", "least"], "at_least"], [["less", "than"], "less_than"],
  [["fewer", "than"], "less_than"], [["at", "most"], "at_most"], [["up", "to"], "up_to"],
  [["close", "to"], "about"], [["an", "estimated"], "about"], [["over"], "more_than"], [["above"], "more_than"],
  [["exceeding"], "more_than"], [["under"], "less_than"], [["below"], "less_than"], [["about"], "about"],
  [["around"], "about"], [["approximately"], "about"], [["approx"], "about"], [["roughly"], "about"],
  [["some"], "about"], [["nearly"], "about"], [["almost"], "about"], [["estimated"], "about"], [["circa"], "about"],
  [["just", "over"], "more_than"], [["just", "under"], "less_than"], [["well", "over"], "more_than"]
] as Phrase[]).sort((a, b) => b[0].length - a[0].length)

// Function words that end an object noun phrase.
const STOP = new Set((
  "a an the of in on at to for from by with without into onto over under about after before during since until " +
  "and or but nor so yet than then as if that which who whom whose what when where while why how this these those " +
  "it its it's they them their he him his she her we us our you your i me my is are was were be been being am " +
  "have has had having do does did will would shall should can could may might must not no nor also only just even " +
  "still already more most less least very too there here per each every some any all both either neither such " +
  "said says say told according including included via against between among across through toward towards " +
  "up down out off away back ago again later earlier now today yesterday tomorrow tonight last next ever never " +
  "around near within upon onto like unlike versus vs plus minus got get gets make made take took come came go went " +
  "left killed twice once thrice apiece alone instead respectively together overall annually inside outside beyond " +
  "behind beside besides beneath underneath throughout amid amongst despite except following regarding concerning"
).split(" "))
// Generic adjectives dropped when leading the object.
const LEAD_ADJ = new Set((
  "more other others additional extra further new old different separate such same large small big huge major minor " +
  "main several many few key top senior junior young total full entire whole further possible potential estimated " +
  "alleged suspected reported unidentified unknown known own respective consecutive straight successive straight"
).split(" "))
const NON_PLURAL_S = new Set(["news", "arms", "sports", "series", "species", "means", "politics", "physics", "economics",
  "gas", "bus", "us", "this", "his", "its", "was", "has", "is", "as", "thus", "always", "perhaps"])
const VERBISH = new Set(["are", "were", "was", "is", "have", "has", "had", "will", "would", "could", "can", "may",
  "might", "should", "must", "do", "did", "does", "said", "says", "say", "remain", "remained", "died", "fled", "went", "came",
  "left", "took", "made", "lost", "won", "saw", "got", "gave", "began", "became", "fell", "rose", "ran", "flew"])
const PRONOUN_OBJ = new Set(["it", "them", "this", "that", "these", "those", "us", "you", "him", "her", "which", "whom", "all", "each", "which"])
const DETERMINER = new Set(["the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "this", "that"])
const MONTH_OR_DAY = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

// Words that introduce a label/id rather than a count: "Flight 17", "Chapter 11", "Boeing 747", "page 5".
const ID_ANY_CASE = new Set(("page pages chapter section article no nos number flight route room rule amendment " +
  "resolution paragraph clause item figure fig table step question platform gate terminal highway interstate").split(" "))
const ID_CAPITALISED = new Set(("boeing airbus apollo windows iphone galaxy pixel xbox playstation channel volume vol issue " +
  "level grade class category stage phase season episode part version series type model track lane district ward " +
  "precinct unit block lot building floor apartment suite code formula form schedule title group camp station pier " +
  "bay box day week year game round act bill proposition prop division league cup formula sector zone region " +
  "base mark mk kalibr su mig tu").split(" "))

const TIME_UNITS = new Set(["seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"])
const HYPHEN_ADJ = new Set(["strong", "long", "wide", "high", "tall", "deep", "thick", "odd", "plus", "fold", "storey", "story"])
const CHANGE_VERBS = new Set(("rose rise rises risen fell fall falls fallen gained gain gains lost lose loses jumped jump " +
  "jumps dropped drop drops climbed climb climbs slipped slip slips increased increase increases decreased decrease " +
  "decreases cut cuts raised raise raises lowered lower lowers up down grew grow grows shrank shrink widened narrowed " +
  "edged eased soared surged plunged slumped tumbled advanced declined added by").split(" "))

// ---------------------------------------------------------------- char helpers

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122
const isLetter = (c: number): boolean => isAsciiLetter(c) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000)
const isUpper = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7)
const isSpaceNoNl = (c: number): boolean => c === 32 || c === 9 || c === 0xa0
const isSpace = (c: number): boolean => isSpaceNoNl(c) || c === 10 || c === 13

interface Word { s: number; e: number; w: string; lw: string }

/** Next word (letters, inner apostrophes/periods as in "u.s.") starting after optional same-line spaces at pos. */
function wordAt(text: string, pos: number): Word | null {
  let i = pos
  while (i < text.length && isSpaceNoNl(text.charCodeAt(i))) i++
  if (i >= text.length || !isLetter(text.charCodeAt(i))) return null
  let j = i + 1
  while (j < text.length) {
    const c = text.charCodeAt(j)
    if (isLetter(c)) j++
    else if ((c === 39 || c === 0x2019) && j + 1 < text.length && isLetter(text.charCodeAt(j + 1))) j += 2
    else break
  }
  const w = text.slice(i, j)
  return { s: i, e: j, w, lw: w.toLowerCase() }
}

/** Previous word ending before pos (skipping same-line spaces only). */
function wordBefore(text: string, pos: number): Word | null {
  let j = pos
  while (j > 0 && isSpaceNoNl(text.charCodeAt(j - 1))) j--
  if (j === 0 || !isLetter(text.charCodeAt(j - 1))) return null
  let i = j - 1
  while (i > 0 && (isLetter(text.charCodeAt(i - 1)) || ((text.charCodeAt(i - 1) === 39 || text.charCodeAt(i - 1) === 0x2019) && i > 1 && isLetter(text.charCodeAt(i - 2))))) i--
  const w = text.slice(i, j)
  return { s: i, e: j, w, lw: w.toLowerCase() }
}

/** Position of the next non-space char at/after pos on the same line (or pos if none). */
function skipSp(text: string, pos: number): number {
  let i = pos
  while (i < text.length && isSpaceNoNl(text.charCodeAt(i))) i++
  return i
}

/** True when the token starting at s opens a line/segment (start, newline, sentence or list punctuation). */
function segmentStart(text: string, s: number): boolean {
  let i = s
  while (i > 0 && isSpaceNoNl(text.charCodeAt(i - 1))) i--
  if (i === 0) return true
  const c = text.charCodeAt(i - 1)
  return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 45 ||
    c === 0x2013 || c === 0x2014 || c === 124 || c === 0x2022 || c === 34 || c === 0x201c || c === 40 || c === 62
}

// ---------------------------------------------------------------- number parsing

interface Num { s: number; e: number; value: number; vague: boolean; word: boolean; scaled: boolean; unit: string | null }

const DIGITS_RE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/y

/** Parse a digit number at s (with optional glued suffix and following scale word). null = not a quantity. */
function parseDigits(text: string, s: number, afterRangeDash = false): Num | null {
  const prev = s > 0 ? text.charCodeAt(s - 1) : 32
  // glued to an identifier: "IL-112", "G20", "v2", "3.2.1", "#5", "/5", ":30"
  // also URL query values "?p=20107", "&id=5", handles "@5"
  if (isLetter(prev) || isDigit(prev) || prev === 35 || prev === 47 || prev === 58 || prev === 95 || prev === 61 || prev === 38 || prev === 63 || prev === 64) return null
  if ((prev === 45 || prev === 46) && s > 1 && !(afterRangeDash && prev === 45)) {
    const pp = text.charCodeAt(s - 2)
    if (isLetter(pp) || isDigit(pp)) return null
  }
  if (prev === 44 && s > 1 && isDigit(text.charCodeAt(s - 2))) return null
  DIGITS_RE.lastIndex = s
  const m = DIGITS_RE.exec(text)
  if (m === null) return null
  let e = s + m[0].length
  let value = Number(m[0].replace(/,/g, ""))
  if (!Number.isFinite(value)) return null
  const next = e < text.length ? text.charCodeAt(e) : 32
  // time "10:30", fractions/dates "3/4", versions "3.2.1", thousands typo "1,23"
  if (next === 58 && isDigit(text.charCodeAt(e + 1))) return null
  if ((next === 47 || next === 46 || next === 44) && e + 1 < text.length && isDigit(text.charCodeAt(e + 1))) return null
  let unit: string | null = null
  let scaled = false
  if (isLetter(next)) {
    let j = e
    while (j < text.length && isLetter(text.charCodeAt(j))) j++
    const suf = text.slice(e, j).toLowerCase()
    if (j < text.length && isDigit(text.charCodeAt(j))) return null // "4x4", "3G4"
    if (suf === "m" && !isMillionM(text, s, j)) unit = "meters"
    else if (SUFFIX_SCALE[suf] !== undefined) { value *= SUFFIX_SCALE[suf]!; scaled = true }
    else if (UNITS[suf] !== undefined && suf.length <= 3 && suf !== "s") unit = UNITS[suf]!
    else return null // ordinals "21st", decades "1990s", "5pm", ids "5G", "3D"
    e = j
  }
  // "5 pm", "5 a.m."
  const w = wordAt(text, e)
  if (w !== null && (w.lw === "am" || w.lw === "pm" || w.lw === "a" && text.startsWith(".m.", w.e) || w.lw === "p" && text.startsWith(".m.", w.e) || w.lw === "gmt" || w.lw === "utc" || w.lw === "bst" || w.lw === "edt" || w.lw === "est")) {
    if (w.lw !== "a" || text.startsWith(".m.", w.e)) return null
  }
  if (!scaled && unit === null && w !== null && SCALES[w.lw] !== undefined && w.lw !== "hundred" || (w !== null && !scaled && unit === null && (w.lw === "bn" || w.lw === "mn" || w.lw === "mln"))) {
    value *= SCALES[w!.lw] ?? (w!.lw === "bn" ? 1e9 : 1e6)
    e = w!.e
    scaled = true
  } else if (!scaled && unit === null && w !== null && w.lw === "hundred") {
    value *= 100
    e = w.e
    scaled = true
  }
  return { s, e, value, vague: false, word: false, scaled, unit }
}

// Words after "<n>m" that mark metres ("the 100m title", "2.5m high") rather than millions.
const METRE_CONTEXT = new Set(("high long wide tall deep away from above below across race title hurdles freestyle " +
  "butterfly backstroke breaststroke medley individual sprint final finals event relay dash run record gold silver " +
  "bronze champion world indoor outdoor heat heats semi semis swim walk").split(" "))

/** "$5m" / "5m people" are millions; "the 100m", "2.5m high", a bare "200m." are metres. */
function isMillionM(text: string, s: number, e: number): boolean {
  const c = s > 0 ? text.charCodeAt(s - 1) : 32
  if (CURRENCY_SIGNS[String.fromCharCode(c)] !== undefined) return true
  const w = wordAt(text, e)
  if (w === null || w.s === e) return false
  if (METRE_CONTEXT.has(w.lw)) return false
  // a following plural noun reads as a count ("36m people", "5m viewers"); otherwise metres ("the 200m as he")
  return !isUpper(text.charCodeAt(w.s)) && (isPlainPlural(w.lw) || LEAD_ADJ.has(w.lw) || isAdverb(w.lw) || w.lw === "of")
}

/** Parse a spelled-out number starting with the word at s: "twenty-one", "two hundred and fifty thousand". */
function parseWords(text: string, s: number): Num | null {
  let pos = s
  let total = 0
  let current = 0
  let any = false
  let end = s
  let lastKind: "ones" | "tens" | "scale" | null = null
  for (;;) {
    const w = wordAt(text, pos)
    if (w === null) break
    if (any && w.s !== pos && text.charCodeAt(pos) === 45) break
    const lw = w.lw
    if (ONES[lw] !== undefined && (lastKind === null || lastKind === "tens" || lastKind === "scale") && !(lastKind === "tens" && ONES[lw]! >= 10)) {
      current += ONES[lw]!
      lastKind = "ones"
    } else if (TENS[lw] !== undefined && (lastKind === null || lastKind === "scale")) {
      current += TENS[lw]!
      lastKind = "tens"
    } else if (SCALES[lw] !== undefined && any) {
      const sc = SCALES[lw]!
      if (sc === 100) current = (current || 1) * 100
      else { total += (current || 1) * sc; current = 0 }
      lastKind = "scale"
    } else break
    any = true
    end = w.e
    pos = w.e
    // "twenty-one": hyphen directly between tens and ones
    if (text.charCodeAt(pos) === 45 && lastKind === "tens") {
      const nw = wordAt(text, pos + 1)
      if (nw !== null && nw.s === pos + 1 && ONES[nw.lw] !== undefined && ONES[nw.lw]! < 10 && ONES[nw.lw]! > 0) { pos = pos + 1; continue }
      break
    }
    // "two hundred and fifty"
    if (lastKind === "scale") {
      const aw = wordAt(text, pos)
      if (aw !== null && aw.lw === "and") {
        const nw = wordAt(text, aw.e)
        if (nw !== null && (ONES[nw.lw] !== undefined || TENS[nw.lw] !== undefined)) { pos = aw.e; continue }
      }
    }
  }
  if (!any) return null
  return { s, e: end, value: total + current, vague: false, word: true, scaled: false, unit: null }
}

// ---------------------------------------------------------------- object noun phrase

const isPlural = (lw: string): boolean =>
  lw.length > 2 && lw.endsWith("s") && !lw.endsWith("ss") && !lw.endsWith("us") && !lw.endsWith("is") && !NON_PLURAL_S.has(lw)
const isPlainPlural = (lw: string): boolean =>
  isPlural(lw) || lw === "people" || lw === "men" || lw === "women" || lw === "children" || lw === "police" || lw === "troops" || lw === "personnel"
const isParticiple = (lw: string): boolean => lw.length > 4 && (lw.endsWith("ed") || lw.endsWith("ing"))
const isAdverb = (lw: string): boolean => lw.length > 4 && lw.endsWith("ly") && lw !== "family" && lw !== "ally" && lw !== "supply"

interface Obj { text: string; s: number; e: number }

/** Noun phrase starting at pos; returns the kept head phrase and the extent consumed. */
function readObject(text: string, pos: number): Obj | null {
  const kept: Word[] = []
  let p = pos
  let lastLower = false
  let hasNoun = false
  for (let n = 0; n < 8; n++) {
    const w = wordAt(text, p)
    if (w === null) break
    // hyphenated compounds stay one word: "large-caliber", "pro-government"
    let we = w.e
    let wtext = w.w
    while (text.charCodeAt(we) === 45 && we + 1 < text.length && isLetter(text.charCodeAt(we + 1))) {
      const hw = wordAt(text, we + 1)
      if (hw === null || hw.s !== we + 1) break
      we = hw.e
      wtext = text.slice(w.s, we)
    }
    const lw = wtext.toLowerCase()
    const cap = isUpper(text.charCodeAt(w.s))
    if (STOP.has(lw) || MONTH_OR_DAY.has(lw) && cap) break
    if (hasNoun && (VERBISH.has(lw) || isParticiple(lw) || isAdverb(lw))) break
    if (hasNoun && cap && lastLower) break
    const word: Word = { s: w.s, e: we, w: wtext, lw }
    if (!hasNoun && (isAdverb(lw) || LEAD_ADJ.has(lw) || (isParticiple(lw) && !cap))) {
      // leading modifiers are skipped but consumed
      p = we
      continue
    }
    kept.push(word)
    hasNoun = true
    lastLower = !cap
    p = we
    // plural head ends the phrase; capitalised plurals too ("49,000 Americans die"), but not acronyms ("ISIS")
    if (isPlainPlural(lw) && (!cap || wtext !== wtext.toUpperCase())) {
      // coordinated plural: "militants and civilians"
      const a = wordAt(text, p)
      if (a !== null && (a.lw === "and" || a.lw === "or")) {
        const b = wordAt(text, a.e)
        if (b !== null && isPlainPlural(b.lw) && !STOP.has(b.lw) && !isUpper(text.charCodeAt(b.s))) {
          kept.push({ s: a.s, e: a.e, w: a.w, lw: a.lw }, b)
          p = b.e
        }
      }
      break
    }
    // a comma or other punctuation ends the phrase
    const nc = text.charCodeAt(p)
    if (p < text.length && !isSpaceNoNl(nc)) break
  }
  if (kept.length === 0) return null
  const s = kept[0]!.s
  const e = kept[kept.length - 1]!.e
  return { text: text.slice(s, e), s, e }
}

/** "of [the] NP" after a unit or a bare number: "60 percent of the vote" → vote. */
function readOfObject(text: string, pos: number): Obj | null {
  const of = wordAt(text, pos)
  if (of === null || of.lw !== "of") return null
  let p = of.e
  const d = wordAt(text, p)
  if (d === null) return null
  if (PRONOUN_OBJ.has(d.lw)) return null
  if (DETERMINER.has(d.lw)) p = d.e
  const o = readObject(text, p)
  if (o === null) return null
  return { text: o.text, s: o.s, e: o.e }
}

// ---------------------------------------------------------------- units

function readUnit(text: string, pos: number): { unit: string; e: number } | null {
  const p = skipSp(text, pos)
  if (text.charCodeAt(p) === 37) return { unit: "percent", e: p + 1 }
  const w = wordAt(text, pos)
  if (w === null) return null
  const w2 = wordAt(text, w.e)
  if (w2 !== null) {
    const two = UNITS2[w.lw + " " + w2.lw]
    if (two !== undefined) return { unit: two, e: w2.e }
  }
  if (w.lw === "u" && text.startsWith(".s. dollars", w.e)) return { unit: "usd", e: w.e + 11 }
  const one = UNITS[w.lw]
  if (one !== undefined && !(w.lw === "m" || w.lw === "mi")) return { unit: one, e: w.e }
  return null
}

// ---------------------------------------------------------------- main

const TRIGGER = /[0-9]|[$£€¥₹₽]|\b(?:[Zz]ero|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|[Tt]wenty|[Tt]hirty|[Ff]ou?rty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|[Hh]undred|[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion|[Dd]ozens?|[Ss]cores|[Hh]undreds|[Tt]housands|[Mm]illions|[Bb]illions|[Tt]ens)\b/g

function leftQualifier(text: string, s: number): { q: Qualifier; s: number } | null {
  // collect up to 3 previous words on the same line (punctuation breaks the chain)
  const words: Word[] = []
  let p = s
  for (let k = 0; k < 3; k++) {
    const w = wordBefore(text, p)
    if (w === null) break
    words.unshift(w)
    p = w.s
  }
  for (const [ph, q] of LEFT_QUALIFIERS) {
    if (ph.length > words.length) continue
    let ok = true
    for (let i = 0; i < ph.length; i++) {
      if (words[words.length - ph.length + i]!.lw !== ph[i]) { ok = false; break }
    }
    if (ok) {
      // "some" only qualifies digits/number words directly: "some 400 militants", not "for some two"
      return { q, s: words[words.length - ph.length]!.s }
    }
  }
  // "~400"
  const c = s > 0 ? text.charCodeAt(s - 1) : 32
  if (c === 126) return { q: "about", s: s - 1 }
  return null
}

type Span = QuantitySpan

export function extractQuantities(text: string): QuantitySpan[] {
  const dates = extractDates(text, null)
  let di = 0
  const out: Span[] = []
  let lastEnd = 0
  const re = new RegExp(TRIGGER.source, "g")
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    const t0 = m.index
    if (t0 < lastEnd) { re.lastIndex = lastEnd; continue }
    while (di < dates.length && dates[di]!.end <= t0) di++
    if (di < dates.length && dates[di]!.start <= t0) { re.lastIndex = dates[di]!.end; continue }
    const q = readQuantity(text, t0, m[0])
    if (q === null) {
      // skip the rest of this token so we do not re-trigger inside it ("112" of "IL-112" handled by glue check)
      let j = t0 + m[0].length
      if (isDigit(text.charCodeAt(t0))) {
        while (j < text.length && (isDigit(text.charCodeAt(j)) || ((text.charCodeAt(j) === 44 || text.charCodeAt(j) === 46) && isDigit(text.charCodeAt(j + 1))))) j++
      }
      re.lastIndex = j
      continue
    }
    // a quantity must not swallow a following date ("36 cars Thursday" is stopped by weekday, but be safe)
    let end = q.end
    const nd = dates[di]
    if (nd !== undefined && nd.start < end && nd.start > q.number_end) end = trimTo(text, q.number_end, nd.start)
    const fixed: Span = end === q.end ? q : { ...q, end, text: text.slice(q.start, end), object: q.object !== null && q.start + q.text.indexOf(q.object) + q.object.length <= end ? q.object : null }
    out.push(fixed)
    lastEnd = fixed.end
    re.lastIndex = fixed.end
  }
  return out
}

function trimTo(text: string, min: number, max: number): number {
  let e = max
  while (e > min && isSpace(text.charCodeAt(e - 1))) e--
  return e
}

function readQuantity(text: string, t0: number, trig: string): Span | null {
  const c0 = text.charCodeAt(t0)
  let start = t0
  let currency: string | null = null
  let numStart = t0
  let num: Num | null
  let qualifier: Qualifier = "exact"

  if (CURRENCY_SIGNS[trig] !== undefined) {
    currency = CURRENCY_SIGNS[trig]!
    // "US$5", "A$3", "HK$"
    let k = t0
    while (k > 0 && isUpper(text.charCodeAt(k - 1)) && t0 - k < 2) k--
    if (k < t0 && (k === 0 || !isLetter(text.charCodeAt(k - 1)))) {
      const pre = text.slice(k, t0)
      if (CURRENCY_PREFIX[pre] !== undefined) { currency = CURRENCY_PREFIX[pre]!; start = k }
    }
    const p = skipSp(text, t0 + 1)
    if (!isDigit(text.charCodeAt(p))) return null
    numStart = p
    num = parseDigits(text, p)
    if (num === null || num.unit !== null) return null
  } else if (isDigit(c0)) {
    num = parseDigits(text, t0)
    if (num === null) return null
    if (isPhoneLike(text, t0, num.e)) return null
    const pw = wordBefore(text, t0)
    if (pw !== null && (ID_ANY_CASE.has(pw.lw) || (ID_CAPITALISED.has(pw.lw) && isUpper(pw.w.charCodeAt(0))))) return null
    // list marker "1." / "2)" at line start
    const after = text.charCodeAt(num.e)
    if ((after === 46 || after === 41) && segmentStart(text, t0) && !num.scaled) return null
  } else {
    const lw = trig.toLowerCase()
    if (VAGUE[lw] !== undefined || lw === "tens") {
      num = parseVague(text, t0, lw)
      if (num === null) return null
    } else if (lw === "dozen") {
      const a = wordBefore(text, t0)
      if (a === null || (a.lw !== "a" && a.lw !== "one" && a.lw !== "half")) return null
      num = { s: a.s, e: t0 + trig.length, value: a.lw === "half" ? 6 : 12, vague: false, word: true, scaled: false, unit: null }
      if (a.lw === "half") { const h = wordBefore(text, a.s); if (h?.lw === "a") num = { ...num, s: h.s } }
    } else if (SCALES[lw] !== undefined) {
      // "a hundred", "a million"; a bare scale word after a number was consumed by the number
      const a = wordBefore(text, t0)
      if (a === null || a.lw !== "a") return null
      const w = parseWords(text, t0)
      if (w === null) return null
      num = { ...w, s: a.s, value: w.value }
    } else {
      num = parseWords(text, t0)
      if (num === null) return null
      // word number followed by a scale word already included; "1.5" style not possible here
    }
    numStart = num.s
    start = num.s
  }

  // pronoun "one": "no one", "one of", "one another", "the one", "one day"
  const numText = text.slice(num.s, num.e).toLowerCase()
  if (num.word && numText === "one") {
    const pw = wordBefore(text, num.s)
    const nw = wordAt(text, num.e)
    if (pw !== null && (DETERMINER.has(pw.lw) || pw.lw === "no" || pw.lw === "any" || pw.lw === "every" || pw.lw === "each" || pw.lw === "which" || pw.lw === "anyone" || pw.lw === "someone")) return null
    if (nw === null || isAdverb(nw.lw) || nw.lw === "of" || nw.lw === "another" || nw.lw === "day" || nw.lw === "time" || STOP.has(nw.lw) || VERBISH.has(nw.lw)) return null
  }
  if (num.word && numText === "ten" && text.charCodeAt(num.s) === 84 && wordBefore(text, num.s)?.lw === "downing") return null
  if (num.word && !num.vague) {
    const pw = wordBefore(text, num.s)
    if (pw !== null && (pw.lw === "number" || pw.lw === "no")) return null // "the number three shirt"
    // capitalised number word inside a sentence before a capitalised word is a name: "Six Nations", "Big Four"
    const nw = wordAt(text, num.e)
    if (isUpper(text.charCodeAt(num.s)) && !segmentStart(text, num.s) && nw !== null && isUpper(text.charCodeAt(nw.s))) return null
  }

  // "two and a half years"
  {
    const a = wordAt(text, num.e)
    if (a !== null && a.lw === "and" && !num.vague) {
      const b = wordAt(text, a.e), c = b === null ? null : wordAt(text, b.e)
      if (b !== null && c !== null && b.lw === "a" && c.lw === "half") num = { ...num, e: c.e, value: num.value + 0.5 }
    }
  }
  let numEnd = num.e
  let value = num.value
  let valueMax: number | null = null
  let unit: string | null = num.unit
  if (currency !== null) unit = currency

  // ---- left qualifier
  const lq = leftQualifier(text, start)
  if (lq !== null && !num.vague) { qualifier = lq.q; start = lq.s }

  // ---- ranges "10 to 20", "10-20", "between 10 and 20"
  let p = num.e
  {
    const between = wordBefore(text, start)
    const isBetween = between !== null && between.lw === "between"
    // "rose/gained $1.32 to $44.45", "from 370 to 870" describe a change, not a range
    const from = between !== null && (between.lw === "from" || CHANGE_VERBS.has(between.lw))
    // "12%-19%", "10% to 15%": a percent range needs "%" on both ends
    const pct = num.unit === null && text.charCodeAt(p) === 37
    const rp = pct ? p + 1 : p
    const sp = skipSp(text, rp)
    const c = text.charCodeAt(sp)
    let q2 = -1
    if ((c === 45 || c === 0x2013) && num.unit === null) q2 = skipSp(text, sp + 1)
    else {
      const w = wordAt(text, rp)
      if (w !== null && ((w.lw === "to" && !from && num.unit === null) || (w.lw === "and" && isBetween))) q2 = skipSp(text, w.e)
    }
    if (q2 > 0 && q2 < text.length) {
      let cs = q2
      if (currency !== null && CURRENCY_SIGNS[text[q2]!] === currency) cs = skipSp(text, q2 + 1)
      let n2: Num | null = null
      if (isDigit(text.charCodeAt(cs))) n2 = parseDigits(text, cs, true)
      else if (num.word && wordAt(text, cs) !== null) n2 = parseWords(text, cs)
      if (n2 !== null && pct && text.charCodeAt(n2.e) !== 37) n2 = null
      if (n2 !== null && n2.vague === false) {
        let v2 = n2.value
        // "1.5 to 2 million": scale the low end too
        if (n2.scaled && !num.scaled && value < v2 / 100) { const f = v2 / Number(text.slice(n2.s, n2.e).match(/[\d.,]+/)?.[0]?.replace(/,/g, "") ?? 1); if (Number.isFinite(f) && f > 1) value *= f }
        if (v2 > value) {
          valueMax = v2
          qualifier = "at_least"
          if (isBetween) start = between.s
          numEnd = n2.e
          p = n2.e
          if (n2.unit !== null) unit = n2.unit
        } else if ((c === 45 || c === 0x2013) && !pct) {
          return null // "3-2" score, "555-1234"
        }
      }
    }
  }

  // ---- right qualifiers glued to the number: "80+", "100 or more", "50 or so"
  let rightEnd = -1
  {
    if (text.charCodeAt(p) === 43 && qualifier === "exact") { qualifier = "at_least"; p += 1; rightEnd = p }
    const w = wordAt(text, p)
    if (w !== null && w.lw === "or" && qualifier === "exact" && valueMax === null) {
      const w2 = wordAt(text, w.e)
      const rq: Qualifier | null = w2 === null ? null : w2.lw === "more" ? "at_least" : w2.lw === "so" ? "about"
        : w2.lw === "fewer" || w2.lw === "less" ? "at_most" : null
      if (rq !== null) { qualifier = rq; p = w2!.e; rightEnd = p }
    }
  }

  // ---- unit (word or %), hyphen modifier "three-year", and object
  let object: Obj | null = null
  let end = Math.max(numEnd, rightEnd)
  const unitStart = end
  if (num.unit === null) {
    // hyphenated modifier "three-year siege", "10-mile", "15-member panel"
    if (text.charCodeAt(p) === 45 && valueMax === null && rightEnd < 0) {
      const hw = wordAt(text, p + 1)
      if (hw !== null && hw.s === p + 1) {
        const u = UNITS[hw.lw]
        let after = hw.e
        if (text.startsWith("-old", after)) after += 4 // "10-year-old boy"
        end = after
        const o2 = u === undefined && HYPHEN_ADJ.has(hw.lw) ? readObject(text, after) : null
        if (o2 !== null) {
          // "1,000-strong force" → force
          object = o2
          end = o2.e
        } else if (u === undefined || currency !== null) {
          object = { text: hw.w, s: hw.s, e: hw.e }
        } else {
          unit = u
          const o = readObject(text, after)
          if (o !== null) { object = o; end = o.e }
        }
        p = end
      }
    }
    if (end === unitStart) {
      const u = readUnit(text, p)
      if (u !== null) {
        let un: string | null = u.unit
        const isCurrencyWord = /^[a-z]{3}$/.test(un) || un === "pounds"
        if (currency !== null) {
          // after "$5 million" only a currency word may follow ("$5 million dollars"); "$639m year-earlier" is not a unit
          un = isCurrencyWord ? currency : null
        } else if (un === "pounds") {
          const w = wordAt(text, p)
          const lbs = w !== null && (w.lw === "lb" || w.lw === "lbs")
          if (!lbs && (num.scaled || value >= 1000)) un = "gbp"
        }
        if (un !== null) {
          unit = un
          end = u.e
          p = u.e
        }
      }
    }
  } else {
    end = Math.max(end, p)
  }
  if (unit === null && object === null) {
    const o = readObject(text, p)
    if (o !== null) {
      // a capitalised word right after a line-initial digit is a menu/brand ("1 Chicago", "0 Comments", "1 eMovies")
      const cap = isUpper(text.charCodeAt(o.s)) || (isAsciiLetter(text.charCodeAt(o.s)) && o.text.length > 1 && isUpper(text.charCodeAt(o.s + 1)))
      if (cap && !num.word && qualifier === "exact" && segmentStart(text, start)) return null
      // a single capitalised singular word after a count is a label, not the thing counted ("122 Stage I")
      if (cap && value > 1 && !o.text.includes(" ") && !isPlainPlural(o.text.toLowerCase())) {
        object = null
      } else {
        object = o
        end = o.e
      }
    } else if (!(num.word && numText === "one")) {
      const of = readOfObject(text, p)
      if (of !== null) { object = of; end = of.e }
    }
  } else if (object === null && !TIME_UNITS.has(unit!)) {
    // "60 percent of the vote", "$5m of aid", "2 million barrels of oil"; not "two years of children (in custody)"
    const of = readOfObject(text, end)
    if (of !== null) { object = of; end = of.e }
  }
  if (object === null && unit === null && !num.word && qualifier === "exact" && valueMax === null) {
    // bare digits after a capitalised word are a label: "Halo 2", "Apollo 13", "Route 66"
    const pw = wordBefore(text, start)
    if (pw !== null && isUpper(pw.w.charCodeAt(0)) && !segmentStart(text, pw.s) && !/['’]s$/.test(pw.w)) return null
  }
  if (object === null && unit === null && !num.word && segmentStart(text, start)) {
    // bare number opening a line with nothing after it: menus, counters ("0", "1 -")
    const nx = text.charCodeAt(skipSp(text, numEnd))
    if (Number.isNaN(nx) || nx === 10 || nx === 13 || nx === 45) return null
  }
  if (num.vague) qualifier = "at_least"
  if (valueMax !== null) qualifier = "at_least"

  return {
    start, end, text: text.slice(start, end), value, qualifier, unit,
    object: object === null ? null : object.text.replace(/\s+/g, " "),
    number_start: numStart, number_end: numEnd, value_max: valueMax
  }
}

/** Phone numbers and digit groups: "+1 (646) 650 1351", "+44 (0)7841 009 252", "007". */
function isPhoneLike(text: string, s: number, e: number): boolean {
  if (text.charCodeAt(s) === 48 && e - s > 1 && text.charCodeAt(s + 1) !== 46) return true // leading zero, not "0.5"
  let i = s
  while (i > 0 && isSpaceNoNl(text.charCodeAt(i - 1))) i--
  const b = i > 0 ? text.charCodeAt(i - 1) : 32
  if (b === 43 || b === 41 || (isDigit(b) && i < s)) return true // "+1", ") 650", "650 1351"
  let j = e
  while (j < text.length && isSpaceNoNl(text.charCodeAt(j))) j++
  const a = j < text.length ? text.charCodeAt(j) : 32
  if (j > e && (isDigit(a) || (a === 40 && isDigit(text.charCodeAt(j + 1))))) return true
  return false
}

/** "dozens of", "hundreds of", "tens of thousands of", "hundreds of thousands of". */
function parseVague(text: string, s: number, lw: string): Num | null {
  const w = wordAt(text, s)
  if (w === null) return null
  let value = VAGUE[lw]
  let e = w.e
  if (lw === "tens" || lw === "hundreds") {
    const of = wordAt(text, e)
    const sc = of !== null && of.lw === "of" ? wordAt(text, of.e) : null
    if (sc !== null && (sc.lw === "thousands" || sc.lw === "millions" || sc.lw === "billions")) {
      value = (lw === "tens" ? 20 : 200) * VAGUE[sc.lw]! / 2
      e = sc.e
    } else if (lw === "tens") return null
  }
  if (value === undefined) return null
  return { s, e, value, vague: true, word: true, scaled: false, unit: null }
}
