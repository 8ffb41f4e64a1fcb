import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { describe, expect, it } from "vitest"
import { Memo } from "../src/runtime/memo.ts"

const bytes = (s: string) => Buffer.from(s, "utf8")
// Text that does not compress (entries are zstd frames), so entry sizes stay like their text's.
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd])
const noise = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((seed * 7919 + i * i * 104729) % 9973) % 26)).join("")

describe("per-document memo", () => {
  it("a compaction moves the entries asked for byte for byte (non-ASCII included) and drops the rest", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-memo-"))
    const first = new Memo(dir, "run-a")
    first.put("k1", "[]", [bytes(`{"text":"Grüße aus Zürich — “quoted”"}`), bytes(`{"n":1}`)])
    first.put("k2", "[]", [bytes(`{"text":"${noise(2000, 1)}"}`), bytes(`{"n":2}`)])
    first.put("k3", "[]", [bytes(`{"text":"${noise(2000, 2)}"}`), bytes(`{"n":3}`)])
    first.close()

    // The next run asks for k1 only: under half of the earlier bytes, so closing compacts.
    const second = new Memo(dir, "run-b")
    const hit = second.get("k1")
    expect(hit).toEqual({ trace: [], outputs: [`{"text":"Grüße aus Zürich — “quoted”"}`, `{"n":1}`] })
    second.close(true)
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("run-")).sort()).toEqual(["run-b.idx", "run-b.zst"])
    // The data file is a zstd stream of the entries: trace, then the output lines.
    expect(zlib.zstdDecompressSync(fs.readFileSync(path.join(dir, "run-b.zst"))).toString("utf8")).toBe(`[]\n{"text":"Grüße aus Zürich — “quoted”"}\n{"n":1}`)

    const third = new Memo(dir, "run-c")
    expect(third.get("k1")).toEqual(hit)
    expect(third.get("k2")).toBeNull()
    third.close()
    fs.rmSync(dir, { recursive: true })
  })

  it("keeps entries in blocks of about 128 KiB, one zstd frame each, and reads any entry back in any order", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-memo-"))
    const first = new Memo(dir, "run-a")
    const out = (i: number) => `{"doc":${i},"text":"${noise(300 + (i % 50), i)}"}`
    for (let i = 0; i < 8_000; i++) first.put(`k${i}`, `[${i}]`, [bytes(out(i)), bytes(`{"n":${i}}`)])
    first.close()
    const data = fs.readFileSync(path.join(dir, "run-a.zst"))
    // several frames: zstd's magic number more than once
    let frames = 0
    for (let at = data.indexOf(ZSTD_MAGIC); at !== -1; at = data.indexOf(ZSTD_MAGIC, at + 1)) frames++
    expect(frames).toBeGreaterThan(1)
    const second = new Memo(dir, "run-b")
    for (const i of [7_999, 0, 4_321, 1, 4_322, 7_000]) expect(second.get(`k${i}`)).toEqual({ trace: [i], outputs: [out(i), `{"n":${i}}`] })
    expect(second.get("k8000")).toBeNull()
    second.close()
    fs.rmSync(dir, { recursive: true })
  })
})
