/**
 * Content hashes of the input files, for ingest's cache key. Hashes are remembered by
 * (path, size, mtime, ctime, inode, device) in the cache folder, so an unchanged corpus is not re-read.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { sha256File } from "./file-hash.ts"
import * as path from "node:path"
import { walkInputs } from "./sources.ts"

// ctime cannot be set back by `touch` or `cp -p`, unlike mtime: an in-place edit always changes it.
type Known = Record<string, { size: number; mtimeMs: number; ctimeMs: number; ino: number; dev: number; sha256: string }>


export const corpusDigest = async (inputs: ReadonlyArray<string>, cacheDir: string): Promise<string> => {
  const memo = path.join(cacheDir, "file-hashes.json")
  let known: Known = {}
  try {
    known = JSON.parse(fs.readFileSync(memo, "utf8")) as Known
  } catch {
    known = {}
  }
  const next: Known = {}
  const h = createHash("sha256")
  for await (const entry of walkInputs(inputs)) {
    if ("kind" in entry) {
      h.update(`!${entry.source_uri}\u0000${entry.reason}\n`)
      continue
    }
    let line: string
    try {
      const st = fs.statSync(entry.file)
      const k = known[entry.file]
      const same = k && k.size === st.size && k.mtimeMs === st.mtimeMs && k.ctimeMs === st.ctimeMs && k.ino === st.ino && k.dev === st.dev
      const sha = same ? k.sha256 : await sha256File(entry.file)
      next[entry.file] = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, dev: st.dev, sha256: sha }
      line = `${entry.uri}\u0000${sha}`
    } catch (e) {
      line = `${entry.uri}\u0000unreadable:${e instanceof Error ? e.message : String(e)}`
    }
    h.update(`${line}\n`)
  }
  try {
    fs.mkdirSync(cacheDir, { recursive: true })
    fs.writeFileSync(`${memo}.tmp`, JSON.stringify(next))
    fs.renameSync(`${memo}.tmp`, memo)
  } catch {
    // Only a speed-up for the next run: files are hashed again if it is missing.
  }
  return h.digest("hex")
}
