// Place-resolution evaluation: `npm run eval:places`.
// Gold: eval/places/labels.jsonl (hand-labelled mentions from ../shared/corpus; gold ids
// chosen by reading the context). For each document, all its labelled mentions are
// resolved together (as the pipeline does with a document's LOC names), and the country
// hints come from capitalised 1–3-word sequences of the document text (a stand-in for the
// NER's country/demonym mentions); US state names among them are passed as extra names. Reports accuracy within 161 km (unresolved = wrong),
// coverage (resolved share), exact GeoNames-id agreement, and the misses.
import { createReadStream, readFileSync } from "node:fs"
import { createInterface } from "node:readline"
import { createGunzip } from "node:zlib"
import { countryHintsFor, resolvePlaces } from "../src/text/places.ts"
import placeAliases from "../src/text/data/place-aliases.json" with { type: "json" }

interface Label {
  corpus: string; doc_id: string; mention: string; start: number; end: number; context: string
  gold_geonames_id: number; gold_lat: number; gold_lon: number
}

const SHARED = new URL("../../shared/corpus/", import.meta.url)
const labels: Label[] = readFileSync(new URL("../eval/places/labels.jsonl", import.meta.url), "utf8")
  .split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as Label)

async function loadTexts(corpus: string, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const rl = createInterface({ input: createReadStream(new URL(corpus, SHARED)).pipe(createGunzip()), crlfDelay: Infinity })
  for await (const line of rl) {
    if (line.trim() === "") continue
    const d = JSON.parse(line) as { id: string | number; text?: string }
    if (ids.has(String(d.id))) out.set(String(d.id), d.text ?? "")
  }
  return out
}

const haversineKm = (lat1: number, lon1: number, lat2: number, lon2: number): number => {
  const r = (x: number): number => (x * Math.PI) / 180
  const a = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(a))
}

const capitalisedNgrams = (text: string): string[] =>
  [...text.matchAll(/\b[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,2}/gu)].flatMap((m) => {
    const toks = m[0].split(/\s+/)
    const out: string[] = []
    for (let i = 0; i < toks.length; i++) for (let j = i + 1; j <= toks.length; j++) out.push(toks.slice(i, j).join(" "))
    return out
  })

const US_STATE_NAMES = new Set(Object.values(placeAliases.us_states as Record<string, string>))

const byDoc = new Map<string, Label[]>()
for (const l of labels) {
  const k = `${l.corpus}\u0000${l.doc_id}`
  byDoc.set(k, [...(byDoc.get(k) ?? []), l])
}
const corpora = [...new Set(labels.map((l) => l.corpus))].sort()
const texts = new Map<string, string>()
for (const c of corpora) {
  const ids = new Set(labels.filter((l) => l.corpus === c).map((l) => l.doc_id))
  for (const [id, t] of await loadTexts(c, ids)) texts.set(`${c}\u0000${id}`, t)
}

let within = 0
let resolved = 0
let exactId = 0
const misses: Array<Record<string, unknown>> = []
const t0 = performance.now()
for (const key of [...byDoc.keys()].sort()) {
  const ls = byDoc.get(key) as Label[]
  const text = texts.get(key)
  if (text === undefined) throw new Error(`document not found: ${key.replace("\u0000", " ")}`)
  const ngrams = capitalisedNgrams(text)
  const hints = countryHintsFor(ngrams)
  // The NER would also hand over the document's other LOC names; US state names are the
  // ones that matter here (they disambiguate "Greenville, South Carolina").
  const states = [...new Set(ngrams.filter((g) => US_STATE_NAMES.has(g)))].sort()
  const res = resolvePlaces([...ls.map((l) => l.mention), ...states], { countryHints: hints })
  ls.forEach((l, i) => {
    const r = res[i]!
    if (r.latitude === null || r.longitude === null) {
      misses.push({ doc: l.doc_id, mention: l.mention, gold: l.gold_geonames_id, got: null, context: l.context })
      return
    }
    resolved++
    if (r.geonames_id === l.gold_geonames_id) exactId++
    const km = haversineKm(l.gold_lat, l.gold_lon, r.latitude, r.longitude)
    if (km <= 161) within++
    else misses.push({ doc: l.doc_id, mention: l.mention, gold: l.gold_geonames_id, got: `${r.geonames_id} ${r.name} ${r.country_code}`, km: Math.round(km), hints, context: l.context })
  })
}
const n = labels.length
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000
console.log(JSON.stringify({
  mentions: n,
  documents: byDoc.size,
  accuracy_161km: round4(within / n),
  coverage: round4(resolved / n),
  accuracy_161km_of_resolved: round4(resolved === 0 ? 0 : within / resolved),
  exact_geonames_id: round4(exactId / n),
  ms_total_resolution_incl_gazetteer_load: Math.round(performance.now() - t0),
  misses
}, null, 2))
