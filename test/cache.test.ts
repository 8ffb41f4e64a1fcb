/**
 * Reproducible releases under real conditions: the stage cache, config changes, incremental
 * runs, a run killed with SIGKILL at several points, and two runs at once on one folder.
 */
import { spawn, spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { defaultBoilerplateConfig } from "../src/text/boilerplate/classify.ts"
import { verifyReleaseAsync } from "../src/release/verify.ts"
import { copyCorpus, releaseFiles, repoRoot, run, seedCorpus, tempDir } from "./support/pipeline.ts"

const cacheOf = (summary: Awaited<ReturnType<typeof run>>) => Object.fromEntries(summary.stages.map((s) => [s.stage, s.cache]))
const rowsOf = (summary: Awaited<ReturnType<typeof run>>, stage: string) => summary.stages.find((s) => s.stage === stage)!.rows

const expectSameRelease = (a: string, b: string) => {
  const fa = releaseFiles(a)
  const fb = releaseFiles(b)
  expect([...fb.keys()]).toEqual([...fa.keys()])
  for (const [name, bytes] of fa) expect(fb.get(name)!.equals(bytes), name).toBe(true)
}

describe("stage cache", () => {
  it("reuses every stage when nothing changed, and re-runs only what a config change touches", async () => {
    const dir = tempDir("cache")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const cold = await run({ inputs: [corpus], out, workers: 1 })
    expect(Object.values(cacheOf(cold)).filter((c) => c === "hit")).toEqual([])
    const warm = await run({ inputs: [corpus], out, workers: 1 })
    for (const s of warm.stages) expect(`${s.stage}:${s.cache}`).toBe(`${s.stage}:${s.stage === "release" || s.stage === "report" ? "off" : "hit"}`)
    expect(warm.releaseDir).toBe(cold.releaseDir)

    // A near-duplicate threshold only concerns that stage; its output (no clusters) does not change.
    const nd = await run({ inputs: [corpus], out, workers: 1, near_duplicates: { threshold: 0.5 } })
    const c = cacheOf(nd)
    expect([c["ingest"], c["dedupe"], c["segment"], c["extract"]]).toEqual(["hit", "hit", "hit", "hit"])
    expect(c["near-duplicates"]).toBe("miss")

    // A boilerplate threshold re-runs dedupe and, since the clean text changes (no byline is lifted), what follows it.
    const bp = await run({ inputs: [corpus], out, workers: 1, boilerplate: { ...defaultBoilerplateConfig, metadataMaxWords: 0 } as unknown as Record<string, number> })
    const b = cacheOf(bp)
    expect(b["ingest"]).toBe("hit")
    expect(b["dedupe"]).toBe("miss")
    expect(b["export-csv"]).toBe("miss")
  })

  it("selects stages with --from, --to, --only and --force", async () => {
    const dir = tempDir("select")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    // --to: only what segment needs, and no release.
    const to = await run({ inputs: [corpus], out, workers: 1 }, { to: "segment" })
    expect(to.stages.map((s) => s.stage).sort()).toEqual(["dedupe", "ingest", "segment"])
    expect(to.release).toBe("")
    expect(fs.readdirSync(out).filter((n) => n.startsWith("release-"))).toEqual([])
    // --only extract: its inputs come from the cache of the run above.
    const only = await run({ inputs: [corpus], out, workers: 1 }, { only: ["extract"], to: "extract" })
    expect(cacheOf(only)).toEqual({ ingest: "hit", dedupe: "hit", segment: "hit", extract: "miss" })
    // --only alone stops after the selected stages too: nothing downstream runs and no release is published.
    const onlyAlone = await run({ inputs: [corpus], out, workers: 1 }, { only: ["extract"] })
    expect(cacheOf(onlyAlone)).toEqual({ ingest: "hit", dedupe: "hit", segment: "hit", extract: "hit" })
    expect(onlyAlone.release).toBe("")
    // --only on a stage whose inputs were never computed is an error, not a silent run.
    await expect(run({ inputs: [corpus], out: path.join(dir, "empty"), workers: 1 }, { only: ["extract"] })).rejects.toThrow(/no cached output/)
    const full = await run({ inputs: [corpus], out, workers: 1 })
    // --from dedupe: dedupe and everything after it do their work again; ingest is reused.
    const from = await run({ inputs: [corpus], out, workers: 1 }, { from: "dedupe" })
    const f = cacheOf(from)
    expect(f["ingest"]).toBe("hit")
    for (const s of ["dedupe", "segment", "extract", "enrich", "export-csv", "export-parquet"]) expect(f[s], s).toBe("miss")
    expect(from.releaseDir).toBe(full.releaseDir)
    const forced = await run({ inputs: [corpus], out, workers: 1 }, { force: true })
    expect(Object.values(cacheOf(forced)).filter((c) => c === "hit")).toEqual([])
    await expect(run({ inputs: [corpus], out, workers: 1 }, { from: "nope" })).rejects.toThrow(/unknown stage/)
  })

  it("does per-document work only for new documents and ends with the bytes of a cold run", async () => {
    const dir = tempDir("incremental")
    const corpus = path.join(dir, "corpus")
    fs.mkdirSync(path.join(corpus, "theduran"), { recursive: true })
    fs.mkdirSync(path.join(corpus, "wire"), { recursive: true })
    for (const f of fs.readdirSync(seedCorpus).filter((f) => f.endsWith(".txt"))) fs.copyFileSync(path.join(seedCorpus, f), path.join(corpus, "theduran", f))
    const out = path.join(dir, "output")
    await run({ inputs: [corpus], out, workers: 2, worker_min_documents: 0 })
    // A new article from another site arrives.
    fs.writeFileSync(
      path.join(corpus, "wire", "new.txt"),
      "Talks resume in Geneva\n\nDiplomats from Russia and the United States met in Geneva on Monday to discuss a ceasefire in Syria.\n\n" +
        "The talks, hosted by the United Nations, are expected to last three days, officials said.\n"
    )
    const inc = await run({ inputs: [corpus], out, workers: 2, worker_min_documents: 0 })
    expect(rowsOf(inc, "extract")).toEqual({ extractions: 6, reused: 5 })
    expect(rowsOf(inc, "segment")).toEqual({ segments: 6, reused: 5 })
    expect(rowsOf(inc, "dedupe")["reused"]).toBe(5)
    // An article in a folder that sorts first shifts every document's position: still reused.
    fs.mkdirSync(path.join(corpus, "agency"))
    fs.writeFileSync(path.join(corpus, "agency", "first.txt"), "Aid convoy reaches Homs\n\nA United Nations convoy reached Homs on Tuesday with food for 40,000 people, officials said.\n")
    const first = await run({ inputs: [corpus], out, workers: 2, worker_min_documents: 0 })
    expect(rowsOf(first, "extract")).toEqual({ extractions: 7, reused: 6 })
    const cold = await run({ inputs: [corpus], out: path.join(dir, "cold"), workers: 1 })
    expect(rowsOf(cold, "extract")).toEqual({ extractions: 7, reused: 0 })
    expectSameRelease(first.releaseDir, cold.releaseDir)
  })
})

describe("cache off", () => {
  it("keeps nothing for later runs and gives the same release", async () => {
    const dir = tempDir("nocache")
    const corpus = copyCorpus(dir)
    const off = await run({ inputs: [corpus], out: path.join(dir, "off"), workers: 2, worker_min_documents: 0, cache: false })
    expect(new Set(Object.values(cacheOf(off)))).toEqual(new Set(["off"]))
    const kept = (sub: string) => {
      const d = path.join(dir, "off", ".cache", sub)
      return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f !== "last.json") : []
    }
    expect(kept("stages")).toEqual([])
    expect(kept("documents")).toEqual([])
    const on = await run({ inputs: [corpus], out: path.join(dir, "on"), workers: 1 })
    expectSameRelease(on.releaseDir, off.releaseDir)
  })
})

