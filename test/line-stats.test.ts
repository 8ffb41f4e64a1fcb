import { readFileSync, readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { classifyDocument } from "../src/text/boilerplate/classify.ts"
import { LineStats } from "../src/text/boilerplate/stats.ts"
import { splitLines } from "../src/text/lines.ts"

// The seeds (one site) plus the committed mini-site fixture (another): repeated and unique lines.
const corpus = [
  ...readdirSync(new URL("../corpus/", import.meta.url)).filter((f) => f.endsWith(".txt")).sort()
    .map((f) => ({ site: "seeds", lines: splitLines(readFileSync(new URL(`../corpus/${f}`, import.meta.url), "utf8")), title: true })),
  ...(JSON.parse(readFileSync(new URL("./fixtures/boilerplate/mini-site.json", import.meta.url), "utf8")) as { site: string; docs: Array<{ text: string }> })
    .docs.map((d, i) => ({ site: i % 2 === 0 ? "mini-a" : "mini-b", lines: splitLines(d.text), title: false }))
]

describe("line statistics: the classifier's view", () => {
  const full = new LineStats()
  for (const d of corpus) full.addDocument(d.site, d.lines)
  const view = LineStats.fromJSON(JSON.parse(JSON.stringify(full.classifierView())))

  it("holds only lines seen in two or more documents, a fraction of the table", () => {
    expect(view.entries).toBeGreaterThan(0)
    expect(view.entries).toBeLessThan(full.entries / 2)
    expect(view.documents).toBe(full.documents)
  })

  it("answers every lookup the classifier makes exactly as the full table does", () => {
    const asked: Array<[string, number]> = []
    const recording = new Proxy(full, {
      get: (t, p) => (p === "lookup" ? (site: string, key: number) => (asked.push([site, key]), t.lookup(site, key)) : Reflect.get(t, p, t))
    })
    for (const d of corpus) {
      const a = classifyDocument(d.lines, d.site, recording, d.title)
      const b = classifyDocument(d.lines, d.site, view, d.title)
      expect(b).toEqual(a)
    }
    expect(asked.length).toBeGreaterThan(100)
    for (const [site, key] of asked) expect(view.lookup(site, key)).toEqual(full.lookup(site, key))
  })

  it("survives a round trip through JSON as a view", () => {
    const again = LineStats.fromJSON(JSON.parse(JSON.stringify(view.toJSON())))
    expect(again.toJSON()).toEqual(view.toJSON())
    expect(again.toJSON().singletons_dropped).toBe(true)
  })
})
