import { describe, expect, it } from "vitest"
import type { TokenSpan } from "../src/text/ner/index.ts"
import { tagEntities, tokenize } from "../src/text/ner/index.ts"
import { CLUB_TOWNS, COMPETITIONS, MAKERS, ORG_IF_TAGGED, ORG_NAMES, PRODUCTS, SPORTS_ORGS, typeKnownNames } from "../src/text/ner/known-names.ts"
import { genericAcronyms } from "../src/text/ner/known-names.ts"
import { isSportsText, programmeNames, spanShapes, typeLineup, typeOrgAppositions, typePoliticalPlaces, typeSurnameLineup } from "../src/text/ner/newswire.ts"
import { G_CITY, G_COUNTRY, G_DEMONYM } from "../src/text/ner/gazetteer.ts"
import { lineSentences } from "./support/text.ts"

const toks = (s: string): Array<string> => tokenize(s).map((t) => t.text)
const span = (sentence: number, start: number, end: number, type: TokenSpan["type"]): TokenSpan => ({ sentence, start, end, type, confidence: 0.9 })

/** Runs typeKnownNames over sentences given with their model spans; returns "text:TYPE" per sentence. */
const known = (sentences: Array<string>, spans: Array<Array<[number, number, TokenSpan["type"]]>>, pinnedAt: Array<[number, number]> = []) => {
  const t = sentences.map(toks)
  const by = spans.map((ss, s) => ss.map(([a, b, type]) => span(s, a, b, type)))
  const pinned = new Map<TokenSpan, number>()
  for (const [s, k] of pinnedAt) pinned.set(by[s]![k]!, -1)
  typeKnownNames(t, by, pinned)
  return by.map((ss, s) => ss.map((x) => `${t[s]!.slice(x.start, x.end).join(" ")}:${x.type}`))
}

