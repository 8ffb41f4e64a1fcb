/** The CSV record writer against csv-stringify's RFC 4180 output, and the spreadsheet guard. */
import { stringify } from "csv-stringify/sync"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { csvCell, csvRecord } from "../src/io/csv.ts"

describe("csvRecord", () => {
  it("writes what csv-stringify writes (LF, quoted line breaks, \"\" for the empty string, nothing for null)", () => {
    const options = { record_delimiter: "\n", quote_record_delimiter: true, quoted_match: /^$/ } as const
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: fc.constantFrom("a", "b", ",", "\"", "\n", "\r", " ", "é", "'") }), { nil: null }), { minLength: 1, maxLength: 6 }), (cells) =>
        csvRecord(cells) === stringify([cells], options)
      ),
      { numRuns: 1000 }
    )
  })

  it("neutralises cells a spreadsheet would run as formulas, but not numbers", () => {
    expect(csvCell("string", "=HYPERLINK(\"x\")")).toBe("'=HYPERLINK(\"x\")")
    expect(csvCell("string", "+1")).toBe("'+1")
    expect(csvCell("string", "@SUM(A1)")).toBe("'@SUM(A1)")
    expect(csvCell("string", "\tx")).toBe("'\tx")
    expect(csvCell("float", -3.5)).toBe("-3.5")
    expect(csvCell("string", "plain")).toBe("plain")
    expect(csvCell("string_list", ["a", "b"])).toBe("[\"a\",\"b\"]")
    expect(csvCell("bool", false)).toBe("false")
    expect(csvCell("string", null)).toBe(null)
  })
})
