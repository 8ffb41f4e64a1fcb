/**
 * Names a reader of the news knows and a sentence's words do not show: well-known companies, broadcasters,
 * newspapers, institutions and clubs (ORG) and branded products (MISC). The model, trained on web text, takes an
 * unfamiliar company for a person ("Symbian said"), a club for its town ("overtures from Chelsea") and a games
 * console for anything ("the DS"). The lists are hand-written from general knowledge (the largest companies,
 * broadcasters and clubs of the last decades); a few entries came from errors on the BBC sets used for tuning
 * (eval/ner/README.md), none from a set while it was held out. test/ner-known-names.test.ts pins their behaviour.
 *
 * Kinds, from the safest to the most guarded:
 * - `ORG_NAMES`, `PRODUCTS`: names that are hardly anything else. Tagged where the model missed them, retyped
 *   where it typed them otherwise;
 * - `ORG_IF_TAGGED`: companies named by common words, towns or surnames ("Apple", "Halifax", "Dell"): only a span the
 *   model found alone is retyped, never a new one, never after a title ("Mr Dell") nor after "in";
 * - `CLUB_TOWNS`: towns whose name is also a famous club's ("Liverpool", "Barcelona"): ORG only in sports copy and
 *   not after "in" ("a hotel in Liverpool"); `SPORTS_ORGS`, nicknames ("Reds", "All Blacks"), ORG in sports copy;
 * - `COMPETITIONS` ("Six Nations", "Premiership") are MISC like products; `NOT_NAMES`, generic technology terms
 *   ("Voip", "ISP"), are no names: a span that is exactly one is dropped, and so is every mention of an acronym the
 *   text itself defines by a lower-case expansion ("radio frequency ID (RFID)", "prostate-specific antigen (PSA)");
 * - `MAKERS`: short product names ("DS", "PSP", "Mac") that are products only when their maker is named in the same
 *   text.
 * A maker's name before its product ("Sony PSP", "Nintendo DS") makes two spans, the maker ORG and the product MISC.
 * The names this pass types are pinned: the document pass keeps them and their vote carries the other mentions.
 */
import type { EntityType, TokenSpan } from "./index.ts"
import { isAllCaps, isCap, isSportsText, putSpan, TITLE_WORDS, VERSION } from "./newswire.ts"
import { type PhraseIndex, phraseIndex } from "./phrases.ts"
import { tokenize } from "./tokenize.ts"

