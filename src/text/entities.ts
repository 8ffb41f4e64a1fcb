// Canonical entities: turns tagger mention spans into canonical names + stable ids.
//
// Merge rules, applied per mention in this order (the output's merge_rule is the most
// significant one that fired; merge_evidence lists every step, "; "-separated):
//   possessive      "Russia’s" → "Russia", "Islamic States’" → "Islamic States" (the
//                   s-less form "Islamic State" is also tried for alias/document matches)
//   title_stripped  PER only: leading titles/ranks/roles (and a demonym or "Ministry"
//                   right before them) are removed: "Russian President Vladimir Putin",
//                   "Ministry spokesman Maj. Gen. Igor Konashenkov"
//   acronym_defined an acronym defined in the document ("Syrian Arab Army (SAA)" or
//                   "SDF (Syrian Democratic Forces, …)") maps to its long form
//   alias_table     src/text/data/aliases.json (editable config; delete an alias to undo a merge)
//   surname         PER single token equal to the last token of exactly one full name in
//                   the same document ("Putin" → "Vladimir Putin"); ambiguous → no merge
//   demonym         MISC plural demonym → singular ("Russians" → "Russian"); stays MISC
//   translit_fold   same folding key (see foldKey) as another mention of the document with
//                   a different spelling: the most frequent spelling becomes canonical
// The entity key is foldKey(canonical), so transliteration variants also meet across
// documents; entity_id = first 16 hex of sha256(type NUL key).
import { createHash } from "node:crypto"
import aliasData from "./data/aliases.json" with { type: "json" }
import countryData from "./data/countries.json" with { type: "json" }

export interface MentionIn {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly type: "PER" | "ORG" | "LOC" | "MISC"
}

export interface CanonicalMention {
  readonly canonical: string
  readonly type: string
  readonly entity_key: string
  readonly entity_id: string
  readonly merge_rule: string | null
  readonly merge_evidence: string | null
}

export function entityId(type: string, key: string): string {
  const k = type + "\u0000" + key
  const hit = ID_CACHE.get(k)
  if (hit !== undefined) return hit
  const id = createHash("sha256").update(k, "utf8").digest("hex").slice(0, 16)
  remember(ID_CACHE, k, id)
  return id
}

// Bounded memo tables for pure functions of a string (fold keys, entity ids). Names recur
// across documents, so this saves most normalisation/hashing; a table that reaches
// MEMO_MAX entries is emptied, which keeps memory flat and never changes a result.
const MEMO_MAX = 50_000
const FOLD_CACHE = new Map<string, string>()
const ID_CACHE = new Map<string, string>()
function remember(m: Map<string, string>, k: string, v: string): void {
  if (m.size >= MEMO_MAX) m.clear()
  m.set(k, v)
}

// ---------------------------------------------------------------------------------------
// Folding key (shared with places.ts)

