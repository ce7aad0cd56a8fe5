import Model
import Pipeline
import Testing

@testable import Synth

@Suite("RegasCSVWriter")
struct RegasCSVWriterTests {
  /// The column titles of `exports.md` ("regas-csv"), typed from the spec.
  static let specColumns: [String: [String]] = [
    "Adviezen.csv": [
      "Advies ID", "Startdatum", "Einddatum", "Gemeente", "Contactvorm", "Rol adviesvrager",
      "Organisatie adviesvrager", "Duur geweld",
    ],
    "Meldingen.csv": [
      "Melding ID", "Casus ID", "Datum ontvangst", "Gemeente", "Rol melder", "Organisatie melder",
      "Duur geweld", "Acute onveiligheid", "Structurele onveiligheid", "Besluit", "Datum besluit",
      "Datum eerste contact", "Vervolgmelding", "Radarmelding",
    ],
    "Betrokkenen.csv": ["Melding ID", "BSN", "Geboortejaar", "Geslacht", "Rol"],
    "Diensten.csv": ["Dienst ID", "Casus ID", "Dienst", "Startdatum", "Einddatum", "Uitkomst"],
    "Overdrachten.csv": [
      "Overdracht ID", "Casus ID", "Datum", "Moment", "Ontvanger", "Monitoring",
    ],
    "Monitoring.csv": [
      "Monitoring ID", "Casus ID", "Startdatum", "Einddatum", "Extra interventie",
    ],
    "Huisverboden.csv": [
      "Huisverbod ID", "Casus ID", "Gemeente", "Datum beoordeling", "Opgelegd", "Verlengd",
    ],
    "Activiteiten.csv": ["Activiteit ID", "Activiteit", "Datum", "Gemeente"],
    "Kenmerken.csv": ["Soort", "Registratie ID", "Kenmerk", "Waarde"],
  ]

  static func options(badRate: Double = 0) -> SynthOptions {
    SynthOptions(
      layout: .regasCSV, region: "nog", firstYear: 2019, lastYear: 2021, seed: 14, volume: 0.04,
      badRate: badRate)
  }

  static func tables(_ run: Support.Run) -> [String: Support.Table] {
    var out: [String: Support.Table] = [:]
    for f in run.files { out[f.name] = Support.table(f.bytes, delimiter: ";", windows1252: true) }
    return out
  }

  /// True when `text` is a label of `E`, case-insensitively with surrounding spaces ignored.
  static func isLabel<E: CodeListEnum>(_ text: String, _: E.Type) -> Bool {
    let key = text.trimmingCharacters(in: .whitespaces).lowercased()
    return E.labels.contains { $0.lowercased() == key }
  }

  @Test("nine files with the column titles of exports.md")
  func headers() throws {
    let run = try Support.run(Self.options())
    #expect(Set(run.names) == Set(Self.specColumns.keys))
    for (name, table) in Self.tables(run) {
      #expect(table.header == Self.specColumns[name], "\(name)")
    }
  }

  @Test("Windows-1252 with CRLF line endings, with accented letters in its own encoding")
  func encoding() throws {
    let run = try Support.run(Self.options())
    for f in run.files {
      #expect(Windows1252.decode(f.bytes) != nil, "\(f.name) is not Windows-1252")
      for (i, b) in f.bytes.enumerated() where b == 0x0A {
        #expect(i > 0 && f.bytes[i - 1] == 0x0D, "\(f.name): bare LF at byte \(i)")
      }
      #expect(f.bytes.suffix(2) == [0x0D, 0x0A])
    }
    // "Zorgcoördinatie Jeugdprostitutie" (every activiteit type occurs every year): ö is 0xF6
    // in Windows-1252, never the UTF-8 pair C3 B6.
    let activiteiten = run.bytes("Activiteiten.csv")
    #expect(activiteiten.contains(0xF6))
    #expect(!zip(activiteiten, activiteiten.dropFirst()).contains { $0 == 0xC3 && $1 == 0xB6 })
  }

