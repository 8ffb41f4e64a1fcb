/**
 * The run's work folder holds the datasets still to be read, not every dataset the run made: a run over a huge
 * corpus without the cache needs disk for the live datasets only. Checked on real files, at the end of every stage.
 */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { defaultConfig } from "../src/config.ts"
import { stages } from "../src/pipeline.ts"
import { runPipeline } from "../src/run.ts"
import { Files } from "../src/runtime/files.ts"
import { copyCorpus, releaseFiles, run, tempDir } from "./support/pipeline.ts"

describe("work folder", () => {
  it("drops each dataset once its last reader has finished, and the release is the same", async () => {
    const dir = tempDir("work-folder")
    const corpus = copyCorpus(dir)
    const out = path.join(dir, "output")
    const readers = new Map<string, Array<string>>()
    for (const s of stages) for (const d of s.reads) readers.set(d.name, [...(readers.get(d.name) ?? []), s.name])
    const ended = new Set<string>()
    const seen: Array<{ stage: string; files: Set<string>; ended: Set<string> }> = []
    const workFiles = () => {
      const runs = fs.readdirSync(path.join(out, ".work"))
      expect(runs.length).toBe(1)
      return new Set(fs.readdirSync(path.join(out, ".work", runs[0]!)).filter((f) => f.endsWith(".ndjson.zst")).map((f) => f.slice(0, -".ndjson.zst".length)))
    }
    await Effect.runPromise(
      runPipeline({ ...defaultConfig, inputs: [corpus], out, workers: 1, cache: false }, {
        onEnd: (stage) =>
          Effect.sync(() => {
            ended.add(stage.name)
            seen.push({ stage: stage.name, files: workFiles(), ended: new Set(ended) })
          })
      }).pipe(Effect.provide(Files.layer))
    )
    expect(seen.length).toBe(stages.length)
    let dropped = 0
    for (const { stage, files, ended } of seen) {
      // every dataset written so far is on disk exactly while a reader of it has still to finish
      const written = stages.filter((s) => ended.has(s.name)).flatMap((s) => s.writes.map((d) => d.name))
      for (const name of written) {
        const live = (readers.get(name) ?? []).some((r) => !ended.has(r)) || !readers.has(name)
        expect(files.has(name), `${name} after ${stage}`).toBe(live)
        if (!live) dropped++
      }
    }
    expect(dropped).toBeGreaterThan(0)
    // the same release as a run with the cache on, which keeps every dataset to the end
    const cached = await run({ inputs: [corpus], out: path.join(dir, "cached"), workers: 1 })
    const a = releaseFiles(path.join(out, "latest"))
    const b = releaseFiles(path.join(dir, "cached", "latest"))
    expect([...a.keys()]).toEqual([...b.keys()])
    for (const [name, bytes] of a) if (!name.startsWith("provenance/")) expect(b.get(name)!.equals(bytes), name).toBe(true)
    expect(cached.stages.length).toBe(stages.length)
  }, 120_000)
})
