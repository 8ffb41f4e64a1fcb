// MinHash signatures over word 5-shingles and LSH band keys for near-duplicate
// detection (Broder 1997; Leskovec et al., Mining of Massive Datasets ch. 3).
//
// Tokens: maximal runs of letters/digits, lower-cased (punctuation, case and
// whitespace differences do not matter). Each token is hashed once (32-bit
// FNV-1a + fmix32); a shingle hash combines 5 consecutive token hashes; each of
// the 128 permutations is h_k(x) = fmix-lite(x ^ A_k) * B_k, with A_k, B_k
// drawn from a fixed-seed PRNG (deterministic across runs and machines).
//
// LSH banding: 128 = 16 bands x 8 rows. Two documents with Jaccard s share at
// least one band with probability P(s) = 1 - (1 - s^8)^16; the S-curve's
// midpoint is (1/16)^(1/8) ~= 0.71, so
//   s = 0.9 -> 0.9999,  s = 0.8 -> 0.947,  s = 0.7 -> 0.45,
//   s = 0.5 -> 0.061,   s = 0.3 -> 0.001.
// i.e. ~95 % recall at the 0.8 target while unrelated and loosely related
// pairs rarely become candidates; candidates are then confirmed with
// estimateJaccard (std. error sqrt(s(1-s)/128) ~= 0.035 at s = 0.8).
// (20 x 6 would lift recall at 0.8 to 0.99 but candidates at 0.5 to 0.27.)

import { mulberry32 } from "./random.ts"

export const NUM_HASHES = 128
export const BANDS = 16
export const ROWS = 8
export const SHINGLE = 5

// Fixed-seed PRNG for the permutation parameters: uint32 values.
const PERM_A = new Int32Array(NUM_HASHES)
const PERM_B = new Int32Array(NUM_HASHES)
{
  const rnd = mulberry32(0x5eed_b5)
  for (let k = 0; k < NUM_HASHES; k++) {
    PERM_A[k] = rnd() | 0
    PERM_B[k] = (rnd() | 1) | 0 // odd multiplier: a bijection on 32-bit words
  }
}

function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}

const LETTER_RE = /[\p{L}\p{M}\p{Nd}]/u
const wordChar = new Uint8Array(65536) // 0 unknown, 1 word char, 2 not
function isWordChar(c: number): boolean {
  let k = wordChar[c]!
  if (k === 0) {
    k = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1
      : c < 128 ? 2
      : (c >= 0xd800 && c <= 0xdfff) || LETTER_RE.test(String.fromCharCode(c)) ? 1 : 2
    wordChar[c] = k
  }
  return k === 1
}

/** 32-bit hashes of the normalised tokens of `text`, in order. */
export function tokenHashes(text: string): Int32Array {
  let buf = new Int32Array(Math.max(16, text.length >>> 2))
  let n = 0
  const len = text.length
  let i = 0
  while (i < len) {
    let c = text.charCodeAt(i)
    if (!isWordChar(c)) { i++; continue }
    let h = 0x811c9dc5 | 0
    while (i < len && isWordChar(c)) {
      // ASCII fast lower-casing; other scripts via toLowerCase of the single unit
      if (c >= 65 && c <= 90) c += 32
      else if (c >= 128) c = String.fromCharCode(c).toLowerCase().charCodeAt(0)
      h = Math.imul(h ^ c, 0x01000193)
      i++
      c = i < len ? text.charCodeAt(i) : 0
    }
    if (n === buf.length) { const nb = new Int32Array(n * 2); nb.set(buf); buf = nb }
    buf[n++] = fmix32(h)
  }
  return buf.subarray(0, n)
}

/** 128-value MinHash signature over word 5-shingles (all 0xffffffff for a text without tokens). */
export function minhashSignature(text: string): Uint32Array {
  const toks = tokenHashes(text)
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff)
  const nt = toks.length
  if (nt === 0) return sig
  // texts shorter than one shingle are one shingle of all their tokens
  const nShingles = nt >= SHINGLE ? nt - SHINGLE + 1 : 1
  const width = Math.min(SHINGLE, nt)
  const A = PERM_A
  const B = PERM_B
  for (let s = 0; s < nShingles; s++) {
    let x = 0x9e3779b9 | 0
    for (let j = 0; j < width; j++) x = Math.imul((x << 5 | x >>> 27) ^ toks[s + j]!, 0x27d4eb2d)
    x = fmix32(x)
    for (let k = 0; k < NUM_HASHES; k++) {
      let h = Math.imul(x ^ A[k]!, B[k]!)
      h ^= h >>> 15
      const u = h >>> 0
      if (u < sig[k]!) sig[k] = u
    }
  }
  return sig
}

/** One key per band ("bNN:" + 53-bit hash of the band's 8 values in base 36). */
export function lshBandKeys(sig: Uint32Array): string[] {
  if (sig.length !== NUM_HASHES) throw new Error(`lshBandKeys: expected ${NUM_HASHES} values, got ${sig.length}`)
  const keys: string[] = []
  for (let b = 0; b < BANDS; b++) {
    let h1 = 0x811c9dc5 ^ b
    let h2 = 0x1b873593 ^ Math.imul(b, 0x5bd1e995)
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r]! | 0
      h1 = fmix32(Math.imul(h1 ^ v, 0x01000193))
      h2 = fmix32(Math.imul(h2 ^ v, 0xcc9e2d51) + 0x7fb5d329)
    }
    const k53 = (h1 >>> 0) * 0x200000 + (h2 >>> 11)
    keys.push(`b${b < 10 ? "0" : ""}${b}:${k53.toString(36)}`)
  }
  return keys
}

/** Fraction of signature positions that agree: an unbiased estimate of the shingle-set Jaccard. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error("estimateJaccard: signatures of different length")
  let eq = 0
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++
  return eq / a.length
}