export const ORG_NAMES: ReadonlyArray<string> = [
  // technology, telecoms, games
  "Microsoft", "Google", "Yahoo", "Yahoo!", "Nokia", "Motorola", "Samsung", "Nintendo", "Sega", "Symbian", "Vodafone",
  "Ericsson", "Sony Ericsson", "Siemens", "Philips", "Toshiba", "Hitachi", "Fujitsu", "Panasonic", "Matsushita", "Nikon",
  "Intel", "AMD", "IBM", "Cisco", "Hewlett-Packard", "Compaq", "Lenovo", "Acer", "Asus", "BenQ", "Nvidia", "Qualcomm",
  "Texas Instruments", "Xerox", "Kodak", "eBay", "AOL", "Netscape", "Napster", "Skype", "Kazaa", "Grokster", "MySpace",
  "Facebook", "Twitter", "YouTube", "Mozilla", "Adobe", "Macromedia", "Symantec", "McAfee", "Sophos", "F-Secure",
  "Kaspersky", "RealNetworks", "Real Networks", "T-Mobile", "BSkyB", "NTL", "Telewest", "Verizon", "AT&T", "Cingular",
  "Deutsche Telekom", "France Telecom", "Telefonica", "NTT DoCoMo", "DoCoMo", "KDDI", "SoftBank", "Alcatel", "Lucent",
  "Nortel", "Huawei", "Sun Microsystems", "Atari", "Activision", "Electronic Arts", "Ubisoft", "Take-Two", "Palm",
  "Research In Motion", "BT", "Sony", "LG", "Sanyo", "Pioneer", "Creative Technology", "Logitech", "SanDisk", "Seagate",
  "Western Digital", "Infineon", "STMicroelectronics", "ARM Holdings", "Sharp Corp", "SAP", "Red Hat", "Novell",
  "Borland", "Mandrake", "Linspire", "Wikimedia", "Wikipedia", "Friendster", "Flickr", "Amazon.com", "Apple Computer",
  "Dell Computer", "Gateway Inc", "Tiscali", "Wanadoo", "Freeserve", "Orange SA", "O2", "Cable & Wireless", "Ofcom",
  "Oftel", "ICANN", "Verisign", "VeriSign", "Mastercard", "MasterCard", "Visa International", "PayPal", "Blinkx",
  // industry, energy, transport
  "General Motors", "Chrysler", "DaimlerChrysler", "Daimler", "Toyota", "Honda", "Nissan", "Renault", "Peugeot",
  "Citroen", "Volkswagen", "BMW", "Fiat", "Volvo", "Saab", "Hyundai", "Kia", "Mitsubishi", "Mazda", "Porsche",
  "McLaren", "MG Rover", "Boeing", "Airbus", "EADS", "Lockheed Martin", "Northrop Grumman", "Raytheon", "BAE Systems",
  "Rolls-Royce", "General Electric", "ABB", "Caterpillar", "Exxon", "ExxonMobil", "Exxon Mobil", "Chevron", "Texaco",
  "Royal Dutch Shell", "Royal Dutch", "BP", "TotalFinaElf", "Gazprom", "Yukos", "Lukoil", "Rosneft", "Sibneft",
  "Aeroflot", "Enron", "WorldCom", "Halliburton", "Parmalat", "ThyssenKrupp", "Arcelor", "Mittal Steel", "Corus",
  "Rio Tinto", "BHP Billiton", "Anglo American", "Glencore", "Xstrata", "De Beers", "Alcoa", "Bayer", "BASF",
  "Hoechst", "DuPont", "Dow Chemical", "Monsanto", "Syngenta", "Pfizer", "GlaxoSmithKline", "AstraZeneca", "Novartis",
  "Roche", "Sanofi", "Sanofi-Aventis", "Aventis", "Johnson & Johnson", "Eli Lilly", "Bristol-Myers Squibb", "Schering",
  "Wyeth", "Bayer AG", "Merck", "British Airways", "easyJet", "Ryanair", "Lufthansa", "Air France", "KLM", "Qantas",
  "Alitalia", "Iberia", "Continental Airlines", "United Airlines", "Delta Air Lines", "American Airlines", "Eurostar",
  "Eurotunnel", "Railtrack", "Network Rail", "Stagecoach", "FirstGroup",
  // finance, markets, agencies
  "Goldman Sachs", "Morgan Stanley", "JP Morgan", "JPMorgan", "Merrill Lynch", "Citigroup", "Citibank", "HSBC",
  "Barclays", "Lloyds TSB", "Royal Bank of Scotland", "HBOS", "Deutsche Bank", "UBS", "Credit Suisse",
  "BNP Paribas", "Societe Generale", "ABN Amro", "Nomura", "Santander", "Northern Rock", "Bradford & Bingley",
  "Prudential", "Aviva", "Allianz", "AXA", "Standard Life", "Legal & General", "Lehman Brothers", "Bear Stearns",
  "Fannie Mae", "Freddie Mac", "Berkshire Hathaway", "Nasdaq", "NYSE", "Standard & Poor's", "Fitch Ratings",
  "Reuters", "Bloomberg", "Associated Press", "Agence France-Presse", "AFP", "Dow Jones & Co", "Euronext",
  "London Stock Exchange", "New York Stock Exchange", "Federal Reserve", "Bundesbank", "Bank of England",
  "European Central Bank", "Bank of Japan", "IMF", "World Bank", "WTO", "OPEC", "Opec", "OECD", "G7", "G8", "G20",
  // retail, food, media and entertainment
  "Wal-Mart", "Walmart", "Tesco", "Asda", "Marks & Spencer", "Woolworths", "Sainsbury's", "Morrisons", "Safeway",
  "Coca-Cola", "Pepsi", "PepsiCo", "McDonald's", "Starbucks", "Nestle", "Unilever", "Procter & Gamble", "Kraft",
  "Cadbury", "Cadbury Schweppes", "Heinz", "Nike", "Adidas", "Reebok", "Time Warner", "Warner Bros", "Warner Music",
  "Viacom", "News Corp", "News Corporation", "Vivendi", "Vivendi Universal", "EMI", "Sony BMG", "Bertelsmann",
  "HMV", "Walt Disney Co", "Pixar", "DreamWorks", "Paramount", "MGM", "Blockbuster", "Netflix", "Tower Records",
  "Vodafone Group", "Granada", "Carlton", "ITV", "Channel 4", "Channel Five", "Sky News", "Sky Sports", "Sky One",
  "CNN", "CBS", "NBC", "Fox News", "MTV", "PBS", "NPR", "C-SPAN", "ESPN", "HBO", "Al-Jazeera", "Al Jazeera",
  "BBC News", "BBC World", "BBC World Service", "BBC Radio 1", "BBC Radio 2", "BBC Radio 3", "BBC Radio 4",
  "BBC Radio 5 Live", "BBC Radio Five Live", "BBC Radio Scotland", "BBC Radio Wales", "BBC One", "BBC Two", "BBC Three",
  "BBC Four", "BBC1", "BBC2", "BBC Sport", "BBC Scotland", "BBC Wales", "BBC Online", "BBC News Online", "Radio 4", "Radio Five Live",
  "Five Live", "Virgin Radio", "Capital Radio", "GCap", "Financial Times", "Wall Street Journal", "New York Times",
  "Washington Post", "Los Angeles Times", "USA Today", "Daily Telegraph", "Sunday Telegraph", "Daily Mail",
  "Mail on Sunday", "Daily Mirror", "Daily Express", "Sunday Times", "Evening Standard", "News of the World",
  "Sunday Mirror", "Sunday Express", "Sunday People", "Daily Star", "Independent on Sunday", "BBC News 24",
  "Le Monde", "Le Figaro", "Der Spiegel", "Die Welt", "El Pais", "Corriere della Sera", "La Gazzetta dello Sport",
  "Newsweek", "The Economist", "Time magazine", "Rolling Stone", "Billboard magazine", "Associated Newspapers",
  "Trinity Mirror", "Daily Mail and General Trust", "Pearson", "Reed Elsevier", "Penguin", "Bloomsbury",
  "Interfax", "Itar-Tass", "Xinhua", "Kyodo", "Yonhap", "Ananova",
  // government bodies and institutions often written short
  "Treasury", "Home Office", "Foreign Office", "Ministry of Defence", "MoD", "Scotland Yard",
  // (session 13, from set f: departments whose names run across "and" and commas, and campaigning bodies)
  "Department for Education and Skills", "Department of the Environment, Food and Rural Affairs",
  "Department for Environment, Food and Rural Affairs", "Department of Trade and Industry", "Department for Work and Pensions",
  "Department for Culture, Media and Sport", "Department for Constitutional Affairs", "Department for International Development",
  "Department for Transport", "Department of Health", "Office of the Deputy Prime Minister", "Foreign and Commonwealth Office",
  "Department of Homeland Security", "Department of Health and Human Services", "Department of Housing and Urban Development",
  "Inland Revenue", "HM Revenue and Customs", "Customs and Excise", "Public and Commercial Services Union",
  "Trades Union Congress", "Confederation of British Industry", "National Audit Office", "Hansard Society",
  "Reporters Without Borders", "Reporters Sans Frontieres", "Committee to Protect Journalists",
  "Metropolitan Police", "Crown Prosecution Service", "Serious Fraud Office", "Office of Fair Trading",
  "Competition Commission", "Financial Services Authority", "Electoral Commission", "Commons", "House of Commons",
  "House of Lords", "Bundestag", "Duma", "Knesset", "Congress", "Senate",
  "European Commission", "European Parliament", "Council of Europe", "European Court of Justice", "United Nations",
  "Nato", "NATO", "Interpol", "Europol", "Red Cross", "Amnesty International", "Greenpeace", "Oxfam",
  "Medecins Sans Frontieres", "Human Rights Watch", "Friends of the Earth", "Plaid Cymru", "SNP", "UKIP", "DUP",
  "Sinn Fein", "SDLP", "Conservatives", "Liberal Democrats", "Lib Dems", "Tories",
  // think tanks and research bodies quoted in British and American news
  "Institute for Fiscal Studies", "Institute for Public Policy Research", "Foreign Policy Centre", "Adam Smith Institute",
  "Centre for Policy Studies", "Policy Exchange", "Joseph Rowntree Foundation", "King's Fund", "Chatham House",
  "Brookings Institution", "Heritage Foundation", "Cato Institute", "Rand Corporation", "Pew Research Center",
  "Pew Internet and American Life Project", "Pew Internet & American Life Project", "Jupiter Research", "Forrester Research",
  "Gartner", "IDC", "Ofwat", "Ofgem", "Ofsted", "Nielsen//NetRatings", "Nielsen NetRatings", "Macrovision",
  "Internet Corporation for Assigned Names and Numbers", "Icann",
  // sport: governing bodies and clubs that are not also a town's name
  "Fifa", "FIFA", "Uefa", "UEFA", "IOC", "ATP", "WTA", "ICC", "IAAF", "IRB", "RFU", "WRU", "SRU", "IRFU", "FA",
  "Football Association", "ECB", "Arsenal", "Everton", "Tottenham", "Tottenham Hotspur", "Spurs",
  "Juventus", "Olympiakos", "Olympiacos", "Panathinaikos", "Benfica", "Sporting Lisbon", "Ajax", "PSV Eindhoven", "PSV",
  "Feyenoord", "Anderlecht", "Galatasaray", "Fenerbahce", "Besiktas", "Real Madrid", "Atletico Madrid",
  "Real Sociedad", "Deportivo La Coruna", "Deportivo", "Sevilla", "Real Betis", "Betis", "Espanyol",
  "Athletic Bilbao", "Osasuna", "Real Zaragoza", "Inter Milan", "AC Milan", "Internazionale", "Lazio", "Fiorentina",
  "Sampdoria", "Udinese", "Bayern Munich", "Bayern", "Bayer Leverkusen", "Borussia Dortmund", "Werder Bremen",
  "Schalke", "Schalke 04", "Hertha Berlin", "Hamburg SV", "VfB Stuttgart", "Paris St Germain", "Paris Saint-Germain",
  "PSG", "Olympique Marseille", "Olympique Lyon", "Olympique Lyonnais", "CSKA Moscow", "Spartak Moscow",
  "Lokomotiv Moscow", "Dynamo Kiev", "Shakhtar Donetsk", "Boca Juniors", "River Plate", "Flamengo", "Manchester United",
  "Man Utd", "Man United", "Manchester City", "Man City", "Newcastle United", "Aston Villa", "West Ham",
  "West Ham United", "Blackburn Rovers", "Bolton Wanderers", "Charlton Athletic", "Crystal Palace",
  "Birmingham City", "West Brom", "West Bromwich Albion", "Norwich City", "Leeds United", "Nottingham Forest",
  "Sheffield Wednesday", "Sheffield United", "Wolves", "Wolverhampton Wanderers", "Leicester City", "Ipswich Town",
  "Wigan Athletic", "Millwall", "QPR", "Queens Park Rangers", "Derby County", "Coventry City", "Stoke City",
  "Hibernian", "Hearts", "Heart of Midlothian", "Kilmarnock", "Motherwell", "Dunfermline", "Partick Thistle",
  "Leicester Tigers", "Wasps", "London Wasps", "Saracens", "Harlequins", "Sale Sharks", "Northampton Saints",
  "Newcastle Falcons", "Leeds Tykes", "London Irish", "Bath Rugby", "Llanelli Scarlets", "Cardiff Blues",
  "Neath-Swansea Ospreys", "Ospreys", "Newport Gwent Dragons", "Celtic Warriors",
  "Stade Francais", "Crusaders", "Waratahs", "Brumbies", "Blue Bulls",
  "New York Yankees", "Boston Red Sox", "Chicago Bulls", "Los Angeles Lakers", "Dallas Cowboys", "McLaren Mercedes",
  "Williams-BMW", "Renault F1", "BAR-Honda", "Jordan Grand Prix", "Minardi",
]