  @Test("a clean export: labels, names, dates and Kenmerken all resolve (read independently)")
  func clean() throws {
    let run = try Support.run(Self.options())
    #expect(run.summary.brokenTotal == 0)
    let t = Self.tables(run)
    let loaded = try LoadedPipeline.load(path: Support.root + "/pipelines/nog.yaml")
    let aliases = loaded.config.source(.veiligThuis)?.gemeenteAliases ?? [:]
    let names = GemeenteNameIndex(reference: Support.reference, aliases: aliases)
    func gemeenten(_ file: String, optional: Bool) throws {
      for v in try #require(t[file]).values("Gemeente") {
        if v.isEmpty {
          #expect(optional, "\(file): gemeente empty")
          continue
        }
        #expect(names.code(forName: v) != nil, "\(file): \(v)")
      }
    }
    try gemeenten("Adviezen.csv", optional: true)
    try gemeenten("Meldingen.csv", optional: false)
    try gemeenten("Huisverboden.csv", optional: false)
    try gemeenten("Activiteiten.csv", optional: true)
    let dutch = DateFormat.dutch
    for (name, table) in t {
      for column in table.header where column.hasPrefix("Datum") || column.hasSuffix("datum") {
        for v in table.values(column) where !v.isEmpty {
          #expect(dutch.parse(v) != nil, "\(name) \(column): \(v)")
        }
      }
    }
    func labels<E: CodeListEnum>(
      _ file: String, _ column: String, _: E.Type, optional: Bool = false
    ) throws {
      for v in try #require(t[file]).values(column) {
        if v.isEmpty {
          #expect(optional, "\(file) \(column) empty")
          continue
        }
        #expect(Self.isLabel(v, E.self), "\(file) \(column): \(v)")
      }
    }
    try labels("Adviezen.csv", "Contactvorm", Contactvorm.self)
    try labels("Adviezen.csv", "Organisatie adviesvrager", Organisatie.self, optional: true)
    try labels("Meldingen.csv", "Rol melder", Rol.self)
    try labels("Meldingen.csv", "Besluit", Besluit.self, optional: true)
    try labels("Meldingen.csv", "Vervolgmelding", Vervolgmelding.self)
    try labels("Meldingen.csv", "Acute onveiligheid", JaNeeOnbekend.self)
    try labels("Betrokkenen.csv", "Geslacht", Geslacht.self)
    try labels("Diensten.csv", "Dienst", DienstType.self)
    try labels("Overdrachten.csv", "Moment", OverdrachtMoment.self)
    try labels("Activiteiten.csv", "Activiteit", ActiviteitType.self)
    for v in try #require(t["Meldingen.csv"]).values("Radarmelding") {
      #expect(v == "Ja" || v == "Nee")
    }
    for bsn in try #require(t["Betrokkenen.csv"]).values("BSN") where !bsn.isEmpty {
      #expect(Bsn(bsn)?.passesElfproef == true)
    }
    // Kenmerken: every row names an existing registration, a known Kenmerk and a label of its list.
    let adviezen = Set(try #require(t["Adviezen.csv"]).values("Advies ID"))
    let meldingen = Set(try #require(t["Meldingen.csv"]).values("Melding ID"))
    let kenmerken = try #require(t["Kenmerken.csv"])
    var aardOf = Set<String>()
    for row in kenmerken.rows {
      let (soort, id, kenmerk, waarde) = (row[0], row[1], row[2], row[3])
      #expect(
        soort == "Advies" ? adviezen.contains(id) : soort == "Melding" && meldingen.contains(id),
        "\(soort) \(id)")
      switch kenmerk {
      case "Aard geweld":
        #expect(Self.isLabel(waarde, AardGeweld.self))
        aardOf.insert(soort + id)
      case "Aanvullende informatie":
        #expect(Self.isLabel(waarde, AanvullendeInformatie.self), "\(waarde)")
      case "Vorm kindermishandeling": #expect(Self.isLabel(waarde, VormKM.self), "\(waarde)")
      case "Vorm ouderenmishandeling": #expect(Self.isLabel(waarde, VormOM.self), "\(waarde)")
      default: Issue.record("unknown Kenmerk \(kenmerk)")
      }
    }
    // Every advies and melding has at least one aard geweld.
    #expect(aardOf.count == adviezen.count + meldingen.count)
    // The variants exports.md asks a reader to accept do occur.
    let meldingGemeenten =
      try #require(t["Meldingen.csv"]).values("Gemeente")
      + (t["Adviezen.csv"]?.values("Gemeente") ?? [])
    #expect(meldingGemeenten.contains("Oldenbroek"))
    #expect(meldingGemeenten.contains("Oost-Gelre"))
    #expect(meldingGemeenten.contains { $0 != $0.trimmingCharacters(in: .whitespaces) })
    let organisaties = try #require(t["Meldingen.csv"]).values("Organisatie melder")
    #expect(organisaties.contains { !$0.isEmpty && !Organisatie.labels.contains($0) })
  }

  @Test("flaws: Kenmerken rows of no registration and unknown labels are counted as written")
  func flaws() throws {
    let run = try Support.run(Self.options(badRate: 0.03))
    let ledger = run.summary.ledger
    let t = Self.tables(run)
    let ids = Set(
      try #require(t["Adviezen.csv"]).values("Advies ID")
        + (t["Meldingen.csv"]?.values("Melding ID") ?? []))
    let kenmerken = try #require(t["Kenmerken.csv"])
    let dangling = kenmerken.rows.filter { !ids.contains($0[1]) }.count
    #expect(dangling == ledger.count(entity: "kenmerk", rule: .danglingRegistration))
    #expect(dangling > 0)
    let names = [
      "Aard geweld", "Aanvullende informatie", "Vorm kindermishandeling",
      "Vorm ouderenmishandeling",
    ]
    let unknown = kenmerken.rows.filter { row in
      guard names.contains(row[2]) else { return true }
      let w = row[3]
      return
        !(Self.isLabel(w, AardGeweld.self) || Self.isLabel(w, AanvullendeInformatie.self)
        || Self.isLabel(w, VormKM.self) || Self.isLabel(w, VormOM.self))
    }.count
    #expect(unknown == ledger.count(entity: "kenmerk", rule: .unknownCode))
    let bsns = try #require(t["Betrokkenen.csv"]).values("BSN")
    #expect(
      bsns.filter { !$0.isEmpty && Bsn($0)?.passesElfproef != true }.count
        == ledger.count(rule: .invalidBsn))
  }
}
