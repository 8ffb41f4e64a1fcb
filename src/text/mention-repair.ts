/**
 * Small, explainable repairs of tagger output before linking:
 * - a name the tokenizer split at a hyphen ("Deir ez" + "-Zor", "Al" + "-Masdar News") is one name,
 *   but two countries joined by a hyphen ("Syria-Lebanon border") stay two;
 * - a place run into a following country with no comma ("… and Deir ez-Zor Russia found …") is two places;
 * - a person's name cut at its particles ("Albert" + "van den" + "Bergh") is one name;
 * - acronyms listed in the alias table (IS, SAA, SDF …) are mentions even where a statistical
 *   tagger hesitates (an all-caps "IS" looks like the verb), when written in capitals inside
 *   ordinary mixed-case text.
 */
import aliases from "./data/aliases.json" with { type: "json" }
import { type EntitySpan, tagEntities } from "./ner/index.ts"
import { NAME_PARTICLE } from "./ner/newswire.ts"
import { countryHintsFor } from "./places.ts"

export interface SpanLike {
  readonly start: number
  readonly end: number
  readonly text: string
  readonly type: string
  readonly confidence: number
}

const PARTICLE = /\b(?:ez|el|al|as|ad|ash|ar|an|at|az|ul|bin|ibn|abu|abd|de|du|la|le)$/i
const isCountry = (s: string) => countryHintsFor([s]).length > 0

export const joinHyphenated = <S extends SpanLike>(text: string, spans: ReadonlyArray<S>): Array<S> => {
  const out: Array<S> = []
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!
    const m = /^-[\p{L}][\p{L}'’]*/u.exec(text.slice(s.end, s.end + 40))
    const particle = PARTICLE.test(s.text)
    const capital = m !== null && /^-\p{Lu}/u.test(m[0]) && !(isCountry(s.text) && isCountry(m[0].slice(1)))
    if (m === null || !(particle || capital)) {
      out.push(s)
      continue
    }
    let end = s.end + m[0].length
    const next = spans[i + 1]
    if (next !== undefined && next.start < end) {
      // The tagger labelled the part after the hyphen on its own ("Zor Russia", "Masdar News"):
      // take it, unless what follows the hyphen word is a country of its own.
      const rest = text.slice(end, next.end).trim()
      if (rest !== "" && isCountry(rest)) {
        out.push({ ...s, end, text: text.slice(s.start, end) })
        out.push({ ...next, start: next.end - rest.length, text: rest })
      } else {
        end = Math.max(end, next.end)
        out.push({ ...s, end, text: text.slice(s.start, end) })
      }
      i++
      continue
    }
    out.push({ ...s, end, text: text.slice(s.start, end) })
  }
  return out
}

/** Splits LOC spans that end in a country name they are not part of ("Deir ez-Zor Russia"). */
export const splitTrailingCountry = <S extends SpanLike>(spans: ReadonlyArray<S>): Array<S> =>
  spans.flatMap((s) => {
    if (s.type !== "LOC" || isCountry(s.text)) return [s]
    const m = /^(.+\S)\s+(\p{Lu}[\p{L}]+)$/u.exec(s.text)
    // a country after a particle is part of the name ("Stade de France", "Tour de France")
    if (m === null || !isCountry(m[2]!)) return [s]
    const before = /(\S+)$/.exec(m[1]!)![1]!
    if (before === "of" || NAME_PARTICLE.has(before)) return [s]
    const head = m[1]!
    const tailStart = s.start + s.text.length - m[2]!.length
    return [{ ...s, end: s.start + head.length, text: head }, { ...s, start: tailStart, text: m[2]! }]
  })

// Particles that open a surname written without its first name ("while van den Bergh gained"): every name particle
// but those that are ordinary words too ("to do Smith a favour", "la", "le", "ten").
const ORDINARY_WORDS = new Set(["do", "la", "le", "ten", "ter", "al", "el", "ben", "des", "dal", "da"])
const SURNAME_OPENERS = new Set([...NAME_PARTICLE].filter((w) => !ORDINARY_WORDS.has(w)))

