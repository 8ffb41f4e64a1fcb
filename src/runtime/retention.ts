/**
 * Cache retention: scheduled runs must not fill the disk. After a successful run, the stage
 * cache keeps only the entries used by the last KEEP_RUNS runs, and the per-document memo only
 * the namespaces (one per task and code version) those runs opened plus each task's newest;
 * within a namespace the memo compacts itself (see memo.ts). Going back to a config or code version older than that costs
 * a recomputation, nothing else.
 */
import * as fs from "node:fs"
import * as path from "node:path"

export const KEEP_RUNS = 3

/** A memo namespace records the last run that opened it. */
export const LAST_RUN_FILE = "last-run"

interface Usage {
  readonly runs: ReadonlyArray<{ readonly run: string; readonly stages: Readonly<Record<string, string>> }>
}

export interface Pruned {
  readonly stageEntries: number
  readonly memoNamespaces: number
}

const readUsage = (file: string): Usage => {
  try {
    const u = JSON.parse(fs.readFileSync(file, "utf8")) as Usage
    return Array.isArray(u.runs) ? u : { runs: [] }
  } catch {
    return { runs: [] }
  }
}

const dirs = (dir: string): Array<string> =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : []

/** Records this run's stage keys and removes what no recent run used. */
export const pruneCache = (cacheDir: string, runId: string, stageKeys: ReadonlyMap<string, { readonly key: string }>, keep = KEEP_RUNS): Pruned => {
  const usageFile = path.join(cacheDir, "usage.json")
  const usage = readUsage(usageFile)
  const runs = [{ run: runId, stages: Object.fromEntries([...stageKeys].map(([s, k]) => [s, k.key])) }, ...usage.runs].slice(0, keep)
  fs.mkdirSync(cacheDir, { recursive: true })
  fs.writeFileSync(`${usageFile}.tmp`, `${JSON.stringify({ runs }, null, 1)}\n`)
  fs.renameSync(`${usageFile}.tmp`, usageFile)

  let stageEntries = 0
  const stagesDir = path.join(cacheDir, "stages")
  // Only stages this run went through: a partial run (--to, --only) says nothing about the others.
  for (const stage of stageKeys.keys()) {
    const kept = new Set(runs.map((r) => r.stages[stage]).filter((k): k is string => k !== undefined))
    for (const entry of dirs(path.join(stagesDir, stage))) {
      if (kept.has(entry)) continue
      fs.rmSync(path.join(stagesDir, stage, entry), { recursive: true, force: true })
      stageEntries++
    }
  }
  // A namespace is opened only when its stage does work (not on a cache hit), so the newest
  // namespace of each task always stays; older ones go once no recent run opened them.
  let memoNamespaces = 0
  const recent = new Set(runs.map((r) => r.run))
  const memoDir = path.join(cacheDir, "documents")
  const byTask = new Map<string, Array<{ ns: string; last: string }>>()
  for (const ns of dirs(memoDir)) {
    let last = ""
    try {
      last = fs.readFileSync(path.join(memoDir, ns, LAST_RUN_FILE), "utf8").trim()
    } catch {
      // a namespace from before retention existed: never opened as far as we know
    }
    const task = /^(.*)-[0-9a-f]{16}-m\d+$/.exec(ns)?.[1] ?? ns
    byTask.set(task, [...(byTask.get(task) ?? []), { ns, last }])
  }
  for (const list of byTask.values()) {
    list.sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0))
    for (const { ns, last } of list.slice(1)) {
      if (recent.has(last)) continue
      fs.rmSync(path.join(memoDir, ns), { recursive: true, force: true })
      memoNamespaces++
    }
  }
  return { stageEntries, memoNamespaces }
}
