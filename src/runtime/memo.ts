/**
 * The per-document memo on disk: for each task namespace (task name + code fingerprint), an
 * append-only data file per run and an index of (key, offset, length). Only the index of earlier
 * runs is held in memory (~150 bytes a remembered document; nothing on a cold run); remembered
 * outputs are read back on demand.
 *
 * An entry is the trace as one JSON line followed by the output lines as they are (NDJSON lines
 * never hold a newline), so remembering costs no re-escaping of the outputs. Entries are written
 * in blocks, the index lines after their data, so a crash never indexes missing bytes.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type { Trace } from "./task.ts"

interface Location {
  readonly file: string
  readonly offset: number
  readonly length: number
}

const FLUSH_AT = 1 << 20

/** Part of the memo's folder name: entries of another layout are never read. */
export const MEMO_FORMAT = 2

export class Memo {
  private readonly index = new Map<string, Location>()
  private readonly dir: string
  private readonly name: string
  private fd: number | null = null
  private idx: number | null = null
  private offset = 0
  private readonly open = new Map<string, number>()

  constructor(dir: string, runId: string) {
    this.dir = dir
    this.name = runId
    fs.mkdirSync(dir, { recursive: true })
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".idx")).sort()) {
      const data = f.slice(0, -4) + ".ndjson"
      for (const line of fs.readFileSync(path.join(dir, f), "utf8").split("\n")) {
        const [k, o, l] = line.split(" ")
        if (k && o && l) this.index.set(k, { file: data, offset: Number(o), length: Number(l) })
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
      let fd = this.open.get(loc.file)
      if (fd === undefined) {
        fd = fs.openSync(path.join(this.dir, loc.file), "r")
        this.open.set(loc.file, fd)
      }
      const buf = Buffer.alloc(loc.length)
      fs.readSync(fd, buf, 0, loc.length, loc.offset)
      const [first, ...outputs] = buf.toString("utf8").split("\n")
      const trace = JSON.parse(first!) as unknown
      return Array.isArray(trace) ? { trace: trace as Trace, outputs } : null
    } catch {
      // A damaged or half-written entry is simply not reused.
      return null
    }
  }

  /** Remembers a result; false (and no more writes) when the disk refuses: the memo only saves work. */
  put(key: string, trace: Trace, outputs: ReadonlyArray<string>): boolean {
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

  private data: Array<string> = []
  private index_: Array<string> = []
  private pending = 0

  private write(key: string, trace: Trace, outputs: ReadonlyArray<string>): void {
    const entry = `${JSON.stringify(trace)}\n${outputs.join("\n")}\n`
    const length = Buffer.byteLength(entry, "utf8")
    this.data.push(entry)
    this.index_.push(`${key} ${this.offset} ${length - 1}\n`)
    this.offset += length
    this.pending += length
    if (this.pending >= FLUSH_AT) this.flush()
  }

  private flush(): void {
    if (this.data.length === 0) return
    if (this.fd === null) {
      this.fd = fs.openSync(path.join(this.dir, `${this.name}.ndjson`), "a")
      this.idx = fs.openSync(path.join(this.dir, `${this.name}.idx`), "a")
    }
    fs.writeSync(this.fd, this.data.join(""))
    fs.writeSync(this.idx!, this.index_.join(""))
    this.data = []
    this.index_ = []
    this.pending = 0
  }

  close(): void {
    try {
      if (!this.broken) this.flush()
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
}
