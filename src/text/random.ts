/** Seeded pseudo-random numbers (mulberry32): reproducible shuffles and hash parameters, never Math.random. */

/** uint32 values from `seed`. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** Numbers in [0, 1) from `seed` (the uint32 stream divided by 2^32). */
export const uniform = (seed: number): (() => number) => {
  const next = mulberry32(seed)
  return () => next() / 4294967296
}
