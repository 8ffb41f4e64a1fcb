/**
 * The per-document memo on disk: for each task namespace (task name + code fingerprint), an
 * append-only data file per run and an index of (key, block, place in the block). Only the index of
 * earlier runs is held in memory (~150 bytes a remembered document; nothing on a cold run);
 * remembered outputs are read back on demand, a block at a time (a run asks for them in about the
 * order they were written, so the last block read is kept).
 *
 * An entry is the trace as one JSON line followed by the output lines as they are (NDJSON lines
 * never hold a newline), so remembering costs no re-escaping of the outputs. Entries are written in
 * blocks of ~128 KiB, each one zstd frame (the memo is the largest part of the cache: ~55 KB an
 * article of NDJSON, ~5× less in zstd; the data file is a valid zstd stream), the index lines after
 * their block, so a crash never indexes missing bytes. Why blocks: zstd's set-up costs ~50 µs a call,
 * and a frame per entry made a 20k-article run 9 % slower (bench/README.md, session 15). Why not
 * larger: a run asking in another order (a reshuffled corpus) decompresses a block per entry.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import * as zlib from "node:zlib"
import { compressBlock } from "../io/zstd.ts"
import { LAST_RUN_FILE } from "./retention.ts"
import type { Trace } from "./task.ts"

interface Location {
  readonly file: string
  /** The block's compressed bytes in the file. */
  readonly block: number
  readonly blockLength: number
  /** The entry's bytes in the decompressed block. */
  readonly at: number
  readonly length: number
}

const FLUSH_AT = 1 << 17
const NEWLINE = Buffer.from("\n")
const DATA = ".zst"

/** Part of the memo's folder name: entries of another layout are never read. */
export const MEMO_FORMAT = 3

export class Memo {
  private readonly index = new Map<string, Location>()
  private readonly dir: string
  private readonly name: string
  private fd: number | null = null
  private idx: number | null = null
  private offset = 0
  private readonly open = new Map<string, number>()
  /** Entries of earlier runs that this run asked for: what survives a compaction. */
  private readonly hits = new Map<string, Location>()
  private readonly earlier: ReadonlyArray<string>
  private earlierBytes = 0