// Arabic article particles as romanised in news and GeoNames ("ez-Zor", "Ar Raqqah",
// "al-Qadam"), plus English "the". Only dropped when another token remains.
const PARTICLES = new Set(["al", "el", "ul", "ar", "as", "at", "ath", "ad", "adh", "an", "az", "ash", "ez", "es", "et", "en", "ed", "er", "ud", "ur", "the"])
const APOSTROPHES = /['’‘`´ʻʼʿʾ]/g

function foldToken(tok: string): string {
  let t = tok.replace(/(.)\1+/g, "$1") // doubled letters: Raqqa/Raqa, Hezbollah/Hezbolah
  if (t.length >= 4 && t.endsWith("ah")) t = t.slice(0, -1) // Raqqah/Raqqa, Hamah/Hama
  // Back-vowel runs fold to "u": Zor/Zour/Zur, Yarmouk/Yarmuk. Front vowels are kept
  // (folding e/i as well would merge Bill/Bell-type names across documents).
  t = t.replace(/(?<=.)[ou]+/g, "u")
  return t
}

/**
 * Transliteration-insensitive key: diacritics, case, apostrophes/ayn marks, hyphens and
 * punctuation, dotted acronyms (U.S. = US), Arabic article particles (al/el/ez/ar/…),
 * doubled letters, a final "-ah" h and o/u/ou vowel variants are ignored.
 * "Deir ez-Zor", "Deir el-Zour", "Deir ez-Zur" → "deir zur".
 */
export function foldKey(s: string): string {
  const hit = FOLD_CACHE.get(s)
  if (hit !== undefined) return hit
  const k = computeFoldKey(s)
  remember(FOLD_CACHE, s, k)
  return k
}

// ASCII text has no combining marks and is its own NFKD form.
const NON_ASCII = /[^\x00-\x7f]/

function computeFoldKey(s: string): string {
  let t = (NON_ASCII.test(s) ? s.normalize("NFKD").replace(/\p{M}/gu, "") : s).toLowerCase()
  t = t.replace(APOSTROPHES, "")
  t = t.replace(/\b[a-z](?:\.[a-z])+\.?(?![a-z])/g, (m) => m.replace(/\./g, ""))
  const raw = t.replace(/[^\p{L}\p{N}]+/gu, " ").trim()
  if (raw === "") return ""
  let toks = raw.split(" ")
  if (toks.length > 1) {
    const kept = toks.filter((x) => !PARTICLES.has(x))
    if (kept.length > 0) toks = kept
  }
  return toks.map(foldToken).join(" ")
}

// ---------------------------------------------------------------------------------------
// Alias table

interface AliasEntry { readonly canonical: string; readonly type: string; readonly appliesTo: ReadonlySet<string> | null }

const ALIASES: ReadonlyMap<string, ReadonlyArray<AliasEntry>> = (() => {
  const m = new Map<string, AliasEntry[]>()
  for (const e of aliasData.entities as ReadonlyArray<{ canonical: string; type: string; applies_to?: string[]; aliases: string[] }>) {
    const entry: AliasEntry = { canonical: e.canonical, type: e.type, appliesTo: e.applies_to ? new Set(e.applies_to) : null }
    for (const a of [e.canonical, ...e.aliases]) {
      const k = foldKey(a)
      const list = m.get(k) ?? []
      if (!list.some((x) => x.canonical === entry.canonical && x.appliesTo === entry.appliesTo)) list.push(entry)
      m.set(k, list)
    }
  }
  return m
})()

function aliasLookup(s: string, type: string): AliasEntry | undefined {
  return ALIASES.get(foldKey(s))?.find((e) => e.appliesTo === null || e.appliesTo.has(type))
}

// ---------------------------------------------------------------------------------------
// Demonyms ("Russian", "Russians" → MISC "Russian"; country hint via places.countryHintsFor)

const DEMONYMS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  const countries = (countryData as { countries: Record<string, { demonyms: string[] }> }).countries
  for (const code of Object.keys(countries).sort()) {
    for (const d of countries[code]?.demonyms ?? []) if (!m.has(d.toLowerCase())) m.set(d.toLowerCase(), d)
  }
  return m
})()

function demonymOf(s: string): string | undefined {
  const l = s.toLowerCase()
  return DEMONYMS.get(l) ?? (l.endsWith("s") ? DEMONYMS.get(l.slice(0, -1)) : undefined)
}

// ---------------------------------------------------------------------------------------
// Titles

const TITLES = new Set([
  "president", "vice", "prime", "minister", "foreign", "defense", "defence", "interior", "secretary", "general", "gen",
  "maj", "major", "lt", "lieutenant", "col", "colonel", "capt", "captain", "sgt", "sergeant", "adm", "admiral",
  "brig", "brigadier", "cmdr", "commander", "gov", "governor", "sen", "senator", "rep", "representative",
  "congressman", "congresswoman", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord",
  "lady", "king", "queen", "prince", "princess", "sheikh", "sheik", "emir", "pope", "rev", "reverend", "chancellor",
  "mayor", "judge", "justice", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
  "ceo", "chief", "deputy", "acting", "former", "late", "ministry", "premier", "crown", "state", "head", "leader",
  "officer", "marshal", "field", "commissioner", "director", "envoy", "counsel", "attorney", "coach", "manager", "president-elect"
])

function stripTitles(s: string): string {
  const toks = s.split(/\s+/)
  let i = 0
  // A leading demonym counts as part of the title only when a title follows it
  // ("Russian President Vladimir Putin"), never on its own ("Russian" could be a name part).
  const isTitle = (t: string): boolean => TITLES.has(t.toLowerCase().replace(/\.$/, ""))
  while (i < toks.length - 1) {
    const t = toks[i] as string
    if (isTitle(t)) { i++; continue }
    if (demonymOf(t) !== undefined && i + 1 < toks.length - 1 && isTitle(toks[i + 1] as string)) { i++; continue }
    break
  }
  return toks.slice(i).join(" ")
}

// ---------------------------------------------------------------------------------------
// Acronym definitions in the document text

const FUNCTION_WORDS = new Set(["of", "and", "the", "for", "on", "de", "in", "&"])