// Companies and outlets named by a common word or a surname: retyped where the model found them alone, never added.
export const ORG_IF_TAGGED: ReadonlyArray<string> = [
  "Apple", "Orange", "Virgin", "Shell", "Amazon", "Dell", "Ford", "Total", "Oracle", "Sharp", "Canon", "Olympus",
  "Gateway", "Sprint", "Boots", "Next", "Sun", "Mirror", "Independent", "Observer", "Guardian", "Times", "Telegraph",
  "Economist", "Universal", "Fox", "Sky", "Five", "Lloyds", "Abbey", "Halifax", "Moody's", "Fitch", "Disney", "Jaguar",
  "Rover", "Lotus", "Ferrari", "Puma", "Emirates", "Lilly", "Ask Jeeves",
  "Ask", "Rockstar", "Mattel", "Hasbro", "Lego", "Motown", "Greens", "Respect", "Lords", "Opposition", "Cabinet Office",
  "Tate", "Tote", "Hamleys", "Harrods", "Selfridges", "Argos", "Dixons", "Currys", "Comet", "Ladbrokes", "William Hill",
  "Coral", "Mecca", "Rank", "Bupa", "Capita", "Serco", "Atos", "Accenture", "Deloitte", "KPMG", "Ernst & Young",
  "PricewaterhouseCoopers", "Which?",
]