/**
 * A person's name the tagger cut at its particles is one name: "Albert" + "van den" + "Bergh" joined, and "van den"
 * before a surname ("while van den Bergh gained") taken into it.
 */
export const joinParticleNames = <S extends SpanLike>(text: string, spans: ReadonlyArray<S>): Array<S> => {
  const out: Array<S> = []
  for (let i = 0; i < spans.length; i++) {
    let s = spans[i]!
    if (s.type === "PER") {
      const prev = out.at(-1)
      const gap = prev !== undefined ? text.slice(prev.end, s.start) : ""
      const words = gap.trim().split(/\s+/)
      if (prev !== undefined && prev.type === "PER" && /^ \S.* $/.test(gap) && words.every((w) => NAME_PARTICLE.has(w))) {
        out[out.length - 1] = { ...prev, end: s.end, text: text.slice(prev.start, s.end) }
        continue
      }
      const before = /(?:^|[^\p{L}'’-])((?:\p{Ll}+ )+)$/u.exec(text.slice(Math.max(0, s.start - 24), s.start))
      if (before !== null) {
        const ps = before[1]!.trim().split(" ")
        // the particles only, from the first opener on ("while van den" → "van den")
        const k = ps.findIndex((w) => SURNAME_OPENERS.has(w))
        if (k >= 0 && ps.slice(k).every((w) => NAME_PARTICLE.has(w))) {
          const take = ps.slice(k).join(" ").length + 1
          const start = s.start - take
          if (prev === undefined || prev.end <= start) s = { ...s, start, text: text.slice(start, s.end) }
        }
      }
    }
    out.push(s)
  }
  return out
}

interface AliasEntry {
  readonly canonical: string
  readonly type?: string
  readonly aliases: ReadonlyArray<string>
}

// Acronyms of the alias table: two to six capitals (digits allowed after the first letter).
const ACRONYMS: ReadonlyMap<string, string> = new Map(
  (aliases as { entities: ReadonlyArray<AliasEntry> }).entities.flatMap((e) =>
    [e.canonical, ...e.aliases].filter((a) => /^[A-Z][A-Z0-9]{1,5}$/.test(a)).map((a) => [a, e.type ?? "ORG"] as const)
  )
)

const WORD = /[\p{L}\p{N}]+/gu
const isAllCaps = (w: string) => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w)

/** Adds alias-table acronyms not yet covered by a span; the result is sorted and non-overlapping. */
export const addAcronyms = <S extends SpanLike>(text: string, spans: ReadonlyArray<S>, make: (start: number, end: number, type: string) => S): Array<S> => {
  const words = [...text.matchAll(WORD)]
  const added: Array<S> = []
  let j = 0
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!
    const type = ACRONYMS.get(w[0])
    if (type === undefined) continue
    const start = w.index
    const end = start + w[0].length
    // Only inside ordinary text: an all-caps neighbour means a shouted headline or a label.
    const prev = words[k - 1]?.[0]
    const next = words[k + 1]?.[0]
    if ((prev !== undefined && isAllCaps(prev) && prev.length > 1) || (next !== undefined && isAllCaps(next) && next.length > 1)) continue
    while (j < sorted.length && sorted[j]!.end <= start) j++
    if (j < sorted.length && sorted[j]!.start < end) continue
    added.push(make(start, end, type))
  }
  return [...sorted, ...added].sort((a, b) => a.start - b.start)
}

/**
 * The entity mentions of a text as the extract stage reports them: the tagger over the given
 * sentence spans, then the repairs above. Sorted by start, non-overlapping.
 */
export const documentEntities = (text: string, sentences: ReadonlyArray<{ readonly start: number; readonly end: number }>): Array<EntitySpan> =>
  addAcronyms(text, splitTrailingCountry(joinParticleNames(text, joinHyphenated(text, tagEntities(text, sentences)))), (start, end, type) => ({
    start,
    end,
    text: text.slice(start, end),
    type: type as EntitySpan["type"],
    confidence: 0.9
  }))
