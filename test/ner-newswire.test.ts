import { describe, expect, it } from "vitest"
import { G_CITY, G_COUNTRY, G_DEMONYM, G_FIRST_NAME, G_ORG_SUFFIX, G_PER_TITLE } from "../src/text/ner/gazetteer.ts"
import { tagEntities, tokenize } from "../src/text/ner/index.ts"
import {
  companySuffixes, eventNames, fixtureSlots, isAllCaps, type Span, spanShapes, splitNationalityLead, typeClubsInPlay, teamSlots, typeBracketedPlayers, typeDateline,
  typeFirmCues, typeLeaderboard, typeMarketMovers, typeNamedOrgs, typeResultTeams, typeRoleAppositions, typeRoleOrgs, typeScorecard,
  typeScorers, typeTeamSlots
} from "../src/text/ner/newswire.ts"
import { lineSentences } from "./support/text.ts"

const toks = (s: string): Array<string> => tokenize(s).map((t) => t.text)
const slotText = (s: string): Array<string> => {
  const t = toks(s)
  return teamSlots(t).map(([a, b]) => t.slice(a, b).join(" "))
}
const span = (start: number, end: number, type: Span["type"]): Span => ({ sentence: 0, start, end, type, confidence: 0.9 })

describe("team slots", () => {
  it("finds both sides of results pairs, in every segment", () => {
    expect(slotText("Results : Leicester 27 Bath 12 , Gloucester 19 Wasps 19 .")).toEqual(["Leicester", "Bath", "Gloucester", "Wasps"])
    expect(slotText("NY RANGERS 3 Boston 2 ( OT )")).toEqual(["NY RANGERS", "Boston"])
  })

  it("finds the name opening a standings row, not a dateline or prose", () => {
    expect(slotText("AC Milan 8 6 1 1 15 6 19")).toEqual(["AC Milan"])
    expect(slotText("BOSTON 72 50 .590 -")).toEqual(["BOSTON"])
    expect(slotText("LONDON 1996-08-30")).toEqual([])
    expect(slotText("Leicester beat Bath 27-12 on Saturday .")).toEqual([])
    expect(slotText("Yorkshire 312 and 144 .")).toEqual([])
    expect(slotText("In 2004 , 12 people died in Paris .")).toEqual([])
    expect(slotText("1. Jan Ullrich ( Germany ) Bianchi 4:31:34")).toEqual([])
    // a rainfall table and a citation are no results: decimals, years and months are no scores or teams
    expect(slotText("DAYTON 0.2 E 49.23")).toEqual([])
    expect(slotText("Epub 2013 Nov 26 .")).toEqual([])
  })

  it("types place-named clubs ORG, national sides LOC, adds an untagged side next to a club, a PER side next to one", () => {
    const t = toks("Toronto 5 Germany 3 ; Smith 7 Cleveland 2 ; Denver 4 Wasps 1")
    const flags = new Int32Array(t.length)
    flags[t.indexOf("Germany")] = G_COUNTRY
    const out: Array<Span> = [
      span(0, 1, "LOC"), span(2, 3, "ORG"), span(5, 6, "PER"), span(7, 8, "LOC"), span(10, 11, "LOC")
    ]
    const typed = typeTeamSlots(t, 0, out, flags)
    expect(out.map((s) => `${t.slice(s.start, s.end).join(" ")}:${s.type}`)).toEqual([
      "Toronto:ORG", "Germany:LOC", "Smith:ORG", "Cleveland:ORG", "Denver:ORG", "Wasps:ORG"
    ])
    expect(typed.size).toBe(6)
    // two people in a pair stay people (batsmen's scores)
    const t2 = toks("Tendulkar 102 Dravid 45")
    const out2: Array<Span> = [span(0, 1, "PER"), span(2, 3, "PER")]
    typeTeamSlots(t2, 0, out2, new Int32Array(t2.length))
    expect(out2.map((x) => x.type)).toEqual(["PER", "PER"])
  })
})

