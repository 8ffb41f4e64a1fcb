/**
 * Benchmark corpus generator: N synthetic news articles built from the real articles of
 * ../shared/corpus/ (every body is a real article with ~10 % of its words swapped for other
 * corpus words, so no two generated bodies are the same and body lines do not look like
 * boilerplate), each assigned to one of several hundred synthetic sites (Zipf-like sizes) whose
 * pages carry per-site boilerplate with variants: headers and menus, share/login lines,
 * bylines, "READ MORE:" links, disclaimers, comment widgets, related-headline lists, footers.
 * About 1 % of records are exact re-scrapes of a recent record and about 3 % are syndicated
 * near-copies of a recent article on another site.
 *
 *   node bench/generate.ts [--n 100000] [--seed 1] [--out bench/data/n100000-s1] [--sites 500]
 *                          [--shard-size 10000] [--txt]
 *
 * Output: <out>/jsonl/part-00000.jsonl.gz … (one JSON object a line: id, source, url, title,
 * published, text), with --txt also <out>/txt/<site>/<id>.txt (title on the first line), and
 * <out>/generated.json describing what was made. Everything is a pure function of the options:
 * same options → byte-identical files (seeded PRNG, no clock, fixed gzip level).
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as readline from "node:readline"
import * as zlib from "node:zlib"

export interface GenerateOptions {
  readonly n: number
  readonly seed: number
  readonly out: string
  readonly sites: number
  readonly shardSize: number
  readonly txt: boolean
  readonly corpusDir: string
}

export const GENERATOR_VERSION = "1"
const repoRoot = path.resolve(import.meta.dirname, "..")
export const defaultCorpusDir = path.resolve(repoRoot, "../shared/corpus")

// ------------------------------------------------------------------ seeded PRNG (sfc32)

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9
    this.b = seed | 0
    this.c = stream | 0
    this.d = 1
    for (let i = 0; i < 15; i++) this.u32()
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }
  next(): number {
    return this.u32() / 4294967296
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(xs: ReadonlyArray<T>): T {
    return xs[this.int(xs.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

// ------------------------------------------------------------------ source articles

interface SourceArticle {
  readonly title: string
  readonly paragraphs: ReadonlyArray<string>
}

interface Vocabulary {
  readonly lower: ReadonlyArray<string>
  readonly upper: ReadonlyArray<string>
  readonly titles: ReadonlyArray<string>
}

const WORD_RE = /[\p{L}][\p{L}'’-]*|\d+/gu

/** Every non-empty article of every `*.jsonl.gz` under the corpus folder, in sorted path order. */
export async function loadCorpus(dir: string): Promise<{ articles: Array<SourceArticle>; vocab: Vocabulary; files: Array<string> }> {
  const files = fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(dir, d.name)).filter((f) => f.endsWith(".jsonl.gz")).map((f) => path.join(dir, d.name, f)))
    .sort()
  const articles: Array<SourceArticle> = []
  const lower: Array<string> = []
  const upper: Array<string> = []
  const titles: Array<string> = []
  for (const file of files) {
    const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity })
    for await (const line of rl) {
      if (line.trim() === "") continue
      const rec = JSON.parse(line) as { title?: string | null; text?: string | null }
      const text = (rec.text ?? "").replace(/\r\n?/g, "\n").trim()
      if (text.length < 200) continue
      const paragraphs = text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter((p) => p.length > 0)
      const title = (rec.title ?? "").trim() || paragraphs[0]!.slice(0, 80)
      articles.push({ title, paragraphs })
      if (title.length > 15 && title.length < 140) titles.push(title)
      for (const m of text.matchAll(WORD_RE)) {
        const w = m[0]
        if (/^\d/.test(w) || w.length < 2) continue
        if (/^\p{Lu}\p{Ll}/u.test(w)) upper.push(w)
        else if (/^\p{Ll}+$/u.test(w)) lower.push(w)
      }
    }
  }
  if (articles.length === 0) throw new Error(`no articles found under ${dir}`)
  return { articles, vocab: { lower, upper, titles }, files }
}

/**
 * Swaps about `rate` of the words for random corpus words of the same case (numbers for random
 * numbers of the same length), and always one of the first eight words, so a line's first-words
 * prefix differs between copies of the same source paragraph.
 */
