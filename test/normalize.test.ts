/** Normalisation and the offset map: unit cases plus properties over arbitrary text. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeBytes } from "../src/text/decode.ts"
import { locateStringField } from "../src/text/jsonfield.ts"
import { normalize, toSourceByte, utf8Offsets } from "../src/text/normalize.ts"

const norm = (s: string) => normalize({ text: s, byteOffsets: utf8Offsets(s) })
const enc = new TextEncoder()
const dec = new TextDecoder()

describe("normalize", () => {
  it("applies NFC, LF line ends, no BOM, odd spaces to plain spaces, trimmed lines, one blank line", () => {
    const input = "\ufeff  Caf\u0065\u0301\u00a0au\u2009lait \r\n\r\n\r\n\tsecond\u200b line  \rthird\u0007"
    expect(norm(input).text).toBe("Café au lait\n\nsecond line\nthird")
  })

  it("keeps emoji and surrogate pairs whole", () => {
    expect(norm("a 👍🏽 b\u200dc").text).toBe("a 👍🏽 b\u200dc")
  })

  it("maps offsets back to the exact source bytes", () => {
    const input = "Title\r\n\r\nIt’s  “quoted”\u00a0text.\r\nNext"
    const n = norm(input)
    const bytes = enc.encode(input)
    const at = n.text.indexOf("“quoted”")
    const slice = bytes.subarray(toSourceByte(n.map, at), toSourceByte(n.map, at + "“quoted”".length))
    expect(dec.decode(slice)).toBe("“quoted”")
    const line = n.text.indexOf("Next")
    expect(dec.decode(bytes.subarray(toSourceByte(n.map, line)))).toBe("Next")
  })

  const textArb = fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "\r\n", "\t", "\u00a0", "é", "e\u0301", "’", "😀", "\u200b", "x", ".", "\ufeff", "\u0085") , maxLength: 80 })

  it("is idempotent", () => {
    fc.assert(fc.property(textArb, (s) => norm(norm(s).text).text === norm(s).text), { numRuns: 500 })
  })

  it("every word of the output slices back to itself in the source", () => {
    fc.assert(
      fc.property(textArb, (s) => {
        const n = norm(s)
        const bytes = enc.encode(s)
        for (const m of n.text.matchAll(/[^\s]+/gu)) {
          const start = m.index
          const end = start + m[0].length
          const slice = dec.decode(bytes.subarray(toSourceByte(n.map, start), toSourceByte(n.map, end)))
          if (norm(slice).text !== m[0]) return false
        }
        return true
      }),
      { numRuns: 500 }
    )
  })
})

describe("decodeBytes", () => {
  it("detects encodings and says why bytes are not text", () => {
    expect(decodeBytes(new Uint8Array([])).ok).toBe(false)
    const pdf = decodeBytes(enc.encode("%PDF-1.7 ..."))
    expect(!pdf.ok && pdf.reason).toBe("binary")
    const utf16 = new Uint8Array([0xff, 0xfe, ...[..."Hi é"].flatMap((c) => [c.charCodeAt(0), 0])])
    const r16 = decodeBytes(utf16)
    expect(r16.ok && r16.encoding).toBe("utf-16le")
    expect(r16.ok && r16.source.text).toBe("Hi é")
    const noBom = new Uint8Array([..."Hello world"].flatMap((c) => [c.charCodeAt(0), 0]))
    const rn = decodeBytes(noBom)
    expect(rn.ok && rn.encoding).toBe("utf-16le")
    const latin = decodeBytes(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]))
    expect(latin.ok && latin.encoding).toBe("windows-1252")
    expect(latin.ok && latin.source.text).toBe("Café “q”")
    const mixed = decodeBytes(new Uint8Array([...enc.encode("Café "), 0xff, 0x41]))
    expect(!mixed.ok && mixed.reason).toBe("invalid_utf8")
    expect(!mixed.ok && mixed.detail).toContain("byte 6")
    const random = decodeBytes(new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)))
    expect(random.ok).toBe(false)
  })
})

describe("locateStringField", () => {
  it("decodes the field and maps each unit to its raw index", () => {
    const line = JSON.stringify({ id: 1, nested: { text: "no" }, text: "a\"b\\n\u2019c" }).replace("\u2019", "\\u2019")
    const f = locateStringField(line, "text")!
    expect(f.value).toBe(JSON.parse(line).text)
    const i = f.value.indexOf("\u2019")
    expect(line.slice(f.rawIndex[i], f.rawIndex[i + 1])).toBe("\\u2019")
  })

  it("agrees with JSON.parse on arbitrary objects", () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (obj, text) => {
      const line = JSON.stringify({ ...obj, text })
      const f = locateStringField(line, "text")
      return f !== null && f.value === JSON.parse(line).text
    }), { numRuns: 300 })
  })
})
