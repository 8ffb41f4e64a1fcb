import { readFileSync, readdirSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { extractDates, type DateSpan } from "../src/text/dates.ts"

const CORPUS = join(import.meta.dirname, "..", "corpus")
const seed = (prefix: string): string => {
  const f = readdirSync(CORPUS).find((n) => n.startsWith(prefix))
  if (f === undefined) throw new Error(`seed ${prefix} missing`)
  return readFileSync(join(CORPUS, f), "utf8")
}
type Row = [text: string, kind: DateSpan["kind"], resolved: string | null, resolved_end: string | null]
const rows = (t: string, pub: string | null): Row[] => extractDates(t, pub).map((d) => [d.text, d.kind, d.resolved, d.resolved_end])
const one = (t: string, pub: string | null = "2017-09-15"): Row => {
  const r = rows(t, pub)
  expect(r, t).toHaveLength(1)
  return r[0]!
}

// 2017-09-15 is a Friday (the AP story 003 ran on Thursday 2017-09-14 US time; the Friday reference exercises "on or before").
const PUB = "2017-09-15T08:00:00Z"

describe("seed articles", () => {
  it("001: May 25 and the night of May 29 to 30 (the seed uses no-break spaces)", () => {
    const r = rows(seed("001_"), "2017-06-01").map(([t, ...rest]): Row => [t.replaceAll("\u00a0", " "), ...rest])
    expect(r).toEqual([
      ["May 25", "date", "2017-05-25", null],
      ["the night of May 29 to 30", "date_range", "2017-05-29", "2017-05-30"]
    ])
  })

  it("003: weekdays, last week, since 2015, end of August, 2014", () => {
    const r = rows(seed("003_"), PUB)
    expect(r).toContainEqual(["Thursday", "weekday", "2017-09-14", null])
    expect(r).toContainEqual(["Wednesday", "weekday", "2017-09-13", null])
    expect(r).toContainEqual(["last week", "relative", "2017-09-04", "2017-09-10"])
    expect(r).toContainEqual(["Last week", "relative", "2017-09-04", "2017-09-10"])
    expect(r).toContainEqual(["since 2015", "since_year", "2015", null])
    expect(r).toContainEqual(["the end of August", "month", "2017-08", null])
    expect(r).toContainEqual(["2014", "year", "2014", null])
    // numbers that are counts are not years
    expect(r.some((x) => /400|60|three/.test(x[0]))).toBe(false)
  })

  it("004: fall of 2015, this month, tonight", () => {
    expect(rows(seed("004_"), "2017-09-15")).toEqual([
      ["fall of 2015", "season", "2015", null],
      ["this month", "relative", "2017-09", null],
      ["tonight", "relative", "2017-09-15", null],
      ["tonight", "relative", "2017-09-15", null]
    ])
  })

  it("without a publication date only absolute expressions resolve", () => {
    const r = rows(seed("003_"), null)
    expect(r).toContainEqual(["Thursday", "weekday", null, null])
    expect(r).toContainEqual(["since 2015", "since_year", "2015", null])
    expect(r).toContainEqual(["last week", "relative", null, null])
  })

  it("000 has no dates; 2500 meters is not a year", () => {
    expect(rows(seed("000_"), PUB)).toEqual([])
  })
})

describe("absolute and numeric dates", () => {
  it.each<[string, Row]>([
    ["on 2017-09-14.", ["2017-09-14", "date", "2017-09-14", null]],
    ["Sept. 14, 2017", ["Sept. 14, 2017", "date", "2017-09-14", null]],
    ["25 May 2017", ["25 May 2017", "date", "2017-05-25", null]],
    ["14/09/2017", ["14/09/2017", "date", "2017-09-14", null]],
    ["09/14/2017", ["09/14/2017", "date", "2017-09-14", null]],
    ["04/05/2017", ["04/05/2017", "date", null, null]],
    ["March 2015", ["March 2015", "month", "2015-03", null]],
    ["in mid-2015", ["mid-2015", "year", "2015", null]],
    ["from 2010-2015", ["2010-2015", "date_range", "2010", "2015"]],
    ["December 30 to January 2", ["December 30 to January 2", "date_range", "2017-12-30", "2018-01-02"]],
    ["29-30 May", ["29-30 May", "date_range", "2017-05-29", "2017-05-30"]]
  ])("%s", (s, want) => {
    expect(one(s)).toEqual(want)
  })

  it("invalid dates are rejected", () => {
    expect(rows("on 2017-02-30 and February 30", PUB)).toEqual([])
  })
})

describe("partial and relative dates", () => {
  it("nearest year for partial dates", () => {
    expect(one("December 28", "2017-01-05")[2]).toBe("2016-12-28")
    expect(one("June 10", "2017-06-01")[2]).toBe("2017-06-10")
    expect(one("in January", "2017-12-20")[2]).toBe("2018-01")
  })
  it("weekday conventions (2017-09-15 is a Friday)", () => {
    expect(one("Friday")[2]).toBe("2017-09-15")
    expect(one("last Friday")[2]).toBe("2017-09-08")
    expect(one("next Monday")[2]).toBe("2017-09-18")
    expect(one("Saturday")[2]).toBe("2017-09-09")
  })
  it.each<[string, string | null, string | null]>([
    ["yesterday", "2017-09-14", null],
    ["tomorrow", "2017-09-16", null],
    ["this week", "2017-09-11", "2017-09-17"],
    ["next week", "2017-09-18", "2017-09-24"],
    ["last month", "2017-08", null],
    ["earlier this year", "2017", null],
    ["last year", "2016", null],
    ["two weeks ago", "2017-09-01", null],
    ["3 days ago", "2017-09-12", null],
    ["last night", "2017-09-14", null]
  ])("%s", (s, r, e) => {
    const [, kind, res, end] = one(s)
    expect([kind, res, end]).toEqual(["relative", r, e])
  })
  it("a colon after the day is not a clock time", () => {
    expect(rows("next May. June 9: S&P lowers", "2017-06-01")).toEqual([
      ["next May", "month", "2018-05", null],
      ["June 9", "date", "2017-06-09", null]
    ])
    expect(rows("at May 9:30", PUB)).toEqual([])
  })
  it("capitalised counts in 'ago'", () => {
    expect(one("Six months ago, before")).toEqual(["Six months ago", "relative", "2017-03", null])
  })
  it("month boundaries across years", () => {
    expect(one("last month", "2017-01-10")[2]).toBe("2016-12")
    expect(one("last week", "2017-01-03")).toEqual(["last week", "relative", "2016-12-26", "2017-01-01"])
  })
})

describe("not dates", () => {
  it.each(["It may 5 times", "May I ask?", "2000 people marched", "more than 2000", "at 10:30", "COVID-2019",
    "IL-112", "2,015 votes", "version 1.2015", "the March on Washington was big"])("%s", (s) => {
    const r = rows(s, PUB)
    // "March on Washington": a capitalised month alone is accepted except May, so only check the others
    if (s.startsWith("the March")) expect(r.every((x) => x[1] === "month")).toBe(true)
    else expect(r).toEqual([])
  })
  it("the 2004 results stays a year; 2000 and 2003 results are years", () => {
    expect(rows("the 2004 results", PUB)).toEqual([["2004", "year", "2004", null]])
    expect(rows("restate 2000 and 2003 results", PUB).map((x) => x[0])).toEqual(["2000", "2003"])
  })
})

describe("properties", () => {
  const frag = fc.constantFrom(
    " ", "\n", ", ", ". ", "-", "–", "/", "the night of ", "May", "June", "Sept.", "August", "25", "29", "30", "2015",
    "2017-09-14", "14/09/2017", "to", "since", "last", "this", "next", "week", "month", "Thursday", "today", "ago", "two",
    "fall of", "end of", "mid-", "people", "é", "😀"
  )
  const textArb = fc.oneof(fc.array(frag, { maxLength: 40 }).map((a) => a.join("")), fc.string({ maxLength: 80 }))
  const pubArb = fc.oneof(fc.constant(null), fc.date({ min: new Date("1990-01-01"), max: new Date("2030-12-31"), noInvalidDate: true }).map((d) => d.toISOString()))
  const ISO = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/

  it("spans slice back, are sorted and non-overlapping, resolutions are ISO", () => {
    fc.assert(fc.property(textArb, pubArb, (t, pub) => {
      let prev = 0
      for (const d of extractDates(t, pub)) {
        expect(t.slice(d.start, d.end)).toBe(d.text)
        expect(d.start).toBeGreaterThanOrEqual(prev)
        expect(d.end).toBeGreaterThan(d.start)
        if (d.resolved !== null) expect(d.resolved).toMatch(ISO)
        if (d.resolved_end !== null) {
          expect(d.resolved_end).toMatch(ISO)
          expect(d.resolved).not.toBeNull()
          expect(d.resolved_end >= d.resolved!).toBe(true)
        }
        prev = d.end
      }
    }), { numRuns: 2000, seed: 7 })
  })

  it("is deterministic and independent of the clock", () => {
    const t = seed("003_")
    expect(JSON.stringify(extractDates(t, PUB))).toBe(JSON.stringify(extractDates(t, PUB)))
  })
})
