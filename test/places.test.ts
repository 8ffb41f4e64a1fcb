import { describe, expect, it } from "vitest"
import { countryHintsFor, resolvePlaces, type PlaceResolution } from "../src/text/places.ts"

// Syria's bounding box (approx.): lat 32.3–37.4, lon 35.7–42.4
const inSyria = (r: PlaceResolution): boolean =>
  r.latitude !== null && r.longitude !== null && r.latitude > 32.3 && r.latitude < 37.4 && r.longitude > 35.7 && r.longitude < 42.4

describe("countryHintsFor", () => {
  it("maps country names and demonyms to sorted unique ISO2 codes", () => {
    expect(countryHintsFor(["Syria", "Syrian", "Russian", "Russia’s"])).toEqual(["RU", "SY"])
    expect(countryHintsFor(["U.S.", "Americans", "Iraqi"])).toEqual(["IQ", "US"])
    expect(countryHintsFor(["Kurdish", "Nowhere"])).toEqual([])
  })
})

describe("resolvePlaces", () => {
  const hints = { countryHints: ["RU", "SY"] }

  it("resolves Deir ez-Zor spellings to GeoNames 170794", () => {
    const out = resolvePlaces(["Deir ez-Zor", "Deir el-Zour", "Deir ez-Zur"], hints)
    for (const r of out) {
      expect(r.geonames_id).toBe(170794)
      expect(r.country_code).toBe("SY")
      expect(inSyria(r)).toBe(true)
    }
  })

  it("resolves the seed's Syrian cities inside Syria", () => {
    const names = ["Raqqa", "Palmyra", "Homs", "Hama", "Damascus", "Boukamal"]
    const out = resolvePlaces(names, hints)
    expect(out.map((r) => r.country_code)).toEqual(names.map(() => "SY"))
    expect(out.every(inSyria)).toBe(true)
    expect(out[0]!.geonames_id).toBe(172955)
    expect(out[1]!.geonames_id).toBe(163808)
    expect(out.every((r) => r.confidence > 0.5)).toBe(true)
  })

  it("uses Syria context for Palmyra, and not without it", () => {
    expect(resolvePlaces(["Palmyra"], { countryHints: ["SY"] })[0]!.geonames_id).toBe(163808)
    expect(resolvePlaces(["Palmyra"], { countryHints: ["US"] })[0]!.country_code).toBe("US")
  })

  it("resolves countries to GeoNames country ids", () => {
    const out = resolvePlaces(["Syria", "Russia", "China", "Iraq", "Lebanon", "U.S."], hints)
    expect(out.map((r) => r.geonames_id)).toEqual([163843, 2017370, 1814991, 99237, 272103, 6252001])
    expect(out.every((r) => r.feature_class === "A")).toBe(true)
  })

  it("resolves Xiamen in China and Chicago in the US", () => {
    const [x, c] = resolvePlaces(["Xiamen", "Chicago"], { countryHints: ["CN"] })
    expect(x).toMatchObject({ geonames_id: 1790645, country_code: "CN", feature_class: "P" })
    expect(c!.country_code).toBe("US")
  })

  it("resolves a province to its capital city with lower confidence", () => {
    const [prov, city] = resolvePlaces(["Deir el-Zour province", "Deir el-Zour"], hints)
    expect(prov!.geonames_id).toBe(170794)
    expect(prov!.method).toContain("admin_as_city")
    expect(prov!.confidence).toBeLessThan(city!.confidence)
  })

  it("lets a US state among the document's places pick the namesake city", () => {
    const [g, sc] = resolvePlaces(["Greenville", "South Carolina"], { countryHints: ["US"] })
    expect(g).toMatchObject({ country_code: "US", geonames_id: 4580543 })
    expect(sc).toMatchObject({ geonames_id: null, feature_class: "A", feature_code: "ADM1", method: "us_state" })
    expect(sc!.latitude).toBeGreaterThan(32)
    expect(sc!.latitude).toBeLessThan(35.3)
    expect(resolvePlaces(["Greenville"], { countryHints: ["US"] })[0]!.geonames_id).not.toBe(4580543)
  })

  it("keeps world capitals over small namesakes in the hinted country", () => {
    const [paris, moscow, okc] = resolvePlaces(["Paris", "Moscow", "Oklahoma City"], { countryHints: ["US"] })
    expect(paris!.country_code).toBe("FR")
    expect(moscow!.country_code).toBe("RU")
    expect(okc).toMatchObject({ geonames_id: 4544349, country_code: "US" })
  })

  it("returns all nulls for unknown names, never a guess", () => {
    const [r] = resolvePlaces(["Zqxvbland Heights"], hints)
    expect(r).toEqual({
      geonames_id: null, name: null, country_code: null, feature_class: null, feature_code: null,
      latitude: null, longitude: null, confidence: 0, method: "unresolved"
    })
  })

  it("is deterministic", () => {
    const names = ["Homs", "Hama", "London", "Paris", "Springfield"]
    expect(resolvePlaces(names, hints)).toEqual(resolvePlaces(names, hints))
  })
})
