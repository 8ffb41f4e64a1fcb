import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { IdSet } from "../src/aggregate/id-set.ts"
import { contentId, sha256Hex } from "../src/text/hash.ts"

describe("IdSet", () => {
  it("answers like a Set of strings, through many growths", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => contentId(sha256Hex(`doc ${i % 15_000}`)))
    const model = new Set<string>()
    const set = new IdSet()
    for (const id of ids) {
      expect(set.add(id)).toBe(!model.has(id))
      model.add(id)
    }
    expect(set.size).toBe(15_000)
    for (let i = 0; i < 16_000; i++) {
      const id = contentId(sha256Hex(`doc ${i}`))
      expect(set.has(id)).toBe(model.has(id))
    }
  })

  it("tells apart ids that share their low or high half, and stores the all-zero id", () => {
    const set = new IdSet()
    const ids = ["0000000000000000", "00000001deadbeef", "00000002deadbeef", "deadbeef00000000", "deadbeef00000001"]
    for (const id of ids) expect(set.add(id)).toBe(true)
    for (const id of ids) expect(set.has(id)).toBe(true)
    expect(set.has("00000003deadbeef")).toBe(false)
    expect(set.add("0000000000000000")).toBe(false)
    expect(set.size).toBe(5)
  })

  it("keeps ids of any other shape exactly", () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 20 }), { maxLength: 200 }), (xs) => {
      const set = new IdSet()
      const model = new Set<string>()
      for (const x of xs) {
        expect(set.add(x)).toBe(!model.has(x))
        model.add(x)
      }
      for (const x of xs) expect(set.has(x)).toBe(true)
      expect(set.size).toBe(model.size)
      // Upper-case hex is another string than its lower-case twin.
      if (!model.has("ABCDEF0123456789")) expect(set.has("ABCDEF0123456789")).toBe(false)
    }))
  })
})