describe("known names", () => {
  it("lists each name once (the first list would silently win)", () => {
    const all = [...ORG_NAMES, ...PRODUCTS, ...COMPETITIONS, ...Object.values(MAKERS).flat(), ...CLUB_TOWNS, ...SPORTS_ORGS, ...ORG_IF_TAGGED]
    expect(all.filter((n, i) => all.indexOf(n) !== i)).toEqual([])
  })

  it("types a well-known company the model took for a person, and tags one it missed", () => {
    expect(known(["Symbian said the damage was limited ."], [[[0, 1, "PER"]]])).toEqual([["Symbian:ORG"]])
    expect(known(["Owners of some Nokia smartphones were warned ."], [[]])).toEqual([["Nokia:ORG"]])
    // a longer known name replaces the model's shorter span ("BBC Radio" + "4")
    expect(known(["He told BBC Radio 4's Today programme ."], [[[2, 4, "ORG"]]])).toEqual([["BBC Radio 4:ORG"]])
  })

  it("leaves a name that is part of a longer capitalised name, a person's title, and a pinned span alone", () => {
    expect(known(["The Apple Insider site was sued ."], [[[1, 3, "ORG"]]])).toEqual([["Apple Insider:ORG"]])
    expect(known(["Mr Dell said he would stay ."], [[[1, 2, "PER"]]])).toEqual([["Dell:PER"]])
    expect(known(["Symbian said so ."], [[[0, 1, "PER"]]], [[0, 0]])).toEqual([["Symbian:PER"]])
  })

  it("retypes a company named by a common word only where the model tagged it alone, and not after 'in'", () => {
    expect(known(["Halifax said house prices rose ."], [[[0, 1, "LOC"]]])).toEqual([["Halifax:ORG"]])
    expect(known(["a medical school in Halifax , Nova Scotia ."], [[[4, 5, "LOC"], [6, 8, "LOC"]]])).toEqual([["Halifax:LOC", "Nova Scotia:LOC"]])
    expect(known(["He picked an apple and an Orange ."], [[]])).toEqual([[]])
  })

  it("makes a town the club it names in sports copy only, not after 'in'", () => {
    const sports = ["Liverpool legend Phil Thompson backed the striker .", "He scored a goal in the league match ."]
    expect(known(sports, [[[0, 1, "LOC"], [2, 4, "PER"]], []])[0]).toEqual(["Liverpool:ORG", "Phil Thompson:PER"])
    const business = ["Liverpool docks handled more cargo .", "Shares rose ."]
    expect(known(business, [[[0, 1, "LOC"]], []])[0]).toEqual(["Liverpool:LOC"])
    const hotel = ["The squad stayed in Liverpool before the match .", "The striker scored a goal ."]
    expect(known(hotel, [[[4, 5, "LOC"]], []])[0]).toEqual(["Liverpool:LOC"])
  })

  it("types products MISC, a short one only beside its maker, and splits a maker from its product", () => {
    expect(known(["He bought an iPod last week ."], [[[3, 4, "PER"]]])).toEqual([["iPod:MISC"]])
    expect(known(["Nintendo said the DS sold well ."], [[[0, 1, "PER"], [3, 4, "ORG"]]])).toEqual([["Nintendo:ORG", "DS:MISC"]])
    expect(known(["The DS is a railway term here ."], [[[1, 2, "ORG"]]])).toEqual([["DS:ORG"]])
    expect(known(["the unveiling of the Sony PSP ."], [[[4, 6, "MISC"]]])).toEqual([["Sony:ORG", "PSP:MISC"]])
  })

  it("types competitions MISC, and nicknames ORG in sports copy only", () => {
    expect(known(["He may miss the Six Nations opener ."], [[]])).toEqual([["Six Nations:MISC"]])
    expect(known(["England are fourth in the Six Nations table ."], [[[0, 1, "LOC"], [5, 7, "ORG"]]])).toEqual([["England:LOC", "Six Nations:MISC"]])
    const report = ["The Reds are fifth in the league .", "The striker scored a goal in the match ."]
    expect(known(report, [[], []])[0]).toEqual(["Reds:ORG"])
    expect(known(["The Reds were purged in 1937 .", "Shares fell ."], [[], []])[0]).toEqual([])
  })

  it("types the Games' adjective MISC alone, not inside a longer name; drops a 'Grand Slam'", () => {
    expect(known(["A year ago , the Olympic swimmer could not walk ."], [[]])).toEqual([["Olympic:MISC"]])
    expect(known(["at the Olympic Stadium ."], [[[2, 4, "LOC"]]])).toEqual([["Olympic Stadium:LOC"]])
    expect(known(["his third Grand Slam match ."], [[[2, 4, "LOC"]]])).toEqual([[]])
    expect(known(["the Grand Slam Cup in Munich ."], [[[1, 4, "MISC"], [5, 6, "LOC"]]])).toEqual([["Grand Slam Cup:MISC", "Munich:LOC"]])
  })

  it("types malware MISC, a version number with its product, a maker's short product beside it", () => {
    expect(known(["The Cabir virus only affects phones ."], [[[1, 2, "PER"]]])).toEqual([["Cabir:MISC"]])
    expect(known(["the open-source browser Firefox 1.0 , released on 9 November"], [[]])).toEqual([["Firefox 1.0:MISC"]])
    expect(known(["handsets running the Symbian Series 60 phone operating system ."], [[[3, 5, "MISC"]]])).toEqual([["Symbian:ORG", "Series 60:MISC"]])
  })

  it("drops a span that is only a generic technology term", () => {
    expect(known(["Voip allows PC users to make calls ."], [[[0, 1, "PER"], [2, 3, "ORG"]]])).toEqual([[]])
    expect(known(["The Voip Group said so ."], [[[1, 3, "ORG"]]])).toEqual([["Voip Group:ORG"]])
  })

  it("reads a text as sports copy from two different sports words", () => {
    expect(isSportsText([toks("The striker scored in the league match .")])).toBe(true)
    expect(isSportsText([toks("The season's final results beat forecasts for the team .")])).toBe(false)
  })

  it("through the tagger: a country tagged as a team is a location, in sports copy too", () => {
    const text = "Chelsea are the favourites to snap up the England midfielder.\nThe striker scored a late goal in the league match."
    const got = tagEntities(text, lineSentences(text)).map((e) => `${e.text}:${e.type}`)
    expect(got).toContain("England:LOC")
  })

  it("through the tagger: a club in a match report, a company, a product", () => {
    const text = "Thompson reacted sharply to some Liverpool supporters after the match.\nThe striker scored his first goal for Chelsea in the league.\nSymbian said the Skulls program was limited to some Nokia phones."
    const got = tagEntities(text, lineSentences(text)).map((e) => `${e.text}:${e.type}`)
    expect(got).toContain("Liverpool:ORG")
    expect(got).toContain("Chelsea:ORG")
    expect(got).toContain("Symbian:ORG")
    expect(got).toContain("Nokia:ORG")
  })
})

