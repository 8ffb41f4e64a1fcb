import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { extractQuotes, type QuoteSpan } from "../src/text/quotes.ts"
import { splitParagraphs } from "../src/text/sentences.ts"

const root = new URL("..", import.meta.url).pathname
const seed = (name: string): string => readFileSync(join(root, "corpus", name), "utf8")

type Ent = { start: number; end: number; type: string }
// Hand-made entity spans (the NER model is built elsewhere): every occurrence of each name.
const entitiesFor = (text: string, names: ReadonlyArray<[string, string]>): Ent[] => {
  const out: Ent[] = []
  for (const [name, type] of names) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (!out.some((e) => i < e.end && i + name.length > e.start)) out.push({ start: i, end: i + name.length, type })
    }
  }
  return out.sort((a, b) => a.start - b.start)
}
const run = (text: string, ents: Ent[] = []): QuoteSpan[] => extractQuotes(text, splitParagraphs(text), ents)

const checkInvariants = (text: string, qs: QuoteSpan[]) => {
  for (const q of qs) {
    expect(q.end).toBeGreaterThan(q.start)
    if (q.speaker !== null) expect(text.slice(q.speaker.start, q.speaker.end)).toBe(q.speaker.text)
  }
  for (let i = 1; i < qs.length; i++) expect(qs[i]!.start).toBeGreaterThanOrEqual(qs[i - 1]!.end)
}

const SEED_ENTITIES: Array<[string, string]> = [
  ["Vladimir Putin", "PER"],
  ["Putin", "PER"],
  ["Russian Defence Ministry", "ORG"],
  ["Russian ministry of defense", "ORG"],
  ["U.S-led coalition", "ORG"],
  ["Igor Konashenkov", "PER"],
  ["Syria", "LOC"],
  ["Raqqa", "LOC"],
]

describe("seed articles", () => {
  for (const withEntities of [true, false]) {
    const label = withEntities ? "with entities" : "without entities"
    const ents = (t: string) => (withEntities ? entitiesFor(t, SEED_ENTITIES) : [])

    it(`000: Putin's two block statements (${label})`, () => {
      const t = seed("000_659e681281553baf.txt")
      const qs = run(t, ents(t))
      checkInvariants(t, qs)
      expect(qs).toHaveLength(2)
      expect(qs.map((q) => q.kind)).toEqual(["block", "block"])
      expect(qs[0]!.text.startsWith("The situation (in Syria) is changing dramatically")).toBe(true)
      expect(qs[0]!.text.endsWith("the ISIS-affiliated opposition.")).toBe(true)
      expect(t.slice(qs[0]!.start, qs[0]!.end).startsWith("“The situation")).toBe(true)
      expect(t.charAt(qs[0]!.end - 1)).toBe("”")
      expect(qs[0]!.speaker?.text).toBe(withEntities ? "Vladimir Putin" : "Russian President Vladimir Putin")
      expect(qs[0]!.cue).toBe("described")
      expect(qs[1]!.text.startsWith("As soon as the operation")).toBe(true)
      expect(qs[1]!.speaker?.text).toBe("Putin")
      expect(qs[1]!.cue).toBe("continued")
    })

    it(`001: the Defence Ministry's two statements (${label})`, () => {
      const t = seed("001_e5fcef48dc3650b6.txt")
      const qs = run(t, ents(t))
      checkInvariants(t, qs)
      expect(qs).toHaveLength(2)
      expect(qs.map((q) => q.kind)).toEqual(["block", "block"])
      expect(qs.map((q) => q.cue)).toEqual(["according to", "continued"])
      expect(qs[0]!.speaker?.text).toBe("Russian Defence Ministry")
      // "The statement continued," → the speaker of the previous quote, same span
      expect(qs[1]!.speaker).toEqual(qs[0]!.speaker)
      expect(qs[0]!.text.endsWith("took several routes southward")).toBe(true)
      expect(qs[1]!.text.startsWith("The Russian Aerospace Forces hit")).toBe(true)
    })

    it(`002: “Islamic States’ losses …,” the ministry added (${label})`, () => {
      const t = seed("002_44ecef475c9321df.txt")
      const qs = run(t, ents(t))
      checkInvariants(t, qs)
      expect(qs).toHaveLength(1) // "Russian’s" and "States’" open nothing
      const q = qs[0]!
      expect(q.text.startsWith("Islamic States’ losses included")).toBe(true)
      expect(q.text.endsWith("machine guns,")).toBe(true)
      expect(q.kind).toBe("direct")
      expect(q.cue).toBe("added")
      expect(q.speaker?.text).toMatch(/ministry/i)
      // "the ministry" is resolved to the earlier full name
      expect(q.speaker?.text).toBe("Russian ministry of defense")
      expect(q.speaker!.start).toBeLessThan(q.start)
    })

    it(`003: partial coalition quote (${label})`, () => {
      const t = seed("003_172cdb8d94080c13.txt")
      const qs = run(t, ents(t))
      checkInvariants(t, qs)
      expect(qs).toHaveLength(1)
      const q = qs[0]!
      expect(q.kind).toBe("partial")
      expect(q.cue).toBe("said")
      expect(q.text.startsWith("will do our utmost")).toBe(true)
      expect(q.speaker?.text).toBe("U.S-led coalition")
    })

    it(`004: no quotes (${label})`, () => {
      const t = seed("004_d9c9e31db17eb91a.txt")
      expect(run(t, ents(t))).toEqual([])
    })
  }
})

