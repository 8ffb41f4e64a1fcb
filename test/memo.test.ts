import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { Memo } from "../src/runtime/memo.ts"

const bytes = (s: string) => Buffer.from(s, "utf8")

describe("per-document memo", () => {
  it("a compaction moves the entries asked for byte for byte (non-ASCII included) and drops the rest", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-memo-"))
    const first = new Memo(dir, "run-a")
    first.put("k1", "[]", [bytes(`{"text":"Grüße aus Zürich — “quoted”"}`), bytes(`{"n":1}`)])
    first.put("k2", "[]", [bytes(`{"text":"${"x".repeat(2000)}"}`), bytes(`{"n":2}`)])
    first.put("k3", "[]", [bytes(`{"text":"${"y".repeat(2000)}"}`), bytes(`{"n":3}`)])
    first.close()

    // The next run asks for k1 only: under half of the earlier bytes, so closing compacts.
    const second = new Memo(dir, "run-b")
    const hit = second.get("k1")
    expect(hit).toEqual({ trace: [], outputs: [`{"text":"Grüße aus Zürich — “quoted”"}`, `{"n":1}`] })
    second.close(true)
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("run-")).sort()).toEqual(["run-b.idx", "run-b.ndjson"])

    const third = new Memo(dir, "run-c")
    expect(third.get("k1")).toEqual(hit)
    expect(third.get("k2")).toBeNull()
    third.close()
    fs.rmSync(dir, { recursive: true })
  })
})
