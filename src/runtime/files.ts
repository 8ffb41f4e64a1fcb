/**
 * File access for everything the pipeline writes. Going through this service (not node:fs
 * directly) lets tests inject faults — a failed write, a full disk, a failed rename — and
 * check that a run ends with a typed error and no partial release.
 */
import { Context, Effect, Layer } from "effect"
import * as fs from "node:fs"
import * as fsp from "node:fs/promises"
import { once } from "node:events"
import { FileError } from "../errors.ts"

/** An open file being written sequentially. */
export interface FileSink {
  readonly write: (chunk: string | Uint8Array) => Effect.Effect<void, FileError>
  /** Flushes, fsyncs and closes. */
  readonly close: Effect.Effect<void, FileError>
}

export class Files extends Context.Service<Files, {
  readonly mkdir: (path: string) => Effect.Effect<void, FileError>
  readonly remove: (path: string) => Effect.Effect<void, FileError>
  readonly rename: (from: string, to: string) => Effect.Effect<void, FileError>
  readonly writeFile: (path: string, data: string | Uint8Array) => Effect.Effect<void, FileError>
  readonly readFile: (path: string) => Effect.Effect<Uint8Array, FileError>
  readonly exists: (path: string) => Effect.Effect<boolean>
  readonly symlink: (target: string, path: string) => Effect.Effect<void, FileError>
  readonly openSink: (path: string) => Effect.Effect<FileSink, FileError>
}>()("broadsheet/runtime/Files") {
  static readonly layer = Layer.sync(Files, () => nodeFiles())
}

const fail = (operation: string, path: string) => (cause: unknown) =>
  new FileError({ operation, path, message: cause instanceof Error ? cause.message : String(cause) })

const attempt = <A>(operation: string, path: string, f: () => Promise<A>): Effect.Effect<A, FileError> =>
  Effect.tryPromise({ try: f, catch: fail(operation, path) })

export const nodeFiles = (): Files["Service"] => ({
  mkdir: (path) => attempt("mkdir", path, () => fsp.mkdir(path, { recursive: true }).then(() => undefined)),
  remove: (path) => attempt("remove", path, () => fsp.rm(path, { recursive: true, force: true })),
  rename: (from, to) => attempt("rename", to, () => fsp.rename(from, to)),
  writeFile: (path, data) =>
    attempt("write", path, async () => {
      const fh = await fsp.open(path, "w")
      try {
        await fh.writeFile(data)
        await fh.sync()
      } finally {
        await fh.close()
      }
    }),
  readFile: (path) => attempt("read", path, () => fsp.readFile(path)),
  exists: (path) => Effect.promise(() => fsp.access(path).then(() => true, () => false)),
  // Made under a temporary name and renamed over the old link: there is always a link.
  symlink: (target, path) =>
    attempt("symlink", path, async () => {
      const tmp = `${path}.tmp-${process.pid}`
      await fsp.rm(tmp, { force: true })
      await fsp.symlink(target, tmp)
      await fsp.rename(tmp, path)
    }),
  openSink: (path) =>
    attempt("open", path, async () => {
      const stream = fs.createWriteStream(path, { autoClose: false })
      await once(stream, "open")
      return stream
    }).pipe(Effect.map((stream): FileSink => ({
      write: (chunk) =>
        attempt("write", path, async () => {
          if (!stream.write(chunk)) await once(stream, "drain")
        }),
      close: attempt("close", path, () =>
        new Promise<void>((resolve, reject) => {
          stream.once("error", reject)
          stream.end(() => {
            fs.fsync((stream as unknown as { fd: number }).fd, (err) => {
              if (err) reject(err)
              else fs.close((stream as unknown as { fd: number }).fd, () => resolve())
            })
          })
        }))
    })))
})