describe("release files in the cache", () => {
  it("are linked, not copied, and a release file edited in place is never restored from the cache", async () => {
    const dir = tempDir("linked")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const first = await run({ inputs: [corpus], out, workers: 1 })
    const csv = path.join(first.releaseDir, "documents.csv")
    const good = fs.readFileSync(csv)
    expect(fs.statSync(csv).nlink).toBeGreaterThan(1)
    fs.appendFileSync(csv, "tampered,row\n")
    // The cache's copy is the same file: its recorded hash no longer matches, so the stage runs.
    const again = await run({ inputs: [corpus], out, workers: 1 })
    expect(cacheOf(again)["export-csv"]).toBe("miss")
    const named = await run({ inputs: [corpus], out, workers: 1, release: "fresh" })
    expect(cacheOf(named)["export-csv"]).toBe("hit")
    expect(fs.readFileSync(path.join(named.releaseDir, "documents.csv")).equals(good)).toBe(true)
  })

  it("keep datasets as zstd NDJSON, and a damaged or older-layout cached dataset runs its stage again", async () => {
    const dir = tempDir("zstd")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const first = await run({ inputs: [corpus], out, workers: 1 })
    const entryOf = (stage: string) => {
      const stageDir = path.join(out, ".cache", "stages", stage)
      const keys = fs.readdirSync(stageDir).filter((k) => k !== "last.json")
      expect(keys).toHaveLength(1)
      return path.join(stageDir, keys[0]!)
    }
    const segments = path.join(entryOf("segment"), "datasets", "segments.ndjson.zst")
    const stored = fs.readFileSync(segments)
    const text = zlib.zstdDecompressSync(stored).toString("utf8")
    const lines = text.split("\n").filter((l) => l !== "")
    expect(lines.length).toBe(rowsOf(first, "segment")["segments"])
    expect(JSON.parse(lines[0]!)).toHaveProperty("doc_id")
    expect(stored.length * 2).toBeLessThan(Buffer.byteLength(text))

    // A flipped byte in the compressed file: the stage runs again and the release is the same.
    const damaged = Buffer.from(stored)
    damaged[damaged.length >> 1]! ^= 0xff
    fs.rmSync(segments)
    fs.writeFileSync(segments, damaged)
    const afterDamage = await run({ inputs: [corpus], out, workers: 1 })
    expect(cacheOf(afterDamage)["segment"]).toBe("miss")
    expect(cacheOf(afterDamage)["ingest"]).toBe("hit")
    expectSameRelease(first.releaseDir, afterDamage.releaseDir)

    // An entry written before datasets were compressed (no datasetFiles) is not trusted either.
    const entryFile = path.join(entryOf("dedupe"), "entry.json")
    const { datasetFiles: _, ...older } = JSON.parse(fs.readFileSync(entryFile, "utf8")) as Record<string, unknown>
    fs.writeFileSync(entryFile, JSON.stringify(older))
    const afterOlder = await run({ inputs: [corpus], out, workers: 1 })
    expect(cacheOf(afterOlder)["dedupe"]).toBe("miss")
    expectSameRelease(first.releaseDir, afterOlder.releaseDir)
  })
})

