/**
 * Compiles the WebAssembly text sources of src/ into the binaries beside them (`npm run build:wasm`).
 * The binaries are committed, so running the pipeline needs no compiler; test/ner-kernel.test.ts
 * checks that each committed binary is what its source compiles to.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import wabtInit from "wabt"

export const WAT_SOURCES = ["src/text/ner/kernel.wat"]

const repoRoot = path.resolve(import.meta.dirname, "..")

/** The binary a `.wat` source compiles to (SIMD enabled). */
export const compileWat = async (file: string): Promise<Uint8Array> => {
  const wabt = await wabtInit()
  const mod = wabt.parseWat(path.basename(file), fs.readFileSync(file, "utf8"), { simd: true })
  try {
    mod.validate()
    return mod.toBinary({}).buffer
  } finally {
    mod.destroy()
  }
}

if (import.meta.main) {
  for (const src of WAT_SOURCES) {
    const bytes = await compileWat(path.join(repoRoot, src))
    const out = path.join(repoRoot, src.replace(/\.wat$/, ".wasm"))
    fs.writeFileSync(out, bytes)
    console.log(`${path.relative(repoRoot, out)}: ${bytes.length} bytes`)
  }
}
