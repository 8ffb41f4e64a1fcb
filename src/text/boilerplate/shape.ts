// Line "shape": a normalised form under which trivial variants of the same
// boilerplate line collide ("0 Comments" / "12 Comments", "Log Out / Change )"
// with or without NBSPs, case differences), plus a 53-bit hash key of it.
//
// Normalisation: NFKC-free (too slow for the hot path) case-fold via
// toLowerCase; every run of digits (with inner , . : / separators, e.g.
// "1,234.5" or "10:30") becomes the single token "0"; apostrophes inside words
// are dropped ("don't" == "dont"); every other non-letter/non-digit is a
// separator; tokens are joined by one space. Lines without any letter or digit
// ("###", "* * *") keep their visible characters so they still get a key.

/** Number of leading word shapes in a prefix key. */
export const PREFIX_WORDS = 8

// Per-UTF-16-unit class cache: 0 = unknown, 1 = letter/mark, 2 = digit, 3 = other.
const charClass = new Uint8Array(65536)
const LETTER_RE = /[\p{L}\p{M}]/u
const DIGIT_RE = /\p{Nd}/u
function classOf(c: number): number {
  let k = charClass[c]!
  if (k !== 0) return k
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) k = 1
  else if (c >= 48 && c <= 57) k = 2
  else if (c < 128) k = 3
  else if (c >= 0xd800 && c <= 0xdfff) k = 1 // astral halves: treat as word characters
  else {
    const ch = String.fromCharCode(c)
    k = LETTER_RE.test(ch) ? 1 : DIGIT_RE.test(ch) ? 2 : 3
  }
  charClass[c] = k
  return k
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018
}
function isNumberJoiner(c: number): boolean {
  return c === 44 || c === 46 || c === 58 || c === 47 // , . : /
}

export interface LineShape {
  /** normalised token string ("" never: symbol-only lines keep their symbols) */
  readonly shape: string
  /** number of tokens (words and number runs) */
  readonly words: number
  /** first PREFIX_WORDS tokens, only when the line has clearly more tokens than that; else null */
  readonly prefix: string | null
}

export function shapeLine(text: string): LineShape {
  const s = text.toLowerCase()
  const n = s.length
  const toks: string[] = []
  let i = 0
  while (i < n) {
    const c = s.charCodeAt(i)
    const k = classOf(c)
    if (k === 1) {
      let w = ""
      let j = i
      while (j < n) {
        const d = s.charCodeAt(j)
        const kd = classOf(d)
        if (kd === 1) { j++; continue }
        // keep "don't" as one token, dropping the apostrophe
        if (isApostrophe(d) && j + 1 < n && classOf(s.charCodeAt(j + 1)) === 1) {
          w += s.slice(i, j)
          i = j + 1
          j = i
          continue
        }
        break
      }
      w += s.slice(i, j)
      toks.push(w)
      i = j
    } else if (k === 2) {
      let j = i + 1
      while (j < n) {
        const d = s.charCodeAt(j)
        if (classOf(d) === 2) { j++; continue }
        if (isNumberJoiner(d) && j + 1 < n && classOf(s.charCodeAt(j + 1)) === 2) { j += 2; continue }
        break
      }
      toks.push("0")
      i = j
    } else i++
  }
  if (toks.length === 0) {
    const sym = s.replace(/\s+/g, "")
    return { shape: sym === "" ? "" : "\u0001" + sym, words: 0, prefix: null }
  }
  const prefix = toks.length >= PREFIX_WORDS + 3 ? toks.slice(0, PREFIX_WORDS).join(" ") : null
  return { shape: toks.join(" "), words: toks.length, prefix }
}

/** Shape string only. */
export function lineShape(text: string): string {
  return shapeLine(text).shape
}

/**
 * 53-bit hash of a string (two independent 32-bit multiplicative hashes,
 * 32 + 21 bits), exact as a JS number, so it can be a Map key and JSON value.
 * `seed` separates key spaces (exact shape vs prefix).
 */