describe("datelines, events, capitals", () => {
  it("a hyphenated dateline place, and one the model missed, are LOC", () => {
    const t = toks("AL-AIN , United Arab Emirates 2001-12-06")
    const out: Array<Span> = [span(0, 3, "ORG"), span(4, 7, "ORG")]
    typeDateline(t, 0, out)
    expect(out.map((x) => `${t.slice(x.start, x.end).join("")}:${x.type}`)).toEqual(["AL-AIN:LOC", "UnitedArabEmirates:LOC"])
    const t2 = toks("AKRON , Ohio 2001-08-24")
    const out2: Array<Span> = [span(2, 3, "LOC")]
    typeDateline(t2, 0, out2)
    expect(out2.map((x) => `${t2.slice(x.start, x.end).join(" ")}:${x.type}`)).toEqual(["AKRON:LOC", "Ohio:LOC"])
  })

  it("a dateline's places are LOC", () => {
    const t = toks("NEW YORK 2003-08-20")
    const out: Array<Span> = [span(0, 2, "ORG")]
    expect(typeDateline(t, 0, out).size).toBe(1)
    expect(out[0]!.type).toBe("LOC")
    const t2 = toks("GHENT , Belgium 2005-04-05")
    const out2: Array<Span> = [span(0, 1, "ORG"), span(2, 3, "LOC")]
    typeDateline(t2, 0, out2)
    expect(out2.map((s) => s.type)).toEqual(["LOC", "LOC"])
    const out3: Array<Span> = [span(0, 2, "ORG")]
    expect(typeDateline(toks("New York Rangers won again ."), 0, out3).size).toBe(0)
    expect(out3[0]!.type).toBe("ORG")
  })

  it("names ending in an event word or opening with a race word are MISC", () => {
    const t = toks("Garcia leads the Madrid Open and Madrid , Tour de France , Tour Operators Ltd , JAMA Network Open , Davis Cup")
    const out: Array<Span> = [
      span(3, 5, "LOC"), span(6, 7, "LOC"), span(8, 11, "ORG"), span(12, 15, "PER"), span(16, 19, "ORG"), span(20, 22, "ORG")
    ]
    const flags = new Int32Array(t.length)
    flags[3] = 4 // G_CITY on "Madrid"
    eventNames(t, 0, out, flags)
    // "Open" only after a place or nationality; "Cup" after anything
    expect(out.map((s) => s.type)).toEqual(["MISC", "LOC", "MISC", "PER", "ORG", "MISC"])
    const t2 = toks("Epic Games and the Olympic Games")
    const out2: Array<Span> = [span(0, 2, "ORG"), span(4, 6, "ORG")]
    eventNames(t2, 0, out2, new Int32Array(t2.length))
    expect(out2.map((s) => s.type)).toEqual(["ORG", "MISC"])
  })

  it("the words between a rider's bracketed country and the time are the team", () => {
    const row = (s: string, spans: Array<Span>) => {
      const t = toks(s)
      typeResultTeams(t, 0, spans)
      return spans.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)
    }
    // 1 . Lance Armstrong ( U.S. ) U.S. Postal 48 : 12 : 55
    expect(row("1. Lance Armstrong ( U.S. ) U.S. Postal 48:12:55", [span(2, 4, "PER"), span(5, 6, "LOC"), span(7, 8, "LOC")]))
      .toEqual(["Lance Armstrong:PER", "U.S.:LOC", "U.S. Postal:ORG"])
    expect(row("Alejandro Valverde ( Spain ) Caisse d'Epargne same time", [span(0, 2, "PER"), span(3, 4, "LOC")]))
      .toEqual(["Alejandro Valverde:PER", "Spain:LOC", "Caisse d'Epargne:ORG"])
    // Not a results row: a verb after the bracket, nothing after it, no person before it.
    expect(row("Marat Safin ( Russia ) beat Youzhny", [span(0, 2, "PER"), span(3, 4, "LOC")])).toHaveLength(2)
    expect(row("Padraig Harrington ( Ireland )", [span(0, 2, "PER"), span(3, 4, "LOC")])).toHaveLength(2)
    expect(row("the capital ( Kenya ) Nairobi 3", [span(3, 4, "LOC"), span(5, 6, "LOC")])).toEqual(["Kenya:LOC", "Nairobi:LOC"])
    // a day after the bracket is no team
    expect(row("Angela Merkel ( Germany ) Thursday at the summit", [span(0, 2, "PER"), span(3, 4, "LOC")])).toHaveLength(2)
  })

  it("recognises headlines set in capitals", () => {
    expect(isAllCaps(toks("CYCLING - ULLRICH TAKES STAGE ."))).toBe(true)
    expect(isAllCaps(toks("LONDON 1996-08-30"))).toBe(false)
    expect(isAllCaps(toks("Leicester beat Bath ."))).toBe(false)
  })
})

describe("scorers, scorecards, leaderboards", () => {
  const run = (f: (t: Array<string>, s: number, o: Array<Span>) => unknown, line: string, spans: Array<Span> = []) => {
    const t = toks(line)
    f(t, 0, spans)
    return spans.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)
  }

  it("names before a minute inside the brackets after a team's score are PER; results pairs skip the brackets", () => {
    expect(run(typeScorers, "Bayern Munich 3 ( Elber 12 , Scholl 77 ) Schalke 0", [span(0, 2, "PER"), span(10, 11, "LOC")]))
      .toEqual(["Bayern Munich:PER", "Elber:PER", "Scholl:PER", "Schalke:LOC"])
    expect(slotText("Bayern Munich 3 ( Elber 12 , Scholl 77 ) Schalke 0")).toEqual(["Bayern Munich", "Schalke"])
    // brackets that are not scorers (no results pair before them, or percentages): left alone
    expect(run(typeScorers, "Shares rose 3 ( from Monday ) today")).toEqual([])
    expect(run(typeScorers, "Sales rose in Q3 2019 ( Europe 12 % , Asia 8 % )", [span(6, 7, "LOC"), span(10, 11, "LOC")]))
      .toEqual(["Europe:LOC", "Asia:LOC"])
    expect(run(typeScorers, "See Figure 3 ( Table 2 , Appendix 4 )")).toEqual([])
  })

  it("a team slot tagged PER becomes ORG when it holds a place name", () => {
    const t = toks("Werder Bremen 2 Hamburg 2")
    const flags = new Int32Array(t.length)
    flags[1] = 4 // G_CITY on "Bremen"
    const out: Array<Span> = [span(0, 2, "PER"), span(3, 4, "ORG")]
    typeTeamSlots(t, 0, out, flags)
    expect(out.map((x) => x.type)).toEqual(["ORG", "ORG"])
  })

  it("batsmen, fielders and bowlers of a scorecard line, and the bowling figures, are PER", () => {
    expect(run(typeScorecard, "M. Atherton c Latif b Waqar 31", [span(1, 2, "PER"), span(5, 6, "ORG")]))
      .toEqual(["M. Atherton:PER", "Latif:PER", "Waqar:PER"])
    expect(run(typeScorecard, "N. Hussain not out 78")).toEqual(["N. Hussain:PER"])
    expect(run(typeScorecard, "A. Stewart lbw b Mushtaq 44")).toEqual(["A. Stewart:PER", "Mushtaq:PER"])
    expect(run(typeScorecard, "Bowling : Wasim 20-5-60-2 , Waqar 18-3-71-1")).toEqual(["Wasim:PER", "Waqar:PER"])
    expect(run(typeScorecard, "G. Smith hit wicket b Waqar 12")).toEqual(["G. Smith:PER", "Waqar:PER"])
    // prose with a "b" or a number at the end is no scorecard
    expect(run(typeScorecard, "Smith said he would stay 10")).toEqual([])
  })

  it("golf leaderboard players are PER; team standings are not a leaderboard", () => {
    expect(run(typeLeaderboard, "137 Jim Furyk 70 67 , Vijay Singh ( Fiji ) 69 68", [span(1, 3, "ORG"), span(9, 10, "LOC")]))
      .toEqual(["Jim Furyk:PER", "Vijay Singh:PER", "Fiji:LOC"])
    expect(run(typeLeaderboard, "3 Bayern Munich 12 8 2 2 30 12 26")).toEqual([])
    expect(run(typeLeaderboard, "135 Tiger Woods 68 67 the best")).toEqual([])
  })
})

