/** Each non-empty line of `text` as a sentence span, the way the NER tests hand text to tagEntities. */
export const lineSentences = (text: string): Array<{ start: number; end: number }> => {
  const out: Array<{ start: number; end: number }> = []
  const re = /[^\n]+/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length })
  return out
}
