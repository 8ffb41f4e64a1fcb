import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { extractQuantities, type QuantitySpan } from "../src/text/quantities.ts"

const CORPUS = join(import.meta.dirname, "..", "corpus")
const seed = (prefix: string): string => {
  const f = readdirSync(CORPUS).find((n) => n.startsWith(prefix))
  if (f === undefined) throw new Error(`seed ${prefix} missing`)
  return readFileSync(join(CORPUS, f), "utf8")
}

type Row = [text: string, value: number, qualifier: QuantitySpan["qualifier"], unit: string | null, object: string | null]
const rows = (t: string): Row[] => extractQuantities(t).map((q) => [q.text, q.value, q.qualifier, q.unit, q.object])
const one = (t: string): QuantitySpan => {
  const qs = extractQuantities(t)
  expect(qs, t).toHaveLength(1)
  return qs[0]!
}

describe("seed articles", () => {
  it("001: Palmyra convoy losses", () => {
    const r = rows(seed("001_"))
    expect(r).toContainEqual(["more than 80 terrorists", 80, "more_than", null, "terrorists"])
    expect(r).toContainEqual(["36 cars", 36, "exact", null, "cars"])
    expect(r).toContainEqual(["eight fuel trucks", 8, "exact", null, "fuel trucks"])
    expect(r).toContainEqual(["17 pickup trucks", 17, "exact", null, "pickup trucks"])
    // dates and ids are not quantities
    const texts = r.map((x) => x[0])
    expect(texts.some((t) => /25|29|30|112/.test(t))).toBe(false)
  })

  it("003: cruise missiles, submarines, militants, percent, miles", () => {
    const t = seed("003_")
    const r = rows(t)
    expect(r).toContainEqual(["seven cruise missiles", 7, "exact", null, "cruise missiles"])
    expect(r).toContainEqual(["two submarines", 2, "exact", null, "submarines"])
    expect(r).toContainEqual(["about 400 militants and civilians", 400, "about", null, "militants and civilians"])
    expect(r).toContainEqual(["more than 60 percent", 60, "more_than", "percent", null])
    expect(r).toContainEqual(["about 4 miles", 4, "about", "miles", null])
    expect(r).toContainEqual(["three-year siege", 3, "exact", "years", "siege"])
    expect(r).toContainEqual(["hundreds of militants", 200, "at_least", null, "militants"])
    // "since 2015", "in 2014", "1 Chicago" menu lines are not quantities
    const values = r.map((x) => x[1])
    expect(values).not.toContain(2015)
    expect(values).not.toContain(2014)
    expect(r.some((x) => x[0].includes("Chicago"))).toBe(false)
    // number offsets point at the number token alone
    const q = extractQuantities(t).find((x) => x.value === 400)!
    expect(t.slice(q.number_start, q.number_end)).toBe("400")
  })

  it("000: less than 2500 meters", () => {
    expect(rows(seed("000_"))).toContainEqual(["less than 2500 meters", 2500, "less_than", "meters", null])
  })

  it("004: over twenty airstrikes, fall of 2015 is not a count", () => {
    const r = rows(seed("004_"))
    expect(r).toContainEqual(["over twenty airstrikes", 20, "more_than", null, "airstrikes"])
    expect(r.map((x) => x[1])).not.toContain(2015)
  })

  it("002: Google+ and comment counters produce nothing odd", () => {
    const r = rows(seed("002_"))
    expect(r).toContainEqual(["more than 80 terrorists", 80, "more_than", null, "terrorists"])
    expect(r).toContainEqual(["eight fuel tankers", 8, "exact", null, "fuel tankers"])
    expect(r.every((x) => !x[0].includes("Google"))).toBe(true)
  })
})

