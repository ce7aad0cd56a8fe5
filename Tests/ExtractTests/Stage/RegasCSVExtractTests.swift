import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// The Regas-style layout end to end: Windows-1252, CRLF, labels, names and aliases, and
/// Kenmerken.csv joined onto its registrations. Counts computed by hand.
@Suite struct RegasCSVExtractTests {
  static let aliases = """
        gemeente_aliases:
          Oldenbroek: Oldebroek
          Lochëm: Lochem
    """

  static func write(_ f: Fixture) throws {
    let dir = "inputs/test/veilig-thuis/"
    try f.writeWindows1252(
      dir + "Meldingen.csv",
      [
        "Melding ID;Casus ID;Datum ontvangst;Gemeente;Rol melder;Organisatie melder;Duur geweld;Acute onveiligheid;Structurele onveiligheid;Besluit;Datum besluit;Datum eerste contact;Vervolgmelding;Radarmelding",
        // 2: accepted (an alias, an ë in the casus id)
        "M1;C-Zoë;04-01-2021;Oldenbroek;Beroepsmatig;Politie - melding-aangifte;Langer dan 1 jaar, korter dan 5 jaar;Nee;Ja;Overdracht;10-01-2021;06-01-2021;Geen vervolgmelding;Nee",
        // 3: bad_date (31 February)
        "M2;C2;31-02-2021;Oost Gelre;beroepsmatig;;;Nee;Ja;;;;Geen vervolgmelding;Nee",
        // 4: its only Kenmerken row has an unknown value: missing_required (aard_geweld)
        "M3;C3;05-01-2021;Oost-Gelre; BEROEPSMATIG ;;;onbekend;Ja;;;;Geen vervolgmelding;nee",
        // 5: accepted (an alias with ë; labels in other cases)
        "M4;C-Loïs-é;05-01-2021;lochëm;Niet-beroepsmatig;;;Nee;Nee;;;;Tijdens monitoring door Veilig Thuis;Ja",
        // 6: unknown_code (no such gemeente)
        "M5;C5;05-01-2021;Nergenshuizen;Beroepsmatig;;;Nee;Nee;;;;Geen vervolgmelding;Nee",
      ])
    try f.writeWindows1252(
      dir + "Kenmerken.csv",
      [
        "Soort;Registratie ID;Kenmerk;Waarde",
        "Melding;M1;Aard geweld;(Ex-) Partnergeweld",  // 2 ✓
        "Melding;M1;Aard geweld;kindermishandeling",  // 3 ✓ (case ignored)
        "Melding;M2;Aard geweld;Kindermishandeling",  // 4 dangling_registration (M2 rejected)
        "Melding;M9;Aard geweld;Kindermishandeling",  // 5 dangling_registration (no M9)
        "Melding;M1;Aanvullende informatie;Financiële uitbuiting",  // 6 ✓ (ë)
        "Melding;M3;Aard geweld;Onzin",  // 7 unknown_code (only this row)
        "Melding;M4;Aard geweld; Kindermishandeling ",  // 8 ✓ (spaces ignored)
        "Melding;M4;Vorm kindermishandeling;Fysieke mishandeling: overig",  // 9 ✓
        "Advies;A1;Aard geweld;Ouderenmishandeling (65+)",  // 10 ✓
        "Melding;M1;Aard geweld;(Ex-) Partnergeweld",  // 11 bad_value (repeated)
        "Regas;M1;Aard geweld;Kindermishandeling",  // 12 unknown_code (soort)
        "Melding;M4;Kleur;Rood",  // 13 unknown_code (kenmerk)
        "Advies;A2;Aard geweld;Kindermishandeling",  // 14 dangling_registration (A2 rejected)
      ])
    try f.writeWindows1252(
      dir + "Betrokkenen.csv",
      [
        "Melding ID;BSN;Geboortejaar;Geslacht;Rol",
        "M1;111222333;1985;Vrouw;Slachtoffer",
        "M2;;1990;Man;Pleger",
        "M4;;2030;Man;Pleger",
      ])
    try f.gzip(dir + "Betrokkenen.csv")
    // Adviezen with LF line ends: read, with a warning (the layout says CRLF).
    let adviezen =
      "Advies ID;Startdatum;Einddatum;Gemeente;Contactvorm;Rol adviesvrager;Organisatie adviesvrager;Duur geweld\nA1;01-03-2021;02-03-2021;;Telefoon;Niet-beroepsmatig;;\nA2;32-01-2021;;;Telefoon;Beroepsmatig;;\n"
    try f.write(dir + "Adviezen.csv", adviezen)
  }