describe("line-ups written with initials", () => {
  const run = (s: string, spans: Array<[number, number, TokenSpan["type"]]> = []) => {
    const t = toks(s)
    const out = spans.map(([a, b, type]) => span(0, a, b, type))
    typeLineup(t, 0, out, new Int32Array(t.length))
    return out.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)
  }

  it("types every name of a line-up PER, particles and full names included, brackets left out", () => {
    expect(run("C Paterson ; S Webster , A Craig , H Southwell , S Lamont ; D Parks , C Cusiter ; T Smith , G Bulloch ( capt ) , G Kerr .", [[3, 5, "LOC"]]))
      .toEqual(["C Paterson:PER", "S Webster:PER", "A Craig:PER", "H Southwell:PER", "S Lamont:PER", "D Parks:PER", "C Cusiter:PER", "T Smith:PER", "G Bulloch:PER", "G Kerr:PER"])
    expect(run("R de Marigny ; Mirco Bergamasco , C Stoica , A Masi , CA del Fava , KP Robertson ."))
      .toEqual(["R de Marigny:PER", "Mirco Bergamasco:PER", "C Stoica:PER", "A Masi:PER", "CA del Fava:PER", "KP Robertson:PER"])
  })

  it("keeps a hyphenated pair of initials and splits a span the model ran across the list's commas", () => {
    expect(run("I Harinordoquy , P Mignoni , F Michalak , J - P Grandclaude ; G Thomas ( capt ) , S Jones , D Peel .", [[19, 24, "PER"]]))
      .toEqual(["I Harinordoquy:PER", "P Mignoni:PER", "F Michalak:PER", "J - P Grandclaude:PER", "G Thomas:PER", "S Jones:PER", "D Peel:PER"])
  })

  it("needs four names with initials making up most of the items", () => {
    expect(run("J Smith , A Jones and B Brown met .")).toEqual([])
    expect(run("Talks with A Smith , the mayor , the council , the police chief , B Jones , C Brown and D White went on for hours in the town hall .")).toEqual([])
  })
})