// Towns named like their famous clubs: ORG in sports copy ("his first goal for Chelsea"), never after "in".
export const CLUB_TOWNS: ReadonlyArray<string> = [
  "Liverpool", "Chelsea", "Barcelona", "Madrid", "Porto", "Valencia", "Newcastle", "Middlesbrough", "Southampton",
  "Portsmouth", "Sunderland", "Blackburn", "Bolton", "Charlton", "Fulham", "Birmingham", "Leeds", "Leicester",
  "Gloucester", "Bath", "Northampton", "Bristol", "Cardiff", "Swansea", "Llanelli", "Aberdeen", "Dundee",
  "Norwich", "Ipswich", "Derby", "Coventry", "Stoke", "Wigan", "Reading", "Watford", "Brentford", "Plymouth", "Hull",
  "Burnley", "Preston", "Crewe", "Wrexham", "Lyon", "Marseille", "Monaco", "Bordeaux",
  "Toulouse", "Lille", "Nantes", "Auxerre", "Parma", "Bologna", "Genoa", "Palermo", "Napoli",
  "Dortmund", "Bremen", "Stuttgart", "Hamburg", "Leverkusen",
  "Seville", "Bilbao", "Zaragoza", "Mallorca", "Villarreal", "Salford",
  "Milan", "Wakefield", "Warrington", "St Helens", "Widnes", "Castleford", "Bradford", "Huddersfield", "Sale", "Leinster", "Munster", "Ulster", "Biarritz", "Perpignan",
]

