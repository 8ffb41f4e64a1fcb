import { createHash } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"
import { FEATURES_PER_TOKEN as F, modelFeatures, sentenceFeatures } from "../src/text/ner/features.ts"
import { defaultGazetteer } from "../src/text/ner/gazetteer.ts"
import { tokenize } from "../src/text/ner/index.ts"
import { decodeModel } from "../src/text/ner/model.ts"
import { phraseIndex } from "../src/text/ner/phrases.ts"
import { uniform } from "../src/text/random.ts"
import { splitSentences } from "../src/text/sentences.ts"

const root = path.resolve(import.meta.dirname, "..")

/** The reference: every phrase starting with the token, longest first (stable), first that follows wins. */
const naiveMatch = (phrases: ReadonlyArray<readonly [ReadonlyArray<string>, number]>, tokens: ReadonlyArray<string>, i: number) => {
  const candidates = phrases.filter(([p]) => p[0] === tokens[i]).sort((a, b) => b[0].length - a[0].length)
  for (const [p, value] of candidates) {
    if (i + p.length > tokens.length) continue
    if (p.every((w, k) => tokens[i + k] === w)) return { length: p.length, value }
  }
  return undefined
}

describe("phrase index", () => {
  it("finds the longest phrase, the first added among equal lengths", () => {
    const idx = phraseIndex<string>([
      [["New"], "one"],
      [["New", "York"], "city"],
      [["New", "York"], "region"],
      [["New", "York", "Times"], "paper"],
      [["The"], "the"]
    ])
    const t = "The New York Times said New York and New Delhi".split(" ")
    expect(idx.match(t, 1)).toEqual({ length: 3, value: "paper" })
    expect(idx.match(t, 5)).toEqual({ length: 2, value: "city" })
    expect(idx.match(t, 8)).toEqual({ length: 1, value: "one" })
    expect(idx.match(t, 0)).toEqual({ length: 1, value: "the" })
    expect(idx.match(t, 4)).toBeUndefined()
    // A phrase cut off by the end of the sentence does not match.
    expect(idx.match(["New", "York"], 0)).toEqual({ length: 2, value: "city" })
    expect(idx.match(["The", "New", "York"], 1)).toEqual({ length: 2, value: "city" })
  })

  it("agrees with a scan of every phrase on random phrases and sentences", () => {
    const rand = uniform(7)
    const pick = (words: ReadonlyArray<string>) => words[Math.floor(rand() * words.length)]!
    // Sentences also hold words that start no phrase (lower case, non-ASCII).
    const sentenceWords = ["A", "B", "C", "Ümit", "the", "émigré"]
    for (const phraseWords of [["A", "B", "C"], ["A", "Ümit", "the"]]) {
      const phrases = Array.from({ length: 60 }, (_, v) => [Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(phraseWords)), v] as const)
      const idx = phraseIndex(phrases)
      let matched = 0
      for (let s = 0; s < 300; s++) {
        const tokens = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(sentenceWords))
        for (let i = 0; i < tokens.length; i++) {
          const want = naiveMatch(phrases, tokens, i)
          expect(idx.match(tokens, i)).toEqual(want)
          if (want !== undefined && want.length > 1) matched++
        }
      }
      expect(matched).toBeGreaterThan(50)
    }
  })
})

describe("NER features", () => {
  // The shipped model's weights are indexed by these ids: a change to feature extraction that moves
  // any id (a faster hash, a new cache) silently degrades the model unless it is retrained.
  it("give the same ids on the seed articles as the features the shipped model was trained with", () => {
    const model = decodeModel(readFileSync(path.join(root, "models/ner-en.json.gz")))
    const { lex, names, mask } = modelFeatures(model)
    const hash = createHash("sha256")
    let tokens = 0
    for (const f of readdirSync(path.join(root, "corpus")).sort()) {
      const text = readFileSync(path.join(root, "corpus", f), "utf8")
      for (const s of splitSentences(text)) {
        const toks = tokenize(text, s.start, s.end).map((t) => t.text)
        const out = new Uint32Array(toks.length * F)
        sentenceFeatures(toks, defaultGazetteer(), lex, mask, out, names)
        hash.update(out)
        tokens += toks.length
      }
    }
    expect(tokens).toBeGreaterThan(2000)
    expect(hash.digest("hex")).toBe("aeed03e4ffd8587de2464d6de982a661352980b242de6e3c631ee2a86fb62912")
  })
})