/** Longest suffix of `words` whose capitalised-word initials spell `acr`. */
function matchInitials(words: ReadonlyArray<string>, acr: string): string | undefined {
  const letters = acr.replace(/[^A-Za-z]/g, "").toLowerCase()
  for (let start = 0; start < words.length; start++) {
    const slice = words.slice(start)
    if (FUNCTION_WORDS.has((slice[0] as string).toLowerCase())) continue
    const initials = slice.filter((w) => !FUNCTION_WORDS.has(w.toLowerCase())).map((w) => w[0]?.toLowerCase() ?? "").join("")
    if (initials === letters) return slice.join(" ")
  }
  return undefined
}

export function findAcronymDefinitions(text: string): Map<string, { long: string; evidence: string }> {
  const defs = new Map<string, { long: string; evidence: string }>()
  const add = (acr: string, long: string, evidence: string): void => { if (!defs.has(acr)) defs.set(acr, { long: long.replace(/['’]s$/, ""), evidence }) }
  // "Long Form (ACR)"
  const longFirst = /((?:[\p{Lu}][\p{L}'’-]*|of|and|the|for|on|de|&)(?:[ \t]+(?:[\p{Lu}][\p{L}'’-]*|of|and|the|for|on|de|&)){1,9})[ \t]*\([ \t]*([\p{Lu}][\p{Lu}0-9.&-]{1,9})[ \t]*\)/gu
  for (const m of text.matchAll(longFirst)) {
    const words = (m[1] as string).split(/[ \t]+/)
    const acr = (m[2] as string).replace(/\./g, "")
    const long = matchInitials(words, acr)
    if (long !== undefined) add(acr, long, `${long} (${m[2]})`)
  }
  // "ACR (Long Form, …)"
  const acrFirst = /\b([\p{Lu}][\p{Lu}0-9&]{1,9})[ \t]*\([ \t]*([\p{Lu}][^(),;\n]{2,80}?)[ \t]*[,;)]/gu
  for (const m of text.matchAll(acrFirst)) {
    const acr = m[1] as string
    const long = matchInitials((m[2] as string).split(/[ \t]+/), acr)
    if (long !== undefined) add(acr, long, `${acr} (${long}`.concat(")"))
  }
  return defs
}

// ---------------------------------------------------------------------------------------

const RULE_PRIORITY = ["acronym_defined", "alias_table", "surname", "translit_fold", "title_stripped", "possessive", "demonym"] as const
type Rule = (typeof RULE_PRIORITY)[number]

interface Work {
  canonical: string
  type: string
  alt: string | null // s-less variant from a plural possessive ("Islamic States’")
  aliased: boolean
  steps: Array<{ rule: Rule; evidence: string }>
}

export function canonicalizeMentions(text: string, mentions: ReadonlyArray<MentionIn>): CanonicalMention[] {
  const acronyms = findAcronymDefinitions(text)
  // The per-mention rules depend only on (surface form, type) and the document's acronyms:
  // computed once per distinct pair, copied for each mention.
  const firstPass = new Map<string, Work>()
  const works: Work[] = mentions.map((m) => {
    const key = m.type + "\u0000" + m.text
    let w0 = firstPass.get(key)
    if (w0 === undefined) { w0 = mentionRules(m, acronyms); firstPass.set(key, w0) }
    return { canonical: w0.canonical, type: w0.type, alt: w0.alt, aliased: w0.aliased, steps: [...w0.steps] }
  })
  return mergeInDocument(works)
}

function mentionRules(m: MentionIn, acronyms: ReadonlyMap<string, { long: string; evidence: string }>): Work {
  const w: Work = { canonical: m.text.replace(/\s+/g, " ").trim(), type: m.type, alt: null, aliased: false, steps: [] }
  // Possessives.
  const raw = w.canonical
  if (/['’]s$/i.test(raw)) w.canonical = raw.slice(0, -2)
  else if (/s['’]$/i.test(raw)) { w.canonical = raw.slice(0, -1); w.alt = raw.slice(0, -2) }
  else if (/['’]$/.test(raw)) w.canonical = raw.slice(0, -1)
  if (w.canonical !== raw) w.steps.push({ rule: "possessive", evidence: `${raw} → ${w.canonical}` })
  // Leading determiner is not part of a name ("the Islamic State").
  if (m.type !== "PER") w.canonical = w.canonical.replace(/^the\s+/i, "")
  if (m.type === "PER") {
    const t = stripTitles(w.canonical)
    if (t !== w.canonical) { w.steps.push({ rule: "title_stripped", evidence: `${w.canonical} → ${t}` }); w.canonical = t }
  }
  // Acronym defined in this document.
  const acr = w.canonical.replace(/\./g, "")
  const def = /^[\p{Lu}0-9&]{2,10}$/u.test(acr) ? acronyms.get(acr) : undefined
  if (def !== undefined) { w.steps.push({ rule: "acronym_defined", evidence: def.evidence }); w.canonical = def.long }
  // Alias table (try the s-less plural-possessive variant too).
  for (const cand of w.alt === null ? [w.canonical] : [w.canonical, w.alt]) {
    const hit = aliasLookup(cand, m.type)
    if (hit === undefined) continue
    if (foldKey(hit.canonical) !== foldKey(w.canonical) || cand !== w.canonical) {
      w.steps.push({ rule: "alias_table", evidence: `${cand} → ${hit.canonical} (aliases.json)` })
    } else if (hit.canonical !== w.canonical) {
      w.steps.push({ rule: "translit_fold", evidence: `${w.canonical} ≈ ${hit.canonical} (aliases.json)` })
    }
    w.canonical = hit.canonical
    w.type = hit.type
    w.aliased = true
    break
  }
  // Demonyms stay MISC entities of their own, in singular form.
  if (!w.aliased && m.type === "MISC") {
    const d = demonymOf(w.canonical)
    if (d !== undefined && d !== w.canonical) { w.steps.push({ rule: "demonym", evidence: `${w.canonical} → ${d}` }); w.canonical = d }
  }
  return w
}

function mergeInDocument(works: Work[]): CanonicalMention[] {
  // Surname → the unique full name of the same document.
  const fullBySurname = new Map<string, Set<string>>()
  for (const w of works) {
    if (w.type !== "PER") continue
    const toks = w.canonical.split(" ")
    if (toks.length < 2) continue
    const k = foldKey(toks[toks.length - 1] as string)
    const set = fullBySurname.get(k) ?? new Set<string>()
    set.add(w.canonical)
    fullBySurname.set(k, set)
  }
  for (const w of works) {
    if (w.type !== "PER" || w.aliased || w.canonical.includes(" ")) continue
    const fulls = fullBySurname.get(foldKey(w.canonical))
    if (fulls === undefined) continue
    // Different spellings of one full name count once.
    const byKey = new Map<string, string>()
    for (const f of [...fulls].sort()) if (!byKey.has(foldKey(f))) byKey.set(foldKey(f), f)
    if (byKey.size !== 1) continue
    const full = [...byKey.values()][0] as string
    w.steps.push({ rule: "surname", evidence: `${w.canonical} → ${full}` })
    w.canonical = full
    const hit = aliasLookup(full, "PER")
    if (hit !== undefined) { w.canonical = hit.canonical; w.type = hit.type }
  }

  // Transliteration variants within the document: most frequent spelling wins, then earliest.
  const groups = new Map<string, { counts: Map<string, number>; first: Map<string, number> }>()
  works.forEach((w, i) => {
    const g = `${w.type}\u0000${foldKey(w.canonical)}`
    const grp = groups.get(g) ?? { counts: new Map(), first: new Map() }
    grp.counts.set(w.canonical, (grp.counts.get(w.canonical) ?? 0) + 1)
    if (!grp.first.has(w.canonical)) grp.first.set(w.canonical, i)
    groups.set(g, grp)
  })
  for (const w of works) {
    const grp = groups.get(`${w.type}\u0000${foldKey(w.canonical)}`)
    if (grp === undefined || grp.counts.size < 2) continue
    const best = [...grp.counts.keys()].sort((a, b) => (grp.counts.get(b) ?? 0) - (grp.counts.get(a) ?? 0) || (grp.first.get(a) ?? 0) - (grp.first.get(b) ?? 0))[0] as string
    if (best !== w.canonical) { w.steps.push({ rule: "translit_fold", evidence: `${w.canonical} ≈ ${best}` }); w.canonical = best }
  }

  return works.map((w) => {
    const key = foldKey(w.canonical)
    const rule = RULE_PRIORITY.find((r) => w.steps.some((s) => s.rule === r)) ?? null
    return {
      canonical: w.canonical,
      type: w.type,
      entity_key: key,
      entity_id: entityId(w.type, key),
      merge_rule: rule,
      merge_evidence: w.steps.length === 0 ? null : w.steps.map((s) => `${s.rule}: ${s.evidence}`).join("; ")
    }
  })
}