export function hashKey(s: string, seed = 0): number {
  let h1 = 0x811c9dc5 ^ seed
  let h2 = 0x9747b28c ^ Math.imul(seed, 0x5bd1e995)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  // final avalanche (murmur3 fmix32) on both halves
  h1 ^= h1 >>> 16; h1 = Math.imul(h1, 0x85ebca6b); h1 ^= h1 >>> 13; h1 = Math.imul(h1, 0xc2b2ae35); h1 ^= h1 >>> 16
  h2 ^= h2 >>> 16; h2 = Math.imul(h2, 0x85ebca6b); h2 ^= h2 >>> 13; h2 = Math.imul(h2, 0xc2b2ae35); h2 ^= h2 >>> 16
  return (h1 >>> 0) * 0x200000 + (h2 >>> 11)
}

export const SHAPE_SEED = 0
export const PREFIX_SEED = 0x50524546 // "PREF"

/** Keys used by LineStats for one line: exact shape key and (optional) prefix key. */
export function lineKeys(text: string): { readonly shape: LineShape; readonly key: number; readonly prefixKey: number | null } {
  const shape = shapeLine(text)
  return {
    shape,
    key: hashKey(shape.shape, SHAPE_SEED),
    prefixKey: shape.prefix === null ? null : hashKey(shape.prefix, PREFIX_SEED)
  }
}

// ---------------------------------------------------------------- fast path
// lineKeysFast computes the same numbers as lineKeys (key = hashKey(shape),
// prefixKey = hashKey(prefix, PREFIX_SEED), words) in one pass over the line
// without building the lower-cased copy, the token array or the shape string:
// the two hash states are fed the normalised characters as they are produced
// (a single space between tokens, "0" for a number run). This is the hot path
// of pass 1 (LineStats.addDocument). Lower-casing is per UTF-16 unit through a
// cache; the rare units whose lower case is not a single unit (e.g. "İ") and
// lines without any word character fall back to lineKeys, so results are
// identical to the reference implementation (checked in the tests).

const lowerCache = new Int32Array(65536).fill(-1)
function lowerUnit(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c
  let l = lowerCache[c]!
  if (l === -1) {
    const s = String.fromCharCode(c).toLowerCase()
    l = s.length === 1 ? s.charCodeAt(0) : -2 // -2: multi-unit lower case, use the slow path
    lowerCache[c] = l
  }
  return l
}

// mutable hash state, reused (no allocation per line)
let h1 = 0, h2 = 0, p1 = 0, p2 = 0
const fmix = (h: number): number => {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16
  return h
}

export interface FastKeys { key: number; prefixKey: number | null; words: number }
const fastOut: FastKeys = { key: 0, prefixKey: null, words: 0 }

/**
 * Keys of one line, identical to lineKeys(text) but allocation-free. The returned object is
 * reused by the next call: copy the fields before calling again.
 */
export function lineKeysFast(text: string): FastKeys {
  const n = text.length
  h1 = 0x811c9dc5 ^ SHAPE_SEED
  h2 = 0x9747b28c ^ Math.imul(SHAPE_SEED, 0x5bd1e995)
  p1 = 0x811c9dc5 ^ PREFIX_SEED
  p2 = 0x9747b28c ^ Math.imul(PREFIX_SEED, 0x5bd1e995)
  let toks = 0
  let i = 0
  while (i < n) {
    const c0 = text.charCodeAt(i)
    const c = lowerUnit(c0)
    if (c === -2) return slow(text)
    const k = classOf(c)
    if (k === 3) { i++; continue }
    if (toks > 0) feed(32, toks + 1) // the separator belongs to the next token's prefix span
    if (k === 1) {
      feed(c, toks + 1)
      let j = i + 1
      while (j < n) {
        const d = lowerUnit(text.charCodeAt(j))
        if (d === -2) return slow(text)
        const kd = classOf(d)
        if (kd === 1) { feed(d, toks + 1); j++; continue }
        if (isApostrophe(d) && j + 1 < n) {
          const e = lowerUnit(text.charCodeAt(j + 1))
          if (e === -2) return slow(text)
          if (classOf(e) === 1) { j++; continue }
        }
        break
      }
      i = j
    } else {
      feed(48, toks + 1)
      let j = i + 1
      while (j < n) {
        const d = lowerUnit(text.charCodeAt(j))
        if (classOf(d) === 2) { j++; continue }
        if (isNumberJoiner(d) && j + 1 < n && classOf(lowerUnit(text.charCodeAt(j + 1))) === 2) { j += 2; continue }
        break
      }
      i = j
    }
    toks++
  }
  if (toks === 0) return slow(text)
  const a = fmix(h1), b = fmix(h2)
  fastOut.key = (a >>> 0) * 0x200000 + (b >>> 11)
  fastOut.words = toks
  if (toks >= PREFIX_WORDS + 3) {
    const pa = fmix(p1), pb = fmix(p2)
    fastOut.prefixKey = (pa >>> 0) * 0x200000 + (pb >>> 11)
  } else fastOut.prefixKey = null
  return fastOut
}

