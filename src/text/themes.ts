// Small, documented theme taxonomy (GDELT-GKG-like but coarse) using keyword/phrase lists
// plus entity cues.
//
// Matching: case-insensitive on word boundaries; a trailing "*" makes a term a prefix
// ("terror*" matches terrorist, terrorism, and runs on over letters and hyphens:
// "bomb-making" is one "bomb*" match); the words of a multi-word or hyphenated term may be
// separated by any run of whitespace and hyphens ("cease-fire" = "cease fire"). Each term counts at most 3 occurrences (so one
// repeated word cannot carry a theme); multi-word phrases weigh 2, single words 1, an
// entity cue (canonical name, or a regex over canonical names restricted by type) 2 per
// mention (entities are passed per mention; capped at 3 mentions like terms).
//   score = weighted hits / (10 + word_count / 100)      (length-normalised, ≥ 0)
// A theme is reported when it has ≥ 2 distinct matched terms/cues and score ≥ 0.2.
// Evidence = matched terms (entity cues as "entity:<canonical>"), sorted, max 10.

export interface ThemeEntity { readonly canonical: string; readonly type: string }
export interface ThemeAssignment { readonly theme: string; readonly score: number; readonly evidence: string[] }

interface ThemeDef {
  readonly terms: ReadonlyArray<string>
  readonly entities?: ReadonlyArray<string> // exact canonical names
  readonly entityPattern?: { readonly re: RegExp; readonly types: ReadonlyArray<string> }
}

