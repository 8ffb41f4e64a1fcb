import { readFileSync, readdirSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { canonicalizeMentions, entityId, foldKey, type MentionIn } from "../src/text/entities.ts"

const seeds = readdirSync("corpus").filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(`corpus/${f}`, "utf8"))
const seed = (i: number): string => seeds[i] as string

/** Every occurrence of `s` in `text` as a mention (stand-in for the NER tagger). */
function spans(text: string, s: string, type: MentionIn["type"]): MentionIn[] {
  const out: MentionIn[] = []
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) out.push({ start: i, end: i + s.length, text: s, type })
  return out
}

function idsOf(text: string, forms: ReadonlyArray<[string, MentionIn["type"]]>): Map<string, string> {
  const mentions = forms.flatMap(([s, t]) => {
    const found = spans(text, s, t)
    expect(found.length, `"${s}" occurs in the seed`).toBeGreaterThan(0)
    return found.slice(0, 1)
  })
  const out = canonicalizeMentions(text, mentions)
  expect(out).toHaveLength(mentions.length)
  return new Map(mentions.map((m, i) => [m.text, out[i]!.entity_id]))
}

describe("entityId", () => {
  it("is the first 16 hex of sha256(type NUL key) and stable", () => {
    expect(entityId("ORG", "islamic state")).toMatch(/^[0-9a-f]{16}$/)
    expect(entityId("ORG", "islamic state")).toBe(entityId("ORG", "islamic state"))
    expect(entityId("ORG", "islamic state")).not.toBe(entityId("LOC", "islamic state"))
  })
})

describe("foldKey", () => {
  it("folds transliteration variants together", () => {
    expect(foldKey("Deir el-Zour")).toBe(foldKey("Deir ez-Zor"))
    expect(foldKey("Deir ez-Zur")).toBe(foldKey("Deir ez-Zor"))
    expect(foldKey("Ar Raqqah")).toBe(foldKey("Raqqa"))
    expect(foldKey("U.S.")).toBe(foldKey("US"))
    expect(foldKey("Ḩamāh")).toBe(foldKey("Hama"))
  })
  it("keeps distinct names apart", () => {
    expect(foldKey("Homs")).not.toBe(foldKey("Hamas"))
    expect(foldKey("Russia")).not.toBe(foldKey("Russian"))
    expect(foldKey("Bill")).not.toBe(foldKey("Bell"))
  })
})