describe("line-ups written with surnames", () => {
  const run = (s: string, spans: Array<[number, number, TokenSpan["type"]]> = [], sports = true, cities: Array<string> = []) => {
    const t = toks(s)
    const out = spans.map(([a, b, type]) => span(0, a, b, type))
    const flags = new Int32Array(t.length)
    t.forEach((w, i) => (flags[i] = cities.includes(w) ? G_CITY : 0))
    typeSurnameLineup(t, 0, out, flags, () => sports)
    return out.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)
  }

  it("types every surname of a line-up grouped by semicolons PER, particles included", () => {
    expect(run("Horak, Staniforth, Penney, Nordt, Bishop; Mapletoft, Edwards; Hatley, van der Walt, Hardwick.", [[4, 5, "LOC"], [12, 13, "MISC"]]))
      .toEqual(["Horak:PER", "Staniforth:PER", "Penney:PER", "Nordt:PER", "Bishop:PER", "Mapletoft:PER", "Edwards:PER", "Hatley:PER",
        "van der Walt:PER", "Hardwick:PER"])
  })

  it("types a squad listed by commas alone PER, initials included; not a list of clubs, not its heading", () => {
    const squad = "Balshaw, Cohen, Cueto, Lewsey, Robinson, Voyce, Abbott, Noon, L Deacon, Grewcock."
    expect(run(squad, [[0, 1, "LOC"], [16, 18, "LOC"]])).toEqual(["Balshaw:PER", "Cohen:PER", "Cueto:PER", "Lewsey:PER", "Robinson:PER", "Voyce:PER",
      "Abbott:PER", "Noon:PER", "L Deacon:PER", "Grewcock:PER"])
    const clubs = "Arsenal, Chelsea, Everton, Fulham, Portsmouth, Southampton, Tottenham, Wigan, Blackburn."
    expect(run(clubs, [[0, 1, "ORG"], [2, 3, "ORG"], [4, 5, "ORG"], [8, 9, "ORG"]])).toEqual(["Arsenal:ORG", "Chelsea:ORG", "Everton:ORG", "Portsmouth:ORG"])
    expect(run(squad, [], false)).toEqual([])
    expect(run("Replacements (from): Buckland, Morris, Kay, Johnson, Tuilagi, Bemand, Tuiliagi, Lloyd, Vesty.")[0]).toBe("Buckland:PER")
  })

  it("types replacements and unused players after their heading, not the heading; splits a span across 'for'", () => {
    expect(run("Replacements: Everitt for Mapletoft (53), Hodgson for Edwards (77), Reid for Murphy (47)", [[2, 5, "ORG"]]))
      .toEqual(["Everitt:PER", "Mapletoft:PER", "Hodgson:PER", "Edwards:PER", "Reid:PER", "Murphy:PER"])
    expect(run("Not used: Fury, Brooks")).toEqual(["Fury:PER", "Brooks:PER"])
    expect(run("Subs: MacDonald, Simpson-Daniel, O'Driscoll, McFadden")).toEqual(["MacDonald:PER", "Simpson - Daniel:PER", "O'Driscoll:PER", "McFadden:PER"])
  })

  it("leaves lists outside sports copy, lists of places and ordinary sentences alone", () => {
    expect(run("Intel, Philips; Alcatel, Siemens; Thomson, Telefonica, Nokia.", [[0, 1, "ORG"]], false)).toEqual(["Intel:ORG"])
    expect(run("Paris, Lyon; Lille, Nice; Nantes, Rennes.", [], true, ["Paris", "Lyon", "Lille", "Nice", "Nantes", "Rennes"])).toEqual([])
    expect(run("Wasps beat Irish, and Dallaglio scored twice; Voyce scored once.")).toEqual([])
  })
})

describe("acronyms of common nouns", () => {
  it("finds an acronym defined by a lower-case expansion, not a name's", () => {
    expect([...genericAcronyms([toks("the use of radio frequency ID (RFID) tags in shops")])]).toContain("RFID")
    expect([...genericAcronyms([toks("a voice over internet protocol (VoIP) service")])]).toContain("VoIP")
    expect([...genericAcronyms([toks("the Electoral Reform Society (ERS) said")])]).toEqual([])
  })

  it("drops every mention of such an acronym, even one a shape rule pinned; a listed generic term too", () => {
    expect(known(["the use of radio frequency ID ( RFID ) tags .", "RFID tags are cheap ."], [[[7, 8, "ORG"]], [[0, 1, "ORG"]]], [[1, 0]]))
      .toEqual([[], []])
    expect(known(["GPRS lets people browse the web ."], [[[0, 1, "ORG"]]])).toEqual([[]])
  })
})

