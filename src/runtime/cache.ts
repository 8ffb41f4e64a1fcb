/**
 * The content-addressed stage cache. A stage's key is the sha256 of the canonical JSON of:
 * stage name and version, the fingerprint of its code (module + local imports + data files),
 * the versions of the packages that code imports, the Node version, the stage's slice of the
 * config, and the content hashes of its inputs. Same key → the stored outputs are restored
 * (hard links) and the stage does no work.
 *
 * Entries are written under a temporary name and renamed into place, so a killed run never
 * leaves a half-written entry that a later run would trust.
 */
import { Effect } from "effect"
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { canonicalJson, sha256Hex } from "../text/hash.ts"
import type { StageResult } from "./dag.ts"
import { datasetFileName } from "./dataset.ts"

export interface KeyParts {
  readonly stage: string
  readonly version: string
  readonly code: string
  readonly packages: Readonly<Record<string, string>>
  readonly tool: string
  readonly config: unknown
  readonly inputs: Readonly<Record<string, string>>
}

export const stageKey = (parts: KeyParts): string => sha256Hex(canonicalJson(parts))

export interface Entry {
  readonly key: string
  readonly parts: KeyParts
  readonly result: StageResult
  /** Output dataset name → content hash (of its NDJSON). */
  readonly datasets: Readonly<Record<string, string>>
  /** Each output dataset's stored file: its sha256 (checked before it is restored), records and NDJSON bytes. */
  readonly datasetFiles?: Readonly<Record<string, StoredDataset>>
  /** Files the stage put in the release folder (relative paths). */
  readonly files: ReadonlyArray<string>
  /** sha256 of each stored file, checked before it is restored. */
  readonly fileHashes?: Readonly<Record<string, string>>
}

export interface StoredDataset {
  readonly sha256: string
  readonly records: number
  readonly bytes: number
}

/** Why a stage is stale compared with its last stored run. */
export const explainStale = (last: KeyParts | null, now: KeyParts): Array<string> => {
  if (last === null) return ["never run"]
  const why: Array<string> = []
  if (last.version !== now.version) why.push(`version ${last.version} → ${now.version}`)
  if (last.code !== now.code) why.push("code changed")
  if (canonicalJson(last.packages) !== canonicalJson(now.packages)) why.push("package versions changed")
  if (last.tool !== now.tool) why.push(`node ${last.tool} → ${now.tool}`)
  if (canonicalJson(last.config) !== canonicalJson(now.config)) why.push("config changed")
  const changed = Object.keys({ ...last.inputs, ...now.inputs }).filter((k) => last.inputs[k] !== now.inputs[k]).sort()
  if (changed.length > 0) why.push(`input changed: ${changed.join(", ")}`)
  return why.length > 0 ? why : ["same key"]
}

const linkOrCopy = (from: string, to: string): void => {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.linkSync(from, to)
  } catch {
    fs.copyFileSync(from, to)
  }
}

// Streams the file through the hash (datasets can be larger than a Buffer).
const hashFile = (file: string): string => {
  const h = createHash("sha256")
  const fd = fs.openSync(file, "r")
  try {
    const buf = Buffer.allocUnsafe(1 << 20)
    for (let n = fs.readSync(fd, buf); n > 0; n = fs.readSync(fd, buf)) h.update(buf.subarray(0, n))
  } finally {
    fs.closeSync(fd)
  }
  return h.digest("hex")
}


export class StageCache {
  readonly dir: string
  constructor(dir: string) {
    this.dir = dir
  }

  private entryDir(stage: string, key: string) {
    return path.join(this.dir, stage, key)
  }

  lookup(stage: string, key: string): Entry | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.entryDir(stage, key), "entry.json"), "utf8")) as Entry
    } catch {
      return null
    }
  }

  /** The key parts of the stage's most recent stored run, to explain why it is stale. */
  last(stage: string): KeyParts | null {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.dir, stage, "last.json"), "utf8")) as KeyParts
    } catch {
      return null
    }
  }

  /**
   * Stores an entry (replacing one with the same key: a forced run or a damaged entry). Failing
   * to store is reported and the run goes on: the cache only saves work.
   */
  store = (
    entry: Entry,
    datasetFile: (name: string) => string,
    datasetSize: (name: string) => { readonly records: number; readonly bytes: number },
    stagingDir: string
  ): Effect.Effect<void> =>
    Effect.try(() => {
      const final = this.entryDir(entry.parts.stage, entry.key)
      const tmp = `${final}.tmp-${process.pid}`
      fs.rmSync(tmp, { recursive: true, force: true })
      const datasetFiles: Record<string, StoredDataset> = {}
      for (const name of Object.keys(entry.datasets)) {
        const stored = path.join(tmp, "datasets", datasetFileName(name))
        linkOrCopy(datasetFile(name), stored)
        datasetFiles[name] = { sha256: hashFile(stored), ...datasetSize(name) }
      }
      // Release files are linked too (a release is as large as the corpus): one edited in place
      // changes the cache's copy as well, which its recorded hash catches before any restore.
      const fileHashes: Record<string, string> = {}
      for (const f of entry.files) {
        linkOrCopy(path.join(stagingDir, f), path.join(tmp, "files", f))
        fileHashes[f] = hashFile(path.join(tmp, "files", f))
      }
      fs.writeFileSync(path.join(tmp, "entry.json"), JSON.stringify({ ...entry, datasetFiles, fileHashes }))
      if (fs.existsSync(final)) fs.rmSync(final, { recursive: true, force: true })
      fs.renameSync(tmp, final)
      fs.writeFileSync(path.join(this.dir, entry.parts.stage, "last.json.tmp"), JSON.stringify(entry.parts))
      fs.renameSync(path.join(this.dir, entry.parts.stage, "last.json.tmp"), path.join(this.dir, entry.parts.stage, "last.json"))
    }).pipe(Effect.catch((e) => Effect.logWarning(`could not store ${entry.parts.stage} in the cache: ${String(e)}`)))

  /**
   * Puts an entry's outputs back. Its datasets and files are checked against their recorded hashes
   * (and trusted without re-validation afterwards); gives each dataset's record count and size, or
   * null when the entry is damaged or of an older layout: run the stage instead.
   */
  restore = (
    entry: Entry,
    datasetFile: (name: string) => string,
    stagingDir: string
  ): Effect.Effect<ReadonlyMap<string, StoredDataset> | null> =>
    Effect.sync(() => {
      const dir = this.entryDir(entry.parts.stage, entry.key)
      const sizes = new Map<string, StoredDataset>()
      try {
        for (const name of Object.keys(entry.datasets)) {
          const stored = entry.datasetFiles?.[name]
          const file = path.join(dir, "datasets", datasetFileName(name))
          if (stored === undefined || hashFile(file) !== stored.sha256) return null
          sizes.set(name, stored)
          linkOrCopy(file, datasetFile(name))
        }
        for (const f of entry.files) {
          const file = path.join(dir, "files", f)
          if (entry.fileHashes?.[f] === undefined || hashFile(file) !== entry.fileHashes[f]) return null
          linkOrCopy(file, path.join(stagingDir, f))
        }
        return sizes
      } catch {
        return null
      }
    })
}