// Competitions and events, MISC wherever they appear (CoNLL: events are MISC).
export const COMPETITIONS: ReadonlyArray<string> = [
  "Six Nations", "RBS Six Nations", "RBS 6 Nations", "Tri-Nations", "Tri Nations", "Super 12", "Super 14",
  "Heineken Cup", "Premiership", "Zurich Premiership", "Celtic League", "Champions League", "Uefa Cup", "UEFA Cup",
  "FA Cup", "League Cup", "Carling Cup", "World Cup", "European Championship", "Euro 2004", "Euro 2008", "Copa America",
  "African Nations Cup", "Ryder Cup", "Davis Cup", "Fed Cup", "Solheim Cup", "Ashes", "Tour de France", "Olympics",
  "Olympic Games", "Paralympics", "Commonwealth Games", "Grand National", "Australian Open", "French Open", "US Open",
  "Wimbledon Championships", "Super Bowl", "Stanley Cup", "World Series", "Grand Slam Cup", "Masters Cup",
  // the Games' adjective alone ("an Olympic gold medallist"); not inside a longer name ("Olympic Stadium")
  "Olympic", "Paralympic",
]

// Clubs and sides by their nicknames or short names: ORG in sports copy only ("The Reds are fifth").
export const SPORTS_ORGS: ReadonlyArray<string> = [
  "Reds", "Blues", "Gunners", "Magpies", "Toffees", "Hammers", "Saints", "Villans", "Baggies", "Canaries", "Foxes",
  "Owls", "Blades", "Rams", "Tigers", "Hoops", "Gers", "Bhoys", "Dons", "Red Devils", "Black Cats", "Lions", "British Lions",
  "All Blacks", "Wallabies", "Springboks", "Pumas", "Azzurri", "Les Bleus", "Socceroos", "Bafana Bafana", "Real",
  "Inter", "Barca", "Juve", "Boro", "Pompey",
  // (session 14: clubs named by a word that is also a people or a language, only in sports copy)
  "Celtic", "Rangers", "Roma", "Barbarians", "Baa-Baas", "All Black",
]