describe("programme titles, honours, compounds and state bodies", () => {
  const run = (s: string, spans: Array<[number, number, TokenSpan["type"]]>, rule: (t: ReadonlyArray<string>, out: Array<TokenSpan>, flags: Int32Array) => unknown, countries: Array<string> = []) => {
    const t = toks(s)
    const out = spans.map(([a, b, type]) => span(0, a, b, type))
    const flags = new Int32Array(t.length)
    t.forEach((w, i) => (flags[i] = countries.includes(w) ? G_COUNTRY : 0))
    rule(t, out, flags)
    return out.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)
  }
  const programmes = (t: ReadonlyArray<string>, out: Array<TokenSpan>) => programmeNames(t, 0, out)
  const shapes = (t: ReadonlyArray<string>, out: Array<TokenSpan>, flags: Int32Array) => spanShapes(t, 0, out, flags)

  it("a programme's title after a broadcaster's possessive is MISC; a space programme is not", () => {
    expect(run("He told BBC Radio 4's Today programme .", [[2, 5, "ORG"]], programmes)).toEqual(["BBC Radio 4:ORG", "Today:MISC"])
    expect(run("told the BBC's Go Digital programme .", [[2, 3, "ORG"], [5, 6, "PER"]], programmes)).toEqual(["BBC:ORG", "Go Digital:MISC"])
    expect(run("the end of the Space Shuttle program .", [], programmes)).toEqual([])
    expect(run("it was ITV's BBC show .", [[2, 3, "ORG"]], programmes)).toEqual(["ITV:ORG"])
  })

  it("a programme's title right after its broadcaster is MISC; a channel's name before 'show' is not a title", () => {
    expect(run("he told the BBC Today programme .", [[3, 4, "ORG"]], programmes)).toEqual(["BBC:ORG", "Today:MISC"])
    expect(run("he told BBC Radio 4 Today programme .", [[2, 5, "ORG"]], programmes)).toEqual(["BBC Radio 4:ORG", "Today:MISC"])
    expect(run("the mainstream BBC One show My Family", [[2, 4, "ORG"]], programmes)).toEqual(["BBC One:ORG"])
  })

  const politics = (sports: boolean) => (t: ReadonlyArray<string>, out: Array<TokenSpan>, flags: Int32Array) => typePoliticalPlaces(t, 0, out, flags, () => sports)

  it("British politics' places: a place in a title, a constituency, a county, No 10; not in sports copy", () => {
    expect(run("Earlier the Archbishop of Canterbury wrote", [[2, 5, "ORG"]], politics(false))).toEqual(["Canterbury:LOC"])
    expect(run("the Secretary of State for Health", [[1, 4, "ORG"]], politics(false))).toEqual(["Secretary of State:ORG"])
    expect(run("to contest the Derbyshire seat of Erewash at the election", [[3, 4, "ORG"], [6, 7, "PER"]], politics(false)))
      .toEqual(["Derbyshire:LOC", "Erewash:LOC"])
    expect(run("it was a Labour seat of long standing", [[3, 4, "ORG"]], politics(false))).toEqual(["Labour:ORG"])
    expect(run("against Geoff Hoon in Ashfield , Nottinghamshire .", [[1, 3, "PER"], [4, 5, "LOC"], [6, 7, "ORG"]], politics(false)))
      .toEqual(["Geoff Hoon:PER", "Ashfield:LOC", "Nottinghamshire:LOC"])
    expect(run("Yorkshire beat Lancashire by six wickets", [[0, 1, "ORG"], [2, 3, "ORG"]], politics(true))).toEqual(["Yorkshire:ORG", "Lancashire:ORG"])
    expect(run("the Berkshire MBR Sellers", [[1, 2, "ORG"]], politics(false))).toEqual(["Berkshire:ORG"])
    expect(run("their last meeting at No 10 before the election", [], politics(false))).toEqual(["No 10:LOC"])
    expect(run("A Number 10 spokeswoman said", [], politics(false))).toEqual(["Number 10:LOC"])
    expect(run("he wore the No 10 shirt at Anfield", [], politics(false))).toEqual([])
    expect(run("talks at No 10 ended", [], politics(true))).toEqual([])
  })

  it("a people's name after 'seat of' stays what it was", () => {
    const t = toks("an historical seat of European power")
    const out = [span(0, 4, 5, "MISC")]
    const flags = new Int32Array(t.length)
    flags[4] = G_DEMONYM
    typePoliticalPlaces(t, 0, out, flags, () => false)
    expect(out.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)).toEqual(["European:MISC"])
  })

  it("an honour after a name and a word after a hyphen are no part of the name", () => {
    expect(run("magnate William Haughey OBE gave", [[1, 4, "PER"]], shapes)).toEqual(["William Haughey:PER"])
    expect(run("a Europe - wide policy", [[1, 4, "LOC"]], shapes)).toEqual(["Europe:LOC"])
    expect(run("Authenti - corp , the consultancy", [[0, 3, "ORG"]], shapes)).toEqual(["Authenti - corp:ORG"])
  })

  it("a venue is a place, a club named like one is not; a religious title is no part of a name", () => {
    expect(run("at the Stade de France , Paris", [[2, 4, "ORG"]], shapes)).toEqual(["Stade de France:LOC"])
    expect(run("at the Madejski Stadium on Saturday", [[2, 4, "ORG"]], shapes)).toEqual(["Madejski Stadium:LOC"])
    expect(run("an offer from Stade Francais", [[3, 5, "ORG"]], shapes)).toEqual(["Stade Francais:ORG"])
    expect(run("Supreme Leader Ayatollah Ali Khamenei said", [[2, 5, "PER"]], shapes)).toEqual(["Ali Khamenei:PER"])
  })

  it("a company named by its web address is ORG; peoples in the plural are MISC, not the Turks and Caicos", () => {
    expect(run("Net traffic monitor , OneStat.com , has reported", [[4, 7, "MISC"]], shapes)).toEqual(["OneStat . com:ORG"])
    expect(run("because Czechs are now entitled to move", [[1, 2, "PER"]], shapes)).toEqual(["Czechs:MISC"])
    expect(run("the Turks and Caicos Islands", [[1, 2, "LOC"], [3, 5, "LOC"]], shapes)).toEqual(["Turks:LOC", "Caicos Islands:LOC"])
  })

  it("a place's possessive before a body is its own LOC span", () => {
    const t = toks("a speech at Edinburgh's Napier University")
    const out = [span(0, 3, 7, "ORG")]
    const flags = new Int32Array(t.length)
    flags[3] = G_CITY
    spanShapes(t, 0, out, flags)
    expect(out.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)).toEqual(["Edinburgh:LOC", "Napier University:ORG"])
  })

  it("a country before a state body is its own LOC span; the armed forces keep theirs", () => {
    expect(run("the US Department of Justice said", [[1, 5, "ORG"]], shapes, ["US"])).toEqual(["US:LOC", "Department of Justice:ORG"])
    expect(run("the US Air Force said", [[1, 4, "ORG"]], shapes, ["US"])).toEqual(["US Air Force:ORG"])
    expect(run("shares of France Telecom rose", [[2, 4, "ORG"]], shapes, ["France"])).toEqual(["France Telecom:ORG"])
  })
})

describe("a one-word name described as an organisation", () => {
  it("is ORG when 'the … watchdog / firm / company' follows it in commas", () => {
    const t = toks("Icstis, the UK's premium rate services watchdog, said so.")
    const out = [span(0, 0, 1, "PER")]
    typeOrgAppositions(t, out, new Int32Array(t.length))
    expect(out[0]!.type).toBe("ORG")
    const u = toks("Smith, the company's founder, said so.")
    const v = [span(0, 0, 1, "PER")]
    typeOrgAppositions(u, v, new Int32Array(u.length))
    expect(v[0]!.type).toBe("PER")
  })
})
