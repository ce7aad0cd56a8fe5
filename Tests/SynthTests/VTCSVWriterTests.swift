import Model
import Testing

@testable import Synth

@Suite("VTCSVWriter")
struct VTCSVWriterTests {
  /// The canonical field names of `model.md`, per file of `exports.md` (typed from the spec).
  static let specColumns: [String: [String]] = [
    "adviezen.csv": [
      "advies_id", "startdatum", "einddatum", "gemeente", "contactvorm", "rol_adviesvrager",
      "organisatie_adviesvrager", "aard_geweld", "aanvullende_informatie", "duur_geweld",
      "vorm_kindermishandeling", "vorm_ouderenmishandeling",
    ],
    "meldingen.csv": [
      "melding_id", "casus_id", "ontvangstdatum", "gemeente", "rol_melder", "organisatie_melder",
      "aard_geweld", "aanvullende_informatie", "duur_geweld", "vorm_kindermishandeling",
      "vorm_ouderenmishandeling", "acute_onveiligheid", "structurele_onveiligheid", "besluit",
      "besluitdatum", "eerste_contact_datum", "vervolgmelding", "radarmelding",
    ],
    "betrokkenen.csv": ["melding_id", "bsn", "geboortejaar", "geslacht", "rol"],
    "diensten.csv": ["dienst_id", "casus_id", "type", "startdatum", "einddatum", "uitkomst"],
    "overdrachten.csv": [
      "overdracht_id", "casus_id", "datum", "moment", "ontvanger", "monitoring",
    ],
    "monitoring.csv": [
      "monitoring_id", "casus_id", "startdatum", "einddatum", "extra_interventie",
    ],
    "huisverboden.csv": [
      "huisverbod_id", "casus_id", "gemeente", "beoordelingsdatum", "opgelegd", "verlengd",
    ],
    "activiteiten.csv": ["activiteit_id", "type", "datum", "gemeente"],
  ]

  static let dateColumns = [
    "startdatum", "einddatum", "ontvangstdatum", "besluitdatum", "eerste_contact_datum", "datum",
    "beoordelingsdatum",
  ]

  static func options(seed: UInt64 = 18, badRate: Double = 0) -> SynthOptions {
    SynthOptions(
      layout: .vtCSV, region: "rotterdam-rijnmond", firstYear: 2020, lastYear: 2021, seed: seed,
      volume: 0.03, badRate: badRate)
  }

  static func tables(_ run: Support.Run) -> [String: Support.Table] {
    var out: [String: Support.Table] = [:]
    for f in run.files { out[f.name] = Support.table(f.bytes, delimiter: ",") }
    return out
  }

  @Test("eight files with the canonical field names of model.md as header")
  func headers() throws {
    let run = try Support.run(Self.options())
    #expect(Set(run.names) == Set(Self.specColumns.keys))
    for (name, table) in Self.tables(run) {
      #expect(table.header == Self.specColumns[name], "\(name)")
    }
  }