describe("number forms", () => {
  it.each<[string, number, string | null]>([
    ["2,500 soldiers", 2500, "soldiers"],
    ["1.5 million barrels", 1_500_000, null],
    ["twenty-one guns", 21, "guns"],
    ["two hundred and fifty thousand people", 250_000, "people"],
    ["a dozen eggs", 12, "eggs"],
    ["seventeen boats", 17, "boats"],
    ["464,000 subscribers", 464_000, "subscribers"]
  ])("%s", (s, v, obj) => {
    const q = one(s)
    expect(q.value).toBe(v)
    expect(q.object).toBe(obj)
  })

  it("currencies", () => {
    expect(rows("It made $5m and £3bn, then €20 and US$2 billion.")).toEqual([
      ["$5m", 5e6, "exact", "usd", null],
      ["£3bn", 3e9, "exact", "gbp", null],
      ["€20", 20, "exact", "eur", null],
      ["US$2 billion", 2e9, "exact", "usd", null]
    ])
    expect(one("a 5 million pounds grant").unit).toBe("gbp")
    expect(one("it weighs 200 pounds").unit).toBe("pounds")
    // a following non-currency word is not the unit of a money amount
    expect(rows("from $639m year-earlier")).toEqual([["$639m", 639e6, "exact", "usd", null]])
  })

  it("percent change is not a range", () => {
    expect(rows("profits jumped 76% to $1.13bn")).toEqual([
      ["76%", 76, "exact", "percent", null],
      ["$1.13bn", 1.13e9, "exact", "usd", null]
    ])
  })

  it("ranges", () => {
    const a = one("between 10 and 20 people")
    expect([a.text, a.value, a.value_max, a.qualifier, a.object]).toEqual(["between 10 and 20 people", 10, 20, "at_least", "people"])
    const b = one("10-20 soldiers")
    expect([b.value, b.value_max]).toEqual([10, 20])
    const c = one("$5-10 million")
    expect([c.value, c.value_max, c.unit]).toEqual([5e6, 1e7, "usd"])
    expect(extractQuantities("a 3-2 win")).toEqual([])
  })

  it("vague plurals are lower bounds", () => {
    expect(rows("tens of thousands of people fled")).toEqual([["tens of thousands of people", 20_000, "at_least", null, "people"]])
    expect(one("dozens of homes").value).toBe(24)
    expect(one("thousands of refugees").value).toBe(2000)
  })

  it("qualifiers", () => {
    expect(one("no more than 5 cars").qualifier).toBe("at_most")
    expect(one("at least 12 people died").qualifier).toBe("at_least")
    expect(one("up to 30 jets").qualifier).toBe("up_to")
    expect(one("fewer than 9 ships").qualifier).toBe("less_than")
    expect(one("some 400 militants").qualifier).toBe("about")
    expect(one("100 or more people").qualifier).toBe("at_least")
    expect(one("80+ people").qualifier).toBe("at_least")
  })

  it("modifiers", () => {
    expect(rows("a 10-year-old boy")).toEqual([["10-year-old boy", 10, "exact", "years", "boy"]])
    expect(rows("a 10-mile march")).toEqual([["10-mile march", 10, "exact", "miles", "march"]])
  })
})

describe("corpus-driven cases", () => {
  it("m suffix: millions with money or a counted noun, metres otherwise", () => {
    expect(one("36m people").value).toBe(36e6)
    expect(one("£2.4m").value).toBe(2.4e6)
    expect([one("the men's 200m as he ran").value, one("the men's 200m as he ran").unit]).toEqual([200, "meters"])
    expect(one("2.5m high").unit).toBe("meters")
  })
  it("percent ranges and changes", () => {
    expect(rows("risk was 12%-19% lower")).toEqual([["12%-19%", 12, "at_least", "percent", null]])
    expect(one("About 10% to 15% of patients").value_max).toBe(15)
    expect(extractQuantities("shares rose 2% to 3%")).toHaveLength(2)
    expect(extractQuantities("Brent gained $1.32 to $44.45").map((q) => q.value)).toEqual([1.32, 44.45])
    expect(extractQuantities("from 370 to 870").map((q) => q.value_max)).toEqual([null, null])
  })
  it("phones, URLs, labels and names", () => {
    expect(extractQuantities("call +1 (646) 650 1351 or +44 (0)7841 009 252")).toEqual([])
    expect(extractQuantities("see https://x.com/?p=20107 now")).toEqual([])
    expect(extractQuantities("the sequel, Halo 2. Errera")).toEqual([])
    expect(extractQuantities("players in the RBS Six Nations Championship")).toEqual([])
    expect(extractQuantities("the England number three shirt")).toEqual([])
  })
  it("objects", () => {
    expect(one("About 49,000 Americans die every year").object).toBe("Americans")
    expect(one("given 225mg of the drug twice a day").object).toBe("drug")
    expect(one("the past two years of children in custody").object).toBe(null)
    expect(one("a 1,000-strong force").object).toBe("force")
    expect(one("the last two and a half years").value).toBe(2.5)
  })
  it("relative dates are not counts", () => {
    expect(extractQuantities("Six months ago, before the trip")).toEqual([])
  })
})