export function mutate(text: string, rate: number, vocab: Vocabulary, rng: Rng): string {
  let idx = 0
  const forced = rng.int(8)
  return text.replace(WORD_RE, (w) => {
    const i = idx++
    if (i !== forced && !rng.chance(rate)) return w
    if (/^\d/.test(w)) {
      let s = String(1 + rng.int(9))
      for (let k = 1; k < w.length; k++) s += String(rng.int(10))
      return s
    }
    if (/^\p{Lu}/u.test(w)) return /^\p{Lu}+$/u.test(w) && w.length > 1 ? rng.pick(vocab.upper).toUpperCase() : rng.pick(vocab.upper)
    return rng.pick(vocab.lower)
  })
}

// ------------------------------------------------------------------ sites and their boilerplate

export interface Site {
  readonly host: string
  readonly name: string
  readonly header: ReadonlyArray<string>
  readonly menuSep: string
  readonly sections: ReadonlyArray<string>
  readonly shareLines: ReadonlyArray<string>
  readonly shareRate: number
  readonly bylineStyle: number
  readonly readMoreRate: number
  readonly readMoreLabel: string
  readonly disclaimers: ReadonlyArray<string>
  readonly disclaimerRate: number
  readonly newsletter: string | null
  readonly commentStyle: number
  readonly commentRate: number
  readonly loginLine: string | null
  readonly relatedHeading: string
  readonly relatedPool: ReadonlyArray<string>
  readonly relatedRate: number
  readonly footer: ReadonlyArray<string>
}

const PLACES = ["Valley", "Coast", "River", "Harbor", "Metro", "Capital", "Northern", "Southern", "Eastern", "Western", "Lake", "Mountain", "Prairie", "Bay", "Island", "County", "Central", "Highland", "Delta", "Canyon"]
const PAPERS = ["Herald", "Times", "Post", "Gazette", "Tribune", "Chronicle", "Courier", "Ledger", "Observer", "Sentinel", "Journal", "News", "Report", "Dispatch", "Record", "Press", "Star", "Express", "Monitor", "Bulletin", "Wire", "Daily", "Review", "Standard"]
const TLDS = [".com", ".com", ".com", ".net", ".org", ".co.uk", ".com.au", ".news", ".info", ".ca"]
const SECTIONS = ["Home", "News", "World", "Politics", "Business", "Health", "Science", "Tech", "Sport", "Opinion", "Culture", "Lifestyle", "Travel", "Video", "Local", "Weather", "Money", "Entertainment"]
const FIRST = ["James", "Maria", "David", "Sarah", "Michael", "Laura", "Daniel", "Emma", "Robert", "Anna", "Peter", "Julia", "Thomas", "Grace", "Ahmed", "Priya", "Chen", "Olga", "Carlos", "Fatima"]
const LAST = ["Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Lee", "Walker", "Hall", "Young", "King", "Wright", "Lopez", "Hill"]
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

const DISCLAIMER_TEMPLATES: ReadonlyArray<ReadonlyArray<string>> = [
  ["The views and opinions expressed in this article are those of the author and do not necessarily reflect the official position of {name}.", "The views expressed here are the author's own and do not necessarily reflect those of {name}.", "Opinions expressed by contributors do not necessarily reflect the views of {name}."],
  ["This article is for informational purposes only and is not intended as medical advice. Always consult your doctor.", "This content is for informational purposes only and is not intended to be medical advice.", "Information in this article is for informational purposes only; it is not intended as medical advice."],
  ["This material may not be published, broadcast, rewritten or redistributed.", "This material may not be published, broadcast, rewritten, or redistributed without permission.", "All content may not be republished or redistributed without written permission."],
  ["Some links on this page are affiliate links, and {name} may earn a commission if you buy through them.", "We may earn an affiliate commission when you buy through links on our site.", "{name} participates in affiliate programmes and may earn a commission from qualifying purchases."],
  ["Reprinted with permission from {name}. All rights reserved.", "Republished with permission of {name}.", "This story was republished with permission from {name}."]
]
const SHARE_VARIANTS: ReadonlyArray<ReadonlyArray<string>> = [
  ["Share this article", "Facebook", "Twitter", "Email"],
  ["Share on Facebook", "Share on Twitter", "Share on LinkedIn"],
  ["Share this:", "Click to share on Twitter (Opens in new window)", "Click to share on Facebook (Opens in new window)"],
  ["Tweet", "Share", "Pin it", "Print"],
  ["Follow {name} on Twitter", "Like this:"]
]
const COMMENT_STYLES = ["{n} Comments", "{n} comments", "Comments ({n})", "{n} Responses"]
const LOGIN_LINES = ["You must be logged in to post a comment. Log in", "Sign in to comment", "Log in", "Leave a Reply", "Join the conversation"]
const RELATED_HEADINGS = ["Related Articles", "You may also like", "More from {name}", "Related stories", "Recommended", "Most popular"]
const READ_MORE_LABELS = ["READ MORE:", "Read more:", "RELATED:", "See also:", "Read next:"]
const NEWSLETTERS = ["Sign up for our newsletter to get the latest news delivered to your inbox.", "Subscribe to the {name} daily briefing for the top stories every morning.", "Get our free newsletter: the news that matters, every weekday.", null, null]