// feed one normalised unit to the shape hash and, while inside the first PREFIX_WORDS tokens
// (tokNo is the 1-based number of the token the unit belongs to), to the prefix hash
function feed(c: number, tokNo: number): void {
  h1 = Math.imul(h1 ^ c, 0x01000193)
  h2 = Math.imul(h2 ^ c, 0x5bd1e995)
  h2 ^= h2 >>> 15
  if (tokNo <= PREFIX_WORDS) {
    p1 = Math.imul(p1 ^ c, 0x01000193)
    p2 = Math.imul(p2 ^ c, 0x5bd1e995)
    p2 ^= p2 >>> 15
  }
}

function slow(text: string): FastKeys {
  const k = lineKeys(text)
  fastOut.key = k.key
  fastOut.prefixKey = k.prefixKey
  fastOut.words = k.shape.words
  return fastOut
}

// Coarse line shape (round 4, position evidence across varying text): capitalised words -> "A",
// other words -> "a", numbers -> "0" (runs of the same class collapse), a small set of label and
// function words and the separators | / — – - @ : kept as they are. "By Serena Gordon" and "By Amy
// Norton" share "by A"; "Posted in Health | Tagged diet, sugar" is "posted a A | tagged a". Only
// shapes with such a label word or separator are distinctive (hasLiteral); "A a" or "A 0" alone is
// any headline or table row.
// (no plain function words: "The A", "A of A" are sub-heading shapes)
const COARSE_LITERALS = new Set(("by posted tagged filed updated published via source sources credits " +
  "photo photos image credit reporter writer editor staff contributor correspondent am pm et est gmt comments comment " +
  "share email print read more related follow tags category categories received special").split(" "))
// the separators | / — – - @ (a token of its own)
const isCoarseSeparator = (t: string): boolean => t === "|" || t === "/" || t === "\u2014" || t === "\u2013" || t === "-" || t === "@"
const COARSE_SEED = 0x636f61
export interface CoarseShape { readonly key: number; readonly hasLiteral: boolean }
export function coarseShape(text: string): CoarseShape {
  // one pass over white-space separated tokens, with the character-class cache of shapeLine
  let out = "", last = "", hasLiteral = false
  const n = text.length
  let i = 0
  const push = (tok: string): void => {
    if ((tok === "A" || tok === "a" || tok === "0") && last === tok) return
    out += out === "" ? tok : " " + tok
    last = tok
  }
  while (i < n) {
    while (i < n && isSpaceUnit(text.charCodeAt(i))) i++
    if (i >= n) break
    const start = i
    let firstL = -1, lastL = -1, digit = false
    while (i < n && !isSpaceUnit(text.charCodeAt(i))) {
      const k = classOf(text.charCodeAt(i))
      if (k === 1) { if (firstL === -1) firstL = i; lastL = i } else if (k === 2) digit = true
      i++
    }
    if (digit) { push("0"); continue }
    if (firstL === -1) {
      const t = text.slice(start, i)
      if (isCoarseSeparator(t)) { push(t); hasLiteral = true }
      continue
    }
    const len = lastL - firstL + 1
    const w = len <= 13 ? text.slice(firstL, lastL + 1).toLowerCase() : ""
    if (w !== "" && COARSE_LITERALS.has(w)) { push(w); hasLiteral = true }
    else { const c = text.charCodeAt(firstL); push(lowerUnit(c) !== c ? "A" : "a") }
    if (text.charCodeAt(i - 1) === 58) { push(":"); hasLiteral = true } // "Source:", "(MORE:"
  }
  return { key: hashKey(out, COARSE_SEED), hasLiteral }
}
function isSpaceUnit(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x200b || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000
}