describe("canonicalizeMentions on the seeds", () => {
  it("merges ISIS / IS / Islamic State / Islamic States’ into one entity (across documents)", () => {
    const a = idsOf(seed(0), [["ISIS", "ORG"]])
    const b = idsOf(seed(1), [["IS", "ORG"]])
    const c = idsOf(seed(2), [["Islamic States’", "ORG"]])
    const d = idsOf(seed(3), [["Islamic State", "ORG"], ["IS", "ORG"]])
    const e = idsOf(seed(4), [["Islamic State’s", "ORG"], ["ISIS", "ORG"]])
    const all = new Set([...a.values(), ...b.values(), ...c.values(), ...d.values(), ...e.values()])
    expect(all.size).toBe(1)
  })

  it("maps SAA to Syrian Arab Army via the in-text definition", () => {
    const text = seed(0)
    const mentions = [...spans(text, "Syrian Arab Army", "ORG"), ...spans(text, "SAA", "ORG")]
    const out = canonicalizeMentions(text, mentions)
    expect(new Set(out.map((o) => o.entity_id)).size).toBe(1)
    const saa = out[mentions.findIndex((m) => m.text === "SAA")]!
    expect(saa.canonical).toBe("Syrian Arab Army")
    expect(saa.merge_rule).toBe("acronym_defined")
    expect(saa.merge_evidence).toContain("Syrian Arab Army (SAA)")
  })

  it("maps SDF to Syrian Democratic Forces (defined in 002, alias table in 000/003)", () => {
    const a = idsOf(seed(2), [["SDF", "ORG"], ["Syrian Democratic Forces", "ORG"]])
    const b = idsOf(seed(0), [["SDF", "ORG"]])
    const c = idsOf(seed(3), [["Syrian Democratic Forces", "ORG"]])
    expect(new Set([...a.values(), ...b.values(), ...c.values()]).size).toBe(1)
  })

  it("merges President Vladimir Putin, Vladimir Putin and Putin", () => {
    const text = seed(0)
    const mentions: MentionIn[] = [...spans(text, "Russian President Vladimir Putin", "PER"), ...spans(text, "Putin", "PER").filter((m) => text.slice(m.start - 9, m.start) !== "Vladimir ")]
    const out = canonicalizeMentions(text, mentions)
    expect(out.every((o) => o.canonical === "Vladimir Putin")).toBe(true)
    expect(new Set(out.map((o) => o.entity_id)).size).toBe(1)
    expect(out[0]!.merge_rule).toBe("title_stripped")
    expect(out.slice(1).every((o) => o.merge_rule === "surname")).toBe(true)
    const bare = canonicalizeMentions("Vladimir Putin spoke.", [{ start: 0, end: 14, text: "Vladimir Putin", type: "PER" }])[0]!
    expect(bare.entity_id).toBe(out[0]!.entity_id)
    expect(bare.merge_rule).toBeNull()
  })

  it("strips ranks and roles from people", () => {
    const text = seed(3)
    const [m] = spans(text, "Ministry spokesman Maj. Gen. Igor Konashenkov", "PER")
    const out = canonicalizeMentions(text, [m!])
    expect(out[0]!.canonical).toBe("Igor Konashenkov")
    expect(out[0]!.merge_rule).toBe("title_stripped")
  })

  it("merges the Russian Defence/Defense Ministry and ministry of defense spellings", () => {
    const a = idsOf(seed(1), [["Russian Defence Ministry", "ORG"]])
    const b = idsOf(seed(3), [["Russian Defense Ministry", "ORG"]])
    const c = idsOf(seed(2), [["Russian ministry of defense", "ORG"]])
    expect(new Set([...a.values(), ...b.values(), ...c.values()]).size).toBe(1)
  })

  it("folds Deir ez-Zor / Deir el-Zour / Deir ez-Zur, and U.S. / US / United States", () => {
    const a = idsOf(seed(0), [["Deir ez-Zor", "LOC"], ["US", "LOC"]])
    const b = idsOf(seed(3), [["Deir el-Zour", "LOC"], ["U.S.", "LOC"]])
    const c = idsOf(seed(2), [["Deir ez-Zur", "LOC"], ["United States", "LOC"]])
    expect(new Set([a.get("Deir ez-Zor"), b.get("Deir el-Zour"), c.get("Deir ez-Zur")]).size).toBe(1)
    expect(new Set([a.get("US"), b.get("U.S."), c.get("United States")]).size).toBe(1)
  })

  it("does not merge Russia with Russian Aerospace Forces, Russian Navy or the demonym", () => {
    const text = seed(0)
    const mentions = [
      ...spans(text, "Russia’s", "LOC"),
      ...spans(text, "Russian Aerospace Forces", "ORG"),
      ...spans(text, "Russian Navy", "ORG"),
      ...spans(text, "Syria", "LOC").slice(0, 1)
    ]
    const rus = { start: text.indexOf("Russian missile"), end: text.indexOf("Russian missile") + 7, text: "Russian", type: "MISC" as const }
    const out = canonicalizeMentions(text, [...mentions, rus])
    const ids = out.map((o) => o.entity_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(out[0]!.canonical).toBe("Russia")
    expect(out[0]!.merge_rule).toBe("possessive")
    const demonym = out[out.length - 1]!
    expect(demonym).toMatchObject({ canonical: "Russian", type: "MISC" })
  })

  it("refuses an ambiguous surname", () => {
    const text = "John Smith met Anna Smith. Smith said nothing."
    const out = canonicalizeMentions(text, [
      { start: 0, end: 10, text: "John Smith", type: "PER" },
      { start: 15, end: 25, text: "Anna Smith", type: "PER" },
      { start: 27, end: 32, text: "Smith", type: "PER" }
    ])
    expect(out[2]).toMatchObject({ canonical: "Smith", merge_rule: null })
  })

  it("resolves a surface form per document (memo tables never leak one document's acronyms into another)", () => {
    const a = "The Syrian Arab Army (SAA) advanced. The SAA said so."
    const b = "Saudi Arabian Airlines (SAA) cut fares. The SAA said so."
    const m = (t: string): MentionIn[] => spans(t, "SAA", "ORG").slice(1)
    expect(canonicalizeMentions(a, m(a))[0]!.canonical).toBe("Syrian Arab Army")
    expect(canonicalizeMentions(b, m(b))[0]!.canonical).toBe("Saudi Arabian Airlines")
    expect(canonicalizeMentions(a, m(a))[0]!.canonical).toBe("Syrian Arab Army")
    // Repeated mentions get equal but independent results.
    const out = canonicalizeMentions(a, [...m(a), ...m(a)])
    expect(out[0]).toEqual(out[1])
    expect(out[0]).not.toBe(out[1])
  })

  it("folds ASCII and accented spellings the same way, repeatedly", () => {
    for (let i = 0; i < 2; i++) {
      expect(foldKey("Ḩamāh")).toBe("hama")
      expect(foldKey("Hamah")).toBe("hama")
      expect(foldKey("Zürich")).toBe(foldKey("Zurich"))
    }
  })

  it("is deterministic and returns one output per mention in order", () => {
    const text = seed(4)
    const mentions = [...spans(text, "Damascus", "LOC"), ...spans(text, "SAA", "ORG"), ...spans(text, "ISIS", "ORG")]
    const a = canonicalizeMentions(text, mentions)
    expect(a).toEqual(canonicalizeMentions(text, mentions))
    expect(a).toHaveLength(mentions.length)
  })
})
