/**
 * Code fingerprints for cache keys: a stage's module, every local module it imports (followed
 * transitively), the data files they load through `new URL("…", import.meta.url)`, and the
 * versions of the packages they import. Reading the import graph from source text keeps this
 * free of bundlers; a change anywhere in what a stage runs changes its key.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g
const URL_REF = /new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g
// Packages loaded through require(name), plain or made by createRequire.
const REQUIRE = /(?:\brequire|createRequire\([^)]*\))\(\s*["']([^"'./][^"']*)["']\s*\)/g

export interface Fingerprint {
  /** sha256 over the sorted (relative path, content hash) of every local file. */
  readonly code: string
  /** package name → version, sorted. */
  readonly packages: Readonly<Record<string, string>>
  readonly files: ReadonlyArray<string>
}

const cache = new Map<string, Fingerprint>()

export const fingerprintModule = (moduleUrl: string, root: string): Fingerprint => {
  const entry = moduleUrl.startsWith("file:") ? fileURLToPath(moduleUrl) : moduleUrl
  const hit = cache.get(entry)
  if (hit) return hit
  const seen = new Set<string>()
  const packages = new Map<string, string>()
  const stack = [entry]
  while (stack.length > 0) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    if (!/\.(ts|js|mjs)$/.test(file)) continue
    const src = fs.readFileSync(file, "utf8")
    for (const m of src.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!
      if (spec.startsWith(".")) stack.push(path.resolve(path.dirname(file), spec))
      else if (!spec.startsWith("node:")) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!
        if (!packages.has(name)) packages.set(name, packageVersion(name, root))
      }
    }
    for (const m of src.matchAll(REQUIRE)) {
      const spec = m[1]!
      if (spec.startsWith("node:")) continue
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!
      if (!packages.has(name)) packages.set(name, packageVersion(name, root))
    }
    for (const m of src.matchAll(URL_REF)) {
      const target = path.resolve(path.dirname(file), m[1]!)
      if (fs.existsSync(target) && fs.statSync(target).isFile()) seen.add(target)
    }
  }
  const files = [...seen].filter((f) => fs.existsSync(f)).map((f) => path.relative(root, f)).sort()
  const h = createHash("sha256")
  for (const f of files) h.update(`${f}\u0000${createHash("sha256").update(fs.readFileSync(path.join(root, f))).digest("hex")}\n`)
  const fp: Fingerprint = {
    code: h.digest("hex"),
    packages: Object.fromEntries([...packages.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    files
  }
  cache.set(entry, fp)
  return fp
}

const packageVersion = (name: string, root: string): string => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version
  } catch {
    return "unknown"
  }
}
