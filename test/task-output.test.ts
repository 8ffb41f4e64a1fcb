import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { dataset } from "../src/runtime/dataset.ts"
import { documentTask, outputLines, runTaskItems } from "../src/runtime/task.ts"

const Doc = dataset("docs", Schema.Struct({ doc_id: Schema.String, text: Schema.String }), "test input")
const Upper = dataset("upper", Schema.Struct({ doc_id: Schema.String, text: Schema.String }), "test output")
const Len = dataset("len", Schema.Struct({ doc_id: Schema.String, n: Schema.Number }), "test output")

const task = documentTask({
  name: "upper",
  source: import.meta.url,
  inputs: [Doc],
  outputs: [Upper, Len],
  prepare: () => null,
  staticContext: () => null,
  run: (_ctx, [d]: ReadonlyArray<{ doc_id: string; text: string }>) => [{ doc_id: d!.doc_id, text: d!.text.toUpperCase() }, { doc_id: d!.doc_id, n: d!.text.length }]
})

describe("a batch's encoded results", () => {
  const texts = ["plain", "Zürich “quoted” — 😀", "", "line\nbreak \\ and \"quotes\""]
  const items = texts.map((text, i) => ({ lines: [JSON.stringify({ doc_id: `d${i}`, text })], memo: null }))
  const out = runTaskItems(task, null, [(u) => u, (u) => u], items)

  it("hold each output dataset's lines as NDJSON bytes, with each line's byte length", () => {
    const upper = texts.map((text, i) => JSON.stringify({ doc_id: `d${i}`, text: text.toUpperCase() }))
    expect(Buffer.from(out.blocks[0]!).toString("utf8")).toBe(`${upper.join("\n")}\n`)
    expect([...out.lengths[0]!]).toEqual(upper.map((l) => Buffer.byteLength(l)))
    expect(outputLines(out, 0)).toEqual(upper)
    expect(outputLines(out, 1).map((l) => (JSON.parse(l) as { n: number }).n)).toEqual(texts.map((t) => t.length))
    expect(out.traces).toEqual(texts.map(() => "[]"))
  })

  it("give a remembered result back as it was, with no trace", () => {
    const remembered = { trace: [], outputs: ["{\"doc_id\":\"d0\",\"text\":\"FROM MEMO é\"}", "{\"doc_id\":\"d0\",\"n\":1}"] }
    const again = runTaskItems(task, null, [(u) => u, (u) => u], [{ lines: items[0]!.lines, memo: remembered }, items[1]!])
    expect(outputLines(again, 0)[0]).toBe(remembered.outputs[0])
    expect(again.traces).toEqual([null, "[]"])
  })
})
