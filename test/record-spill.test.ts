import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { RecordSpill } from "../src/aggregate/record-spill.ts"

const record = (i: number, size: number) => Uint8Array.from({ length: size }, (_, k) => (i * 31 + k * 7) & 0xff)

describe("RecordSpill", () => {
  it("reads back every record, in memory and past its budget, also when reads and appends interleave", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "broadsheet-spill-"))
    const size = 300 // not a divisor of the 1 MiB write block
    const spill = new RecordSpill(size, 10 * size, dir)
    const out = new Uint8Array(size)
    for (let i = 0; i < 10; i++) spill.append(record(i, size))
    expect(spill.spilled).toBe(false)
    expect(spill.read(3, out)).toEqual(record(3, size))
    for (let i = 10; i < 5000; i++) spill.append(record(i, size))
    expect(spill.spilled).toBe(true)
    expect(spill.read(4999, out)).toEqual(record(4999, size))
    // Appends after a read land after the records already written.
    for (let i = 5000; i < 5003; i++) spill.append(record(i, size))
    for (const i of [0, 9, 10, 3494, 3495, 5000, 5002]) expect(spill.read(i, out)).toEqual(record(i, size))
    expect(spill.length).toBe(5003)
    expect(() => spill.read(5003, out)).toThrow(RangeError)
    expect(() => spill.append(new Uint8Array(size - 1))).toThrow(/expected 300/)
    spill.close()
    expect(fs.readdirSync(dir)).toEqual([])
    fs.rmSync(dir, { recursive: true })
  })

  it("never touches the disk without a folder", () => {
    const spill = new RecordSpill(4, 8, null)
    for (let i = 0; i < 100; i++) spill.append(record(i, 4))
    expect(spill.spilled).toBe(false)
    expect(spill.read(99, new Uint8Array(4))).toEqual(record(99, 4))
  })
})
