/**
 * The benchmark (`npm run bench`, issue 7). In one invocation, over the same generated corpus
 * (bench/generate.ts, reused when already generated with the same options):
 *   1. the I/O floor: read, gunzip, split and sha256 every article, nothing else;
 *   2. each stage's per-document function alone (ingest, boilerplate pass 1 and pass 2,
 *      MinHash/LSH, segment, extract and its kernels, enrich and its kernels), plus what the
 *      pipeline pays between stages (NDJSON encoding, parsing and schema validation);
 *   3. the whole pipeline, cold (a fresh process each), with 1 worker and with every core.
 * Each phase runs in its own child process, so its peak RSS is its own. Machines are noisy,
 * so the figures that matter are the ratios against the floor measured in the same run.
 *
 *   node bench/bench.ts [--n 100000] [--seed 1] [--data DIR] [--results bench/results/latest.json]
 *                       [--workers 1,N] [--rounds 1] [--detail-every 4] [--skip-stages] [--skip-pipeline]
 *                       [--keep-output] [--ceiling]
 *
 * `--rounds R` runs the pipelines R times, the worker counts in alternating order (1,N then N,1:
 * ABBA), so a VM whose speed drifts over minutes does not favour whichever ran first. The
 * speed-up is then the median of the per-round ratios (each round's runs are back to back).
 *
 * `--ceiling` (Linux, 2+ cores) adds, in each round, what the machine itself allows: the 1-worker
 * pipeline pinned to one CPU (`taskset`: a true one-core run; unpinned, V8's collector threads use
 * the other core), then two such pinned runs at once on CPUs 0 and 1, then the pinned one alone
 * again (its mean stands for "alone"). Two independent runs share no
 * work, so 2 × alone / (slower of the pair) is the best any 2-core speed-up can be here (shared caches
 * and memory bandwidth); the all-cores run is reported against the pinned run and that ceiling.
 *
 * MB here are MB (10^6 bytes) of article text (UTF-8 of the records' `text` fields), so
 * "MB/s per core" compares with the issue's target directly; the JSONL bytes are reported too.
 */
import { execFileSync, spawn } from "node:child_process"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { defaultDataDir, GENERATOR_VERSION, type GenerateSummary } from "./generate.ts"

const repoRoot = path.resolve(import.meta.dirname, "..")
const here = import.meta.filename

const argValue = (args: ReadonlyArray<string>, name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

const maxRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024)
const now = () => performance.now()

// ------------------------------------------------------------------ children (one phase each)

/** 1. I/O floor: every shard read, gunzipped, split into lines and each line hashed. */
async function floorPhase(dataDir: string) {
  const dir = path.join(dataDir, "jsonl")
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl.gz")).sort()
  const t0 = now()
  let lines = 0
  let bytes = 0
  let gzBytes = 0
  let xor = 0
  for (const f of files) {
    const input = fs.createReadStream(path.join(dir, f))
    input.on("data", (c) => { gzBytes += c.length })
    let rest: Buffer | null = null
    for await (const chunk of input.pipe(zlib.createGunzip()) as AsyncIterable<Buffer>) {
      bytes += chunk.length
      let buf: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk])
      let from = 0
      for (;;) {
        const nl = buf.indexOf(0x0a, from)
        if (nl === -1) break
        xor ^= createHash("sha256").update(buf.subarray(from, nl)).digest().readUInt32LE(0)
        lines++
        from = nl + 1
      }
      rest = from < buf.length ? buf.subarray(from) : null
      buf = Buffer.alloc(0)
    }
    if (rest !== null && rest.length > 0) {
      xor ^= createHash("sha256").update(rest).digest().readUInt32LE(0)
      lines++
    }
  }
  return { ms: now() - t0, articles: lines, jsonl_bytes: bytes, gz_bytes: gzBytes, check: xor >>> 0, max_rss_mb: maxRssMB() }
}