// Products and services, MISC wherever they appear.
export const PRODUCTS: ReadonlyArray<string> = [
  "iPod", "iPods", "iPod mini", "iPod shuffle", "iPod nano", "iPod Photo", "iTunes", "iTunes Music Store", "iMac",
  "iBook", "PowerBook", "Macintosh", "Mac OS", "Mac OS X", "Mac mini", "QuickTime", "Safari", "PlayStation",
  "PlayStation 2", "PlayStation 3", "PlayStation Portable", "PSone", "PS2", "PS3", "Xbox", "Xbox 360", "Xbox Live",
  "GameBoy", "Game Boy", "GameBoy Advance", "Game Boy Advance", "GameBoy Advance SP", "Game Boy Advance SP",
  "GameCube", "N-Gage", "N-Gage QD", "Walkman", "BlackBerry", "BlackBerries", "Windows XP",
  "Windows Vista", "Windows 95", "Windows 98", "Windows 2000", "Windows Media Player", "Windows Mobile",
  "Internet Explorer", "Firefox", "Thunderbird", "Linux", "Photoshop", "Acrobat", "Gmail", "Hotmail",
  "MSN Messenger", "Google Earth", "Google Maps", "Google Video", "Google News", "Google Desktop", "Google Print",
  "Netscape Navigator", "Longhorn", "Pentium", "Centrino", "Itanium", "Athlon", "Opteron", "Kindle", "iPhone", "iPad",
  "Android", "Wii", "Tamagotchi", "Discman", "Betamax", "Freeview", "Sky Plus", "Sky+", "TiVo",
  "Viagra", "Prozac", "Botox", "Lipitor", "Vioxx", "Celebrex", "Tamiflu", "Herceptin", "Zantac",
  "Service Pack 2", "MSN Spaces",
  // computer viruses and worms named in the news (the sets' call: malware is MISC)
  "Cabir", "Skulls", "Sasser", "Netsky", "MyDoom", "Mydoom", "Bagle", "Blaster", "Sober", "Zafi", "Santy", "Slammer",
  "Nimda", "Code Red", "Conficker", "Stuxnet", "WannaCry",
]

// Generic technology terms, no names in these conventions (a span the model made of one alone is dropped).
export const NOT_NAMES: ReadonlyArray<string> = [
  "Voip", "VoIP", "VOIP", "ISP", "ISPs", "PC", "PCs", "RSS", "WMA", "DRM", "SMS", "MMS", "3G", "GPS", "DVD", "DVDs", "CD",
  "CDs", "MP3", "MP3s", "HDTV", "LCD", "USB", "Wi-Fi", "WiFi", "Wimax", "WiMax", "P2P", "URL", "HTML", "PDA", "PDAs",
  "SIM", "GSM", "ADSL", "DSL", "Bluetooth", "Broadband", "Spam", "Spyware", "Adware", "Phishing",
  // (session 13, from set f)
  "RFID", "GPRS", "UWB", "Ultra Wideband", "Ultra-Wideband", "2G", "2.5G", "4G", "WAP", "WLAN", "IPTV", "PVR", "PVRs",
  "NFC", "VPN", "CPU", "CPUs",
  // (session 14, from set h) a tennis or rugby feat, no event's name
  "Grand Slam", "Grand Slams",
  // holidays (the sets' call: no entities)
  "Boxing Day", "Christmas Day", "New Year's Day",
]

// Short product names that need their maker in the same text ("the DS" beside "Nintendo").
export const MAKERS: Readonly<Record<string, ReadonlyArray<string>>> = {
  Nintendo: ["DS", "SP", "Advance"],
  Sony: ["PSP", "PS", "Aibo", "Vaio", "Clie", "UMD", "Cell"],
  Apple: ["Mac", "Macs", "Newton", "Tiger", "Panther", "Lisa"],
  Microsoft: ["Windows", "XP", "Office", "Word", "Excel", "Outlook", "Vista", "IE"],
  Symbian: ["Series 60", "Series 80", "Series 90"],
  Nokia: ["Communicator"],
  Google: ["Froogle", "Orkut", "Blogger", "Picasa"],
  Palm: ["Treo", "PalmPilot", "Pilot"],
  Intel: ["Xeon"],
  AMD: ["Sempron"],
}