export function makeSites(count: number, titles: ReadonlyArray<string>, seed: number): Array<Site> {
  const rng = new Rng(seed, 0x517e)
  const hosts = new Set<string>()
  const sites: Array<Site> = []
  while (sites.length < count) {
    const place = rng.pick(PLACES)
    const paper = rng.pick(PAPERS)
    const name = rng.chance(0.4) ? `The ${place} ${paper}` : `${place} ${paper}`
    let host = `${place}${paper}`.toLowerCase() + rng.pick(TLDS)
    if (hosts.has(host)) host = `${place}${paper}${1 + rng.int(99)}`.toLowerCase() + rng.pick(TLDS)
    if (hosts.has(host)) continue
    hosts.add(host)
    const sub = (s: string) => s.replaceAll("{name}", name)
    const sections = ["Home", ...SECTIONS.slice(1).filter(() => rng.chance(0.45))]
    const header: Array<string> = []
    if (rng.chance(0.7)) header.push(name)
    if (rng.chance(0.3)) header.push("Skip to main content")
    if (rng.chance(0.5)) header.push(rng.pick(["Subscribe | Log in", "Sign in", "Menu", "Search", "Breaking News", `${name} — independent news since ${1850 + rng.int(170)}`]))
    const disc = rng.pick(DISCLAIMER_TEMPLATES).map(sub)
    const footer: Array<string> = [
      `© {year} ${name}${rng.chance(0.5) ? " Media Group" : ""}. All rights reserved.`,
      ...(rng.chance(0.6) ? [rng.pick(["Privacy Policy | Terms of Use | Contact Us", "About Us · Advertise · Privacy Policy · Terms of Service", "Terms of Use | Privacy Policy | Cookie Settings"])] : []),
      ...(rng.chance(0.4) ? [`Follow ${name} on Facebook and Twitter`] : [])
    ]
    const pool: Array<string> = []
    for (let i = 0; i < 20 + rng.int(40); i++) pool.push(rng.pick(titles))
    const nl = rng.pick(NEWSLETTERS)
    sites.push({
      host,
      name,
      header,
      menuSep: rng.pick([" | ", " · ", " / ", "  "]),
      sections,
      shareLines: rng.pick(SHARE_VARIANTS).map(sub),
      shareRate: rng.next(),
      bylineStyle: rng.int(4),
      readMoreRate: rng.chance(0.5) ? 0.05 + rng.next() * 0.15 : 0,
      readMoreLabel: rng.pick(READ_MORE_LABELS),
      disclaimers: disc,
      disclaimerRate: rng.chance(0.6) ? 0.3 + rng.next() * 0.7 : 0,
      newsletter: nl === null ? null : sub(nl),
      commentStyle: rng.int(COMMENT_STYLES.length),
      commentRate: rng.chance(0.6) ? 0.5 + rng.next() * 0.5 : 0,
      loginLine: rng.chance(0.5) ? rng.pick(LOGIN_LINES) : null,
      relatedHeading: sub(rng.pick(RELATED_HEADINGS)),
      relatedPool: pool,
      relatedRate: rng.chance(0.6) ? 0.4 + rng.next() * 0.6 : 0,
      footer
    })
  }
  return sites
}

/** Cumulative Zipf(s = 1) weights over the sites (site i has weight 1 / (i + 1)). */
const zipfCdf = (n: number): Float64Array => {
  const cdf = new Float64Array(n)
  let sum = 0
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1)
  for (let i = 0; i < n; i++) cdf[i]! /= sum
  return cdf
}
const sampleCdf = (cdf: Float64Array, u: number): number => {
  let lo = 0
  let hi = cdf.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cdf[mid]! < u) lo = mid + 1
    else hi = mid
  }
  return lo
}

// ------------------------------------------------------------------ one article

interface Body {
  readonly title: string
  readonly paragraphs: ReadonlyArray<string>
  readonly published: string
  readonly author: string
}

const pad = (n: number, w: number) => String(n).padStart(w, "0")

