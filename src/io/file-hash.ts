/** sha256 of a file, streamed: release files (a DuckDB database) can be larger than a Buffer. */
import { createHash } from "node:crypto"
import * as fs from "node:fs"

export const sha256File = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash("sha256")
    fs.createReadStream(file, { highWaterMark: 1 << 20 }).on("error", reject).on("data", (c) => hash.update(c)).on("end", () => resolve(hash.digest("hex")))
  })