describe("not quantities", () => {
  it.each([
    "since 2015", "in 2014", "on May 25", "on the night of May 29 to 30", "at 10:30", "at 5 pm", "the 1990s",
    "the 21st century", "IL-112 transport", "COVID-19 cases", "the G20 summit", "Boeing 747 jets", "Flight 17 crashed",
    "no one knew", "one of the men", "1 Chicago", "0 Comments", "Google+ photo", "version 3.2.1"
  ])("%s", (s) => {
    expect(extractQuantities(s)).toEqual([])
  })

  it("years used as counts are counts", () => {
    expect(rows("2000 people marched")).toEqual([["2000 people", 2000, "exact", null, "people"]])
    expect(rows("the 2004 results")).toEqual([])
  })
})

describe("object phrase", () => {
  it("stops at verbs, participles and coordination with a determiner", () => {
    expect(one("17 pickup trucks equipped with mortars").object).toBe("pickup trucks")
    expect(one("two submarines launched").object).toBe("submarines")
    expect(one("about 400 militants and their families").object).toBe("militants")
    expect(one("seven cruise missiles Thursday").object).toBe("cruise missiles")
    expect(one("20 heavily armed men").object).toBe("men")
    expect(one("one surviving Hezbollah fighter was returned").object).toBe("Hezbollah fighter")
  })
  it("percent of something", () => {
    expect(one("more than 60 percent of the vote").object).toBe("vote")
    expect(one("more than 60 percent of it").object).toBe(null)
  })
})

describe("properties", () => {
  const frag = fc.constantFrom(
    " ", "  ", "\n", ", ", ". ", "-", "–", "$", "£", "%", "+", "(", ")", "2", "17", "2,500", "1.5", "2015", "10:30",
    "one", "eight", "twenty", "twenty-one", "hundred", "hundreds", "of", "a", "dozen", "million", "bn", "m", "year",
    "more than", "about", "at least", "up to", "between", "and", "to", "cars", "trucks", "militants", "percent",
    "miles", "May", "Thursday", "last week", "IL", "Google", "The", "pickup", "equipped", "armed", "or more", "é", "😀"
  )
  const textArb = fc.oneof(fc.array(frag, { maxLength: 40 }).map((a) => a.join("")), fc.string({ maxLength: 80 }))

  it("spans slice back, are sorted and non-overlapping, numbers inside spans", () => {
    fc.assert(fc.property(textArb, (t) => {
      const qs = extractQuantities(t)
      let prev = 0
      for (const q of qs) {
        expect(t.slice(q.start, q.end)).toBe(q.text)
        expect(q.start).toBeGreaterThanOrEqual(prev)
        expect(q.end).toBeGreaterThan(q.start)
        expect(q.number_start).toBeGreaterThanOrEqual(q.start)
        expect(q.number_end).toBeLessThanOrEqual(q.end)
        expect(q.number_end).toBeGreaterThan(q.number_start)
        expect(Number.isFinite(q.value)).toBe(true)
        if (q.object !== null) expect(q.text).toContain(q.object)
        prev = q.end
      }
    }), { numRuns: 2000, seed: 42 })
  })
})
