import Foundation
import Model
import Pipeline
import Testing

@testable import Emit

/// Golden files: the fact sheets, kernprestaties and jaarverslag of a small made-up region,
/// compared byte for byte with `Tests/Golden/EmitTests/`.
///
/// After a deliberate change, record them anew with `VT_RECORD_GOLDEN=1 swift test --filter
/// FactsheetGoldenTests`, then review the difference with `git diff Tests/Golden` (and look
/// at the pages in a browser) before committing. Never edit them by hand.
@Suite struct FactsheetGoldenTests {
  static let goldenFolder = SheetTestFixture.root.appendingPathComponent("Tests/Golden/EmitTests")

  /// "Proefregio" VT99: Oud-Aa and Bee merge into "Nieuw-Aa & Bee" on 2021-01-01; "'t Veld"
  /// stays. Names with an ampersand and an apostrophe on purpose.
  static func reference() -> ReferenceData {
    func g(_ code: String, _ naam: String, van: String?, tot: String?) -> Gemeente {
      Gemeente(
        code: SheetTestFixture.code(code), naam: naam, vtregio: "VT99", provincie: "PV99",
        geldigVan: van.flatMap { Day.parseISO($0) }, geldigTot: tot.flatMap { Day.parseISO($0) },
        bron: "made up for the golden files")
    }
    func pop(_ code: String, _ year: Int) -> ReferenceData.PopulationKey {
      .init(gemeente: SheetTestFixture.code(code), year: year)
    }
    return ReferenceData(
      gemeenten: [
        g("GM9101", "Oud-Aa", van: nil, tot: "2020-12-31"),
        g("GM9102", "Bee", van: nil, tot: "2020-12-31"),
        g("GM9103", "Nieuw-Aa & Bee", van: "2021-01-01", tot: nil),
        g("GM9104", "'t Veld", van: nil, tot: nil),
      ],
      herindelingen: [
        Herindeling(
          datum: Day.parseISO("2021-01-01")!, oud: SheetTestFixture.code("GM9101"),
          nieuw: SheetTestFixture.code("GM9103")),
        Herindeling(
          datum: Day.parseISO("2021-01-01")!, oud: SheetTestFixture.code("GM9102"),
          nieuw: SheetTestFixture.code("GM9103")),
      ],
      vtregios: [VTRegio(code: "VT99", naam: "Proefregio", geldigVan: nil, geldigTot: nil)],
      provincies: [
        Provincie(code: "PV99", naam: "Proef", landsdeel: "LD99", landsdeelNaam: "Proef")
      ],
      population: [
        pop("GM9101", 2020): 20_000, pop("GM9102", 2020): 12_500, pop("GM9104", 2020): 8_000,
        pop("GM9103", 2021): 32_600, pop("GM9104", 2021): 8_050,
      ])
  }

  static let yaml = """
    version: 1
    region:
      name: proef
      title: Veilig Thuis Proefregio
      vtregio: VT99
    sources:
      - kind: jeugdbescherming
        organisation: Jeugdbescherming Proef & Zn
        layout: jb-csv
      - kind: veilig-thuis
        organisation: Veilig Thuis Proefregio
        layout: vt-csv
    outputs: [factsheets, kernprestaties, jaarverslag]
    factsheets:
      publiek: false
      texts:
        huisverbod: "In de Proefregio coördineert Veilig Thuis de hulp na een huisverbod."
    begroting:
      2021:
        afgeronde_adviezen: 200
        ontvangen_meldingen: 150
        huisverbod_opgelegd: 4

    """

