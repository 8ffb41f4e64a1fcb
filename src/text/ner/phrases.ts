/**
 * Longest-match lookup of phrases given as token sequences (training names, gazetteer names),
 * matched case-sensitively at a token position. Phrases are grouped by their first two tokens, so a
 * frequent first word ("The" starts 78 training names, "New" 33) costs two map lookups, not a scan of
 * every phrase it starts.
 */

interface Phrase<T> {
  readonly rest: ReadonlyArray<string>
  readonly value: T
}

// Key of the one-token phrases in a first token's group (tokens are never empty).
const ALONE = ""

export interface PhraseMatch<T> {
  /** Tokens covered, from the position asked for. */
  readonly length: number
  readonly value: T
}

export interface PhraseIndex<T> {
  /** The longest phrase starting at token `i`; among phrases of equal length, the first added. */
  readonly match: (tokens: ReadonlyArray<string>, i: number) => PhraseMatch<T> | undefined
}

export function phraseIndex<T>(phrases: Iterable<readonly [tokens: ReadonlyArray<string>, value: T]>): PhraseIndex<T> {
  // first token → second token (ALONE for one-token phrases) → phrases, longest first.
  const byFirst = new Map<string, Map<string, Array<Phrase<T>>>>()
  for (const [tokens, value] of phrases) {
    if (tokens.length === 0) continue
    let groups = byFirst.get(tokens[0]!)
    if (groups === undefined) byFirst.set(tokens[0]!, (groups = new Map()))
    const key = tokens.length > 1 ? tokens[1]! : ALONE
    let list = groups.get(key)
    if (list === undefined) groups.set(key, (list = []))
    list.push({ rest: tokens.slice(1), value })
  }
  // Stable: equal lengths keep the order they were added in.
  for (const groups of byFirst.values()) for (const list of groups.values()) list.sort((a, b) => b.rest.length - a.rest.length)

  const follows = (tokens: ReadonlyArray<string>, i: number, rest: ReadonlyArray<string>): boolean => {
    if (i + rest.length >= tokens.length) return false
    // rest[0] is the group's key, already equal.
    for (let k = 1; k < rest.length; k++) if (tokens[i + 1 + k] !== rest[k]) return false
    return true
  }
  return {
    match(tokens, i) {
      const groups = byFirst.get(tokens[i]!)
      if (groups === undefined) return undefined
      if (i + 1 < tokens.length) {
        const longer = groups.get(tokens[i + 1]!)
        if (longer !== undefined) {
          for (const p of longer) if (follows(tokens, i, p.rest)) return { length: 1 + p.rest.length, value: p.value }
        }
      }
      const alone = groups.get(ALONE)
      return alone === undefined ? undefined : { length: 1, value: alone[0]!.value }
    }
  }
}
