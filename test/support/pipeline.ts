/** Test helpers: run the real pipeline into a temporary folder, read releases back. */
import { Effect } from "effect"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { type Config, defaultConfig } from "../../src/config.ts"
import { Files } from "../../src/runtime/files.ts"
import { runPipeline, type RunSummary } from "../../src/run.ts"

export const repoRoot = path.resolve(import.meta.dirname, "../..")
export const seedCorpus = path.join(repoRoot, "corpus")

export const tempDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `broadsheet-${prefix}-`))

/** Copies a folder (the seed corpus by default) into `dir/corpus`. */
export const copyCorpus = (dir: string, from = seedCorpus): string => {
  const target = path.join(dir, "corpus")
  fs.cpSync(from, target, { recursive: true })
  return target
}

export const run = (config: Partial<Config>): Promise<RunSummary> =>
  Effect.runPromise(runPipeline({ ...defaultConfig, ...config }).pipe(Effect.provide(Files.layer)))

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

/** Every file of a release, relative path → bytes. */
export const releaseFiles = (releaseDir: string): Map<string, Buffer> => {
  const out = new Map<string, Buffer>()
  for (const name of fs.readdirSync(releaseDir).sort()) out.set(name, fs.readFileSync(path.join(releaseDir, name)))
  return out
}
