import { readFileSync, readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { detectLanguage } from "../src/text/language.ts"
import { tone } from "../src/text/tone.ts"
import { assignThemes } from "../src/text/themes.ts"

const seeds = readdirSync("corpus").filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(`corpus/${f}`, "utf8"))

describe("detectLanguage", () => {
  it("detects English seeds with confidence", () => {
    for (const s of seeds) {
      const r = detectLanguage(s)
      expect(r.lang).toBe("en")
      expect(r.confidence).toBeGreaterThan(0.5)
    }
  })
  it("detects German and Spanish", () => {
    expect(detectLanguage("Die Bundesregierung hat am Dienstag in Berlin neue Maßnahmen gegen die steigende Inflation beschlossen, teilte ein Sprecher mit.").lang).toBe("de")
    expect(detectLanguage("El gobierno anunció el martes nuevas medidas económicas para combatir la inflación, según informó un portavoz.").lang).toBe("es")
  })
  it("answers und for too-short text", () => {
    expect(detectLanguage("OK")).toEqual({ lang: "und", confidence: 0 })
  })
})

describe("tone", () => {
  it("has the expected signs", () => {
    expect(tone("A wonderful, happy and successful day.").tone).toBeGreaterThan(0)
    expect(tone("A terrible, violent and tragic attack killed many.").tone).toBeLessThan(0)
  })
  it("flips negated words", () => {
    expect(tone("The plan is good.").tone).toBeGreaterThan(0)
    expect(tone("The plan is not good.").tone).toBeLessThan(0)
    expect(tone("This is never a happy outcome.").tone).toBeLessThan(0)
    // Negation scope ends at the sentence.
    expect(tone("It is not over. It is good.").tone).toBeGreaterThan(0)
  })
  it("reports GDELT-style fields, rounded, per text or token list", () => {
    const r = tone("Good good bad")
    expect(r).toEqual({ positive: 66.6667, negative: 33.3333, polarity: 0.3333, tone: 33.3333, emotional_share: 100, word_count: 3 })
    expect(tone(["good", "good", "bad"])).toEqual(r)
    expect(tone("").word_count).toBe(0)
  })
  it("scores the war seeds negative overall", () => {
    expect(tone(seeds[1]!).tone).toBeLessThan(0)
  })
})

describe("assignThemes", () => {
  it("gives every seed armed_conflict and terrorism", () => {
    for (const s of seeds) {
      const ents = [...s.matchAll(/ISIS|Islamic State|\bIS\b/g)].map(() => ({ canonical: "Islamic State", type: "ORG" }))
      const themes = assignThemes(s, ents).map((t) => t.theme)
      expect(themes).toContain("armed_conflict")
      expect(themes).toContain("terrorism")
      expect(themes).not.toContain("sport")
    }
  })
  it("returns sorted themes with sorted, bounded evidence", () => {
    const r = assignThemes(seeds[0]!, [])
    expect(r.map((t) => t.theme)).toEqual([...r.map((t) => t.theme)].sort())
    for (const t of r) {
      expect(t.evidence.length).toBeLessThanOrEqual(10)
      expect(t.evidence).toEqual([...t.evidence].sort())
    }
  })
  it("finds sport and nothing military in a football report", () => {
    const r = assignThemes("The striker scored twice as the league leaders won the match, and the coach praised the squad after a long season.", [])
    expect(r.map((t) => t.theme)).toEqual(["sport"])
  })
})