  @Test("byte-order mark, line ending and quoting vary with the seed")
  func presentation() throws {
    var boms = Set<Bool>()
    var crlfs = Set<Bool>()
    var quotedAll = Set<Bool>()
    for seed in UInt64(1)...24 {
      var options = Self.options(seed: seed)
      options.lastYear = 2020
      options.volume = 0.005
      let bytes = try Support.run(options).bytes("activiteiten.csv")
      boms.insert(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
      crlfs.insert(bytes.contains(0x0D))
      quotedAll.insert(bytes.contains(0x22))
    }
    #expect(boms == [true, false])
    #expect(crlfs == [true, false])
    #expect(quotedAll == [true, false])
  }

  @Test("a clean export: dates, codes, references and bsn's all valid (read independently)")
  func clean() throws {
    let options = Self.options()
    let run = try Support.run(options)
    #expect(run.summary.brokenTotal == 0)
    let t = Self.tables(run)
    let first = Day(year: 2020, month: 1, day: 1)!
    let horizon = Day(year: 2021, month: 12, day: 31)!
    for (name, table) in t {
      for column in Self.dateColumns where table.header.contains(column) {
        for v in table.values(column) where !v.isEmpty {
          let day = Day.parseISO(v)
          #expect(day != nil, "\(name) \(column): \(v)")
          if let day { #expect(day >= first && day <= horizon, "\(name) \(column): \(v)") }
        }
      }
      if let id = table.header.first, id.hasSuffix("_id"), name != "betrokkenen.csv" {
        let ids = table.values(id)
        #expect(Set(ids).count == ids.count, "\(name): duplicate ids")
        #expect(!ids.contains(""))
      }
    }
    let meldingen = try #require(t["meldingen.csv"])
    let casussen = Set(meldingen.values("casus_id"))
    let meldingIDs = Set(meldingen.values("melding_id"))
    for name in ["diensten.csv", "overdrachten.csv", "monitoring.csv"] {
      for c in try #require(t[name]).values("casus_id") {
        #expect(casussen.contains(c), "\(name): \(c)")
      }
    }
    for c in try #require(t["huisverboden.csv"]).values("casus_id") where !c.isEmpty {
      #expect(casussen.contains(c))
    }
    let betrokkenen = try #require(t["betrokkenen.csv"])
    for m in betrokkenen.values("melding_id") { #expect(meldingIDs.contains(m)) }
    for bsn in betrokkenen.values("bsn") where !bsn.isEmpty {
      #expect(Bsn(bsn)?.passesElfproef == true)
    }
    // Codes exactly as the lists have them.
    func codes<E: CodeListEnum>(
      _ table: String, _ column: String, _: E.Type, optional: Bool = false, multi: Bool = false,
      atLeastOne: Bool = false
    ) throws {
      for v in try #require(t[table]).values(column) {
        if v.isEmpty {
          #expect((optional || multi) && !atLeastOne, "\(table) \(column) empty")
          continue
        }
        let members =
          multi ? v.split(separator: "|", omittingEmptySubsequences: false).map(String.init) : [v]
        for m in members { #expect(E(code: m) != nil, "\(table) \(column): \(v)") }
      }
    }
    try codes("adviezen.csv", "contactvorm", Contactvorm.self)
    try codes("adviezen.csv", "organisatie_adviesvrager", Organisatie.self, optional: true)
    try codes("adviezen.csv", "aard_geweld", AardGeweld.self, multi: true, atLeastOne: true)
    try codes("adviezen.csv", "vorm_kindermishandeling", VormKM.self, multi: true)
    try codes("meldingen.csv", "aard_geweld", AardGeweld.self, multi: true, atLeastOne: true)
    try codes("meldingen.csv", "aanvullende_informatie", AanvullendeInformatie.self, multi: true)
    try codes("meldingen.csv", "besluit", Besluit.self, optional: true)
    try codes("meldingen.csv", "vervolgmelding", Vervolgmelding.self)
    try codes("meldingen.csv", "duur_geweld", DuurGeweld.self, optional: true)
    try codes("betrokkenen.csv", "geslacht", Geslacht.self)
    try codes("betrokkenen.csv", "rol", RolBetrokkene.self)
    try codes("diensten.csv", "type", DienstType.self)
    try codes("diensten.csv", "uitkomst", UitkomstOnderzoek.self, optional: true)
    try codes("overdrachten.csv", "ontvanger", Ontvanger.self)
    try codes("activiteiten.csv", "type", ActiviteitType.self)
    for v in try #require(t["meldingen.csv"]).values("radarmelding") {
      #expect(v == "ja" || v == "nee")
    }
    // Every gemeente exists in the reference data.
    for v in meldingen.values("gemeente") {
      #expect(GemeenteCode(v).flatMap { Support.reference.gemeente($0) } != nil, "\(v)")
    }
    for v in try #require(t["adviezen.csv"]).values("gemeente") where !v.isEmpty {
      #expect(GemeenteCode(v).flatMap { Support.reference.gemeente($0) } != nil, "\(v)")
    }
  }

  @Test("every flaw in the ledger is found again by reading the files")
  func flawsFoundAgain() throws {
    let run = try Support.run(Self.options(badRate: 0.05))
    let ledger = run.summary.ledger
    let t = Self.tables(run)
    #expect(ledger.total > 100)
    // Dates that do not parse: only bad_date flaws write them (one each).
    var badDates = 0
    for table in t.values {
      for column in Self.dateColumns where table.header.contains(column) {
        badDates += table.values(column).filter { !$0.isEmpty && Day.parseISO($0) == nil }.count
      }
    }
    #expect(badDates == ledger.count(rule: .badDate))
    // Bsn's failing the elfproef (or not nine digits).
    let bsns = try #require(t["betrokkenen.csv"]).values("bsn")
    #expect(
      bsns.filter { !$0.isEmpty && Bsn($0)?.passesElfproef != true }.count
        == ledger.count(rule: .invalidBsn))
    // Ids seen a second time in their file.
    var duplicates = 0
    for (name, table) in t where name != "betrokkenen.csv" {
      var seen = Set<String>()
      for id in table.values(table.header[0]) where !seen.insert(id).inserted { duplicates += 1 }
    }
    #expect(duplicates == ledger.count(rule: .duplicateId))
    // References to a casus or melding of the shape no record has.
    let danglingCasus = ["diensten.csv", "overdrachten.csv", "monitoring.csv"].reduce(0) {
      n, name in
      n + (t[name]?.values("casus_id").filter { $0.hasPrefix("CAS-X") }.count ?? 0)
    }
    #expect(danglingCasus == ledger.count(rule: .danglingCasus))
    #expect(bsns.count > 0)
    let danglingMelding = try #require(t["betrokkenen.csv"]).values("melding_id").filter {
      $0.hasPrefix("MLD-X")
    }.count
    #expect(danglingMelding == ledger.count(rule: .danglingMelding))
    for rule in [
      RejectRule.badDate, .unknownCode, .missingRequired, .invalidBsn, .duplicateId, .danglingCasus,
      .badValue,
    ] {
      #expect(ledger.count(rule: rule) > 0, "no \(rule.rawValue) flaw at 5 %")
    }
  }
}