export const THEMES: Readonly<Record<string, ThemeDef>> = {
  armed_conflict: {
    terms: ["war", "wars", "warfare", "battle*", "battlefield", "airstrike*", "air strike*", "missile*", "cruise missile*", "troops", "soldier*", "militia*", "militant*", "offensive", "siege", "besieged", "bomb*", "shelling", "artillery", "frontline", "front line", "ceasefire", "cease-fire", "insurgent*", "rebel*", "military", "armed forces", "army", "navy", "frigate*", "submarine*", "warplane*", "fighter jet*", "convoy*", "clashes", "combat", "invasion", "occupied", "ammunition", "mortar*", "guerrilla*", "guerilla*", "de-escalation"],
    entityPattern: { re: /\b(army|armed forces|aerospace forces|air force|navy|defen[cs]e ministry|ministry of defen[cs]e|pentagon|nato|marines|militia|tiger forces|democratic forces)\b/i, types: ["ORG"] }
  },
  terrorism: {
    terms: ["terror*", "jihad*", "extremis*", "radicali*", "suicide bomb*", "car bomb*", "hostage*", "beheading*", "insurgency", "militant group*", "caliphate", "counter-terrorism", "counterterrorism", "improvised explosive", "self-proclaimed capital"],
    entities: ["Islamic State", "al-Qaeda", "Boko Haram", "al-Shabaab", "Taliban", "Hayat Tahrir al-Sham", "Jabhat al-Nusra", "Nusra Front"]
  },
  diplomacy: {
    terms: ["diplomat*", "summit*", "treaty", "treaties", "negotiat*", "peace talks", "talks", "sanction*", "embassy", "embassies", "ambassador*", "foreign minister", "foreign ministry", "foreign secretary", "secretary of state", "bilateral", "multilateral", "envoy*", "accord", "state visit", "delegation*", "resolution", "security council", "partners"],
    entities: ["United Nations", "European Union", "BRICS", "G7", "G20", "UN Security Council"]
  },
  elections: {
    terms: ["election*", "elector*", "vote*", "voting", "voter*", "ballot*", "polling", "opinion poll*", "campaign*", "candidate*", "referendum*", "constituenc*", "turnout", "manifesto*", "general election", "primaries", "re-election", "incumbent"],
    entityPattern: { re: /\b(labour|conservative|tory|tories|liberal democrat|democratic party|republican party|electoral commission)\b/i, types: ["ORG", "MISC"] }
  },
  economy: {
    terms: ["econom*", "gdp", "inflation", "interest rate*", "market*", "shares", "stock*", "investor*", "profit*", "revenue*", "earnings", "trade", "tariff*", "budget*", "tax", "taxes", "unemployment", "jobs", "recession", "growth", "bank*", "currency", "dollar*", "euro*", "oil price*", "prices", "exports", "imports", "deficit", "debt", "fiscal", "firm*", "company", "companies", "sales"],
    entities: ["Federal Reserve", "European Central Bank", "Bank of England", "International Monetary Fund", "IMF", "World Bank", "OPEC"]
  },
  health: {
    terms: ["health*", "patient*", "hospital*", "doctor*", "physician*", "nurse*", "disease*", "cancer*", "diabetes", "vaccin*", "virus*", "infection*", "clinical trial*", "treatment*", "therap*", "drug*", "medic*", "surgery", "surgical", "symptom*", "diagnos*", "mortality", "obesity", "epidemic*", "pandemic*", "outbreak*", "heart attack*", "blood pressure", "dementia", "alzheimer*", "pregnan*"],
    entities: ["World Health Organization", "WHO", "FDA", "Food and Drug Administration", "CDC", "NHS", "National Institutes of Health"]
  },
  crime: {
    terms: ["crime*", "criminal*", "police", "arrest*", "murder*", "homicide*", "robbery", "theft", "fraud*", "court", "trial", "jail*", "prison*", "sentenc*", "convicted", "charged with", "guilty", "prosecut*", "suspect*", "detective*", "gang*", "smuggl*", "traffick*", "burglary", "assault*"],
    entities: ["FBI", "Scotland Yard", "Interpol", "Europol"]
  },
  disaster: {
    terms: ["earthquake*", "tsunami*", "flood*", "hurricane*", "typhoon*", "cyclone*", "tornado*", "wildfire*", "drought*", "landslide*", "avalanche*", "eruption*", "volcan*", "disaster*", "famine", "evacuat*", "rescue workers", "death toll", "humanitarian crisis", "relief effort*", "storm*"]
  },
  science_tech: {
    terms: ["scien*", "research*", "technolog*", "software", "internet", "online", "computer*", "digital", "broadband", "mobile phone*", "smartphone*", "artificial intelligence", "robot*", "satellite*", "space agency", "nasa", "physics", "genetic*", "dna", "laborator*", "innovation", "gadget*", "cyber*", "hacker*", "microsoft", "google", "apple", "video game*", "games console*"],
    entities: ["NASA", "Microsoft", "Google", "Apple", "Sony", "Nintendo", "European Space Agency"]
  },
  sport: {
    terms: ["sport*", "football", "soccer", "rugby", "cricket", "tennis", "golf", "athlet*", "olympic*", "championship*", "tournament*", "match", "matches", "league", "cup", "coach", "striker", "goalkeeper", "midfielder", "season", "fixture*", "semi-final*", "quarter-final*", "grand slam", "world cup", "premiership", "medal*", "referee", "squad", "goal", "goals"],
    entities: ["FIFA", "UEFA", "Premier League", "International Olympic Committee", "Wimbledon"]
  },
  entertainment: {
    terms: ["film*", "movie*", "cinema*", "actor*", "actress*", "director", "box office", "oscar*", "bafta*", "grammy", "album*", "singer*", "band", "music", "chart*", "concert*", "festival*", "television", "tv show*", "comedy", "drama", "celebrit*", "hollywood", "starring", "soundtrack", "theatre", "broadway", "award*"],
    entities: ["Academy Awards", "Hollywood", "BBC One", "Netflix"]
  }
}

const THEME_NAMES = Object.keys(THEMES).sort()
const MAX_PER_TERM = 3
const MIN_DISTINCT = 2
const MIN_SCORE = 0.2

// ---------------------------------------------------------------------------------------
// Term index, built once. The text is tokenised once per call into maximal letter/digit runs
// (the words that are counted); a term can only start at a run that begins with a letter
// (the old per-term regexes had a (?<![\p{L}\p{N}]) guard), so each run is looked up in
//   EXACT   single-word exact terms, by word
//   PREFIX  single-word prefix terms, by their first PREFIX_KEY letters (then startsWith)
//   PHRASE  multi-word / hyphenated terms, by their first word (then the following runs)
// which gives the same matches, counts and evidence as one regex per term over the text.

