/** Article texts from ../shared/corpus/*\/*.jsonl.gz for the kernel benchmarks (not needed by the pipeline or tests). */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { gunzipSync } from "node:zlib"

export const SHARED_CORPUS = path.resolve(import.meta.dirname, "../../shared/corpus")

/**
 * Up to `n` texts of at least `minChars` characters, evenly spaced over every corpus in turn, so
 * each corpus is represented whatever `n` is. Empty when ../shared is not there.
 */
export function sharedArticleTexts(n: number, minChars = 0): Array<string> {
  const all: Array<string> = []
  let dirs: Array<string> = []
  try {
    dirs = readdirSync(SHARED_CORPUS).sort()
  } catch {
    return []
  }
  for (const dir of dirs) {
    let files: Array<string>
    try {
      files = readdirSync(path.join(SHARED_CORPUS, dir)).filter((f) => f.endsWith(".jsonl.gz")).sort()
    } catch {
      continue
    }
    for (const f of files) {
      for (const line of gunzipSync(readFileSync(path.join(SHARED_CORPUS, dir, f))).toString("utf8").split("\n")) {
        if (line.trim() === "") continue
        const t = (JSON.parse(line) as { text?: unknown }).text
        if (typeof t === "string" && t.trim().length >= minChars) all.push(t)
      }
    }
  }
  const out: Array<string> = []
  const k = Math.min(n, all.length)
  for (let i = 0; i < k; i++) out.push(all[Math.floor((i * all.length) / k)]!)
  return out
}
