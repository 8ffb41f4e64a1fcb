import { describe, expect, it } from "vitest"
import { addAcronyms, joinHyphenated, joinParticleNames, splitTrailingCountry } from "../src/text/mention-repair.ts"

const span = (text: string, w: string, type = "LOC", from = 0) => {
  const start = text.indexOf(w, from)
  return { start, end: start + w.length, text: w, type, confidence: 1 }
}

describe("joinHyphenated", () => {
  it("joins a name split at a hyphen after a particle, and keeps two hyphenated countries apart", () => {
    const t = "advancing on both Raqqa and Deir ez-Zor Russia found, near the Syria-Lebanon border, Al-Masdar News reports"
    const out = joinHyphenated(t, [span(t, "Deir ez"), span(t, "Zor Russia"), span(t, "Syria"), span(t, "Lebanon"), span(t, "Al", "ORG"), span(t, "Masdar News", "ORG")])
    expect(out.map((s) => s.text)).toEqual(["Deir ez-Zor", "Russia", "Syria", "Lebanon", "Al-Masdar News"])
    for (const s of out) expect(t.slice(s.start, s.end)).toBe(s.text)
  })
})

describe("joinParticleNames", () => {
  it("joins a person's name cut at its particles and takes particles before a surname; leaves ordinary words and other types", () => {
    const t = "tries through Albert van den Bergh and Rush, while van den Bergh gained; to do Smith a favour; Real de Madrid"
    const out = joinParticleNames(t, [span(t, "Albert", "PER"), span(t, "Bergh", "PER"), span(t, "Rush", "PER"), span(t, "Bergh", "PER", t.indexOf("while")),
      span(t, "Smith", "PER"), span(t, "Real", "ORG"), span(t, "Madrid", "LOC")])
    expect(out.map((s) => `${s.text}:${s.type}`)).toEqual(["Albert van den Bergh:PER", "Rush:PER", "van den Bergh:PER", "Smith:PER", "Real:ORG", "Madrid:LOC"])
    for (const s of out) expect(t.slice(s.start, s.end)).toBe(s.text)
    const u = "the letters of ibn Saud were read"
    expect(joinParticleNames(u, [span(u, "Saud", "PER")]).map((s) => s.text)).toEqual(["ibn Saud"])
  })
})

describe("addAcronyms", () => {
  it("adds alias-table acronyms in ordinary text, not in shouted lines or inside other spans", () => {
    const t = "IS militants made another attempt. The IS lost more than 80 terrorists. READ MORE IS NOW. The SAA and ISIS advance."
    const existing = [span(t, "ISIS", "ORG")]
    const out = addAcronyms(t, existing, (start, end, type) => ({ start, end, text: t.slice(start, end), type, confidence: 0.9 }))
    expect(out.map((s) => `${s.text}@${s.start}`)).toEqual([`IS@0`, `IS@${t.indexOf("IS lost")}`, `SAA@${t.indexOf("SAA")}`, `ISIS@${t.indexOf("ISIS")}`])
  })
})

describe("splitTrailingCountry", () => {
  it("splits a place run into a following country, but not a country's own name", () => {
    const t = "Deir ez-Zor Russia found it; Papua New Guinea; New York"
    const out = splitTrailingCountry([span(t, "Deir ez-Zor Russia"), span(t, "Papua New Guinea"), span(t, "New York")])
    expect(out.map((s) => s.text)).toEqual(["Deir ez-Zor", "Russia", "Papua New Guinea", "New York"])
    for (const s of out) expect(t.slice(s.start, s.end)).toBe(s.text)
  })

  it("keeps a country after a particle inside the name", () => {
    const t = "at the Stade de France; the Bank of England"
    expect(splitTrailingCountry([span(t, "Stade de France"), span(t, "Bank of England")]).map((s) => s.text)).toEqual(["Stade de France", "Bank of England"])
  })
})
