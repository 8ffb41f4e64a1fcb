/**
 * report.html: run the real pipeline (seed corpus, and a JSONL corpus with markup in a title and
 * a site name), then open the page in real headless Chromium: it must render without a single
 * console message (the page has no script, so any message is a CSP violation, a blocked fetch or
 * an error), keep every section, show the corpus markup as text, and leave a screenshot.
 */
import { execFile } from "node:child_process"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { promisify } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { renderReport } from "../src/report/render.ts"
import { esc } from "../src/report/html.ts"
import { copyCorpus, run, seedCorpus, tempDir } from "./support/pipeline.ts"

const CHROMIUM = "/usr/bin/chromium"
const hasChromium = fs.existsSync(CHROMIUM)
if (!hasChromium) console.warn(`SKIPPING the headless-Chromium report checks: ${CHROMIUM} is missing (apt-get install -y chromium)`)

const SECTIONS = ["documents", "pipeline", "boilerplate", "entities", "places", "themes", "tone", "checks"]
const EVIL_TITLE = "<script>alert(1)</script> & \"quotes\""
const EVIL_SITE = "evil<img src=x onerror=alert(2)>.example"

interface Rendered {
  readonly dom: string
  readonly consoleLines: ReadonlyArray<string>
  readonly screenshot: string
}

/** Loads a file in headless Chromium twice: once dumping the DOM, once taking a screenshot. */
const render = async (file: string, dir: string): Promise<Rendered> => {
  const base = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--hide-scrollbars"]
  const url = `file://${file}`
  const exec = promisify(execFile)
  const dump = await exec(CHROMIUM, [...base, `--user-data-dir=${tempDir("chromium-profile")}`, "--dump-dom", url], { maxBuffer: 64 << 20, timeout: 60_000 })
  const screenshot = path.join(dir, `${path.basename(file, ".html")}.png`)
  const shot = await exec(CHROMIUM, [...base, `--user-data-dir=${tempDir("chromium-profile")}`, "--window-size=1280,6000", `--screenshot=${screenshot}`, url], { maxBuffer: 64 << 20, timeout: 60_000 })
  // Chromium logs every page console message (log, error, CSP violation, uncaught exception) as CONSOLE.
  const consoleLines = `${dump.stderr}\n${shot.stderr}`.split("\n").filter((l) => l.includes(":CONSOLE"))
  return { dom: dump.stdout, consoleLines, screenshot }
}

const jsonlCorpus = (dir: string): string => {
  const corpus = path.join(dir, "dump")
  fs.mkdirSync(corpus)
  const seeds = fs.readdirSync(seedCorpus).filter((f) => f.endsWith(".txt")).sort()
  const lines = seeds.map((f, i) => {
    const [title, ...body] = fs.readFileSync(path.join(seedCorpus, f), "utf8").split("\n")
    return JSON.stringify({
      id: `seed-${i}`,
      source: i === 0 ? EVIL_SITE : "example.org",
      title: i === 0 ? EVIL_TITLE : title,
      text: body.join("\n"),
      published: `2017-09-${String(14 + (i % 3)).padStart(2, "0")}T10:00:00Z`
    })
  })
  fs.writeFileSync(path.join(corpus, "a.jsonl"), [...lines, "{not json"].join("\n") + "\n")
  return corpus
}

let seedDir: string
let seedRelease: string
let evilDir: string
let evilRelease: string

beforeAll(async () => {
  seedDir = tempDir("report-seed")
  seedRelease = (await run({ inputs: [copyCorpus(seedDir)], out: path.join(seedDir, "output") })).releaseDir
  evilDir = tempDir("report-evil")
  evilRelease = (await run({ inputs: [jsonlCorpus(evilDir)], out: path.join(evilDir, "output") })).releaseDir
})

