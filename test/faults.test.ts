/**
 * File-system faults injected through the `Files` layer (src/runtime/files.ts): a failed write,
 * a full disk on the Nth write, a failed rename. Each run must end with a typed FileError, leave
 * no new or partial release under output/ (the previous release stays byte-identical and
 * `latest` still points at it), and a rerun with the normal layer must complete.
 */
import { Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { defaultConfig } from "../src/config.ts"
import { FileError, type PipelineError } from "../src/errors.ts"
import { Files, nodeFiles } from "../src/runtime/files.ts"
import { runPipeline } from "../src/run.ts"
import { copyCorpus, type Manifest, readManifest, run, tempDir } from "./support/pipeline.ts"

/** Every file under a release folder (sub-folders included), relative path → bytes. */
const releaseFiles = (dir: string, rel = "", out = new Map<string, Buffer>()): Map<string, Buffer> => {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel === "" ? e.name : `${rel}/${e.name}`
    if (e.isDirectory()) releaseFiles(dir, r, out)
    else out.set(r, fs.readFileSync(path.join(dir, r)))
  }
  return out
}

/** Records read = documents + duplicates + rejected, per input file and in total. */
const expectConserved = (m: Manifest) => {
  for (const f of [...m.corpus.files, m.corpus.total]) {
    expect(f["records"], String(f["source_uri"] ?? "total")).toBe((f["documents"] as number) + (f["duplicates"] as number) + (f["rejected"] as number))
  }
  expect(m.corpus.files.reduce((n, f) => n + (f["records"] as number), 0)).toBe(m.corpus.total["records"])
}

interface Faults {
  /** Fail the nth write (1-based; writeFile and every sink write count), or the first write to a matching path. */
  readonly write?: { readonly at?: number; readonly path?: RegExp; readonly message: string }
  /** Fail the first rename for which this is true. */
  readonly rename?: (from: string, to: string) => boolean
}

interface Log {
  writes: number
  renames: Array<readonly [string, string]>
  injected: string | null
}

/** nodeFiles() with faults: the real file system, except where a fault is due. */
const faultyFiles = (faults: Faults, log: Log): Files["Service"] => {
  const real = nodeFiles()
  const writeFault = (p: string): Effect.Effect<void, FileError> =>
    Effect.suspend(() => {
      log.writes++
      const w = faults.write
      if (w !== undefined && log.injected === null && (log.writes === w.at || (w.path !== undefined && w.path.test(p)))) {
        log.injected = `write #${log.writes} ${p}`
        return Effect.fail(new FileError({ operation: "write", path: p, message: w.message }))
      }
      return Effect.void
    })
  return {
    ...real,
    writeFile: (p, data) => writeFault(p).pipe(Effect.andThen(real.writeFile(p, data))),
    rename: (from, to) =>
      Effect.suspend(() => {
        log.renames.push([from, to])
        if (faults.rename !== undefined && log.injected === null && faults.rename(from, to)) {
          log.injected = `rename ${from} -> ${to}`
          return Effect.fail(new FileError({ operation: "rename", path: to, message: "EXDEV: cross-device link not permitted, rename" }))
        }
        return real.rename(from, to)
      }),
    openSink: (p) =>
      real.openSink(p).pipe(Effect.map((sink) => ({
        write: (chunk: string | Uint8Array) => writeFault(p).pipe(Effect.andThen(sink.write(chunk))),
        close: sink.close
      })))
  }
}

const runWith = (out: string, corpus: string, faults: Faults, release: string | null = null) => {
  const log: Log = { writes: 0, renames: [], injected: null }
  const program = runPipeline({ ...defaultConfig, inputs: [corpus], out, release, workers: 1 }).pipe(
    Effect.provide(Layer.succeed(Files, faultyFiles(faults, log)))
  )
  return { log, program }
}

/** The error a faulty run ends with (a successful run or a defect fails the test). */
const failure = async (out: string, corpus: string, faults: Faults, release: string | null = null): Promise<{ error: PipelineError; log: Log }> => {
  const { log, program } = runWith(out, corpus, faults, release)
  const error = await Effect.runPromise(Effect.flip(program))
  return { error, log }
}

/** output/ holds exactly the previous release (same bytes), `latest` → it, and no leftovers. */
const expectOnlyPrevious = (out: string, previous: { name: string; files: Map<string, Buffer> } | null) => {
  // hidden entries are the run's bookkeeping (.cache, .lock, .runs …): not releases
  const entries = fs.readdirSync(out).filter((n) => !n.startsWith(".") && n !== "runs.ndjson").sort()
  expect(entries).toEqual(previous === null ? [] : [previous.name, "latest"].sort())
  for (const d of [".work", ".staging"]) {
    if (fs.existsSync(path.join(out, d))) expect(fs.readdirSync(path.join(out, d)), d).toEqual([])
  }
  if (previous !== null) {
    expect(fs.readlinkSync(path.join(out, "latest"))).toBe(previous.name)
    const now = releaseFiles(path.join(out, previous.name))
    expect([...now.keys()]).toEqual([...previous.files.keys()])
    for (const [name, bytes] of previous.files) expect(now.get(name)!.equals(bytes), name).toBe(true)
  }
}

let corpusA: string
let corpusB: string
let totalWrites: number
let renames: ReadonlyArray<readonly [string, string]>
let baseOut: string
let previous: { name: string; files: Map<string, Buffer> }

