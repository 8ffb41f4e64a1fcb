import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { type Span, splitParagraphs, splitSentences } from "../src/text/sentences.ts"

interface Rule {
  readonly id: number
  readonly text: string
  readonly expected: ReadonlyArray<string>
}
const root = new URL("..", import.meta.url).pathname
const golden = JSON.parse(readFileSync(join(root, "test/fixtures/golden-rules.json"), "utf8")) as {
  readonly licence: string
  readonly rules: ReadonlyArray<Rule>
}
const sents = (t: string, s?: number, e?: number): string[] =>
  splitSentences(t, s, e).map((x) => t.slice(x.start, x.end))

// Score reached when this test was written; a regression below it fails the build.
const MIN_GOLDEN_PASS = 47
// #18 ("At 5 a.m. Mr. Smith … at 6 P.M. Mr. Smith") is xfail in pySBD too: it needs syntax.
const KNOWN_FAILURES = [18]

describe("Golden Rules (English, 48)", () => {
  const failures = golden.rules.filter((r) => JSON.stringify(sents(r.text)) !== JSON.stringify(r.expected))
  const pass = golden.rules.length - failures.length

  it("has 48 rules with provenance and licence", () => {
    expect(golden.rules).toHaveLength(48)
    expect(golden.licence).toMatch(/MIT/)
  })
  it(`passes at least ${MIN_GOLDEN_PASS}/48 (best JS library: 34/48)`, () => {
    if (failures.length > 0) {
      console.log(`Golden Rules ${pass}/48; failing: ${failures.map((f) => `#${f.id} ${JSON.stringify(sents(f.text))}`).join("; ")}`)
    }
    expect(pass).toBeGreaterThanOrEqual(MIN_GOLDEN_PASS)
    expect(failures.map((f) => f.id).filter((id) => !KNOWN_FAILURES.includes(id))).toEqual([])
  })
  it("beats plain Intl.Segmenter", () => {
    const icu = new Intl.Segmenter("en", { granularity: "sentence" })
    const icuPass = golden.rules.filter((r) =>
      JSON.stringify([...icu.segment(r.text)].map((s) => s.segment.trim()).filter(Boolean)) ===
        JSON.stringify(r.expected)
    ).length
    expect(pass).toBeGreaterThan(icuPass)
  })
})

describe("news sentences", () => {
  const cases: Array<[string, string[]]> = [
    [
      "Ministry spokesman Maj. Gen. Igor Konashenkov told reporters later that the missiles hit the targets. Russia has provided military backing since 2015.",
      [
        "Ministry spokesman Maj. Gen. Igor Konashenkov told reporters later that the missiles hit the targets.",
        "Russia has provided military backing since 2015.",
      ],
    ],
    [
      "U.S.-backed Syrian forces are meanwhile advancing. Aziz said they are about 4 miles away.",
      ["U.S.-backed Syrian forces are meanwhile advancing.", "Aziz said they are about 4 miles away."],
    ],
    [
      "The coalition said it “will do our utmost to ensure that (IS) terrorists do not move.” The U.S. said it did not strike the convoy.",
      [
        "The coalition said it “will do our utmost to ensure that (IS) terrorists do not move.”",
        "The U.S. said it did not strike the convoy.",
      ],
    ],
    [
      "“The Russian Aerospace Forces hit the detected targets.” It is not fully clear why.",
      ["“The Russian Aerospace Forces hit the detected targets.”", "It is not fully clear why."],
    ],
    [
      "“Are you sure?” he asked. “Yes,” she said.",
      ["“Are you sure?” he asked.", "“Yes,” she said."],
    ],
    [
      "Sen. John McCain met Gov. Jerry Brown in St. Louis on Jan. 5. They talked for an hour.",
      ["Sen. John McCain met Gov. Jerry Brown in St. Louis on Jan. 5.", "They talked for an hour."],
    ],
    [
      "J. R. R. Tolkien wrote the book. He died in 1973.",
      ["J. R. R. Tolkien wrote the book.", "He died in 1973."],
    ],
    [
      "Growth was 3.5 percent in the U.K. The Bank of England held rates. Mr. Carney spoke.",
      ["Growth was 3.5 percent in the U.K.", "The Bank of England held rates.", "Mr. Carney spoke."],
    ],
    [
      "Apple Inc. and Microsoft Corp. reported results, e.g. revenue vs. costs. No. 5 was first.",
      ["Apple Inc. and Microsoft Corp. reported results, e.g. revenue vs. costs.", "No. 5 was first."],
    ],
    [
      "The outlook is bright... The ministry disagreed.",
      ["The outlook is bright...", "The ministry disagreed."],
    ],
    [
      "Russian cruise missiles POUND ISIS target\nThe Russian Navy has launched missiles.",
      ["Russian cruise missiles POUND ISIS target", "The Russian Navy has launched missiles."],
    ],
    [
      "He wrote in The Sun. \"That's something we have to fix,\" he said.",
      ["He wrote in The Sun.", "\"That's something we have to fix,\" he said."],
    ],
    [
      "Published in the International Journal of Radiation Oncology • Biology • Physics. The study found more.",
      [
        "Published in the International Journal of Radiation Oncology • Biology • Physics.",
        "The study found more.",
      ],
    ],
  ]
  for (const [text, expected] of cases) {
    it(JSON.stringify(text.slice(0, 60)), () => expect(sents(text)).toEqual(expected))
  }
})

const seedDir = join(root, "corpus")
const seeds = readdirSync(seedDir).filter((f) => f.endsWith(".txt")).sort()

const checkCover = (text: string, range: Span, spans: Span[]) => {
  let prev = range.start
  for (const s of spans) {
    expect(s.start).toBeGreaterThanOrEqual(prev)
    expect(s.end).toBeGreaterThan(s.start)
    expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim())
    // only whitespace between consecutive spans
    expect(text.slice(prev, s.start).trim()).toBe("")
    prev = s.end
  }
  expect(prev).toBeLessThanOrEqual(range.end)
  expect(text.slice(prev, range.end).trim()).toBe("")
}

