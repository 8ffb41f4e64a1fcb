/**
 * How many cores each stage keeps busy: runs the pipeline (`node src/main.ts run ARGS…`) as a child,
 * reads its CPU time (user + system of all its threads, /proc/PID/stat; Linux only) whenever a stage
 * starts or ends in its JSON log, and prints wall time, CPU time and cores busy per stage. Stages that
 * run at the same time share their CPU, so their windows overlap.
 *
 *   node bench/cpu-by-stage.ts bench/data/n20000-s1/jsonl --workers 2 --no-cache
 *
 * Without `--out`, the release goes to a temporary folder that is removed afterwards.
 */
import { execFileSync, spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { createInterface } from "node:readline"

const repoRoot = path.resolve(import.meta.dirname, "..")
const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim())

/** CPU seconds used so far by process `pid`, all threads (fields 14 and 15 of /proc/PID/stat). */
const cpuSeconds = (pid: number, fallback: number): number => {
  let stat: string
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
  } catch {
    return fallback // the child has just exited
  }
  // The command name (field 2) may hold spaces; the fields after it start past its closing bracket.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
}

const args = process.argv.slice(2)
const tmpOut = args.includes("--out") ? null : fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-cpu-"))
const child = spawn(process.execPath, [path.join(repoRoot, "src/main.ts"), "run", ...args, ...(tmpOut === null ? [] : ["--out", tmpOut])], {
  stdio: ["ignore", "ignore", "pipe"]
})
const started = performance.now()
const open = new Map<string, { wall: number; cpu: number }>()
const rows: Array<{ stage: string; wall: number; cpu: number }> = []
let lastCpu = 0
for await (const line of createInterface({ input: child.stderr! })) {
  if (!line.startsWith("{")) continue
  const e = JSON.parse(line) as { event?: string; stage?: string }
  if (e.stage === undefined || (e.event !== "stage_start" && e.event !== "stage_end")) continue
  const now = { wall: performance.now(), cpu: (lastCpu = cpuSeconds(child.pid!, lastCpu)) }
  if (e.event === "stage_start") open.set(e.stage, now)
  else {
    const from = open.get(e.stage)!
    rows.push({ stage: e.stage, wall: (now.wall - from.wall) / 1000, cpu: now.cpu - from.cpu })
  }
}
const code: number = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (c) => resolve(c ?? 1))))
if (tmpOut !== null) fs.rmSync(tmpOut, { recursive: true, force: true })
const fmt = (x: number, w: number, d = 1) => x.toFixed(d).padStart(w)
console.log(`${"stage".padEnd(16)} ${"wall s".padStart(8)} ${"cpu s".padStart(8)} ${"cores".padStart(6)}`)
for (const r of rows) console.log(`${r.stage.padEnd(16)} ${fmt(r.wall, 8)} ${fmt(r.cpu, 8)} ${fmt(r.cpu / Math.max(r.wall, 1e-9), 6, 2)}`)
console.log(`whole run: ${fmt((performance.now() - started) / 1000, 0)} s wall, at least ${fmt(lastCpu, 0)} s CPU (read at the last stage event); exit code ${code}`)
process.exitCode = code