describe("report.html", () => {
  it("is one self-contained page: no script, no external resource, listed in SHA256SUMS", () => {
    const html = fs.readFileSync(path.join(seedRelease, "report.html"), "utf8")
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true)
    // Only in-page references (url(#arrow)) are allowed.
    expect(html.match(/<script|<link|<iframe|<img|@import|url\((?!#)|src=|https?:\/\//gi)).toBeNull()
    expect(html).toContain("Content-Security-Policy")
    for (const id of SECTIONS) expect(html, id).toContain(`<section id="${id}">`)
    const sha = createHash("sha256").update(html).digest("hex")
    expect(fs.readFileSync(path.join(seedRelease, "SHA256SUMS"), "utf8")).toContain(`${sha}  report.html\n`)
  })

  it("shows the seed corpus figures and passes its data checks", () => {
    const html = fs.readFileSync(path.join(seedRelease, "report.html"), "utf8")
    const manifest = JSON.parse(fs.readFileSync(path.join(seedRelease, "manifest.json"), "utf8")) as { corpus: { total: Record<string, number> }; tables: Array<{ name: string; rows: number }> }
    expect(html).toContain(`<b>${manifest.corpus.total["records"]}</b><span>records read</span>`)
    expect(html).toMatch(/All \d+ checks passed/)
    expect(html).not.toContain("FAIL")
    // Row counts per table come from the export, as in the manifest.
    for (const t of manifest.tables) expect(html, t.name).toMatch(new RegExp(`<code>${t.name}</code></td><td>[a-z_]+</td><td class="num">${t.rows}</td>`))
    // No run facts: the page does not mention milliseconds.
    expect(html).not.toMatch(/\d\s*ms\b/)
    // Boilerplate: the seed's comment widget is reported with its rule and an example.
    expect(html).toContain("What do you think?")
    expect(html).toContain("<svg")
  })

  it("escapes corpus markup (titles, sites) and plots tone over the publication days", () => {
    const html = fs.readFileSync(path.join(evilRelease, "report.html"), "utf8")
    expect(html).not.toContain("<script>alert(1)")
    expect(html).not.toContain("<img src=x")
    expect(html).toContain(esc(EVIL_TITLE))
    expect(html).toContain(esc(EVIL_SITE))
    for (const day of ["2017-09-14", "2017-09-15", "2017-09-16"]) expect(html, day).toContain(`<td>${day}</td>`)
    expect(html).toContain("invalid_json")
  })

  it("is byte-identical for the same data", () => {
    const dir = tempDir("report-seed-again")
    return run({ inputs: [copyCorpus(dir)], out: path.join(dir, "output") }).then((s) => {
      expect(fs.readFileSync(path.join(s.releaseDir, "report.html")).equals(fs.readFileSync(path.join(seedRelease, "report.html")))).toBe(true)
    })
  })
})

describe.skipIf(!hasChromium)("report.html in headless Chromium", () => {
  it("notices console messages (negative control for the checks below)", async () => {
    const dir = tempDir("report-control")
    const file = path.join(dir, "control.html")
    fs.writeFileSync(file, "<!DOCTYPE html><html><body><p>x</p><script>console.error('control-error')</script></body></html>")
    const r = await render(file, dir)
    expect(r.consoleLines.join("\n")).toContain("control-error")
  })

  for (const which of ["seed", "evil"] as const) {
    it(`renders the ${which} report without console messages, with every section, and saves a screenshot`, async () => {
      const release = which === "seed" ? seedRelease : evilRelease
      const dir = which === "seed" ? seedDir : evilDir
      const r = await render(path.join(release, "report.html"), dir)
      expect(r.consoleLines).toEqual([])
      for (const id of SECTIONS) expect(r.dom, id).toContain(`<section id="${id}">`)
      expect((r.dom.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5)
      // The DOM Chromium built has no script element: corpus markup stayed text.
      expect(r.dom).not.toMatch(/<script/i)
      if (which === "evil") {
        expect(r.dom).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
        expect(r.dom).not.toMatch(/<img/i)
      }
      const png = fs.readFileSync(r.screenshot)
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG")
      expect(png.length).toBeGreaterThan(20_000)
      console.log(`report screenshot (${which}): ${r.screenshot}`)
    })
  }
})

describe("renderReport", () => {
  it("escapes every corpus string it is given, including in chart labels and tooltips", () => {
    const evil = "<b onmouseover='x'>\"&"
    const html = renderReport({
      pipelineVersion: "0.0.0",
      config: { note: evil },
      stages: [{ name: evil, version: "1", reads: [], writes: ["d"] }, { name: "b", version: "1", reads: ["d"], writes: [] }],
      tables: [{ name: "t", source: "d", csvRows: 1, parquetRows: 1 }],
      corpus: { records: 1, documents: 1, exactDuplicates: 0, rejected: 0, nearDuplicates: 0, kept: 1 },
      rejectReasons: [{ reason: evil, count: 1 }],
      inputFiles: [{ source_uri: evil, records: 1, documents: 1, duplicates: 0, rejected: 0 }],
      boilerplateBySite: [{ site: evil, documents: 1, lines: 1, chars: 3 }],
      boilerplateByRule: [{ rule: evil, action: "remove", lines: 1, chars: 3, examples: [evil] }],
      entityTypes: [{ type: evil, entities: 1, mentions: 1 }],
      topEntities: [{ canonical: evil, type: "PER", mentions: 1, documents: 1 }],
      places: [{ name: evil, country: evil, lat: 1, lon: 2, mentions: 1, documents: 1 }],
      themes: [{ theme: evil, documents: 1 }],
      tone: [{ day: "2020-01-01", value: -1, count: 1 }],
      undated: 0,
      toneExtremes: { negative: [{ doc_id: evil, title: evil, site: evil, published: evil, tone: 0 }], positive: [] },
      checks: [{ name: evil, ok: false, detail: evil }]
    })
    expect(html).not.toContain("<b onmouseover")
    expect(html).not.toContain("'x'")
    expect(html.split(esc(evil)).length - 1).toBeGreaterThan(15)
    expect(html).toContain("1 of 1 checks failed")
  })
})