describe("company suffixes", () => {
  const run = (s: string, spans: Array<Span>, suffixes: Array<string>) => {
    const t = toks(s)
    const flags = new Int32Array(t.length)
    t.forEach((w, i) => {
      if (suffixes.includes(w)) flags[i] = G_ORG_SUFFIX
    })
    const typed = companySuffixes(t, 0, spans, flags)
    return {
      spans: spans.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`),
      names: [...typed].map(([x, nameEnd]) => t.slice(x.start, nameEnd).join(" "))
    }
  }

  it("a span ending in a suffix, or followed by one or by '& Co', is ORG; the name without it is returned", () => {
    expect(run("Eberhard Faber GmbH was founded", [span(0, 3, "PER")], ["GmbH"]))
      .toEqual({ spans: ["Eberhard Faber GmbH:ORG"], names: ["Eberhard Faber"] })
    expect(run("Analysts at Merrill Lynch & Co said", [span(2, 4, "PER")], []))
      .toEqual({ spans: ["Merrill Lynch & Co:ORG"], names: ["Merrill Lynch"] })
    // Up to two capitalised words between the name and the suffix; the fragment span inside goes.
    expect(run("Shares of Dean Witter Discover & Co. rose", [span(2, 4, "PER"), span(5, 7, "ORG")], []).spans)
      .toEqual(["Dean Witter Discover & Co.:ORG"])
    expect(run("Siemens AG said", [span(0, 1, "ORG")], ["AG"]).spans).toEqual(["Siemens AG:ORG"])
    // already one ORG span with its suffix: unchanged, and still gives the name without it
    expect(run("Eberhard Faber GmbH said", [span(0, 3, "ORG")], ["GmbH"])).toEqual({ spans: ["Eberhard Faber GmbH:ORG"], names: ["Eberhard Faber"] })
  })

  it("leaves names alone without a suffix, with a lower-case word in between, or when the suffix starts a longer name", () => {
    expect(run("Procter & Gamble said", [span(0, 3, "ORG")], []).names).toEqual([])
    expect(run("John Smith and Co said", [span(0, 2, "PER")], ["Co"]).spans).toEqual(["John Smith:PER"])
    // "Co-Founder" is no suffix; a demonym is not part of the company's name
    expect(run("the Fusion GPS Co-Founder said", [span(1, 3, "ORG")], ["Co"]).spans).toEqual(["Fusion GPS:ORG"])
    expect(run("the German Bayer AG plant", [span(1, 2, "MISC"), span(2, 3, "ORG")], ["AG"]).spans).toEqual(["German:MISC", "Bayer AG:ORG"])
    // a state's code after a place is no company suffix
    expect(run("Las Vegas NV 89101", [span(0, 2, "LOC")], ["NV"]).spans).toEqual(["Las Vegas:LOC"])
    // The suffix word opens another name that reaches past it: nothing changes.
    expect(run("John Smith Co Durham Council said", [span(0, 2, "PER"), span(2, 5, "ORG")], ["Co"]).spans)
      .toEqual(["John Smith:PER", "Co Durham Council:ORG"])
  })
})

describe("session 8: slot pieces, match results, roles, market movers", () => {
  const texts = (t: ReadonlyArray<string>, out: ReadonlyArray<Span>) => out.map((x) => `${t.slice(x.start, x.end).join(" ")}:${x.type}`)
  const flagsFor = (t: ReadonlyArray<string>, countries: ReadonlyArray<string>, cities: ReadonlyArray<string> = []) => {
    const flags = new Int32Array(t.length)
    t.forEach((w, i) => {
      if (countries.includes(w)) flags[i] = G_COUNTRY
      if (cities.includes(w)) flags[i] = G_CITY
    })
    return flags
  }

  // Applies one sentence rule to `spans` of sentence `s` (with the given gazetteer countries and cities) and
  // returns the spans as "text:TYPE".
  const applied = (rule: (t: ReadonlyArray<string>, spans: Array<Span>, flags: Int32Array) => unknown) =>
    (s: string, spans: Array<Span>, countries: Array<string> = [], cities: Array<string> = []) => {
      const t = toks(s)
      rule(t, spans, flagsFor(t, countries, cities))
      return texts(t, spans)
    }

  // The same with gazetteer flags given per word ({ Moroccan: G_DEMONYM }).
  const flagged = (rule: (t: ReadonlyArray<string>, spans: Array<Span>, flags: Int32Array) => unknown) =>
    (s: string, spans: Array<Span>, byWord: Record<string, number> = {}) => {
      const t = toks(s)
      const flags = new Int32Array(t.length)
      t.forEach((w, i) => (flags[i] = byWord[w] ?? 0))
      rule(t, spans, flags)
      return texts(t, spans)
    }

  it("pieces of a standings row's team name become one ORG span; a PER piece is left alone", () => {
    const run = applied((t, spans, flags) => typeTeamSlots(t, 0, spans, flags))
    expect(run("PSV Eindhoven 23 19 3 1 55 9 60", [span(0, 1, "ORG"), span(1, 2, "LOC")])).toEqual(["PSV Eindhoven:ORG"])
    expect(run("John Smith 23 19 3 1 55 9 60", [span(0, 2, "PER")])).toEqual(["John Smith:PER"])
  })

  it("players before a bracketed country in a match result are PER, only in lines with a result verb", () => {
    const run = applied((t, spans, flags) => typeBracketedPlayers(t, 0, spans, flags))
    expect(run("Robin Soderling ( Sweden ) beat Olivier Rochus ( Belgium ) 6-3 3-6 7-5",
      [span(0, 2, "PER"), span(3, 4, "LOC"), span(6, 8, "ORG"), span(9, 10, "LOC")], ["Sweden", "Belgium"]))
      .toEqual(["Robin Soderling:PER", "Sweden:LOC", "Olivier Rochus:PER", "Belgium:LOC"])
    expect(run("Volvo Cars ( Sweden ) reported higher sales on Monday", [span(0, 2, "ORG"), span(3, 4, "LOC")], ["Sweden"]))
      .toEqual(["Volvo Cars:ORG", "Sweden:LOC"])
  })

  it("a name before a club role is ORG even when a city; before a company role only when no place; never a country", () => {
    const run = applied((t, spans, flags) => typeRoleOrgs(t, 0, spans, flags))
    expect(run("Blackburn defender Michael Gray was hurt", [span(0, 1, "LOC"), span(2, 4, "PER")], [], ["Blackburn"]))
      .toEqual(["Blackburn:ORG", "Michael Gray:PER"])
    expect(run("Siemens chief executive Klaus Kleinfeld said", [span(0, 1, "PER"), span(3, 5, "PER")])).toEqual(["Siemens:ORG", "Klaus Kleinfeld:PER"])
    expect(run("Brazil coach Carlos Parreira said", [span(0, 1, "LOC"), span(2, 4, "PER")], ["Brazil"])).toEqual(["Brazil:LOC", "Carlos Parreira:PER"])
    expect(run("Texas governor Rick Perry said", [span(0, 1, "LOC"), span(2, 4, "PER")], [], ["Texas"])).toEqual(["Texas:LOC", "Rick Perry:PER"])
    expect(run("Boston president John Smith said", [span(0, 1, "LOC"), span(2, 4, "PER")], [], ["Boston"])).toEqual(["Boston:LOC", "John Smith:PER"])
    // a film before "director" is no company
    expect(run("Goldeneye director Martin Campbell said", [span(0, 1, "MISC"), span(2, 4, "PER")])).toEqual(["Goldeneye:MISC", "Martin Campbell:PER"])
  })

  it("a name that rose or fell by a percentage or pence is ORG; a place, a player's points or a clause are not", () => {
    const run = applied((t, spans, flags) => typeMarketMovers(t, spans, flags))
    expect(run("Corus fell 2.2 % to 55.57 pence", [span(0, 1, "PER")])).toEqual(["Corus:ORG"])
    expect(run("Holcim rose by 2.3 percent on Thursday", [span(0, 1, "PER")])).toEqual(["Holcim:ORG"])
    expect(run("Japan rose 2 percent last year", [span(0, 1, "LOC")], ["Japan"])).toEqual(["Japan:LOC"])
    expect(run("Mark van Gisbergen added 18 points", [span(0, 3, "PER")])).toEqual(["Mark van Gisbergen:PER"])
    expect(run("Manuel added that inflation fell to 4.3 %", [span(0, 1, "PER")])).toEqual(["Manuel:PER"])
  })

  // session 9 (from the sixth hand-written set)
  it("a nationality opening a person's name is MISC and the rest PER; not a first name that is also a nationality", () => {
    const run = flagged((t, spans, flags) => splitNationalityLead(t, spans, flags))
    expect(run("Moroccan Hicham El Guerrouj won the mile", [span(0, 4, "PER")], { Moroccan: G_DEMONYM })).toEqual(["Moroccan:MISC", "Hicham El Guerrouj:PER"])
    expect(run("Spaniard Miguel Angel Jimenez shot a 67", [span(0, 4, "PER")])).toEqual(["Spaniard:MISC", "Miguel Angel Jimenez:PER"])
    expect(run("German Gref said on Monday", [span(0, 2, "PER")], { German: G_DEMONYM | G_FIRST_NAME })).toEqual(["German Gref:PER"])
    expect(run("Moroccan officials said", [span(0, 1, "MISC")], { Moroccan: G_DEMONYM })).toEqual(["Moroccan:MISC"])
  })

  it("a ranked results line with a time after the bracket names a PER; a club with a place in its name is no player", () => {
    const run = applied((t, spans, flags) => typeBracketedPlayers(t, 0, spans, flags))
    expect(run("1. Hicham El Guerrouj ( Morocco ) 3 minutes 47.92 seconds", [span(2, 5, "LOC"), span(6, 7, "LOC")], ["Morocco"]))
      .toEqual(["Hicham El Guerrouj:PER", "Morocco:LOC"])
    expect(run("2. Bayern Munich ( Germany ) 14", [span(2, 4, "ORG"), span(5, 6, "LOC")], ["Germany"], ["Munich"]))
      .toEqual(["Bayern Munich:ORG", "Germany:LOC"])
    expect(run("3. Credit Suisse ( Switzerland ) said", [span(2, 4, "ORG"), span(5, 6, "LOC")], ["Switzerland"]))
      .toEqual(["Credit Suisse:ORG", "Switzerland:LOC"])
  })

  it("an untagged name opening a full table row is a team; not a country, not a row of two numbers", () => {
    const run = applied((t, spans, flags) => typeTeamSlots(t, 0, spans, flags))
    expect(run("Hearts 29 11 9 9 40 38 42", [])).toEqual(["Hearts:ORG"])
    expect(run("Scotland 29 11 9 9 40 38 42", [], ["Scotland"])).toEqual([])
    expect(run("Hearts 29 11", [])).toEqual([])
  })

  it("clubs named after their town, parties and the EU are organisations; a town called City outside sport is not", () => {
    const run = applied((t, spans, flags) => typeNamedOrgs(t, 0, spans, flags))
    expect(run("He spent four seasons at Nottingham Forest", [span(5, 7, "LOC")], [], ["Nottingham"])).toEqual(["Nottingham Forest:ORG"])
    expect(run("Leicester City won the match", [span(0, 2, "LOC")], [], ["Leicester"])).toEqual(["Leicester City:ORG"])
    expect(run("in Washington City , in violation of the edict of the 12th", [span(1, 3, "LOC")], [], ["Washington"])).toEqual(["Washington City:LOC"])
    expect(run("Kinkel , of the Free Democrats , said", [span(0, 1, "PER"), span(4, 6, "MISC")])).toEqual(["Kinkel:PER", "Free Democrats:ORG"])
    expect(run("The EU put off a decision", [span(1, 2, "LOC")])).toEqual(["EU:ORG"])
    expect(run("Democrats said on Monday", [span(0, 1, "MISC")])).toEqual(["Democrats:MISC"])
  })

  it("a capitalised name after a trade word is a company; not a place, not a lower-case word", () => {
    const run = applied((t, spans, flags) => typeFirmCues(t, 0, spans, flags))
    expect(run("Two managers of the building firm Rhonebat were fined", [])).toEqual(["Rhonebat:ORG"])
    expect(run("An analyst at broker Ord Minnett said", [span(4, 6, "PER")])).toEqual(["Ord Minnett:ORG"])
    expect(run("the firm said on Monday", [])).toEqual([])
    expect(run("a law firm London lawyers use", [], [], ["London"])).toEqual([])
  })

  // session 10 (from the seventh hand-written set)
  it("the sides of a fixture 'A v B' are team slots (mixed case, whole segments); a capitals headline's are not", () => {
    const fixtures = (s: string) => { const t = toks(s); return fixtureSlots(t).map(([a, b]) => t.slice(a, b).join(" ")) }
    expect(fixtures("Reading v Oxford United")).toEqual(["Reading", "Oxford United"])
    expect(fixtures("Fixtures : Chelsea v Birmingham , West Ham v Sheff Utd .")).toEqual(["Chelsea", "Birmingham", "West Ham", "Sheff Utd"])
    expect(fixtures("He said Reading v Oxford United was the tie of the round")).toEqual([])
    const run = applied((t, spans, flags) => typeTeamSlots(t, 0, spans, flags, fixtureSlots(t)))
    expect(run("Reading v Oxford United", [span(2, 4, "ORG")])).toEqual(["Reading:ORG", "Oxford United:ORG"])
  })

  it("a team between a ranked line's bracketed country and the time is ORG", () => {
    const run = applied((t, spans, flags) => typeBracketedPlayers(t, 0, spans, flags))
    expect(run("2. Niall Sutherland ( Britain ) Jordan 2.1 seconds behind", [span(2, 4, "LOC"), span(5, 6, "LOC")], ["Britain"]))
      .toEqual(["Niall Sutherland:PER", "Britain:LOC", "Jordan:ORG"])
  })

  it("a name in commas after a role only a person holds is PER, titles outside; not a firm, not 'of' a place", () => {
    const run = flagged((t, spans, flags) => typeRoleAppositions(t, 0, spans, flags))
    expect(run("His lawyer , Florence Janssens , said he would appeal", [span(3, 5, "ORG")], { Florence: G_CITY })).toEqual(["Florence Janssens:PER"])
    expect(run("recalled his son , Dr. Gerald A. Hladik .", [span(5, 8, "PER")], { "Dr.": G_PER_TITLE })).toEqual(["Gerald A. Hladik:PER"])
    expect(run("said his mother , Kathi Voller of Raynham , Massachusetts", [span(4, 6, "PER"), span(7, 8, "LOC")])).toEqual(["Kathi Voller:PER", "Raynham:LOC"])
    expect(run("their lawyers , Baker Partners LLP , said", [span(3, 6, "ORG")], { LLP: G_ORG_SUFFIX })).toEqual(["Baker Partners LLP:ORG"])
  })

  // session 11 (from the BBC real-news tuning set, bbc-gold-a)
  it("a person's name keeps only the words after its last title; a title that is the name's last word stays", () => {
    const run = applied((t, spans, flags) => spanShapes(t, 0, spans, flags))
    expect(run("Ms King said she was delighted", [span(0, 2, "PER")])).toEqual(["King:PER"])
    expect(run("Home Secretary Charles Clarke has warned", [span(0, 4, "PER")])).toEqual(["Charles Clarke:PER"])
    expect(run("Mr Justice Eady said", [span(0, 3, "PER")])).toEqual(["Eady:PER"])
    expect(run("Cardinal Cormac Murphy O'Connor backed him", [span(0, 4, "PER")])).toEqual(["Cormac Murphy O'Connor:PER"])
    expect(run("Martin Luther King spoke", [span(0, 3, "PER")])).toEqual(["Martin Luther King:PER"])
    expect(run("John Major resigned", [span(0, 2, "PER")])).toEqual(["John Major:PER"])
    // after a first name a title word is a surname
    const named = flagged((t, spans, flags) => spanShapes(t, 0, spans, flags))
    expect(named("books by Dick King-Smith .", [span(2, 6, "PER")], { Dick: G_FIRST_NAME })).toEqual(["Dick King - Smith:PER"])
  })

  it("a person-typed name ending in an organisation's head word, or a lone acronym in mixed case, is ORG", () => {
    const run = applied((t, spans, flags) => spanShapes(t, 0, spans, flags))
    expect(run("a professor at George Mason University .", [span(3, 6, "PER")])).toEqual(["George Mason University:ORG"])
    expect(run("a contract with Neath RFC .", [span(3, 5, "PER")])).toEqual(["Neath RFC:ORG"])
    // a surname that is also an institution's word stays a name
    expect(run("a record held by Margaret Court since 1973", [span(4, 6, "PER")])).toEqual(["Margaret Court:PER"])
    expect(run("said EFF lawyer Kurt Opsahl", [span(1, 2, "PER"), span(3, 5, "PER")])).toEqual(["EFF:ORG", "Kurt Opsahl:PER"])
    // a transcript's speaker and a longer word in capitals stay persons
    expect(run("COOPER : What happened next ?", [span(0, 1, "PER")])).toEqual(["COOPER:PER"])
    expect(run("said BREDESEN in the debate", [span(1, 2, "PER")])).toEqual(["BREDESEN:PER"])
    expect(run("a novel by JK Rowling", [span(3, 4, "PER"), span(4, 5, "PER")])).toEqual(["JK:PER", "Rowling:PER"])
    // a place ending in such a word is left to the model (facilities are places as often as organisations)
    expect(run("taken to Royal Free Hospital", [span(2, 5, "LOC")])).toEqual(["Royal Free Hospital:LOC"])
    // in a capitals headline a name in capitals is no acronym
    expect(run("KOVALENKO STUNS TOP SEED", [span(0, 1, "PER")])).toEqual(["KOVALENKO:PER"])
    expect(run("ANNA STUNS TOP SEED", [span(0, 1, "PER")])).toEqual(["ANNA:PER"])
  })

  it("a nationality noun alone and 'Olympic' are MISC; a bill or act named by capitalised words is one MISC span", () => {
    const run = applied((t, spans, flags) => spanShapes(t, 0, spans, flags))
    expect(run("The young Scot finished fourth", [span(2, 3, "PER")])).toEqual(["Scot:MISC"])
    expect(run("the Olympic champion went down", [span(1, 2, "ORG")])).toEqual(["Olympic:MISC"])
    expect(run("The Prevention of Terrorism Bill proposes control orders", [span(4, 5, "PER")])).toEqual(["Prevention of Terrorism Bill:MISC"])
    expect(run("if the Gambling Bill becomes law", [span(3, 4, "PER")])).toEqual(["Gambling Bill:MISC"])
    expect(run("under the Human Rights Act .", [])).toEqual(["Human Rights Act:MISC"])
    expect(run("He said The Energy Act failed", [])).toEqual(["Energy Act:MISC"])
    expect(run("under the Texas Mail Act and Texas Trade Practices Act .", [])).toEqual(["Texas Mail Act:MISC", "Texas Trade Practices Act:MISC"])
    // a first name is no bill, nor is a sentence's first word
    expect(run("President Bill Clinton said", [span(1, 3, "PER")])).toEqual(["Bill Clinton:PER"])
    expect(run("Bill said no .", [span(0, 1, "PER")])).toEqual(["Bill:PER"])
  })

  it("'<qualifier> League' competitions are MISC; other leagues stay organisations", () => {
    const run = applied((t, spans, flags) => eventNames(t, 0, spans, flags))
    expect(run("relegated from the Premier League in May", [span(3, 5, "ORG")])).toEqual(["Premier League:MISC"])
    expect(run("the Arab League met in Cairo", [span(1, 3, "ORG")])).toEqual(["Arab League:ORG"])
    expect(run("the Zurich Premiership match", [span(1, 3, "LOC")])).toEqual(["Zurich Premiership:MISC"])
    expect(run("a comeback at the US Open ended", [span(4, 5, "LOC")], ["US"])).toEqual(["US Open:MISC"])
    expect(run("the US Open University", [span(1, 2, "LOC"), span(2, 4, "ORG")], ["US"])).toEqual(["US:LOC", "Open University:ORG"])
  })

  it("a city followed by a plural verb or after a match phrase is a club; a country, or a place phrase's city, is not", () => {
    const run = applied((t, spans, flags) => typeClubsInPlay(t, spans, flags))
    expect(run("he admitted that Liverpool have little chance this season", [span(3, 4, "LOC")], [], ["Liverpool"])).toEqual(["Liverpool:ORG"])
    expect(run("homes in Los Angeles and London were sold", [span(2, 4, "LOC"), span(5, 6, "LOC")], [], ["London"])).toEqual(["Los Angeles:LOC", "London:LOC"])
    expect(run("Exeter and Cardiff are among cities", [span(0, 1, "LOC"), span(2, 3, "LOC")], [], ["Exeter", "Cardiff"])).toEqual(["Exeter:LOC", "Cardiff:LOC"])
    expect(run("a brilliant goal in the win over Olympiakos", [span(7, 8, "LOC")], [], ["Olympiakos"])).toEqual(["Olympiakos:ORG"])
    expect(run("the first leg at home to Leverkusen", [span(6, 7, "LOC")], [], ["Leverkusen"])).toEqual(["Leverkusen:LOC"])
    expect(run("the first leg of the final at home to Leverkusen", [span(9, 10, "LOC")], [], ["Leverkusen"])).toEqual(["Leverkusen:ORG"])
    expect(run("she rushed home to Wisconsin", [span(4, 5, "LOC")], [], ["Wisconsin"])).toEqual(["Wisconsin:LOC"])
    expect(run("Chelsea beat Roma in the final", [span(0, 1, "ORG"), span(2, 3, "LOC")], [], ["Roma"])).toEqual(["Chelsea:ORG", "Roma:ORG"])
    expect(run("England have won the series", [span(0, 1, "LOC")], ["England"])).toEqual(["England:LOC"])
    expect(run("tests in the Caribbean are designed", [span(3, 4, "LOC")], [], ["Caribbean"])).toEqual(["Caribbean:LOC"])
    expect(run("protesters marched against Paris policies", [span(3, 4, "LOC")], [], ["Paris"])).toEqual(["Paris:LOC"])
  })

  it("British parties by their short names and clubs opening with a club word are ORG", () => {
    const run = applied((t, spans, flags) => typeNamedOrgs(t, 0, spans, flags))
    expect(run("But the Tories insisted", [])).toEqual(["Tories:ORG"])
    expect(run("New Labour had failed", [span(0, 2, "MISC")])).toEqual(["New Labour:ORG"])
    expect(run("Labour costs rose", [])).toEqual([])
    expect(run("the Labour Party said", [span(1, 3, "ORG")])).toEqual(["Labour Party:ORG"])
    expect(run("about to play FC Barcelona", [span(3, 4, "ORG"), span(4, 5, "LOC")])).toEqual(["FC Barcelona:ORG"])
    expect(run("relief at Real Madrid 's passage", [span(2, 4, "LOC")])).toEqual(["Real Madrid:ORG"])
  })

  it("a span ending in 'of' joins the next one, loses the 'of', or goes when it is a title's", () => {
    const run = applied((t, spans, flags) => spanShapes(t, 0, spans, flags))
    expect(run("currently in the Gulf of Mexico ,", [span(3, 5, "LOC"), span(5, 6, "LOC")])).toEqual(["Gulf of Mexico:LOC"])
    expect(run("a hamper from the Sultan of Brunei .", [span(4, 6, "LOC"), span(6, 7, "LOC")])).toEqual(["Brunei:LOC"])
    expect(run("the Bank of and others", [span(1, 3, "ORG")])).toEqual(["Bank:ORG"])
  })
})

describe("tagEntities on newswire copy", () => {
  // Tags the lines as one document; `at(s, from)` is the type of the first "s" at or after `from`.
  const tagLines = (lines: ReadonlyArray<string>) => {
    const text = lines.join("\n")
    const got = new Map(tagEntities(text, lineSentences(text)).map((e) => [`${e.start}:${e.text}`, e.type]))
    return { text, at: (s: string, from = 0) => got.get(`${text.indexOf(s, from)}:${s}`) }
  }

  it("types a headline surname from the body, teams in results, the dateline and an event", () => {
    const { text, at } = tagLines([
      "GOLF - MONTGOMERIE LEADS IN MADRID .",
      "NEW YORK 2003-10-02",
      "Leading first-round scores in the Madrid Open on Thursday :",
      "65 Colin Montgomerie , Padraig Harrington ( Ireland )",
      "Tuesday 's results : Toronto 5 Detroit 3 ; Minnesota 7 Cleveland 2",
      "NEW YORK 70 52 .574 2"
    ])
    expect(at("MONTGOMERIE")).toBe("PER")
    expect(at("NEW YORK")).toBe("LOC")
    expect(at("NEW YORK", text.indexOf("Cleveland"))).toBe("ORG")
    expect(at("Madrid Open")).toBe("MISC")
    for (const team of ["Toronto", "Detroit", "Minnesota", "Cleveland"]) expect(at(team)).toBe("ORG")
  })

  // Round 8 (rules from BBC set j's errors): each case's lines are one document, and each name gets the type given
  // (undefined: no span is exactly that string).
  // [what the round's rule does, the lines, each name's expected type (undefined: no such span)]
  type RoundCases = ReadonlyArray<readonly [string, ReadonlyArray<string>, Readonly<Record<string, string | undefined>>]>
  const round8: RoundCases = [
    ["a sentence's article or a quote's 'Like' is no part of a name, a British party's lower-case 'party' neither; a song title keeps its 'Like'", [
      "A Labour Party spokesman criticised Michael Howard on Monday .",
      "Tory co-chairman Liam Fox said : \" Like Labour , the Lib Dems are soft on crime . \"",
      "The Labour party said the Liberal Democrats needed a plan .",
      "It was his fourth number one , after his song , Like Toy Soldiers , stormed to the top of the charts ."
    ], { "Labour Party": "ORG", "A Labour Party": undefined, "Like Labour": undefined, "Labour party": undefined, "Toy Soldiers": undefined }],
    ["a constituency after 'MP for' is one place through 'and' and hyphens; a body 'of England and Wales' is one name", [
      "The MP for Sittingbourne and Sheppey said Prime Minister Tony Blair had been hurt .",
      "Mr Sayeed has been MP for Mid-Bedfordshire since 1997 .",
      "The chairman of the Police Federation of England and Wales , which represents officers , said so .",
      "It is a partnership between the University of Leicester and Leicester's Hospitals ."
    ], { "Sittingbourne and Sheppey": "LOC", "Tony Blair": "PER", "Mid-Bedfordshire": "LOC", "Police Federation of England and Wales": "ORG", "University of Leicester": "ORG" }],
    ["'told Today' is the programme; an unknown place before 'boss' or 'scandal' is ORG, a word before 'trojan' or 'worm' MISC", [
      "Defending the plans , he told Today : \" I will take no risks . \"",
      "Marion Jones has sued Balco boss Victor Conte .",
      "The program that installs itself is called the Hackarmy trojan .",
      "A mail is circulating that carries the Zar worm ."
    ], { Today: "MISC", Balco: "ORG", "Victor Conte": "PER", Hackarmy: "MISC", Zar: "MISC" }],
    ["in sports copy a club's last word alone is ORG, Wimbledon among tennis words MISC; a national A side LOC; a host city's Olympic MISC", [
      "The striker scored in the league match and is in talks over a contract extension with City but fears for his place .",
      "She reached the second round at Wimbledon last year , her best Grand Slam result in tennis .",
      "Bell excelled for England A against France A in the championship .",
      "The Sydney Olympic gold medallist won again .",
      "He was leading Argentine Guillermo Coria 7-5 2-2 when he retired ."
    ], { City: "ORG", Wimbledon: "MISC", "England A": "LOC", "Sydney Olympic": "MISC", Argentine: "MISC", "Guillermo Coria": "PER" }]
  ]
  const round9: RoundCases = [
    ["a lower-case compass word or trailing word is no part of a name; an eponymous disease is no entity; a street keeps its number", [
      "Lyn Brown was selected in a contest in east London on Tuesday .",
      "The developer has taken over the Cambridge-based Just Add Monsters studios .",
      "The most common cause is Parkinson's disease , and some people have Down syndrome .",
      "He paved the way for John Major to move into 10 Downing Street after the ballot .",
      "Snow fell across the Northern hemisphere ."
    ], { London: "LOC", "east London": undefined, "Just Add Monsters": "ORG", Parkinson: undefined, Down: undefined, "10 Downing Street": "LOC", Northern: undefined }],
    ["a body's head word and 'for' join the name after them; an institution's possessive splits a span; Windows products and trade shows are MISC", [
      "The chairman of the Commission for Racial Equality said so .",
      "He will speak at the Science Museum's Dana Centre in London on Thursday .",
      "A patch fixes a hole in Windows Messenger and MSN Messenger .",
      "They spoke before the annual Consumer Electronics Show in Las Vegas ."
    ], { "Commission for Racial Equality": "ORG", "Science Museum": "ORG", "Dana Centre": "LOC", "Windows Messenger": "MISC", "Consumer Electronics Show": "MISC" }],
    ["a two-part seat is one place; a name before 'headquarters' is a company; 'Liberal Democrat' is the party", [
      "He won the Eton and Slough seat for the Tories in 1964 .",
      "There were 80 workers at Argonaut headquarters in Edgware .",
      "The group includes Labour's Robin Cook and the Liberal Democrat MP for Cornwall ."
    ], { "Eton and Slough": "LOC", Argonaut: "ORG", "Liberal Democrat": "ORG", "Robin Cook": "PER" }],
    ["Wimbledon the model took for a person is the championships among tennis words", [
      "France 's Mauresmo routed Vera Zvonareva 6-1 6-0 , while Wimbledon champion Sharapova was a 6-1 6-4 winner over fellow Russian Svetlana Kuznetsova .",
      "Sharapova said the tennis tournament was hard ."
    ], { Wimbledon: "MISC", "Svetlana Kuznetsova": "PER" }]
  ]
  const round10: RoundCases = [
    ["a sponsor joins its event, a two-place state is one name, the EU's lower-case commission one ORG, 'the <city> club' LOC", [
      "She cleared 4.88m at the Norwich Union Grand Prix in Birmingham .",
      "Sociedad have an option to buy the Serbia & Montenegro international , who joined the Glasgow club in 2003 .",
      "New European commission president Jose Manuel Barroso said the EU commission 's proposal stood .",
      "Russia & China signed the treaty ."
    ], { "Norwich Union Grand Prix": "MISC", "Serbia & Montenegro": "LOC", Glasgow: "LOC", "European commission": "ORG", "EU commission": "ORG", Russia: "LOC", China: "LOC" }]
  ]
  const round11: RoundCases = [
    ["a line-up's brackets hold clubs (a typo's open bracket closes at the next one), not a touring side's countries", [
      "Scotland : C Paterson ( Edinburgh (capt) ; S Danielli ( Borders ) , A Craig ( Glasgow ) , H Southwell ( Narbonne , capt ) , S Webster ( Leeds ) .",
      "Lions : J Smith ( NZ ) , B Brown ( SA ) , C White ( Aus ) , D Green ( Aus ) ."
    ], { "C Paterson": "PER", Edinburgh: "ORG", Borders: "ORG", Glasgow: "ORG", Narbonne: "ORG", "S Webster": "PER", NZ: "LOC", SA: "LOC" }],
    ["places before 'airports', landmarks 'of' a place, compass-named seats; a White Paper is no entity", [
      "Ministers backed new runways at Gatwick , Stansted and Luton airports in the White Paper .",
      "The Mid-Bedfordshire MP guided visitors around the Palace of Westminster .",
      "He represented Bristol East from 1983 and later won the Folkestone & Hythe seat ."
    ], { Gatwick: "LOC", Stansted: "LOC", Luton: "LOC", "White Paper": undefined, "Mid-Bedfordshire": "LOC", "Palace of Westminster": "LOC", "Bristol East": "LOC", "Folkestone & Hythe": "LOC" }],
    ["works after 'the game' or 'games such as', awards '<…> of the Year' and Honours MISC; a possessive's relations make a person", [
      "Parents blamed the game Warzone for the attack , and critics listed games such as Warzone and Knights of the Old Republic .",
      "She was named BBC Sports Personality of the Year after the New Year Honours List .",
      "Police investigating Tomasz 's murder questioned his friends ."
    ], { Warzone: "MISC", "Knights of the Old Republic": "MISC", "BBC Sports Personality of the Year": "MISC", "New Year Honours List": "MISC", Tomasz: "PER" }],
    ["a body's name with 'and' inside is one ORG, not two names joined or a heading", [
      "The Standards and Privileges Committee will hear the case , said the head of Entertainment and Leisure Software Publishers Association .",
      "The results encouraged CGT and Aberdeen University to form a company ."
    ], { "Standards and Privileges Committee": "ORG", "Entertainment and Leisure Software Publishers Association": "ORG", "Aberdeen University": "ORG" }]
  ]
  it("round 11: an Irish surname keeps its full name's type where the model took its apostrophe for a company's", () => {
    const { text, at } = tagLines(["Villa manager Martin O'Leary signed a contract on Thursday .", "O'Leary's future was in question .", "O'Leary said on Thursday he was happy ."])
    expect(at("Martin O'Leary")).toBe("PER")
    const later = text.indexOf("\n")
    expect(at("O'Leary", later)).toBe("PER")
    expect(at("O'Leary", text.lastIndexOf("\n"))).toBe("PER")
  })
  const round12: RoundCases = [
    ["name edges: no trailing ordinal, a hyphenated place through its link, a model number, a company's division, a capitalised War", [
      "United travel to Goodison Park on Wednesday , with Everton 14th in the Premiership .",
      "Polls are due at Bristol and Stockton-on-Tees .",
      "Analysts predict that Xbox 2 will be released in the US .",
      "Paul Reynolds , chief executive of BT Wholesale , said BT would cut prices .",
      "Britain paid for the first Gulf War ."
    ], { Everton: "ORG", "Everton 14th": undefined, "Stockton-on-Tees": "LOC", "Xbox 2": "MISC", "BT Wholesale": "ORG", "Gulf War": "MISC" }],
    ["a party or a two-word nationality opening a person's span is split off; a club's span ends before 'for' a country", [
      "Martin Bell won the Tatton seat from Tory Neil Hamilton , and Lib Dem MP Lembit Opik agreed .",
      "Earlier , South Korean Hyung-Taik Lee defeated Andy Roddick 6-3 7-6 .",
      "Blackburn have rejected a third bid from Rangers for Scotland captain Barry Ferguson ."
    ], { Tory: "ORG", "Neil Hamilton": "PER", "Lib Dem": "ORG", "Lembit Opik": "PER", "South Korean": "MISC", "Hyung-Taik Lee": "PER", Rangers: "ORG", Scotland: "LOC" }],
    ["an acronym written as a word after its expansion keeps the body's type; the Sunday papers and the European Indoors", [
      "Britain , France and the Global Alliance for Vaccines and Immunisation ( Gavi ) agreed . If Gavi could increase its funding , it would .",
      "He told the Sunday Mirror he would run at the European Indoors ."
    ], { Gavi: "ORG", "Sunday Mirror": "ORG", "European Indoors": "MISC" }]
  ]
  const rounds = [
    ...round8.map(([t, l, w]) => [`round 8: ${t}`, l, w] as const),
    ...round9.map(([t, l, w]) => [`round 9: ${t}`, l, w] as const),
    ...round10.map(([t, l, w]) => [`round 10: ${t}`, l, w] as const),
    ...round11.map(([t, l, w]) => [`round 11: ${t}`, l, w] as const),
    ...round12.map(([t, l, w]) => [`round 12: ${t}`, l, w] as const)
  ]
  it.each(rounds)("%s", (_, lines, want) => {
    const { at } = tagLines(lines)
    for (const [name, type] of Object.entries(want)) expect(at(name), name).toBe(type)
  })

  it("a capitals headline names the body's people by their surnames, and a capitals dateline does not vote for its words", () => {
    const { text, at } = tagLines([
      "ATHLETICS - EL GUERROUJ EDGES OUT NGENY .",
      "OSLO 1999-07-28",
      "Moroccan Hicham El Guerrouj won the mile at the Bislett Games on Wednesday .",
      "Kenyan Noah Ngeny was second .",
      "",
      "SOCCER - LEEDS SIGN MIDFIELDER .",
      "LEEDS 1999-09-14",
      "Leeds manager David O'Leary said on Tuesday that the club had signed a midfielder ."
    ])
    expect(at("EL GUERROUJ")).toBe("PER")
    expect(at("NGENY")).toBe("PER")
    expect(at("Hicham El Guerrouj")).toBe("PER")
    expect(at("LEEDS")).toBe("ORG")
    expect(at("LEEDS", text.indexOf("OSLO") + 20)).toBe("ORG")
    expect(at("LEEDS", text.indexOf("MIDFIELDER"))).toBe("LOC")
  })
})
