/**
 * One run per output folder at a time. The lock file holds the owner's pid; a second run
 * waits for it (polling) and gives up with a clear message after the timeout. A lock whose
 * owner is gone (killed run) is taken over.
 */
import { Effect, Schema } from "effect"
import * as fs from "node:fs"

export class LockError extends Schema.TaggedError<LockError>()("LockError", {
  path: Schema.String,
  message: Schema.String
}) {}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"
  }
}

// The lock appears with its content in one step (a hard link of a finished temp file), so a
// reader never sees an empty lock; a dead owner's lock is renamed aside, which only one taker wins.
const tryTake = (file: string): number | null => {
  const tmp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(tmp, String(process.pid))
  try {
    fs.linkSync(tmp, file)
    return null
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
  } finally {
    fs.rmSync(tmp, { force: true })
  }
  let owner: number
  try {
    owner = Number(fs.readFileSync(file, "utf8").trim())
  } catch {
    return tryTake(file)
  }
  if (Number.isInteger(owner) && owner > 0 && alive(owner)) return owner
  try {
    fs.renameSync(file, `${file}.stale.${process.pid}`)
    fs.rmSync(`${file}.stale.${process.pid}`, { force: true })
  } catch {
    // another run took it over first; try again
  }
  return tryTake(file)
}

export const acquireLock = (file: string, timeoutMs = Number(process.env["BROADSHEET_LOCK_TIMEOUT_MS"] ?? 600_000)) =>
  Effect.acquireRelease(
    Effect.gen(function*() {
      const started = Date.now()
      let warned = false
      for (;;) {
        const owner = yield* Effect.try({ try: () => tryTake(file), catch: (e) => new LockError({ path: file, message: String(e) }) })
        if (owner === null) return
        if (Date.now() - started >= timeoutMs) {
          return yield* new LockError({ path: file, message: `another run (pid ${owner}) is using this output folder; gave up after ${Math.round(timeoutMs / 1000)} s` })
        }
        if (!warned) {
          yield* Effect.logWarning(`another run (pid ${owner}) is using ${file}; waiting for it to finish`)
          warned = true
        }
        yield* Effect.sleep("200 millis")
      }
    }),
    () => Effect.sync(() => {
      try {
        if (Number(fs.readFileSync(file, "utf8").trim()) === process.pid) fs.rmSync(file, { force: true })
      } catch {
        // already gone
      }
    })
  )