  /// With the usual chunks, and with chunks so small that the Kenmerken rows go from the
  /// reading thread to the joining one one or three at a time (`batchRows`): the
  /// same counts, rejects in the same order, the same records.
  @Test(arguments: [1 << 18, 7, 192])
  func kenmerkenJoinedLabelsNamesAndCounts(chunkSize: Int) throws {
    let settings = Layout.CSVSettings(encoding: .utf8, dialect: CSVDialect(), lineEnding: nil)
    #expect(
      CSVExportReader(settings: settings, chunkSize: chunkSize).batchRows
        == [1 << 18: 4096, 7: 1, 192: 3][chunkSize])
    let f = try Fixture()
    try Self.write(f)
    try f.pipeline(layout: "regas-csv", aliases: Self.aliases)
    let report = try f.extract(chunkSize: chunkSize)

    // Kenmerken: 13 rows; accepted lines 2, 3, 6, 8, 9, 10 = 6; rejected 4, 5, 7, 11,
    // 12, 13, 14 = 7.
    #expect(Fixture.count(report, file: "veilig-thuis/Kenmerken.csv", entity: "kenmerk")! == (13, 6, 7))
    // Meldingen: 5; accepted M1, M4; rejected M2 (date), M3 (no aard), M5 (gemeente).
    #expect(Fixture.count(report, file: "veilig-thuis/Meldingen.csv", entity: "melding")! == (5, 2, 3))
    #expect(Fixture.count(report, file: "veilig-thuis/Betrokkenen.csv.gz", entity: "betrokkene")! == (3, 1, 2))
    #expect(Fixture.count(report, file: "veilig-thuis/Adviezen.csv", entity: "advies")! == (2, 1, 1))

    let rejects = try f.rejects().map { "\($0["file"]!):\($0["line"]!) \($0["entity"]!) \($0["field"]!) \($0["rule"]!)" }
    #expect(
      rejects == [
        "Kenmerken.csv:7 kenmerk waarde unknown_code",
        "Kenmerken.csv:11 kenmerk waarde bad_value",
        "Kenmerken.csv:12 kenmerk soort unknown_code",
        "Kenmerken.csv:13 kenmerk kenmerk unknown_code",
        "Meldingen.csv:3 melding ontvangstdatum bad_date",
        "Meldingen.csv:4 melding aard_geweld missing_required",
        "Meldingen.csv:6 melding gemeente unknown_code",
        "Betrokkenen.csv.gz:3 betrokkene melding_id dangling_melding",
        "Betrokkenen.csv.gz:4 betrokkene geboortejaar bad_value",
        "Adviezen.csv:3 advies startdatum bad_date",
        "Kenmerken.csv:4 kenmerk registratie_id dangling_registration",
        "Kenmerken.csv:5 kenmerk registratie_id dangling_registration",
        "Kenmerken.csv:14 kenmerk registratie_id dangling_registration",
      ])
    #expect(try f.rejects()[4]["value"] == "31-02-2021")

    let m = try f.staged(Melding.self)
    #expect(m.map(\.id) == ["M1", "M4"])
    #expect(m[0].casusID == "C-Zoë")
    #expect(m[0].gemeente == GemeenteCode(number: 269))  // Oldebroek, through the alias
    #expect(m[0].aardGeweld == CodeSet([.kindermishandeling, .partnergeweld]))
    #expect(m[0].aanvullendeInformatie == CodeSet([.financiele_uitbuiting]))
    #expect(m[0].organisatieMelder == .politie_melding_aangifte)
    #expect(m[0].duurGeweld == .`1_5_jaar`)
    #expect(m[0].besluitdatum == Day(year: 2021, month: 1, day: 10))
    #expect(m[1].gemeente == GemeenteCode(number: 262))  // Lochem, through "Lochëm"
    #expect(m[1].casusID == "C-Loïs-é")
    #expect(m[1].vormKindermishandeling == CodeSet([.fysieke_mishandeling]))
    #expect(m[1].vervolgmelding == .tijdens_monitoring)
    #expect(m[1].radarmelding)
    let a = try f.staged(Advies.self)
    #expect(a.map(\.aardGeweld) == [CodeSet([.ouderenmishandeling])])
    #expect(a[0].rolAdviesvrager == .niet_beroepsmatig)
    #expect(report.warnings.contains { $0.contains("Adviezen.csv: 3 lines end in LF, the layout says CRLF") })
  }
}