/** 2. Each stage's per-document function alone, timed around the call only. */
async function stagesPhase(dataDir: string, detailEvery: number) {
  const { defaultConfig } = await import("../src/config.ts")
  const { readSources } = await import("../src/io/sources.ts")
  const { ingestItem } = await import("../src/stages/ingest.ts")
  const { IdSet } = await import("../src/aggregate/id-set.ts")
  const { cleanDocument } = await import("../src/stages/dedupe.ts")
  const { NearDuplicateIndex } = await import("../src/stages/near-duplicates.ts")
  const { segmentDocument } = await import("../src/stages/segment.ts")
  const { extractDocument } = await import("../src/stages/extract.ts")
  const { enrichDocument, evidenceOf } = await import("../src/stages/enrich.ts")
  const { EntityTable } = await import("../src/aggregate/entity-table.ts")
  const { LineStats } = await import("../src/text/boilerplate/stats.ts")
  const { defaultBoilerplateConfig } = await import("../src/text/boilerplate/classify.ts")
  const { splitLines } = await import("../src/text/lines.ts")
  const { minhashSignature } = await import("../src/text/minhash.ts")
  const { tagEntities } = await import("../src/text/ner/index.ts")
  const { extractQuotes } = await import("../src/text/quotes.ts")
  const { extractQuantities } = await import("../src/text/quantities.ts")
  const { extractDates } = await import("../src/text/dates.ts")
  const { canonicalizeMentions } = await import("../src/text/entities.ts")
  const { detectLanguage } = await import("../src/text/language.ts")
  const { tone } = await import("../src/text/tone.ts")
  const { assignThemes } = await import("../src/text/themes.ts")
  const { countryHintsFor, resolvePlaces } = await import("../src/text/places.ts")
  const D = await import("../src/datasets.ts")
  const { Schema } = await import("effect")

  const inputs = [path.join(dataDir, "jsonl")]
  const limits = defaultConfig.limits
  const bp = { ...defaultBoilerplateConfig, ...defaultConfig.boilerplate }
  const t: Record<string, number> = {}
  const add = (k: string, ms: number) => { t[k] = (t[k] ?? 0) + ms }
  const timed = <A>(k: string, f: () => A): A => {
    const s = now()
    const r = f()
    add(k, now() - s)
    return r
  }
  // Warm the lazily loaded models (NER, gazetteers) outside the timings: load time is reported apart.
  const warm0 = now()
  tagEntities("Warm up in London with Acme Corp.", [{ start: 0, end: 33 }])
  resolvePlaces(["London"], { countryHints: [] })
  detectLanguage("This is a short English sentence to warm the language model up.")
  const modelLoadMs = now() - warm0

  // Pass 1: read + ingest + boilerplate line statistics.
  const stats = new LineStats()
  let seen = new IdSet()
  let seq = 0
  let docs = 0
  let textChars = 0
  const p1 = now()
  let tPrev = now()
  for await (const item of readSources(inputs, limits)) {
    add("read_parse", now() - tPrev)
    const out = timed("ingest", () => ingestItem(item, seq++, seen))
    if (out.doc !== null) {
      const doc = out.doc
      timed("boilerplate_pass1", () => stats.addDocument(doc.site, splitLines(doc.text)))
      docs++
      textChars += doc.text.length
    }
    tPrev = now()
  }
  const pass1Ms = now() - p1

  // Pass 2: the rest, per document, on a re-read of the corpus (re-ingest untimed).
  const codecs = {
    documents: Schema.decodeUnknownSync(D.Documents.schema),
    clean: Schema.decodeUnknownSync(D.CleanDocuments.schema),
    segments: Schema.decodeUnknownSync(D.Segments.schema),
    extractions: Schema.decodeUnknownSync(D.Extractions.schema),
    enriched: Schema.decodeUnknownSync(D.EnrichedDocs.schema)
  }
  // What a dataset hop costs: encode to NDJSON, parse back, validate against the schema.
  const hop = (k: string, value: unknown, decode: (u: unknown) => unknown) => {
    const s = now()
    const line = JSON.stringify(value)
    const parsed: unknown = JSON.parse(line)
    add(`hop_json_${k}`, now() - s)
    const s2 = now()
    decode(parsed)
    add(`hop_validate_${k}`, now() - s2)
    return line.length
  }
  const nd = new NearDuplicateIndex(defaultConfig.near_duplicates.threshold)
  const entities = new EntityTable()
  seen = new IdSet()
  seq = 0
  let i = 0
  let sampled = 0
  const hopChars: Record<string, number> = {}
  const p2 = now()
  for await (const item of readSources(inputs, limits)) {
    const out = ingestItem(item, seq++, seen)
    if (out.doc === null) continue
    const doc = out.doc
    const detail = i++ % detailEvery === 0
    const [clean] = timed("boilerplate_pass2", () => cleanDocument(doc, stats, bp))
    timed("minhash_lsh", () => nd.add(clean.doc_id, clean.published, clean.text))
    const seg = timed("segment", () => segmentDocument(clean))
    const ext = timed("extract", () => extractDocument(clean, seg))
    const enr = timed("enrich", () => enrichDocument(clean, seg, ext, undefined))
    timed("entity_table", () => entities.add(evidenceOf(enr)))
    if (detail) {
      sampled++
      // Kernels inside extract and enrich, on 1 document in `detailEvery`.
      timed("d_minhash_signature", () => minhashSignature(clean.text))
      const spans = seg.sentences.map((s) => ({ start: s.char_start, end: s.char_end }))
      const ents = timed("d_ner", () => tagEntities(clean.text, spans))
      const paras = seg.paragraphs.map((p) => ({ start: p.char_start, end: p.char_end }))
      timed("d_quotes", () => extractQuotes(clean.text, paras, ents))
      timed("d_quantities", () => extractQuantities(clean.text))
      timed("d_dates", () => extractDates(clean.text, clean.published))
      const canon = timed("d_entities_canonical", () =>
        canonicalizeMentions(clean.text, ext.mentions.map((m) => ({ start: m.char_start, end: m.char_end, text: m.text, type: m.type }))))
      timed("d_places", () => {
        const locs = [...new Set(canon.filter((_, k) => ext.mentions[k]!.type === "LOC").map((c) => c.canonical))]
        const hints = countryHintsFor(ext.mentions.filter((m) => m.type === "LOC" || m.type === "MISC").map((m) => m.text))
        return resolvePlaces(locs, { countryHints: hints })
      })
      timed("d_language", () => detectLanguage(clean.text))
      timed("d_tone", () => [tone(clean.text), ...seg.sentences.map((s) => tone(s.text))])
      timed("d_themes", () => assignThemes(clean.text, canon.map((c) => ({ canonical: c.canonical, type: c.type }))))
      for (const [k, v, dec] of [
        ["documents", doc, codecs.documents],
        ["clean_documents", clean, codecs.clean],
        ["segments", seg, codecs.segments],
        ["extractions", ext, codecs.extractions],
        ["enriched", enr, codecs.enriched]
      ] as const) hopChars[k] = (hopChars[k] ?? 0) + hop(k, v, dec as (u: unknown) => unknown)
    }
  }
  const pass2Ms = now() - p2
  const links = timed("minhash_links", () => nd.links().length)
  const entityRows = timed("entity_rows", () => entities.rows().length)
  return {
    docs,
    text_chars: textChars,
    sampled_docs: sampled,
    detail_every: detailEvery,
    model_load_ms: modelLoadMs,
    pass1_ms: pass1Ms,
    pass2_ms: pass2Ms,
    times_ms: t,
    hop_chars_sampled: hopChars,
    duplicate_links: links,
    entities: entityRows,
    max_rss_mb: maxRssMB()
  }
}