  constructor(dir: string, runId: string) {
    this.dir = dir
    this.name = runId
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, LAST_RUN_FILE), `${runId}\n`)
    this.earlier = fs.readdirSync(dir).filter((f) => f.endsWith(".idx")).sort().map((f) => f.slice(0, -4))
    for (const run of this.earlier) {
      const data = `${run}${DATA}`
      for (const line of fs.readFileSync(path.join(dir, `${run}.idx`), "utf8").split("\n")) {
        const [k, b, bl, a, l] = line.split(" ")
        if (!k || !b || !bl || !a || !l) continue
        this.index.set(k, { file: data, block: Number(b), blockLength: Number(bl), at: Number(a), length: Number(l) })
        // (every entry stored, superseded ones too: what a compaction weighs the live entries against)
        this.earlierBytes += Number(l)
      }
    }
  }

  get size(): number {
    return this.index.size
  }

  get(key: string): { trace: Trace; outputs: ReadonlyArray<string> } | null {
    const loc = this.index.get(key)
    if (loc === undefined) return null
    try {
      const [first, ...outputs] = this.entryBytes(loc).toString("utf8").split("\n")
      const trace = JSON.parse(first!) as unknown
      if (!Array.isArray(trace)) return null
      this.hits.set(key, loc)
      return { trace: trace as Trace, outputs }
    } catch {
      // A damaged or half-written entry is simply not reused.
      return null
    }
  }

  private lastBlock: { readonly file: string; readonly block: number; readonly bytes: Buffer } | null = null

  /** An entry's bytes, from its block (earlier runs' files stay open until close). */
  private entryBytes(loc: Location): Buffer {
    const last = this.lastBlock
    if (last === null || last.file !== loc.file || last.block !== loc.block) {
      let fd = this.open.get(loc.file)
      if (fd === undefined) {
        fd = fs.openSync(path.join(this.dir, loc.file), "r")
        this.open.set(loc.file, fd)
      }
      const buf = Buffer.alloc(loc.blockLength)
      fs.readSync(fd, buf, 0, loc.blockLength, loc.block)
      this.lastBlock = { file: loc.file, block: loc.block, bytes: zlib.zstdDecompressSync(buf) }
    }
    return this.lastBlock!.bytes.subarray(loc.at, loc.at + loc.length)
  }

  /**
   * Remembers a result: the trace as JSON and the output lines as UTF-8 bytes. False (and no more
   * writes) when the disk refuses: the memo only saves work.
   */
  put(key: string, trace: string, outputs: ReadonlyArray<Uint8Array>): boolean {
    if (this.broken) return false
    try {
      this.write(key, trace, outputs)
      return true
    } catch {
      this.broken = true
      return false
    }
  }

  private broken = false

  private pendingData: Array<Buffer> = []
  private pending = 0

  private write(key: string, trace: string, outputs: ReadonlyArray<Uint8Array>): void {
    // Superseded: a compaction must not carry the old entry forward.
    this.hits.delete(key)
    const parts: Array<Uint8Array> = [Buffer.from(trace, "utf8")]
    for (const o of outputs) parts.push(NEWLINE, o)
    this.append(key, Buffer.concat(parts))
  }

  private append(key: string, bytes: Buffer): void {
    this.pendingData.push(bytes)
    this.pendingKeys.push(key)
    this.pending += bytes.length
    if (this.pending >= FLUSH_AT) this.flush()
  }

  private pendingKeys: Array<string> = []

  /** Writes the pending entries as one block (a zstd frame), then their index lines. */
  private flush(): void {
    if (this.pendingData.length === 0) return
    if (this.fd === null) {
      this.fd = fs.openSync(path.join(this.dir, `${this.name}${DATA}`), "a")
      this.idx = fs.openSync(path.join(this.dir, `${this.name}.idx`), "a")
    }
    const frame = compressBlock(Buffer.concat(this.pendingData))
    const lines: Array<string> = []
    let at = 0
    this.pendingData.forEach((d, i) => {
      lines.push(`${this.pendingKeys[i]} ${this.offset} ${frame.length} ${at} ${d.length}\n`)
      at += d.length
    })
    fs.writeSync(this.fd, frame)
    fs.writeSync(this.idx!, lines.join(""))
    this.offset += frame.length
    this.pendingData = []
    this.pendingKeys = []
    this.pending = 0
  }

  /** Flushes and closes; `complete` (every document was asked for) allows a compaction. */
  close(complete = false): void {
    try {
      if (!this.broken) {
        this.flush()
        if (complete) this.compact()
      }
    } catch {
      // the memo only saves work: an unwritable tail is simply not remembered
    }
    for (const fd of [this.fd, this.idx, ...this.open.values()]) {
      if (fd === null) continue
      try {
        fs.closeSync(fd)
      } catch {
        // already closed or gone: nothing left to release
      }
    }
    this.fd = null
    this.idx = null
    this.open.clear()
  }

  /**
   * Keeps the memo within twice what the last run used: when less than half of the earlier
   * runs' bytes were asked for this time (documents gone from the corpus, results superseded),
   * the entries asked for are copied into this run's file and the earlier files are deleted.
   * Index lines follow their data and old files go last, so a crash leaves at worst duplicates.
   */
  private compact(): void {
    if (this.earlier.length === 0) return
    let live = 0
    for (const loc of this.hits.values()) live += loc.length
    if (live * 2 > this.earlierBytes) return
    const moved = [...this.hits]
    moved.sort((a, b) => (a[1].file < b[1].file ? -1 : a[1].file > b[1].file ? 1 : a[1].block - b[1].block || a[1].at - b[1].at))
    // Moved as bytes, block by block in file order: no decoding and encoding of the entries.
    for (const [key, loc] of moved) this.append(key, Buffer.from(this.entryBytes(loc)))
    this.flush()
    if (this.fd !== null) fs.fsyncSync(this.fd)
    if (this.idx !== null) fs.fsyncSync(this.idx)
    for (const [file, fd] of this.open) {
      fs.closeSync(fd)
      this.open.delete(file)
    }
    for (const run of this.earlier) {
      if (run === this.name) continue
      fs.rmSync(path.join(this.dir, `${run}.idx`), { force: true })
      fs.rmSync(path.join(this.dir, `${run}${DATA}`), { force: true })
    }
  }
}