  static func snapshot() -> AggregateSnapshot {
    typealias F = SheetTestFixture
    var rows: [AggregateRow] = []
    func add(
      _ m: String, _ period: String, _ code: String, _ v: Int, _ d: String = "totaal",
      _ c: String = "totaal"
    ) {
      let level: RegionLevel = code.hasPrefix("VT") ? .vtregio : .gemeente
      rows.append(F.row(m, period, code, v, level: level, dimension: d, category: c))
    }
    for (period, scale) in [("2021JJ00", 2), ("2021HJ01", 1)] {
      add("ontvangen_meldingen", period, "GM9103", 60 * scale)
      add("ontvangen_meldingen", period, "GM9104", 9 * scale)
      add("ontvangen_meldingen", period, "VT99", 71 * scale)
      add("gestarte_adviezen", period, "GM9103", 40 * scale)
      add("gestarte_adviezen", period, "GM9104", 3 * scale)
      add("gestarte_adviezen", period, "VT99", 45 * scale)
      add("afgeronde_adviezen", period, "VT99", 44 * scale)
      add("afgeronde_adviezen", period, "GM9103", 39 * scale)
      add("eerste_contact", period, "VT99", 50 * scale)
      add("eerste_contact", period, "GM9103", 43 * scale)
      add("huisverbod_opgelegd", period, "GM9103", 2 * scale)
      add("huisverbod_opgelegd", period, "VT99", 2 * scale)
      add("ontvangen_meldingen", period, "GM9103", 30 * scale, "aard_geweld", "kindermishandeling")
      add("ontvangen_meldingen", period, "GM9103", 25 * scale, "aard_geweld", "partnergeweld")
      add("ontvangen_meldingen", period, "GM9103", 11 * scale, "aard_geweld", "andere_problematiek")
      add(
        "ontvangen_meldingen", period, "GM9103", 40 * scale, "organisatie_groep",
        "justitie_en_veiligheid")
      add("ontvangen_meldingen", period, "GM9103", 20 * scale, "organisatie_groep", "onderwijs")
      add(
        "ontvangen_meldingen", period, "GM9103", 7 * scale, "aanvullende_informatie",
        "conflictscheiding")
      add("ontvangen_meldingen", period, "VT99", 34 * scale, "aard_geweld", "kindermishandeling")
      add(
        "ontvangen_meldingen", period, "VT99", 41 * scale, "organisatie", "politie_melding_aangifte"
      )
      add("gestarte_adviezen", period, "VT99", 25 * scale, "rol", "beroepsmatig")
      add("gestarte_adviezen", period, "VT99", 20 * scale, "rol", "niet_beroepsmatig")
      add("maatregel_nieuw_ots", period, "GM9103", 7 * scale)
      add("maatregel_nieuw_muhp", period, "GM9103", 3 * scale)
      add("maatregel_verlenging_muhp", period, "GM9103", 2 * scale)
    }
    for (period, scale) in [("2020JJ00", 2), ("2020HJ01", 1)] {
      add("ontvangen_meldingen", period, "GM9101", 30 * scale)
      add("ontvangen_meldingen", period, "GM9102", 21 * scale)
      add("ontvangen_meldingen", period, "GM9104", 11 * scale)
      add("ontvangen_meldingen", period, "VT99", 62 * scale)
      add("gestarte_adviezen", period, "GM9101", 25 * scale)
      add("gestarte_adviezen", period, "VT99", 25 * scale)
      add("afgeronde_adviezen", period, "VT99", 30 * scale)
      add("eerste_contact", period, "GM9101", 20 * scale)
      add("eerste_contact", period, "GM9102", 15 * scale)
      add("eerste_contact", period, "VT99", 40 * scale)
      add("huisverbod_opgelegd", period, "GM9102", 1 * scale)
      add("huisverbod_opgelegd", period, "VT99", 1 * scale)
      add("maatregel_nieuw_ots", period, "GM9101", 4 * scale)
      add("maatregel_nieuw_ots", period, "GM9102", 2 * scale)
      add("maatregel_verlenging_muhp", period, "GM9102", 1 * scale)
    }
    return AggregateSnapshot(
      region: "proef", title: "Veilig Thuis Proefregio", vtregio: "VT99", rows: rows,
      provisionalPeriods: [],
      sources: [
        .init(
          folder: "veilig-thuis", kind: .veiligThuis, organisation: "Veilig Thuis Proefregio",
          exportSHA256: String(repeating: "0123456789abcdef", count: 4), peildatum: "2022-02-01"),
        .init(
          folder: "jeugdbescherming", kind: .jeugdbescherming,
          organisation: "Jeugdbescherming Proef & Zn",
          exportSHA256: String(repeating: "fedcba9876543210", count: 4), peildatum: "2022-01-31"),
      ], demoKey: true)
  }

  /// The files compared, relative to the outputs folder.
  static let files = [
    "factsheets/2021/GM9103-nieuw-aa-bee.html", "factsheets/2021/GM9104-t-veld.html",
    "factsheets/2021/index.html", "factsheets/2021/figures.csv",
    "kernprestaties/2021HJ01/index.html", "kernprestaties/2021HJ01/kernprestaties.csv",
    "kernprestaties/2021HJ01/verdelingen.csv",
    "jaarverslag/2021/index.html", "jaarverslag/2021/jaarverslag.json",
  ]

  @Test func outputsEqualTheReviewedGoldenFiles() throws {
    let folder = try SheetTestFixture.temporaryFolder("golden")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let pipeline = try SheetTestFixture.pipeline(Self.yaml, in: folder, name: "proef")
    let context = SheetTestFixture.context(
      pipeline: pipeline, reference: Self.reference(), snapshot: Self.snapshot(),
      outputs: folder + "/out")
    try FactsheetEmitter(context: context).publish(years: nil)
    try KernprestatiesEmitter(context: context).publish()
    try JaarverslagEmitter(context: context).publish()
    let record = ProcessInfo.processInfo.environment["VT_RECORD_GOLDEN"] == "1"
    for file in Self.files {
      let actual = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/" + file))
      let golden = Self.goldenFolder.appendingPathComponent(file)
      if record {
        try FileManager.default.createDirectory(
          at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: golden)
        continue
      }
      let expected = try #require(
        try? Data(contentsOf: golden), "\(file): no golden file; record with VT_RECORD_GOLDEN=1")
      #expect(actual == expected, "\(file) differs from Tests/Golden/EmitTests/\(file)")
    }
  }
}