describe("seed articles", () => {
  it("paragraphs and sentences are ordered, trimmed and cover all text", () => {
    for (const f of seeds) {
      const text = readFileSync(join(seedDir, f), "utf8")
      const paras = splitParagraphs(text)
      checkCover(text, { start: 0, end: text.length }, paras)
      for (const p of paras) checkCover(text, p, splitSentences(text, p.start, p.end))
      checkCover(text, { start: 0, end: text.length }, splitSentences(text))
    }
  })
  it("ranged calls equal splitting the slice on its own", () => {
    for (const f of seeds) {
      const text = readFileSync(join(seedDir, f), "utf8")
      for (const p of splitParagraphs(text)) {
        const sub = text.slice(p.start, p.end)
        const a = splitSentences(text, p.start, p.end).map((s) => [s.start - p.start, s.end - p.start])
        const b = splitSentences(sub).map((s) => [s.start, s.end])
        expect(a).toEqual(b)
      }
    }
  })
  it("splits the Konashenkov and U.S.-backed paragraphs of file 003 correctly", () => {
    const text = readFileSync(join(seedDir, "003_172cdb8d94080c13.txt"), "utf8")
    const all = sents(text)
    expect(all).toContain(
      "Ministry spokesman Maj. Gen. Igor Konashenkov told reporters later that intelligence showed the missiles hit the targets southeast of Deir el-Zour, destroying a command center, a communications hub, an ammunition depot and an unspecified number of IS fighters.",
    )
    expect(all).toContain(
      "U.S.-backed Syrian forces are meanwhile advancing in the surrounding province from the east and north, on the other side of the river.",
    )
    expect(all).toContain("The U.S. said it did not strike the convoy itself because of the presence of civilians.")
  })
  it("file 000: headline and the Putin block quote", () => {
    const text = readFileSync(join(seedDir, "000_659e681281553baf.txt"), "utf8")
    const paras = splitParagraphs(text)
    expect(text.slice(paras[0]!.start, paras[0]!.end)).toBe("Russian cruise missiles POUND ISIS target in Deir ez-Zor")
    const all = sents(text)
    expect(all).toContain("I hope that our partners will follow through with their effort in Raqqa.")
    expect(all).toContain("Putin continued,")
  })
})

describe("paragraphs", () => {
  it("blank lines separate; list-item lines stand alone", () => {
    const t = "Intro line one\ncontinues here.\n\n\n  • first item\n  • second item\nOutro.\n\n1. Alpha\n2) Beta\n- gamma\n* delta\n-5 degrees is cold"
    const got = splitParagraphs(t).map((p) => t.slice(p.start, p.end))
    expect(got).toEqual([
      "Intro line one\ncontinues here.",
      "• first item",
      "• second item",
      "Outro.",
      "1. Alpha",
      "2) Beta",
      "- gamma",
      "* delta",
      "-5 degrees is cold",
    ])
  })
  it("handles CRLF and whitespace-only input", () => {
    expect(splitParagraphs("  \n \r\n")).toEqual([])
    const t = "A b.\r\n\r\nC d."
    expect(splitParagraphs(t).map((p) => t.slice(p.start, p.end))).toEqual(["A b.", "C d."])
    expect(splitSentences("   ")).toEqual([])
  })
})

describe("performance", () => {
  it("stays linear on pathological input", () => {
    const parts = ["a. ", "Mr. ", ". . . ", "U.S. ", "1. ", "• ", "“", "x\n\n", "I. "]
    let big = ""
    while (big.length < 1_000_000) big += parts.join("") + "Word word. "
    const t0 = performance.now()
    const n = splitSentences(big).length
    const paras = splitParagraphs(big)
    const dt = performance.now() - t0
    expect(n).toBeGreaterThan(1000)
    expect(paras.length).toBeGreaterThan(1000)
    // linear code does this in well under a second; a quadratic pass would take minutes
    expect(dt).toBeLessThan(5000)
  })
})