export type KnownKind = "org" | "org-if-tagged" | "club-town" | "sports-org" | "product" | "product-if-maker" | "not-a-name"

export interface KnownName {
  readonly kind: KnownKind
  /** For `product-if-maker`: the maker's name that must appear in the text. */
  readonly maker?: string
}

const tokensOf = (name: string): ReadonlyArray<string> => tokenize(name, 0, name.length).map((t) => t.text)

/** The phrase index of every list above; the first kind listed wins for a name in two lists. */
export function knownNameIndex(): PhraseIndex<KnownName> {
  const entries: Array<readonly [ReadonlyArray<string>, KnownName]> = []
  const add = (names: ReadonlyArray<string>, value: KnownName) => {
    for (const n of names) entries.push([tokensOf(n), value])
  }
  add(ORG_NAMES, { kind: "org" })
  add(PRODUCTS, { kind: "product" })
  add(COMPETITIONS, { kind: "product" })
  for (const [maker, products] of Object.entries(MAKERS)) add(products, { kind: "product-if-maker", maker })
  add(CLUB_TOWNS, { kind: "club-town" })
  add(SPORTS_ORGS, { kind: "sports-org" })
  add(ORG_IF_TAGGED, { kind: "org-if-tagged" })
  add(NOT_NAMES, { kind: "not-a-name" })
  return phraseIndex(entries)
}

let index: PhraseIndex<KnownName> | undefined

// What comes before a town that is a place, not its club, even in sports copy ("a hotel in Liverpool"), and before a
// town that is not the company named like it ("in Halifax, Nova Scotia").
const PLACE_BEFORE = new Set(["in", "In", "near", "outside"])

/**
 * Types the known names of a document's sentences (`bySentence[s]`: sentence s's spans, sorted, non-overlapping;
 * changed in place) by the rules of the module comment; `sportsText` answers whether the text is sports copy (the
 * tagger passes its own, so the text is judged once). Spans in `pinned` are never touched (a layout rule typed
 * them); the spans this makes or retypes are added to it. Capitals headlines are left to the document pass.
 */
/**
 * Acronyms a text defines by a lower-case expansion before them in brackets ("radio frequency ID (RFID)",
 * "voice over internet protocol (VoIP)"): a common noun's abbreviation, no name. Each expansion word gives the
 * acronym's next letters by its initial, or by itself when it is in capitals ("ID").
 */
export function genericAcronyms(sentences: ReadonlyArray<ReadonlyArray<string>>): Set<string> {
  const found = new Set<string>()
  for (const tokens of sentences) {
    for (let i = 1; i + 2 < tokens.length; i++) {
      if (tokens[i] !== "(" || tokens[i + 2] !== ")") continue
      const acr = tokens[i + 1]!
      if (!/^\p{Lu}[\p{Lu}\d]{1,5}s?$/u.test(acr) && !/^\p{Lu}[\p{L}\d]{1,5}$/u.test(acr)) continue
      let rest = acr.replace(/s$/, "").toUpperCase()
      let lower = 0
      let j = i - 1
      while (j >= 0 && rest.length > 0) {
        const w = tokens[j]!
        if (/^\p{Lu}[\p{Lu}\d]+$/u.test(w) && rest.endsWith(w)) rest = rest.slice(0, -w.length)
        else if (/^\p{Ll}/u.test(w) && rest.endsWith(w[0]!.toUpperCase())) {
          rest = rest.slice(0, -1)
          lower++
        } else if (!(w === "-" || w === "of" || w === "and" || w === "over" || w === "for")) break
        j--
      }
      if (rest.length === 0 && lower >= 2) found.add(acr).add(acr.replace(/s$/, "")).add(`${acr.replace(/s$/, "")}s`)
    }
  }
  return found
}