/** 3. The whole pipeline, as `npm start` runs it, into a fresh folder. */
async function pipelinePhase(dataDir: string, outDir: string, workers: number | null) {
  const { Effect } = await import("effect")
  const { defaultConfig } = await import("../src/config.ts")
  const { Files } = await import("../src/runtime/files.ts")
  const { runPipeline } = await import("../src/run.ts")
  const hasWorkers = "workers" in defaultConfig
  const config = {
    ...defaultConfig,
    inputs: [path.join(dataDir, "jsonl")],
    out: outDir,
    ...(hasWorkers && workers !== null ? { workers } : {})
  }
  const t0 = now()
  const summary = await Effect.runPromise(runPipeline(config).pipe(Effect.provide(Files.layer)))
  const ms = now() - t0
  // The same run again on the same output folder: every stage comes from the cache.
  const t1 = now()
  const warm = await Effect.runPromise(runPipeline(config).pipe(Effect.provide(Files.layer)))
  const warmMs = now() - t1
  return {
    ms,
    warm_ms: warmMs,
    warm_cache_hits: warm.stages.filter((st) => st.cache === "hit").length,
    pipeline_millis: summary.millis,
    workers_key_supported: hasWorkers,
    workers: hasWorkers ? (config as { workers?: number }).workers ?? null : null,
    stages: summary.stages.map((s) => ({ stage: s.stage, millis: s.millis, rows: s.rows })),
    release: summary.release,
    max_rss_mb: maxRssMB()
  }
}