/** The page text of `body` as scraped from `site`: boilerplate around and inside the body. */
export function renderPage(site: Site, body: Body, rng: Rng): string {
  const year = body.published.slice(0, 4)
  const d = new Date(body.published)
  const dateText = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${year}`
  const lines: Array<string> = [...site.header]
  if (site.sections.length > 2) lines.push(site.sections.join(site.menuSep))
  if (rng.chance(site.shareRate)) lines.push(...site.shareLines)
  switch (site.bylineStyle) {
    case 0: lines.push(`By ${body.author}`); break
    case 1: lines.push(`By ${body.author} | ${dateText}`); break
    case 2: lines.push(`Published ${dateText}`); break
    default: break
  }
  lines.push("")
  body.paragraphs.forEach((p, i) => {
    lines.push(p, "")
    if (i > 0 && i < body.paragraphs.length - 1 && rng.chance(site.readMoreRate)) {
      lines.push(`${site.readMoreLabel} ${rng.pick(site.relatedPool)}`, "")
    }
  })
  if (rng.chance(site.disclaimerRate)) lines.push(site.disclaimers[rng.int(site.disclaimers.length)]!)
  if (site.newsletter !== null && rng.chance(0.5)) lines.push(site.newsletter)
  if (rng.chance(site.commentRate)) {
    const n = rng.chance(0.4) ? 0 : Math.floor(-Math.log(1 - rng.next()) * 15)
    lines.push(COMMENT_STYLES[site.commentStyle]!.replace("{n}", String(n)))
    if (site.loginLine !== null) lines.push(site.loginLine)
  }
  if (rng.chance(site.relatedRate)) {
    lines.push(site.relatedHeading)
    const k = 3 + rng.int(4)
    for (let i = 0; i < k; i++) lines.push(rng.pick(site.relatedPool))
  }
  for (const f of site.footer) lines.push(f.replace("{year}", year))
  return lines.join("\n")
}

const randomPublished = (rng: Rng): string => {
  // 2015-01-01 .. 2024-12-31, to the minute
  const ms = Date.UTC(2015, 0, 1) + rng.int(3653 * 24 * 60) * 60_000
  return new Date(ms).toISOString().replace(".000Z", "Z")
}

// ------------------------------------------------------------------ main

export interface GenerateSummary {
  readonly generator_version: string
  readonly options: { n: number; seed: number; sites: number; shard_size: number; txt: boolean }
  readonly source_files: ReadonlyArray<string>
  readonly source_articles: number
  readonly records: number
  readonly exact_duplicates: number
  readonly near_duplicates: number
  readonly shards: ReadonlyArray<{ file: string; records: number; bytes: number; decompressed_bytes: number }>
  readonly text_bytes: number
  readonly decompressed_bytes: number
  readonly largest_sites: ReadonlyArray<{ site: string; records: number }>
}

const RECENT = 2000

export async function generate(o: GenerateOptions): Promise<GenerateSummary> {
  const { articles, vocab, files } = await loadCorpus(o.corpusDir)
  const sites = makeSites(o.sites, vocab.titles, o.seed)
  const cdf = zipfCdf(sites.length)
  const rng = new Rng(o.seed, 1)
  const jsonlDir = path.join(o.out, "jsonl")
  fs.rmSync(o.out, { recursive: true, force: true })
  fs.mkdirSync(jsonlDir, { recursive: true })
  const txtDir = path.join(o.out, "txt")
  const recent: Array<{ site: number; body: Body; title: string; text: string }> = []
  const perSite = new Uint32Array(sites.length)
  const shards: Array<{ file: string; records: number; bytes: number; decompressed_bytes: number }> = []
  let exact = 0
  let near = 0
  let textBytes = 0
  let decompressed = 0
  let buf: Array<string> = []
  const madeTxtDirs = new Set<string>()
  const flush = () => {
    if (buf.length === 0) return
    const name = `part-${pad(shards.length, 5)}.jsonl.gz`
    const raw = Buffer.from(buf.join(""), "utf8")
    const gz = zlib.gzipSync(raw, { level: 6 })
    fs.writeFileSync(path.join(jsonlDir, name), gz)
    shards.push({ file: `jsonl/${name}`, records: buf.length, bytes: gz.length, decompressed_bytes: raw.length })
    decompressed += raw.length
    buf = []
  }
  for (let i = 0; i < o.n; i++) {
    const id = `bench-${o.seed}-${pad(i, 8)}`
    const roll = rng.next()
    let siteIx: number
    let title: string
    let text: string
    let body: Body
    if (roll < 0.01 && recent.length > 0) {
      // exact re-scrape: same site, same title and page text
      const r = recent[rng.int(recent.length)]!
      siteIx = r.site
      title = r.title
      text = r.text
      body = r.body
      exact++
    } else if (roll < 0.04 && recent.length > 0) {
      // syndicated copy on another site: same story with light edits, other boilerplate
      const r = recent[rng.int(recent.length)]!
      siteIx = sampleCdf(cdf, rng.next())
      body = { ...r.body, paragraphs: r.body.paragraphs.map((p) => (rng.chance(0.2) ? mutate(p, 0.01, vocab, rng) : p)) }
      title = body.title
      text = renderPage(sites[siteIx]!, body, rng)
      near++
    } else {
      siteIx = sampleCdf(cdf, rng.next())
      const a = articles[rng.int(articles.length)]!
      body = {
        title: mutate(a.title, 0.1, vocab, rng),
        paragraphs: a.paragraphs.map((p) => mutate(p, 0.1, vocab, rng)),
        published: randomPublished(rng),
        author: `${rng.pick(FIRST)} ${rng.pick(LAST)}`
      }
      title = body.title
      text = renderPage(sites[siteIx]!, body, rng)
    }
    const site = sites[siteIx]!
    perSite[siteIx]!++
    if (recent.length < RECENT) recent.push({ site: siteIx, body, title, text })
    else recent[rng.int(RECENT)] = { site: siteIx, body, title, text }
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60)
    const section = site.sections[1 + (i % Math.max(1, site.sections.length - 1))] ?? "news"
    const url = `https://www.${site.host}/${section.toLowerCase()}/${slug}-${i}`
    buf.push(`${JSON.stringify({ id, source: site.host, url, title, published: body.published, text })}\n`)
    textBytes += Buffer.byteLength(text, "utf8")
    if (o.txt) {
      const dir = path.join(txtDir, site.host)
      if (!madeTxtDirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true })
        madeTxtDirs.add(dir)
      }
      fs.writeFileSync(path.join(dir, `${id}.txt`), `${title}\n\n${text}\n`)
    }
    if (buf.length >= o.shardSize) flush()
  }
  flush()
  const largest = [...perSite.keys()].sort((a, b) => perSite[b]! - perSite[a]! || a - b).slice(0, 10)
  const summary: GenerateSummary = {
    generator_version: GENERATOR_VERSION,
    options: { n: o.n, seed: o.seed, sites: o.sites, shard_size: o.shardSize, txt: o.txt },
    source_files: files.map((f) => path.relative(o.corpusDir, f)),
    source_articles: articles.length,
    records: o.n,
    exact_duplicates: exact,
    near_duplicates: near,
    shards,
    text_bytes: textBytes,
    decompressed_bytes: decompressed,
    largest_sites: largest.map((i) => ({ site: sites[i]!.host, records: perSite[i]! }))
  }
  fs.writeFileSync(path.join(o.out, "generated.json"), `${JSON.stringify(summary, null, 2)}\n`)
  return summary
}

