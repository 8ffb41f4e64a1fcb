// Small, documented theme taxonomy (GDELT-GKG-like but coarse) using keyword/phrase lists
// plus entity cues.
//
// Matching: case-insensitive on word boundaries; a trailing "*" makes a term a prefix
// ("terror*" matches terrorist, terrorism). Each term counts at most 3 occurrences (so one
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

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

// One compiled regex per term, built once.
const COMPILED: ReadonlyMap<string, ReadonlyArray<{ readonly term: string; readonly re: RegExp; readonly weight: number }>> = new Map(
  THEME_NAMES.map((theme) => [
    theme,
    (THEMES[theme] as ThemeDef).terms.map((term) => {
      const prefix = term.endsWith("*")
      const body = escapeRe(prefix ? term.slice(0, -1) : term).replace(/[ -]/g, "[\\s-]+")
      return { term, re: new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? "[\\p{L}-]*" : "(?![\\p{L}\\p{N}])"}`, "giu"), weight: /[ -]/.test(term) ? 2 : 1 }
    })
  ])
)

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

export function assignThemes(text: string, entities: ReadonlyArray<ThemeEntity>): ThemeAssignment[] {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).length
  const norm = 10 + words / 100
  const out: ThemeAssignment[] = []
  for (const theme of THEME_NAMES) {
    const def = THEMES[theme] as ThemeDef
    let raw = 0
    const evidence = new Set<string>()
    for (const { term, re, weight } of COMPILED.get(theme) ?? []) {
      re.lastIndex = 0
      let n = 0
      while (n < MAX_PER_TERM && re.exec(text) !== null) n++
      if (n > 0) { raw += n * weight; evidence.add(term.replace(/\*$/, "")) }
    }
    const cues = new Map<string, number>()
    for (const e of entities) {
      const hit = def.entities?.includes(e.canonical) === true ||
        (def.entityPattern !== undefined && def.entityPattern.types.includes(e.type) && def.entityPattern.re.test(e.canonical))
      if (hit) cues.set(e.canonical, (cues.get(e.canonical) ?? 0) + 1)
    }
    for (const [c, n] of cues) { raw += 2 * Math.min(MAX_PER_TERM, n); evidence.add(`entity:${c}`) }
    const score = raw / norm
    if (evidence.size >= MIN_DISTINCT && score >= MIN_SCORE) {
      out.push({ theme, score: round4(score), evidence: [...evidence].sort().slice(0, 10) })
    }
  }
  return out
}
