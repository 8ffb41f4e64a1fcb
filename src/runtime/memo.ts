/**
 * The per-document memo on disk: for each task namespace (task name + code fingerprint), an
 * append-only data file per run and an index of (key, offset, length). Only the index of earlier
 * runs is held in memory (~150 bytes a remembered document; nothing on a cold run); remembered
 * outputs are read back on demand.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type { Trace } from "./task.ts"

interface Location {
  readonly file: string
  readonly offset: number
  readonly length: number
}

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
      const rec = JSON.parse(buf.toString("utf8")) as { t: Trace; o: ReadonlyArray<string> }
      return { trace: rec.t, outputs: rec.o }
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

  private write(key: string, trace: Trace, outputs: ReadonlyArray<string>): void {
    if (this.fd === null) {
      this.fd = fs.openSync(path.join(this.dir, `${this.name}.ndjson`), "a")
      this.idx = fs.openSync(path.join(this.dir, `${this.name}.idx`), "a")
    }
    const buf = Buffer.from(`${JSON.stringify({ t: trace, o: outputs })}\n`, "utf8")
    fs.writeSync(this.fd, buf)
    // The index line is written after its data, so a crash never indexes missing bytes.
    fs.writeSync(this.idx!, `${key} ${this.offset} ${buf.length - 1}\n`)
    this.offset += buf.length
  }

  close(): void {
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