describe("cache retention", () => {
  it("keeps the stage entries of the last 3 runs and the memo of live documents only", async () => {
    const dir = tempDir("retention")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const entries = (stage: string) => fs.readdirSync(path.join(out, ".cache", "stages", stage), { withFileTypes: true }).filter((d) => d.isDirectory()).length
    const memoDir = path.join(out, ".cache", "documents")
    const namespaces = () => fs.readdirSync(memoDir).sort()
    for (const threshold of [0.5, 0.6, 0.7, 0.8, 0.9]) await run({ inputs: [corpus], out, workers: 1, near_duplicates: { threshold } })
    expect(entries("near-duplicates")).toBe(3)
    // Stages whose key never changed keep their one entry.
    expect(entries("extract")).toBe(1)
    // Each task's namespace stays although later runs took every stage from the cache; an older
    // namespace of a task (older code) that no recent run opened goes.
    const inUse = namespaces()
    expect(inUse.map((n) => n.split("-")[0])).toEqual(["dedupe", "enrich", "extract", "segment"])
    fs.mkdirSync(path.join(memoDir, "segment-0123456789abcdef-m2"))
    fs.writeFileSync(path.join(memoDir, "segment-0123456789abcdef-m2", "last-run"), "0-0\n")
    await run({ inputs: [corpus], out, workers: 1 })
    expect(namespaces()).toEqual(inUse)
    // A corpus with none of the old documents: the old memo files are dropped, the new ones work.
    const other = path.join(dir, "other")
    fs.mkdirSync(other)
    fs.writeFileSync(path.join(other, "one.txt"), "Aid convoy reaches Homs\n\nA United Nations convoy reached Homs on Tuesday with food for 40,000 people, officials said.\n")
    await run({ inputs: [other], out, workers: 1 })
    const segmentNs = path.join(memoDir, inUse.find((n) => n.startsWith("segment-"))!)
    expect(fs.readdirSync(segmentNs).filter((f) => f.endsWith(".idx")).length).toBe(1)
    const again = await run({ inputs: [other], out, workers: 1 }, { force: true })
    expect(rowsOf(again, "segment")).toEqual({ segments: 1, reused: 1 })
  })
})