export function typeKnownNames(
  sentences: ReadonlyArray<ReadonlyArray<string>>,
  bySentence: Array<Array<TokenSpan>>,
  pinned: Map<TokenSpan, number>,
  sportsText: () => boolean = () => isSportsText(sentences),
): void {
  index ??= knownNameIndex()
  const generic = genericAcronyms(sentences)
  if (generic.size > 0) {
    for (let s = 0; s < sentences.length; s++) {
      const tokens = sentences[s]!
      const out = bySentence[s]!
      for (let k = out.length - 1; k >= 0; k--) {
        const x = out[k]!
        // (a shape rule's pin too: an all-caps word typed ORG by its shape alone)
        if (x.end - x.start === 1 && generic.has(tokens[x.start]!)) {
          out.splice(k, 1)
          pinned.delete(x)
        }
      }
    }
  }
  let sports: boolean | undefined
  let words: Set<string> | undefined
  const makerNamed = (maker: string) => (words ??= new Set(sentences.flat())).has(maker)
  for (let s = 0; s < sentences.length; s++) {
    const tokens = sentences[s]!
    const out = bySentence[s]!
    let caps: boolean | undefined
    for (let i = 0; i < tokens.length; i++) {
      const m = index.match(tokens, i)
      if (m === undefined) continue
      if (caps ??= isAllCaps(tokens)) break
      const e = i + m.length
      const { kind, maker } = m.value
      // not a piece of a longer capitalised name ("Apple Insider", "Virgin Radio Groove"), unless a product follows
      // its maker ("Sony PSP")
      const next = e < tokens.length && isCap(tokens[e]!) ? index.match(tokens, e) : undefined
      const product = next !== undefined && (next.value.kind === "product" || (next.value.kind === "product-if-maker" && next.value.maker === tokens[i])) &&
        (kind === "org" || kind === "org-if-tagged") && !(e + next.length < tokens.length && isCap(tokens[e + next.length]!))
      if (e < tokens.length && isCap(tokens[e]!) && !product) continue
      if (i > 0 && isCap(tokens[i - 1]!) && i - 1 > 0) continue
      if (i > 0 && TITLE_WORDS.has(tokens[i - 1]!.toLowerCase())) continue
      const over = out.filter((x) => x.start < e && x.end > i)
      const exact = over.length === 1 && over[0]!.start === i && over[0]!.end === e
      // a generic term is no name whatever typed it
      if (kind === "not-a-name") {
        if (exact) {
          out.splice(out.indexOf(over[0]!), 1)
          pinned.delete(over[0]!)
        }
        i = e - 1
        continue
      }
      if (over.some((x) => pinned.has(x))) continue
      const inside = over.every((x) => x.start >= i && x.end <= e)
      const pin = (start: number, end: number, type: EntityType) => {
        pinned.set(putSpan(out, s, start, end, type), -1)
      }
      if (product) {
        // "Sony PSP" as one span, two or none: the maker and the product, when no span runs across the pair's edges;
        // a maker named by a common word ("Apple iPod") only where the model tagged something
        const pe = e + next!.length
        const near = out.filter((x) => x.start < pe && x.end > i)
        if (near.every((x) => x.start >= i && x.end <= pe && !pinned.has(x)) && (kind === "org" || near.length > 0)) {
          pin(i, e, "ORG")
          pin(e, pe, "MISC")
        }
        i = pe - 1
        continue
      }
      const placeBefore = i > 0 && PLACE_BEFORE.has(tokens[i - 1]!)
      let type: EntityType | undefined
      if (kind === "org" && inside) type = "ORG"
      else if (kind === "product" && inside) type = "MISC"
      else if (kind === "product-if-maker" && (exact || (over.length === 0 && i > 0)) && makerNamed(maker!)) type = "MISC"
      else if (kind === "org-if-tagged" && exact && !placeBefore) type = "ORG"
      else if (kind === "club-town" && exact && !placeBefore && (sports ??= sportsText())) type = "ORG"
      else if (kind === "sports-org" && inside && (sports ??= sportsText())) type = "ORG"
      // "Firefox 1.0": a product's version number is part of its name
      const end = type === "MISC" && e < tokens.length && VERSION.test(tokens[e]!) && !out.some((x) => x.start === e) ? e + 1 : e
      if (type !== undefined) pin(i, end, type)
      i = end - 1
    }
  }
}