describe("synthetic cases", () => {
  it("apostrophes never open quotes", () => {
    const t = "The Russian’s have air power. Islamic States’ losses grew. The players' union and the '90s rock ’n’ roll."
    expect(run(t)).toEqual([])
  })

  it("an unbalanced quote does not swallow a later quote", () => {
    const t = "He said \"this never closes and goes on. Then “a real quote,” Smith said."
    const qs = run(t, entitiesFor(t, [["Smith", "PER"]]))
    expect(qs).toHaveLength(1)
    expect(qs[0]!.text).toBe("a real quote,")
    expect(qs[0]!.speaker?.text).toBe("Smith")
    expect(qs[0]!.cue).toBe("said")
  })

  it("an unclosed quote at the end yields nothing", () => {
    expect(run("Officials said “the talks will continue. Nothing more.\n\nA new paragraph.")).toEqual([])
  })

  it("nested single quotes stay inside the outer quote", () => {
    const t = "“He told me ‘never again’ and left,” Smith said."
    const qs = run(t, entitiesFor(t, [["Smith", "PER"]]))
    expect(qs).toHaveLength(1)
    expect(qs[0]!.text).toBe("He told me ‘never again’ and left,")
    expect(qs[0]!.speaker?.text).toBe("Smith")
  })

  it("mis-nested curly doubles pair by depth", () => {
    const t = "“They called it “a farce” in public,” the minister said."
    const qs = run(t)
    expect(qs).toHaveLength(1)
    expect(qs[0]!.text).toBe("They called it “a farce” in public,")
    expect(qs[0]!.speaker?.text).toBe("the minister")
  })

  it("multi-paragraph quotation continues while paragraphs re-open", () => {
    const t = "Smith said:\n\n“First part of it.\n\n“Second part.”\n\nOther news."
    const qs = run(t, entitiesFor(t, [["Smith", "PER"]]))
    expect(qs).toHaveLength(1)
    const q = qs[0]!
    expect(q.kind).toBe("block")
    expect(t.slice(q.start, q.end)).toBe("“First part of it.\n\n“Second part.”")
    expect(q.text).toBe("First part of it.\n\nSecond part.")
    expect(q.speaker?.text).toBe("Smith")
    expect(q.cue).toBe("said")
  })

  it("trailing 'said NAME, a spokesman'", () => {
    const t = "“We are ready,” said Bassem Aziz, a spokesman for the SDF."
    const qs = run(t)
    expect(qs).toHaveLength(1)
    expect(qs[0]!.speaker?.text).toBe("Bassem Aziz")
    expect(qs[0]!.cue).toBe("said")
    expect(qs[0]!.kind).toBe("direct")
  })

  it("leading cue with colon, straight quotes", () => {
    const t = "Aziz told reporters: \"We are about 4 miles away.\" The fighting continued."
    const qs = run(t, entitiesFor(t, [["Aziz", "PER"]]))
    expect(qs).toHaveLength(1)
    expect(qs[0]!.speaker?.text).toBe("Aziz")
    expect(qs[0]!.cue).toBe("told")
    expect(qs[0]!.kind).toBe("direct")
    expect(qs[0]!.text).toBe("We are about 4 miles away.")
  })

  it("prefers a PER entity inside a long subject", () => {
    const t = "\"The outlook is slightly better,\" BA chairman Martin Broughton said."
    const qs = run(t, entitiesFor(t, [["Martin Broughton", "PER"], ["BA", "ORG"]]))
    expect(qs[0]!.speaker?.text).toBe("Martin Broughton")
    expect(run(t)[0]!.speaker?.text).toBe("BA chairman Martin Broughton")
  })

  it("partial quote inside a sentence", () => {
    const t = "Rod Eddington said the results were \"respectable\" in a third quarter."
    const qs = run(t, entitiesFor(t, [["Rod Eddington", "PER"]]))
    expect(qs).toHaveLength(1)
    expect(qs[0]!.kind).toBe("partial")
    expect(qs[0]!.text).toBe("respectable")
    expect(qs[0]!.speaker?.text).toBe("Rod Eddington")
  })

  it("pronoun and document continuations inherit the previous speaker", () => {
    const t = "“We will win,” Putin said.\n\nHe added,\n\n“The situation is changing.”\n\nThe statement continued,\n\n“Then the next step.”"
    const qs = run(t, entitiesFor(t, [["Putin", "PER"]]))
    expect(qs).toHaveLength(3)
    expect(qs.map((q) => q.speaker?.text)).toEqual(["Putin", "Putin", "Putin"])
    expect(qs.map((q) => q.cue)).toEqual(["said", "added", "continued"])
    expect(qs[2]!.speaker!.start).toBe(t.indexOf("Putin"))
  })

  it("a quote without attribution has no speaker", () => {
    const qs = run("The sign read “Closed for repairs.” Nobody knew why.")
    expect(qs).toHaveLength(1)
    expect(qs[0]!.speaker).toBeNull()
    expect(qs[0]!.cue).toBeNull()
  })

  it("is fast on pathological quote soup", () => {
    let big = ""
    while (big.length < 500_000) big += "“a \"b ‘c’ d’s ” e\" “ f ” said X. ’ \" \n\n"
    const t0 = performance.now()
    const qs = run(big)
    expect(qs.length).toBeGreaterThan(100)
    expect(performance.now() - t0).toBeLessThan(10_000)
  })
})
