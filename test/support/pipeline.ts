/** Test helpers: run the real pipeline into a temporary folder, read releases back. */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type Config, defaultConfig } from "../../src/config.ts"
import { Files } from "../../src/runtime/files.ts"
import { RUN_RECORD_FILES } from "../../src/release/verify.ts"
import { runPipeline, type RunSummary, type Selection } from "../../src/run.ts"

export const repoRoot = path.resolve(import.meta.dirname, "../..")
export const seedCorpus = path.join(repoRoot, "corpus")

export const tempDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `broadsheet-${prefix}-`))

/** Copies a folder (the seed corpus by default) into `dir/corpus`. */
export const copyCorpus = (dir: string, from = seedCorpus): string => {
  const target = path.join(dir, "corpus")
  fs.cpSync(from, target, { recursive: true })
  return target
}

export const run = (config: Partial<Config>, selection: Selection = {}): Promise<RunSummary> =>
  Effect.runPromise(runPipeline({ ...defaultConfig, ...config }, {}, selection).pipe(Effect.provide(Files.layer)))

export interface Manifest {
  readonly corpus: { readonly digest: string; readonly total: Record<string, number>; readonly files: ReadonlyArray<Record<string, unknown>> }
  readonly tables: ReadonlyArray<{
    readonly name: string
    readonly rows: number
    readonly primary_key: ReadonlyArray<string>
    readonly columns: ReadonlyArray<{ name: string; type: string; nullable: boolean }>
    readonly files: Record<string, { path: string; sha256: string; bytes: number }>
  }>
}

export const readManifest = (releaseDir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(releaseDir, "manifest.json"), "utf8")) as Manifest

/** Every reproducible file of a release (all but the run record), relative path → bytes. */
export const releaseFiles = (releaseDir: string, prefix = ""): Map<string, Buffer> => {
  const out = new Map<string, Buffer>()
  for (const e of fs.readdirSync(path.join(releaseDir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`
    if (e.isDirectory()) for (const [k, v] of releaseFiles(releaseDir, rel)) out.set(k, v)
    else if (!RUN_RECORD_FILES.has(rel)) out.set(rel, fs.readFileSync(path.join(releaseDir, rel)))
  }
  return out
}
