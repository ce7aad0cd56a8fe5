import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// Golden files of the CBS outputs for a small fixture (`Golden/CBS/`): the tables of
/// region VT99 in 2021KW03, and the submission of the staged fixture with its reports.
/// Recorded with `VT_RECORD_GOLDEN=1`, reviewed as diffs.
@Suite struct TablesGoldenTests {
  typealias F = CBSFixtures

  /// VT99, two gemeenten, 2021KW03 (provisional).
  static var snapshot: AggregateSnapshot {
    let q = "2021KW03"
    var rows: [AggregateRow] = []
    func add(_ m: Measure, _ gm: String, _ splits: [(String, String, Int)]) {
      for (d, c, v) in splits {
        rows += F.rows(m, quarter: q, gemeente: gm, vt: "VT99", d, c, value: v)
      }
    }
    let m = Measures.ontvangenMeldingen
    add(
      m, "GM9001",
      [
        ("totaal", "totaal", 57), ("rol", "beroepsmatig", 40), ("rol", "niet_beroepsmatig", 15),
        ("rol", "onbekend", 2), ("organisatie", "politie_melding_aangifte", 22),
        ("organisatie", "huisarts", 9),
        ("organisatie", "wijkteam", 9), ("organisatie_groep", "justitie_en_veiligheid", 22),
        ("organisatie_groep", "gezondheidszorg", 9), ("organisatie_groep", "sociaal_domein", 9),
        ("duur_geweld", "onbekend", 57), ("aard_geweld", "kindermishandeling", 30),
        ("aard_geweld", "partnergeweld", 31), ("aanvullende_informatie", "conflictscheiding", 12),
        ("veiligheidstaxatie", "acute_onveiligheid", 5),
        ("veiligheidstaxatie", "structurele_onveiligheid", 25),
        ("veiligheidstaxatie", "geen_onveiligheid", 20), ("veiligheidstaxatie", "onbekend", 9),
        ("besluit", "vervolg_vt", 20), ("besluit", "overdracht", 25),
        ("besluit", "geen_vervolg", 8),
        ("besluit", "nog_niet", 4), ("melding_historie", "eerste_melding", 30),
        ("melding_historie", "hermelding", 12),
        ("melding_historie", "vervolgmelding_tijdens_veiligheidsbeoordeling", 5),
        ("melding_historie", "vervolgmelding_na_veiligheidsbeoordeling", 6),
        ("melding_historie", "vervolgmelding_tijdens_monitoring", 2),
        ("melding_historie", "niet_ingedeeld", 2),
      ])
    add(
      m, "GM9002",
      [
        ("totaal", "totaal", 13), ("rol", "beroepsmatig", 10), ("rol", "niet_beroepsmatig", 3),
        ("organisatie", "politie_melding_aangifte", 10),
        ("organisatie_groep", "justitie_en_veiligheid", 10),
        ("duur_geweld", "onbekend", 13), ("aard_geweld", "partnergeweld", 13),
        ("veiligheidstaxatie", "geen_onveiligheid", 13), ("besluit", "overdracht", 13),
        ("melding_historie", "eerste_melding", 8), ("melding_historie", "hermelding", 5),
      ])
    let a = Measures.gestarteAdviezen
    add(
      a, "GM9001",
      [
        ("totaal", "totaal", 24), ("rol", "beroepsmatig", 24), ("organisatie", "huisarts", 24),
        ("organisatie_groep", "gezondheidszorg", 24), ("duur_geweld", "onbekend", 24),
        ("aard_geweld", "kindermishandeling", 24),
      ])
    add(
      a, "GM9002",
      [
        ("totaal", "totaal", 3), ("rol", "niet_beroepsmatig", 3), ("duur_geweld", "onbekend", 3),
        ("aard_geweld", "partnergeweld", 3),
      ])
    // Four adviezen without a gemeente: in the VT-regio, in no gemeente row.
    for p in [q, "2021HJ02", "2021JJ00"] {
      for (d, c) in [
        ("totaal", "totaal"), ("rol", "niet_beroepsmatig"), ("duur_geweld", "onbekend"),
        ("aard_geweld", "partnergeweld"),
      ] {
        rows.append(F.row(a, p, .gemeente, "onbekend", d, c, value: 4))
        rows.append(F.row(a, p, .vtregio, "VT99", d, c, value: 4))
      }
    }
    add(
      Measures.casussenMetMelding, "GM9001",
      [
        ("totaal", "totaal", 50), ("aard_geweld", "kindermishandeling", 27),
        ("aard_geweld", "partnergeweld", 28),
      ])
    add(
      Measures.casussenMetMelding, "GM9002",
      [("totaal", "totaal", 12), ("aard_geweld", "partnergeweld", 12)])
    add(
      Measures.afgerondeOnderzoeken, "GM9001",
      [
        ("totaal", "totaal", 9), ("uitkomst", "bevestigd", 5), ("uitkomst", "niet_bevestigd", 3),
        ("aard_geweld", "kindermishandeling", 9),
      ])
    add(
      Measures.afgerondeVV, "GM9001",
      [("totaal", "totaal", 4), ("aard_geweld", "kindermishandeling", 4)])
    return F.snapshot(
      region: "proef", title: "Veilig Thuis Proefregio", vtregio: "VT99", rows: rows,
      provisional: [q, "2021HJ02", "2021JJ00"])
  }

  @Test func tablesOfTheSmallFixture() throws {
    let dir = try F.temporaryDirectory()
    defer { F.remove(dir) }
    let context = EmitContext(
      pipeline: nil, reference: F.tinyReference(gemeenten: 2), snapshot: Self.snapshot,
      workspace: Workspace(work: dir + "/work", outputs: dir + "/out"))
    try TablesEmitter(context: context).publish()
    let tables = dir + "/out/tables"
    for table in CBSTable.all {
      try CBSGolden.check(
        try F.text("\(tables)/kwartaal/\(table.id).csv"), "tables/kwartaal/\(table.id).csv")
    }
    try CBSGolden.check(try F.text(tables + "/metadata.json"), "tables/metadata.json")
    // The year and half-year hold the same figures under their own period codes.
    for table in CBSTable.all {
      let quarter = try F.text("\(tables)/kwartaal/\(table.id).csv")
      let year = try F.text("\(tables)/jaar/\(table.id).csv")
      #expect(year == quarter.replacingOccurrences(of: ";2021KW03;", with: ";2021JJ00;"))
    }
  }

  @Test func submissionOfTheSmallFixture() throws {
    let (dir, out, _) = try CBSStagedExport.fixture.publish()
    defer { F.remove(dir) }
    for name in [
      "VT14_2021KW03.txt", "spiegelrapport.csv", "spiegelrapport.html", "kwaliteitsrapport.csv",
      "kwaliteitsrapport.html",
    ] {
      try CBSGolden.check(try F.text(out + "/" + name), "submission/" + name)
    }
  }
}
