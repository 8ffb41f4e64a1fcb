import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

// test/support/temp-root.ts (vitest globalSetup) points TMPDIR at one folder per run, removed at the end.
describe("test temp folder", () => {
  it("every temporary folder a test makes lies inside the run's own folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-probe-"))
    // removed before the check, so a failing run leaves nothing behind either
    fs.rmSync(dir, { recursive: true })
    expect(path.basename(path.dirname(dir))).toMatch(/^broadsheet-test-run-/)
  })
})
