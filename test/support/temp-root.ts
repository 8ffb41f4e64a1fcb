/**
 * vitest globalSetup: every temporary folder of one test run goes under one fresh folder (TMPDIR points
 * there, so `os.tmpdir()` in the tests, the workers they start and the browser all use it), removed when
 * the run ends. Without it each `npm test` left ~40 folders (~0.6 GB) behind in the system's temp folder.
 * BROADSHEET_KEEP_TEST_TMP=1 keeps it, to look at what a failing test wrote.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-test-run-"))
  process.env["TMPDIR"] = root
  return () => {
    if (process.env["BROADSHEET_KEEP_TEST_TMP"] === "1") console.log(`test files kept in ${root}`)
    else fs.rmSync(root, { recursive: true, force: true })
  }
}