interface Term {
  readonly theme: number // index into THEME_NAMES
  readonly evidence: string
  readonly weight: number
  readonly words: ReadonlyArray<string>
  readonly prefix: boolean // the last word is a prefix
}

const TERMS: Term[] = []
const EXACT = new Map<string, number[]>()
const PREFIX = new Map<string, number[]>()
const PHRASE = new Map<string, number[]>()
const push = (m: Map<string, number[]>, k: string, v: number): void => { const l = m.get(k); if (l === undefined) m.set(k, [v]); else l.push(v) }
const PREFIX_KEY = 4
THEME_NAMES.forEach((theme, ti) => {
  for (const term of (THEMES[theme] as ThemeDef).terms) {
    // The index relies on terms being lowercase ASCII words joined by spaces/hyphens.
    if (!/^[a-z]+(?:[ -][a-z]+)*\*?$/.test(term)) throw new Error(`themes: unsupported term "${term}"`)
    const prefix = term.endsWith("*")
    const words = (prefix ? term.slice(0, -1) : term).split(/[ -]/)
    const id = TERMS.length
    TERMS.push({ theme: ti, evidence: prefix ? term.slice(0, -1) : term, weight: words.length > 1 ? 2 : 1, words, prefix })
    const first = words[0] as string
    if (words.length > 1) push(PHRASE, first, id)
    else if (!prefix) push(EXACT, first, id)
    else if (first.length >= PREFIX_KEY) push(PREFIX, first.slice(0, PREFIX_KEY), id)
    else throw new Error(`themes: prefix term "${term}" shorter than ${PREFIX_KEY} letters`)
  }
})

// Entity cues per theme.
const ENTITY_SETS: ReadonlyArray<ReadonlySet<string>> = THEME_NAMES.map((t) => new Set((THEMES[t] as ThemeDef).entities ?? []))

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

// Case folding as the old /iu regexes did it (Unicode simple case folding): only ASCII
// letters, U+017F (long s → s) and U+212A (Kelvin sign → k) fold to the ASCII letters the
// terms are made of. Length-preserving, so offsets stay valid; other characters are kept
// as they are (they can never equal a term letter).
function fold(w: string): string {
  let ascii = true
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) > 127) { ascii = false; break }
  if (ascii) return w.toLowerCase()
  let out = ""
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i)
    out += c < 128 ? String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c) : c === 0x17f ? "s" : c === 0x212a ? "k" : w[i]
  }
  return out
}

// A run of letters/digits; group 1 = its leading letters (absent when it starts with a digit).
const RUN_RE = /(\p{L}+)[\p{L}\p{N}]*|\p{N}[\p{L}\p{N}]*/gu
const SEP_RE = /[\s-]+/y
const TAIL_RE = /[\p{L}-]*/uy

