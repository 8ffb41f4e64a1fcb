/**
 * Fixed-size binary records appended in order and read back by index. They stay in memory up to
 * `budget` bytes; past that every record goes to a file in `dir` (written in 1 MiB blocks, read back
 * with positioned reads), so memory stays flat however many records there are. Synchronous on
 * purpose: its users are tight loops over typed arrays, and the reads are few (candidate pairs).
 */
import * as fs from "node:fs"
import * as path from "node:path"

const BLOCK = 1 << 20
let files = 0

export class RecordSpill {
  private mem: Uint8Array = new Uint8Array(0)
  private memUsed = 0
  private fd: number | null = null
  private file = ""
  private block = new Uint8Array(0)
  private blockUsed = 0
  private count = 0

  private readonly recordBytes: number
  private readonly budget: number
  private readonly dir: string | null

  /** `dir` null = never spill (small inputs, tests). */
  constructor(recordBytes: number, budget: number, dir: string | null) {
    this.recordBytes = recordBytes
    this.budget = budget
    this.dir = dir
  }

  get length(): number {
    return this.count
  }

  /** True once the records live in a file. */
  get spilled(): boolean {
    return this.fd !== null
  }

  append(record: Uint8Array): void {
    if (record.length !== this.recordBytes) throw new Error(`record of ${record.length} bytes, expected ${this.recordBytes}`)
    this.count++
    if (this.fd !== null) return this.toBlock(record)
    if (this.dir !== null && this.memUsed + record.length > this.budget) {
      this.spill()
      return this.toBlock(record)
    }
    if (this.memUsed + record.length > this.mem.length) {
      const next = new Uint8Array(Math.max(this.recordBytes * 1024, this.mem.length * 2))
      next.set(this.mem.subarray(0, this.memUsed))
      this.mem = next
    }
    this.mem.set(record, this.memUsed)
    this.memUsed += record.length
  }

  /** Record `i` into `out` (and returns it). */
  read(i: number, out: Uint8Array): Uint8Array {
    if (i < 0 || i >= this.count) throw new RangeError(`record ${i} of ${this.count}`)
    const at = i * this.recordBytes
    if (this.fd === null) {
      out.set(this.mem.subarray(at, at + this.recordBytes))
      return out
    }
    this.flush()
    let got = 0
    while (got < this.recordBytes) {
      const n = fs.readSync(this.fd, out, got, this.recordBytes - got, at + got)
      if (n === 0) throw new Error(`${this.file}: short read of record ${i}`)
      got += n
    }
    return out
  }

  /** Removes the file, if any; the records are gone. */
  close(): void {
    if (this.fd === null) return
    fs.closeSync(this.fd)
    this.fd = null
    fs.rmSync(this.file, { force: true })
    this.count = 0
  }

  private spill(): void {
    fs.mkdirSync(this.dir!, { recursive: true })
    this.file = path.join(this.dir!, `records-${process.pid}-${files++}.bin`)
    this.fd = fs.openSync(this.file, "w+")
    this.writeAll(this.mem.subarray(0, this.memUsed))
    this.mem = new Uint8Array(0)
    this.memUsed = 0
    this.block = new Uint8Array(BLOCK - (BLOCK % this.recordBytes) || this.recordBytes)
  }

  private toBlock(record: Uint8Array): void {
    if (this.blockUsed + record.length > this.block.length) this.flush()
    this.block.set(record, this.blockUsed)
    this.blockUsed += record.length
  }

  private flush(): void {
    if (this.blockUsed === 0) return
    this.writeAll(this.block.subarray(0, this.blockUsed))
    this.blockUsed = 0
  }

  private writeAll(bytes: Uint8Array): void {
    let done = 0
    while (done < bytes.length) done += fs.writeSync(this.fd!, bytes, done, bytes.length - done)
  }
}