// ------------------------------------------------------------------ parent

/** Runs a phase in a fresh child; `cpu` pins it (and its threads) to that one CPU (Linux `taskset`). */
const runChild = (args: ReadonlyArray<string>, cpu?: number): Promise<{ result: any; wallMs: number }> =>
  new Promise((resolve, reject) => {
    const t0 = now()
    const command = cpu === undefined ? [process.execPath, here, ...args] : ["taskset", "-c", String(cpu), process.execPath, here, ...args]
    const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (d) => { out += d })
    child.on("error", reject)
    child.on("close", (code) => {
      const wallMs = now() - t0
      if (code !== 0) return reject(new Error(`child ${args.join(" ")} exited with ${code}`))
      const last = out.trim().split("\n").at(-1) ?? ""
      try {
        resolve({ result: JSON.parse(last), wallMs })
      } catch {
        reject(new Error(`child ${args.join(" ")} printed no JSON result: ${out.slice(-500)}`))
      }
    })
  })

const ensureData = async (n: number, seed: number, dataDir: string): Promise<{ summary: GenerateSummary; generatedMs: number | null }> => {
  const file = path.join(dataDir, "generated.json")
  const matches = (s: GenerateSummary) =>
    s.generator_version === GENERATOR_VERSION && s.options.n === n && s.options.seed === seed && s.options.txt &&
    s.shards.every((sh) => fs.existsSync(path.join(dataDir, sh.file)) && fs.statSync(path.join(dataDir, sh.file)).size === sh.bytes)
  if (fs.existsSync(file)) {
    const s = JSON.parse(fs.readFileSync(file, "utf8")) as GenerateSummary
    if (matches(s)) return { summary: s, generatedMs: null }
  }
  const t0 = now()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "generate.ts"), "--n", String(n), "--seed", String(seed), "--out", dataDir, "--txt"], { stdio: "inherit" })
    child.on("error", reject)
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))))
  })
  return { summary: JSON.parse(fs.readFileSync(file, "utf8")) as GenerateSummary, generatedMs: now() - t0 }
}

/** The code measured: git commit and whether the tree had local changes (null outside a git checkout). */
const codeVersion = (): { commit: string | null; dirty: boolean | null } => {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== ""
    return { commit, dirty }
  } catch {
    return { commit: null, dirty: null }
  }
}