/** A fresh copy of the output folder holding corpus A's release (saves a run per test). */
const withPrevious = (label: string): string => {
  const out = path.join(tempDir(label), "output")
  fs.cpSync(baseOut, out, { recursive: true, verbatimSymlinks: true })
  return out
}

beforeAll(async () => {
  const dir = tempDir("faults")
  // two seed articles keep each run short; corpus B has one more document, so another release name
  corpusA = copyCorpus(path.join(dir, "a"))
  for (const f of fs.readdirSync(corpusA).sort().slice(2)) fs.rmSync(path.join(corpusA, f))
  corpusB = copyCorpus(path.join(dir, "b"), corpusA)
  fs.writeFileSync(path.join(corpusB, "extra.txt"), "Harbour vote delayed\nThe council met on Tuesday and delayed the harbour vote again.\n")
  // a clean run through the counting layer: how many writes and renames a run makes; its
  // output folder is the "previous release" the faulty runs must leave intact
  baseOut = path.join(dir, "output")
  const { log, program } = runWith(baseOut, corpusA, {})
  const summary = await Effect.runPromise(program)
  totalWrites = log.writes
  renames = log.renames
  previous = { name: summary.release, files: releaseFiles(summary.releaseDir) }
}, 60_000)

describe("a run that hits a file-system fault", () => {
  it("counts the writes and renames of a normal run (the faults below pick from these)", () => {
    expect(totalWrites).toBeGreaterThan(20)
    expect(renames.some(([from]) => from.includes(`${path.sep}.staging${path.sep}`))).toBe(true)
  })

  it("ends with a typed FileError on a write failure, with no release, and a rerun completes", async () => {
    const out = path.join(tempDir("fault-first"), "output")
    const { error, log } = await failure(out, corpusA, { write: { at: 1, message: "EIO: i/o error, write" } })
    expect(error).toBeInstanceOf(FileError)
    expect(error.message).toBe("EIO: i/o error, write")
    expect(log.injected).not.toBeNull()
    expectOnlyPrevious(out, null)
    const summary = await run({ workers: 1, inputs: [corpusA], out })
    expectConserved(readManifest(summary.releaseDir))
  })

  // Disk full at several points of a run (counted on corpus A's run), with a previous release present.
  for (const share of [0.25, 0.5, 0.75, 1]) {
    it(`ends with ENOSPC on write ${Math.round(share * 100)}% through, leaving the previous release intact`, async () => {
      const out = withPrevious("fault-enospc")
      const at = Math.max(1, Math.round(share * totalWrites))
      const { error, log } = await failure(out, corpusB, { write: { at, message: "ENOSPC: no space left on device, write" } })
      expect(log.injected, `write #${at} of ${totalWrites}`).not.toBeNull()
      expect(error._tag).toBe("FileError")
      expect((error as FileError).message).toMatch(/^ENOSPC/)
      expectOnlyPrevious(out, previous)
      const again = await run({ workers: 1, inputs: [corpusB], out })
      expect(path.basename(again.releaseDir)).not.toBe(previous.name)
      expectConserved(readManifest(again.releaseDir))
      expect(fs.readlinkSync(path.join(out, "latest"))).toBe(path.basename(again.releaseDir))
    })
  }

  it("ends with ENOSPC on the last write before publishing (SHA256SUMS), leaving the previous release intact", async () => {
    const out = withPrevious("fault-sums")
    const { error, log } = await failure(out, corpusB, { write: { path: /SHA256SUMS$/, message: "ENOSPC: no space left on device, write" } })
    expect(log.injected).toMatch(/SHA256SUMS$/)
    expect(error).toBeInstanceOf(FileError)
    expectOnlyPrevious(out, previous)
    expectConserved(readManifest((await run({ workers: 1, inputs: [corpusB], out })).releaseDir))
  })

  it("ends with a FileError when a dataset cannot be renamed into place", async () => {
    const out = withPrevious("fault-rename-ds")
    const { error, log } = await failure(out, corpusB, { rename: (from) => path.basename(from) === "records.ndjson.zst.partial" })
    expect(log.injected).toMatch(/records\.ndjson\.zst\.partial/)
    expect(error).toBeInstanceOf(FileError)
    expect((error as FileError).operation).toBe("rename")
    expectOnlyPrevious(out, previous)
    expectConserved(readManifest((await run({ workers: 1, inputs: [corpusB], out })).releaseDir))
  })

  it("ends with a FileError when the staging folder cannot be published, the previous release (another name) intact", async () => {
    const out = withPrevious("fault-rename-pub")
    const { error, log } = await failure(out, corpusB, { rename: (from) => from.includes(`${path.sep}.staging${path.sep}`) })
    expect(log.injected).toMatch(/\.staging/)
    expect(error).toBeInstanceOf(FileError)
    expectOnlyPrevious(out, previous)
    expectConserved(readManifest((await run({ workers: 1, inputs: [corpusB], out })).releaseDir))
  })

  // A user-named release (config.release) is swapped: the old folder is renamed aside, then the
  // new one renamed in. If that second rename fails, the old one must be renamed back.
  it("keeps the previous release of the same name when publishing over it fails", async () => {
    const out = path.join(tempDir("fault-rename-same"), "output")
    const first = await run({ workers: 1, inputs: [corpusA], out, release: "daily" })
    const daily = { name: path.basename(first.releaseDir), files: releaseFiles(first.releaseDir) }
    const { error } = await failure(out, corpusB, { rename: (from) => from.includes(`${path.sep}.staging${path.sep}`) }, "daily")
    expect(error).toBeInstanceOf(FileError)
    expectOnlyPrevious(out, daily)
  })
})