const cli = path.join(repoRoot, "src", "main.ts")

const runCli = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })

const finished = (p: ReturnType<typeof runCli>) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) => {
    let stderr = ""
    let stdout = ""
    p.stderr!.on("data", (d) => (stderr += d))
    p.stdout!.on("data", (d) => (stdout += d))
    p.on("exit", (code, signal) => resolve({ code, signal, stderr, stdout }))
  })

describe("provenance", () => {
  it("records the run and OpenLineage events beside the release, with SOURCE_DATE_EPOCH honoured", async () => {
    const dir = tempDir("provenance")
    const corpus = copyCorpus(dir)
    process.env["SOURCE_DATE_EPOCH"] = "1500000000"
    try {
      const summary = await run({ inputs: [corpus], out: path.join(dir, "output"), workers: 1 })
      const prov = path.join(summary.releaseDir, "provenance")
      const record = JSON.parse(fs.readFileSync(path.join(prov, "run.json"), "utf8"))
      expect(record.release).toBe(path.basename(summary.releaseDir))
      expect(record.node).toBe(process.version)
      expect(record.packages["effect"]).toMatch(/^4\./)
      expect(record.stages.map((s: { stage: string }) => s.stage)).toEqual(summary.stages.map((s) => s.stage))
      const events = fs.readFileSync(path.join(prov, "openlineage.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
      for (const s of summary.stages) {
        const mine = events.filter((e) => e.job.name === s.stage).map((e) => e.eventType)
        expect(mine, s.stage).toEqual(["START", "COMPLETE"])
      }
      expect(new Set(events.map((e) => e.eventTime))).toEqual(new Set(["2017-07-14T02:40:00.000Z"]))
      expect(new Set(events.map((e) => e.run.runId)).size).toBe(1)
      const enrichDone = events.find((e) => e.job.name === "enrich" && e.eventType === "COMPLETE")
      expect(enrichDone.outputs.find((o: { name: string }) => o.name === "entities").outputFacets.outputStatistics.rowCount).toBeGreaterThan(10)
      const lock = JSON.parse(fs.readFileSync(path.join(prov, "pipeline.lock.json"), "utf8"))
      expect(lock.stages.map((s: { stage: string }) => s.stage)).toContain("extract")
      const dp = JSON.parse(fs.readFileSync(path.join(summary.releaseDir, "datapackage.json"), "utf8"))
      expect(dp.created).toBe("2017-07-14T02:40:00Z")
    } finally {
      delete process.env["SOURCE_DATE_EPOCH"]
    }
  })
})

describe("crash safety", () => {
  it("leaves no partial release after SIGKILL at several points, and the next run ends with the same bytes", async () => {
    const dir = tempDir("kill")
    const corpus = copyCorpus(dir)
    const reference = await run({ inputs: [corpus], out: path.join(dir, "reference"), workers: 2, worker_min_documents: 0 })
    const out = path.join(dir, "output")
    for (const delay of [250, 700, 1200, 2000, 3000]) {
      const child = runCli(["run", corpus, "--out", out, "--workers", "2"])
      const done = finished(child)
      await new Promise((r) => setTimeout(r, delay))
      child.kill("SIGKILL")
      await done
      // Whatever was published is complete and verifies; nothing half-written has a release name.
      for (const name of fs.existsSync(out) ? fs.readdirSync(out) : []) {
        if (!name.startsWith("release-")) continue
        expect(await verifyReleaseAsync(path.join(out, name)), `${name} after kill at ${delay} ms`).toEqual([])
      }
    }
    const final = await run({ inputs: [corpus], out, workers: 2, worker_min_documents: 0 })
    expectSameRelease(reference.releaseDir, final.releaseDir)
    expect(fs.readlinkSync(path.join(out, "latest"))).toBe(path.basename(final.releaseDir))
  })

  it("lets a second run wait for the first, or give up with a clear message", async () => {
    const dir = tempDir("concurrent")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const a = finished(runCli(["run", corpus, "--out", out, "--workers", "1"]))
    await new Promise((r) => setTimeout(r, 400))
    const impatient = await finished(runCli(["run", corpus, "--out", out, "--workers", "1"], { BROADSHEET_LOCK_TIMEOUT_MS: "0" }))
    const b = finished(runCli(["run", corpus, "--out", out, "--workers", "1"]))
    const [ra, rb] = await Promise.all([a, b])
    expect(ra.code, ra.stderr).toBe(0)
    expect(rb.code, rb.stderr).toBe(0)
    expect(impatient.code).toBe(4)
    expect(impatient.stderr).toMatch(/another run \(pid \d+\) is using this output folder/)
    expect(await verifyReleaseAsync(path.join(out, "latest"))).toEqual([])
  })
})

describe("command line", () => {
  it("explains staleness, verifies a release and exits non-zero on a flipped byte", () => {
    const dir = tempDir("cli")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const node = process.execPath
    const status = spawnSync(node, [cli, "status", corpus, "--out", out, "--explain"], { cwd: repoRoot, encoding: "utf8" })
    expect(status.stdout).toMatch(/ingest\s+stale\s+never run/)
    const r = spawnSync(node, [cli, "run", corpus, "--out", out, "--workers", "1", "--quiet"], { cwd: repoRoot, encoding: "utf8" })
    expect(r.status, r.stderr).toBe(0)
    const after = spawnSync(node, [cli, "status", corpus, "--out", out], { cwd: repoRoot, encoding: "utf8" })
    expect(after.stdout).toMatch(/extract\s+fresh/)
    const dry = spawnSync(node, [cli, "run", corpus, "--out", out, "--dry-run"], { cwd: repoRoot, encoding: "utf8" })
    expect(dry.stdout).toMatch(/extract\s+reuse/)
    expect(dry.stdout).toMatch(/release\s+run/)
    const ok = spawnSync(node, [cli, "verify", path.join(out, "latest")], { cwd: repoRoot, encoding: "utf8" })
    expect(ok.status, ok.stdout).toBe(0)
    const explain = spawnSync(node, [cli, "explain", "001_e5fcef48dc3650b6.txt", "--out", out], { cwd: repoRoot, encoding: "utf8" })
    expect(explain.status, explain.stderr).toBe(0)
    expect(explain.stdout).toContain("removed lines (")
    expect(explain.stdout).toContain("0 Comments")
    const file = path.join(fs.realpathSync(path.join(out, "latest")), "sentences.parquet")
    const bytes = fs.readFileSync(file)
    bytes[100] = bytes[100]! ^ 0xff
    fs.writeFileSync(file, bytes)
    const bad = spawnSync(node, [cli, "verify", path.join(out, "latest")], { cwd: repoRoot, encoding: "utf8" })
    expect(bad.status).toBe(1)
    expect(bad.stdout).toContain("sentences.parquet")
    const usage = spawnSync(node, [cli, "run", "--config", path.join(dir, "missing.json"), "--out", out], { cwd: repoRoot, encoding: "utf8" })
    expect(usage.status).toBe(2)
  })
})