const r1 = (x: number) => Math.round(x * 10) / 10
const r2 = (x: number) => Math.round(x * 100) / 100
const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return r2(s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2)
}
/** 1-worker time over all-cores time, per round (runs of one round are back to back). */
const speedups = (runs: ReadonlyArray<{ round: number; workers_requested: number; seconds: number }>, cores: number): Array<number> => {
  const out: Array<number> = []
  for (const round of new Set(runs.map((p) => p.round))) {
    const one = runs.find((p) => p.round === round && p.workers_requested === 1)
    const all = runs.find((p) => p.round === round && p.workers_requested === cores)
    if (one && all && one !== all) out.push(r2(one.seconds / all.seconds))
  }
  return out
}
const r3 = (x: number) => Math.round(x * 1000) / 1000

async function main() {
  const args = process.argv.slice(2)
  const child = argValue(args, "--child")
  const dataArg = argValue(args, "--data")
  if (child !== undefined) {
    const dataDir = path.resolve(dataArg!)
    const result = child === "floor"
      ? await floorPhase(dataDir)
      : child === "stages"
      ? await stagesPhase(dataDir, Number(argValue(args, "--detail-every") ?? 4))
      : await pipelinePhase(dataDir, path.resolve(argValue(args, "--out")!), argValue(args, "--workers") === undefined ? null : Number(argValue(args, "--workers")))
    process.stdout.write(`${JSON.stringify(result)}\n`)
    // Worker threads or open handles must not keep a finished child alive.
    process.exit(0)
  }

  const n = Number(argValue(args, "--n") ?? 100_000)
  const seed = Number(argValue(args, "--seed") ?? 1)
  const cores = os.availableParallelism()
  const workerCounts = (argValue(args, "--workers") ?? `1,${cores}`).split(",").map(Number).filter((w, k, a) => w >= 1 && a.indexOf(w) === k)
  const detailEvery = Number(argValue(args, "--detail-every") ?? 4)
  const rounds = Math.max(1, Number(argValue(args, "--rounds") ?? 1))
  const dataDir = path.resolve(dataArg ?? defaultDataDir(n, seed))
  const resultsFile = path.resolve(argValue(args, "--results") ?? path.join(repoRoot, "bench", "results", "latest.json"))
  const log = (s: string) => console.log(s)

  log(`broadsheet bench: n=${n} seed=${seed} data=${path.relative(process.cwd(), dataDir) || "."} cores=${cores} node=${process.version}`)
  const { summary: gen, generatedMs } = await ensureData(n, seed, dataDir)
  const textMB = gen.text_bytes / 1e6
  log(`corpus: ${gen.records} records, ${r1(textMB)} MB text, ${r1(gen.decompressed_bytes / 1e6)} MB JSONL, ${r1(gen.shards.reduce((a, s) => a + s.bytes, 0) / 1e6)} MB gz` +
    (generatedMs === null ? " (reused)" : ` (generated in ${r1(generatedMs / 1000)} s)`))

  const rate = (ms: number) => ({ seconds: r2(ms / 1000), articles_per_s: Math.round(gen.records / (ms / 1000)), mb_per_s: r2(textMB / (ms / 1000)) })

  const floor = (await runChild(["--child", "floor", "--data", dataDir])).result
  if (floor.articles !== gen.records) throw new Error(`floor read ${floor.articles} articles, generator wrote ${gen.records}`)
  const floorRate = rate(floor.ms)
  log(`\n(a) I/O floor (read + gunzip + sha256 per article, 1 thread): ${floorRate.seconds} s, ${floorRate.articles_per_s} articles/s, ${floorRate.mb_per_s} MB/s, peak RSS ${floor.max_rss_mb} MB`)

  let stages: any = null
  if (!args.includes("--skip-stages")) {
    const st = (await runChild(["--child", "stages", "--data", dataDir, "--detail-every", String(detailEvery)])).result
    const tm = st.times_ms as Record<string, number>
    const scale = st.docs / Math.max(1, st.sampled_docs)
    const main: Array<[string, number]> = [
      ["read+parse JSONL (readSources)", tm["read_parse"] ?? 0],
      ["ingest (normalise, content id)", tm["ingest"] ?? 0],
      ["boilerplate pass 1 (line stats)", tm["boilerplate_pass1"] ?? 0],
      ["boilerplate pass 2 (classify, clean)", tm["boilerplate_pass2"] ?? 0],
      ["near-duplicates (MinHash + LSH add)", (tm["minhash_lsh"] ?? 0) + (tm["minhash_links"] ?? 0)],
      ["segment", tm["segment"] ?? 0],
      ["extract (NER, quotes, numbers, dates)", tm["extract"] ?? 0],
      ["enrich (+ entity table)", (tm["enrich"] ?? 0) + (tm["entity_table"] ?? 0) + (tm["entity_rows"] ?? 0)]
    ]
    const hopKeys = Object.keys(tm).filter((k) => k.startsWith("hop_")).sort()
    const hopJson = hopKeys.filter((k) => k.startsWith("hop_json_")).reduce((a, k) => a + tm[k]! * scale, 0)
    const hopValidate = hopKeys.filter((k) => k.startsWith("hop_validate_")).reduce((a, k) => a + tm[k]! * scale, 0)
    const kernelTotal = main.reduce((a, [, ms]) => a + ms, 0)
    const detail = Object.keys(tm).filter((k) => k.startsWith("d_")).sort().map((k) => [k.slice(2), tm[k]! * scale] as [string, number])
    log(`\n(b) stages alone, 1 thread, ${st.docs} documents (models loaded in ${Math.round(st.model_load_ms)} ms, not counted):`)
    log(`    ${"stage".padEnd(40)} ${"s".padStart(7)} ${"art/s".padStart(8)} ${"MB/s".padStart(7)} ${"share".padStart(6)}  x floor`)
    for (const [name, ms] of main) {
      const r = rate(ms)
      log(`    ${name.padEnd(40)} ${String(r.seconds).padStart(7)} ${String(r.articles_per_s).padStart(8)} ${String(r.mb_per_s).padStart(7)} ${`${r1((100 * ms) / kernelTotal)}%`.padStart(6)}  ${r2(ms / floor.ms)}`)
    }
    const tr = rate(kernelTotal)
    log(`    ${"sum of stage functions".padEnd(40)} ${String(tr.seconds).padStart(7)} ${String(tr.articles_per_s).padStart(8)} ${String(tr.mb_per_s).padStart(7)} ${"100%".padStart(6)}  ${r2(kernelTotal / floor.ms)}`)
    log(`    kernels (estimated from 1 document in ${detailEvery}):`)
    for (const [name, ms] of detail) log(`      ${name.padEnd(38)} ${String(r2(ms / 1000)).padStart(7)} s  ${`${r1((100 * ms) / kernelTotal)}%`.padStart(6)} of the stage sum`)
    log(`    dataset hops (estimated): JSON encode+parse ${r2(hopJson / 1000)} s, schema validation ${r2(hopValidate / 1000)} s ` +
      `(${r1((100 * (hopJson + hopValidate)) / kernelTotal)}% on top of the stage sum); peak RSS ${st.max_rss_mb} MB`)
    stages = {
      documents: st.docs,
      model_load_ms: Math.round(st.model_load_ms),
      detail_every: detailEvery,
      stages: Object.fromEntries(main.map(([name, ms]) => [name, { ...rate(ms), share: r3(ms / kernelTotal), vs_floor: r2(ms / floor.ms) }])),
      sum: { ...tr, vs_floor: r2(kernelTotal / floor.ms) },
      kernels_estimated: Object.fromEntries(detail.map(([k, ms]) => [k, { seconds: r2(ms / 1000), share_of_stage_sum: r3(ms / kernelTotal) }])),
      dataset_hops_estimated: {
        json_seconds: r2(hopJson / 1000),
        validate_seconds: r2(hopValidate / 1000),
        by_key_seconds: Object.fromEntries(hopKeys.map((k) => [k, r2((tm[k]! * scale) / 1000)]))
      },
      duplicate_links: st.duplicate_links,
      entities: st.entities,
      max_rss_mb: st.max_rss_mb
    }
  }

  const pipelines: Array<any> = []
  // (d) run after each round's pipelines, so each ratio compares runs minutes apart at most.
  const withCeiling = args.includes("--ceiling") && !args.includes("--skip-pipeline")
  if (withCeiling && (cores < 2 || process.platform !== "linux")) throw new Error("--ceiling needs Linux (taskset) and at least 2 cores")
  const ceilings: Array<{ round: number; pinned_seconds: number; pinned_before_after: [number, number]; pair_seconds: [number, number]; ceiling: number; speedup_vs_pinned: number | null }> = []
  /** One cold pipeline run in a child, into a fresh temporary folder (removed unless --keep-output). */
  const pipelineChild = async (workers: number, cpu?: number) => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `broadsheet-bench-w${workers}${cpu === undefined ? "" : `-cpu${cpu}`}-`))
    try {
      return await runChild(["--child", "pipeline", "--data", dataDir, "--out", outDir, "--workers", String(workers)], cpu)
    } finally {
      if (!args.includes("--keep-output")) fs.rmSync(outDir, { recursive: true, force: true })
    }
  }
  const pinned = async (cpu: number) => (await pipelineChild(1, cpu)).wallMs / 1000
  const ceilingRound = async (round: number) => {
    // Alone before and after the pair (ABA): the mean cancels a VM that speeds up or slows down
    // steadily over the minutes the three take.
    const before = await pinned(0)
    const pair = await Promise.all([pinned(0), pinned(1)])
    const after = await pinned(0)
    const alone = (before + after) / 2
    const ceiling = r2((2 * alone) / Math.max(...pair))
    const all = pipelines.find((p) => p.round === round && p.workers_requested === cores)
    const speedup = all ? r2(alone / all.seconds) : null
    ceilings.push({ round, pinned_seconds: r2(alone), pinned_before_after: [r2(before), r2(after)], pair_seconds: [r2(pair[0]!), r2(pair[1]!)], ceiling, speedup_vs_pinned: speedup })
    log(`    (d) round ${round + 1}, what 2 cores allow: 1 worker pinned to one CPU ${r2(before)} s before and ${r2(after)} s after two of them at once (CPUs 0, 1), which took ${r2(pair[0]!)} s and ${r2(pair[1]!)} s → ceiling ${ceiling}×` +
      (speedup === null ? "" : `; ${cores} workers against one CPU: ${speedup}× (${r2(speedup / ceiling)} of the ceiling)`))
  }

  if (!args.includes("--skip-pipeline")) {
    log(`\n(c) whole pipeline, cold (fresh process), ${gen.records} records${rounds > 1 ? `, ${rounds} rounds` : ""}:`)
    const order = Array.from({ length: rounds }, (_, round) => (round % 2 === 0 ? workerCounts : [...workerCounts].reverse()).map((w) => ({ w, round })))
    for (const [k, { w, round }] of order.flat().entries()) {
      const { result: p, wallMs } = await pipelineChild(w)
      const r = rate(wallMs)
      const label = p.workers_key_supported ? `workers=${w}` : "default (no `workers` config key yet)"
      pipelines.push({
        round,
        workers_requested: w,
        workers: p.workers,
        workers_key_supported: p.workers_key_supported,
        ...r,
        mb_per_s_per_core: r2(r.mb_per_s / Math.min(w, cores)),
        in_process_seconds: r2(p.ms / 1000),
        warm_rerun_seconds: r2(p.warm_ms / 1000),
        warm_rerun_vs_cold: r2(p.warm_ms / p.ms),
        warm_rerun_cache_hits: p.warm_cache_hits,
        vs_floor: r2(wallMs / floor.ms),
        max_rss_mb: p.max_rss_mb,
        stages: p.stages
      })
      log(`    ${rounds > 1 ? `round ${round + 1} ` : ""}${label.padEnd(16)} ${r.seconds} s wall (incl. process start), ${r.articles_per_s} articles/s, ${r.mb_per_s} MB/s (${r2(r.mb_per_s / Math.min(w, cores))} MB/s per core), peak RSS ${p.max_rss_mb} MB, ${r2(wallMs / floor.ms)}× the floor`)
      log(`      re-run with nothing changed: ${r2(p.warm_ms / 1000)} s = ${r2(p.warm_ms / p.ms)}× the cold run (${p.warm_cache_hits} stages from the cache)`)
      log(`      stages (ms, overlapping when they run concurrently): ${p.stages.map((s: any) => `${s.stage} ${s.millis}`).join(", ")}`)
      if (withCeiling && (k + 1) % workerCounts.length === 0) await ceilingRound(round)
    }
  }
  const perRound = speedups(pipelines, cores)
  if (perRound.length > 0) log(`    speed-up ${cores} workers / 1 worker: ${perRound.map((x) => `${x}×`).join(", ")}${perRound.length > 1 ? ` (median ${median(perRound)}×)` : ""}`)

  // With several rounds, the run of median time (the faster of two) stands for its worker count.
  const typical = (w: number) => {
    const runs = pipelines.filter((p) => p.workers_requested === w).sort((a, b) => a.seconds - b.seconds)
    return runs[(runs.length - 1) >> 1]
  }
  const one = typical(1)
  const all = typical(cores)
  const results = {
    benchmark_version: 1,
    run: { finished_at: new Date().toISOString(), host: os.hostname(), cpus: cores, cpu_model: os.cpus()[0]?.model ?? null, node: process.version, total_mem_gb: r1(os.totalmem() / 2 ** 30), ...codeVersion() },
    corpus: {
      n: gen.records,
      seed,
      generator_version: gen.generator_version,
      exact_duplicates: gen.exact_duplicates,
      near_duplicates: gen.near_duplicates,
      text_mb: r2(textMB),
      jsonl_mb: r2(gen.decompressed_bytes / 1e6),
      gz_mb: r2(gen.shards.reduce((a, s) => a + s.bytes, 0) / 1e6),
      generated_seconds: generatedMs === null ? null : r2(generatedMs / 1000)
    },
    floor: { ...floorRate, max_rss_mb: floor.max_rss_mb },
    stages,
    pipeline: pipelines,
    ceiling: ceilings,
    ratios: {
      pipeline_1_worker_vs_floor: one ? r2(one.seconds / floorRate.seconds) : null,
      pipeline_all_cores_vs_floor: all ? r2(all.seconds / floorRate.seconds) : null,
      speedup_all_cores_vs_1: perRound.length > 0 ? median(perRound) : null,
      speedup_per_round: perRound,
      speedup_all_cores_vs_1_cpu: ceilings.length > 0 && ceilings.every((c) => c.speedup_vs_pinned !== null) ? median(ceilings.map((c) => c.speedup_vs_pinned!)) : null,
      two_core_ceiling: ceilings.length > 0 ? median(ceilings.map((c) => c.ceiling)) : null,
      stage_sum_vs_floor: stages ? stages.sum.vs_floor : null,
      pipeline_1_worker_vs_stage_sum: one && stages ? r2(one.seconds / stages.sum.seconds) : null,
      warm_rerun_vs_cold: one ? one.warm_rerun_vs_cold : null
    }
  }
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true })
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`)
  log(`\nratios: ${Object.entries(results.ratios).map(([k, v]) => `${k}=${v}`).join(", ")}`)
  log(`figures written to ${path.relative(process.cwd(), resultsFile)}`)
}

await main()