export const defaultDataDir = (n: number, seed: number) => path.join(repoRoot, "bench", "data", `n${n}-s${seed}`)

const argValue = (args: ReadonlyArray<string>, name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  const n = Number(argValue(args, "--n") ?? 100_000)
  const seed = Number(argValue(args, "--seed") ?? 1)
  const opts: GenerateOptions = {
    n,
    seed,
    out: path.resolve(argValue(args, "--out") ?? defaultDataDir(n, seed)),
    sites: Number(argValue(args, "--sites") ?? 500),
    shardSize: Number(argValue(args, "--shard-size") ?? 10_000),
    txt: args.includes("--txt"),
    corpusDir: path.resolve(argValue(args, "--corpus") ?? defaultCorpusDir)
  }
  if (!(Number.isInteger(opts.n) && opts.n > 0) || !Number.isInteger(opts.seed) || !(opts.sites > 0) || !(opts.shardSize > 0)) {
    console.error("usage: node bench/generate.ts [--n N] [--seed S] [--out DIR] [--sites K] [--shard-size M] [--txt] [--corpus DIR]")
    process.exit(2)
  }
  const t0 = performance.now()
  const s = await generate(opts)
  console.error(`generated ${s.records} records (${s.exact_duplicates} exact, ${s.near_duplicates} near duplicates), ${(s.decompressed_bytes / 1e6).toFixed(1)} MB JSONL in ${s.shards.length} shard(s) → ${opts.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}