export function assignThemes(text: string, entities: ReadonlyArray<ThemeEntity>): ThemeAssignment[] {
  // Tokenise once.
  const starts: number[] = []
  const ends: number[] = []
  const words: string[] = [] // folded leading letters, "" for runs starting with a digit
  const pure: boolean[] = [] // the run is letters only
  RUN_RE.lastIndex = 0
  for (let m = RUN_RE.exec(text); m !== null; m = RUN_RE.exec(text)) {
    starts.push(m.index)
    ends.push(m.index + m[0].length)
    const letters = m[1]
    words.push(letters === undefined ? "" : fold(letters))
    pure.push(letters !== undefined && letters.length === m[0].length)
  }
  const n = words.length
  // Only whitespace/hyphens between run i and run i + 1 (phrase separators).
  const sepAfter = (i: number): boolean => {
    if (i + 1 >= n) return false
    SEP_RE.lastIndex = ends[i] as number
    return SEP_RE.test(text) && SEP_RE.lastIndex === starts[i + 1]
  }
  const tailEnd = (pos: number): number => { TAIL_RE.lastIndex = pos; TAIL_RE.test(text); return TAIL_RE.lastIndex }

  const counts = new Int32Array(TERMS.length)
  const lastEnd = new Float64Array(TERMS.length) // end of the term's last counted match
  const hit = (id: number, start: number, end: number): void => {
    // Leftmost non-overlapping matches, at most MAX_PER_TERM, as a global regex finds them.
    if ((counts[id] as number) < MAX_PER_TERM && start >= (lastEnd[id] as number)) { counts[id]!++; lastEnd[id] = end }
  }
  for (let i = 0; i < n; i++) {
    const w = words[i] as string
    if (w === "") continue
    const start = starts[i] as number
    if (pure[i] === true) { const ex = EXACT.get(w); if (ex !== undefined) for (const id of ex) hit(id, start, ends[i] as number) }
    if (w.length >= PREFIX_KEY) {
      const pr = PREFIX.get(w.slice(0, PREFIX_KEY))
      if (pr !== undefined) {
        for (const id of pr) {
          const body = (TERMS[id] as Term).words[0] as string
          if (w.startsWith(body)) hit(id, start, tailEnd(start + body.length))
        }
      }
    }
    const ph = pure[i] === true ? PHRASE.get(w) : undefined
    if (ph === undefined) continue
    for (const id of ph) {
      const t = TERMS[id] as Term
      const last = t.words.length - 1
      let j = i
      let ok = true
      for (let k = 1; k <= last && ok; k++) {
        // The previous word must be a whole run followed only by separators.
        if (!sepAfter(j)) { ok = false; break }
        j++
        const tw = t.words[k] as string
        const ww = words[j] as string
        ok = k < last || !t.prefix ? pure[j] === true && ww === tw : ww.startsWith(tw)
      }
      if (!ok) continue
      hit(id, start, t.prefix ? tailEnd((starts[j] as number) + (t.words[last] as string).length) : ends[j] as number)
    }
  }

  const raw = new Float64Array(THEME_NAMES.length)
  const evidence: Array<Set<string> | undefined> = []
  for (let id = 0; id < TERMS.length; id++) {
    const c = counts[id] as number
    if (c === 0) continue
    const t = TERMS[id] as Term
    raw[t.theme]! += c * t.weight
    ;(evidence[t.theme] ??= new Set()).add(t.evidence)
  }

  // Entity cues: distinct (canonical, type) pairs with their mention counts.
  const pairs = new Map<string, { readonly canonical: string; readonly type: string; n: number }>()
  for (const e of entities) {
    const k = e.type + "\u0000" + e.canonical
    const p = pairs.get(k)
    if (p === undefined) pairs.set(k, { canonical: e.canonical, type: e.type, n: 1 })
    else p.n++
  }
  if (pairs.size > 0) {
    THEME_NAMES.forEach((theme, ti) => {
      const def = THEMES[theme] as ThemeDef
      const set = ENTITY_SETS[ti] as ReadonlySet<string>
      const pat = def.entityPattern
      if (set.size === 0 && pat === undefined) return
      const cues = new Map<string, number>()
      for (const p of pairs.values()) {
        if (set.has(p.canonical) || (pat !== undefined && pat.types.includes(p.type) && pat.re.test(p.canonical))) cues.set(p.canonical, (cues.get(p.canonical) ?? 0) + p.n)
      }
      for (const [c, k] of cues) { raw[ti]! += 2 * Math.min(MAX_PER_TERM, k); (evidence[ti] ??= new Set()).add(`entity:${c}`) }
    })
  }

  const norm = 10 + n / 100
  const out: ThemeAssignment[] = []
  THEME_NAMES.forEach((theme, ti) => {
    const ev = evidence[ti]
    const score = (raw[ti] as number) / norm
    if (ev !== undefined && ev.size >= MIN_DISTINCT && score >= MIN_SCORE) {
      out.push({ theme, score: round4(score), evidence: [...ev].sort().slice(0, 10) })
    }
  })
  return out
}
