import Foundation
import Model
import Pipeline
import Testing

@testable import Emit

/// Kernprestaties from an in-memory NOG snapshot shaped like the half-year report 2019:
/// region table with begroting and percentages, gemeente tables, shares of mentions, the
/// comparison half-year in current boundaries.
@Suite struct KernprestatiesEmitterTests {
  /// Region figures of the 1e halfjaar 2019 and 2018 (the half-year report's region table),
  /// per measure: (2019HJ01, 2018HJ01).
  static let region: [String: (Int, Int)] = [
    "afgeronde_adviezen": (2895, 1999), "ontvangen_meldingen": (1659, 1455),
    "eerste_contact": (1357, 1221), "overdrachten_na_vb": (488, 338), "afgeronde_vv": (1154, 646),
    "afgeronde_onderzoeken_regulier": (197, 262),
    "afgeronde_onderzoeken_multiprobleem": (59, 32), "overdrachten_na_dienst": (1299, 558),
    "afgeronde_monitoring": (1129, 1018), "activiteit_veiligheidstoezicht_maatregel": (39, 32),
    "huisverbod_beoordeeld": (75, 72), "huisverbod_opgelegd": (38, 56),
    "activiteit_jeugdprostitutie_melding": (13, 28), "activiteit_jeugdprostitutie_triage": (13, 28),
    "activiteit_casusoverleg": (29, 34), "activiteit_ondersteuning_professional": (111, 24),
    "activiteit_voorlichting": (34, 46),
  ]
  /// Apeldoorn's table of the same report.
  static let apeldoorn: [String: (Int, Int)] = [
    "afgeronde_adviezen": (764, 447), "ontvangen_meldingen": (359, 287),
    "eerste_contact": (295, 245), "overdrachten_na_vb": (101, 46), "afgeronde_vv": (149, 137),
    "afgeronde_onderzoeken_regulier": (33, 54), "afgeronde_onderzoeken_multiprobleem": (12, 8),
    "overdrachten_na_dienst": (130, 243), "afgeronde_monitoring": (202, 61),
    "activiteit_veiligheidstoezicht_maatregel": (12, 9), "huisverbod_beoordeeld": (13, 12),
    "huisverbod_opgelegd": (8, 10), "activiteit_jeugdprostitutie_melding": (8, 15),
    "activiteit_jeugdprostitutie_triage": (5, 15), "activiteit_casusoverleg": (4, 9),
    "activiteit_ondersteuning_professional": (28, 0), "activiteit_voorlichting": (15, 5),
  ]

  static func nogSnapshot(extra: [AggregateRow] = []) -> AggregateSnapshot {
    typealias F = SheetTestFixture
    var rows: [AggregateRow] = extra
    for (m, v) in region {
      rows.append(F.row(m, "2019HJ01", "VT14", v.0, level: .vtregio))
      if v.1 != 0 { rows.append(F.row(m, "2018HJ01", "VT14", v.1, level: .vtregio)) }
    }
    for (m, v) in apeldoorn {
      rows.append(F.row(m, "2019HJ01", "GM0200", v.0))
      if v.1 != 0 { rows.append(F.row(m, "2018HJ01", "GM0200", v.1)) }
    }
    // Apeldoorn's meldingen by aard van het geweld (305 mentions) and Brummen's by
    // organisatietype (one each in three groups).
    for (c, v) in [
      ("kindermishandeling", 130), ("partnergeweld", 90), ("andere_problematiek", 50),
      ("huiselijk_geweld_overig", 17), ("geweld_tegen_ouders", 15), ("ouderenmishandeling", 3),
    ] {
      rows.append(
        F.row("ontvangen_meldingen", "2019HJ01", "GM0200", v, dimension: "aard_geweld", category: c)
      )
    }
    rows.append(F.row("ontvangen_meldingen", "2019HJ01", "GM0213", 3))
    for c in ["jeugdzorg", "gezondheidszorg", "justitie_en_veiligheid"] {
      rows.append(
        F.row(
          "ontvangen_meldingen", "2019HJ01", "GM0213", 1, dimension: "organisatie_groep",
          category: c))
    }
    return F.snapshot(
      region: "nog", title: "Veilig Thuis Noord Oost Gelderland", vtregio: "VT14", rows: rows)
  }

  /// Publishes with the project's own `pipelines/nog.yaml` (begroting 2019).
  static func publishNOG(_ snapshot: AggregateSnapshot = nogSnapshot()) throws -> String {
    let folder = try SheetTestFixture.temporaryFolder("kernprestaties")
    let pipeline = try LoadedPipeline.load(
      path: SheetTestFixture.root.appendingPathComponent("pipelines/nog.yaml").path)
    try KernprestatiesEmitter(
      context: SheetTestFixture.context(
        pipeline: pipeline, reference: try SheetTestFixture.reference(), snapshot: snapshot,
        outputs: folder)
    ).publish()
    return folder
  }

  static func csvLines(_ path: String) throws -> [String] {
    try SheetTestFixture.read(path).split(separator: "\n").map(String.init)
  }

  @Test func regionRealisationAsPercentageOfTheBegroting() throws {
    let out = try Self.publishNOG()
    defer { try? FileManager.default.removeItem(atPath: out) }
    // Only 2019HJ01 and 2018HJ01 have figures.
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out + "/kernprestaties").sorted()
        == ["2018HJ01", "2019HJ01"])
    let lines = try Self.csvLines(out + "/kernprestaties/2019HJ01/kernprestaties.csv")
    // 2895 / 3780 = 0,7659 → 77 %; 1659 / 3442 = 0,4820 → 48 %; 59 / 44 = 1,341 → 134 %;
    // 111 / 10 → 1110 % (the half-year report prints the same percentages).
    #expect(
      lines.contains(
        "vtregio;VT14;Veilig Thuis Noord Oost Gelderland;1;Advies & ondersteuning;"
          + "afgeronde_adviezen;2019HJ01;2895;2018HJ01;1999;2019;3780;2019HJ01;2895;77;"))
    #expect(
      lines.contains {
        $0.hasPrefix("vtregio;VT14;")
          && $0.hasSuffix(";1659;2018HJ01;1455;2019;3442;2019HJ01;1659;48;")
      })
    #expect(
      lines.contains {
        $0.contains(";6B;") && $0.hasSuffix(";59;2018HJ01;32;2019;44;2019HJ01;59;134;")
          && $0.hasPrefix("vtregio")
      })
    #expect(
      lines.contains {
        $0.contains(";16;") && $0.hasSuffix(";111;2018HJ01;24;2019;10;2019HJ01;111;1110;")
          && $0.hasPrefix("vtregio")
      })
    // Kernprestatie 10 has no measure: empty cells.
    #expect(
      lines.contains(
        "vtregio;VT14;Veilig Thuis Noord Oost Gelderland;10;Bereikbaarheid buiten kantooruren "
          + "(24/7);;2019HJ01;;2018HJ01;;2019;;2019HJ01;;;"))
    // Apeldoorn: both half-years, no begroting.
    #expect(
      lines.contains(
        "gemeente;GM0200;Apeldoorn;2;Meldingen & veiligheidsbeoordeling;ontvangen_meldingen;"
          + "2019HJ01;359;2018HJ01;287;;;;;;"))
    // Every gemeente of NOG: 17 rows (1–17 with 6A and 6B, 18 lines) each, plus the region.
    #expect(lines.count == 1 + 23 * 18)
    let page = try SheetTestFixture.read(out + "/kernprestaties/2019HJ01/index.html")
    #expect(page.contains("<h1>Kernprestaties <span class=\"period\">1e halfjaar 2019</span></h1>"))
    #expect(
      page.contains(
        "<tr><td>1</td><th scope=\"row\">Advies &amp; ondersteuning</th><td>adviezen</td>"
          + "<td class=\"num\">3.780</td><td class=\"num\">2.895</td><td class=\"num\">1.999</td>"
          + "<td class=\"num\">77%</td></tr>"))
    #expect(page.contains("<h2 id=\"GM0200-kop\">Gemeente Apeldoorn</h2>"))
    #expect(page.contains("<h2 id=\"GM1586-kop\">Gemeente Oost Gelre</h2>"))
  }

  @Test func sharesOfMentionsAddUpToExactlyHundred() throws {
    let out = try Self.publishNOG()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let lines = try Self.csvLines(out + "/kernprestaties/2019HJ01/verdelingen.csv")
    // Apeldoorn, 305 mentions: 130/305 = 42,62 %, 90 → 29,51, 50 → 16,39, 17 → 5,57,
    // 15 → 4,92, 3 → 0,98. Tenths floored: 426, 295, 163, 55, 49, 9 = 997; the three missing
    // tenths go to the largest remainders (50000 mod 305 = 285, 3000 mod 305 = 255,
    // 17000 mod 305 = 225): 164, 10, 56. Sum 426+295+164+56+49+10 = 1000.
    let apeldoorn = lines.filter { $0.hasPrefix("gemeente;GM0200;") }
    #expect(
      apeldoorn == [
        "gemeente;GM0200;Apeldoorn;2019HJ01;aard_geweld;kindermishandeling;Kindermishandeling;130;42,6;359",
        "gemeente;GM0200;Apeldoorn;2019HJ01;aard_geweld;partnergeweld;(Ex-) Partnergeweld;90;29,5;359",
        "gemeente;GM0200;Apeldoorn;2019HJ01;aard_geweld;andere_problematiek;Andere problematiek dan huiselijk geweld of kindermishandeling;50;16,4;359",
        "gemeente;GM0200;Apeldoorn;2019HJ01;aard_geweld;huiselijk_geweld_overig;Huiselijk geweld overig;17;5,6;359",
        "gemeente;GM0200;Apeldoorn;2019HJ01;aard_geweld;geweld_tegen_ouders;Geweld tegen ouders (onder de 65 jaar) door hun kinderen (tot 23 jaar);15;4,9;359",
        "gemeente;GM0200;Apeldoorn;2019HJ01;aard_geweld;ouderenmishandeling;Ouderenmishandeling (65+);3;1,0;359",
      ])
    // Brummen: 1, 1, 1 → 333 tenths each, one missing, all remainders equal (1000 mod 3 = 1)
    // and counts equal: the first category of the code list (justitie en veiligheid) gets it.
    let brummen = lines.filter { $0.hasPrefix("gemeente;GM0213;") }.map {
      $0.split(separator: ";").map(String.init)
    }
    #expect(brummen.map { $0[5] } == ["justitie_en_veiligheid", "gezondheidszorg", "jeugdzorg"])
    #expect(brummen.map { $0[8] } == ["33,4", "33,3", "33,3"])
    let page = try SheetTestFixture.read(out + "/kernprestaties/2019HJ01/index.html")
    #expect(
      page.contains(
        "<tr><th scope=\"row\">Justitie en veiligheid</th><td class=\"num\">33,4%</td></tr>"))
    #expect(page.contains("Op basis van 3 vermeldingen bij 3 meldingen"))
    #expect(page.contains("Op basis van 305 vermeldingen bij 359 meldingen"))
  }

  @Test func secondHalfYearComparesTheWholeYearWithTheBegroting() throws {
    typealias F = SheetTestFixture
    let extra = [
      F.row("afgeronde_adviezen", "2019HJ02", "VT14", 2900, level: .vtregio),
      F.row("afgeronde_adviezen", "2019JJ00", "VT14", 5795, level: .vtregio),
    ]
    let out = try Self.publishNOG(Self.nogSnapshot(extra: extra))
    defer { try? FileManager.default.removeItem(atPath: out) }
    let lines = try Self.csvLines(out + "/kernprestaties/2019HJ02/kernprestaties.csv")
    // 5795 / 3780 = 1,533 → 153 %; no 2e halfjaar 2018: the comparison is empty.
    #expect(
      lines.contains(
        "vtregio;VT14;Veilig Thuis Noord Oost Gelderland;1;Advies & ondersteuning;"
          + "afgeronde_adviezen;2019HJ02;2900;2018HJ02;;2019;3780;2019JJ00;5795;153;"))
    let page = try SheetTestFixture.read(out + "/kernprestaties/2019HJ02/index.html")
    #expect(
      page.contains("<th scope=\"col\" class=\"num\">Realisatie 2019 t/m 2e halfjaar 2019</th>"))
    #expect(page.contains("<td class=\"num muted\">geen cijfers</td>"))
    // 2018 has no begroting in nog.yaml: said, not invented.
    let page2018 = try SheetTestFixture.read(out + "/kernprestaties/2018HJ01/index.html")
    #expect(page2018.contains("De configuratie heeft geen begroting voor 2018."))
    #expect(!page2018.contains("% van begroot"))
  }

  @Test func comparisonHalfYearInCurrentBoundariesFlagsDistinctCasusSums() throws {
    typealias F = SheetTestFixture
    let folder = try F.temporaryFolder("kernprestaties-merge")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let yaml = F.groningenYAML().replacingOccurrences(
      of: "outputs: [cbs-tables, factsheets]", with: "outputs: [kernprestaties]")
    let pipeline = try F.pipeline(yaml, in: folder)
    let rows = [
      F.row("eerste_contact", "2021HJ01", "GM1979", 40),
      F.row("eerste_contact", "2020HJ01", "GM0003", 10),
      F.row("eerste_contact", "2020HJ01", "GM0010", 20),
      F.row("eerste_contact", "2020HJ01", "GM0024", 5),
      F.row("ontvangen_meldingen", "2021HJ01", "GM1979", 150),
      F.row("ontvangen_meldingen", "2020HJ01", "GM0003", 30),
      F.row("ontvangen_meldingen", "2020HJ01", "GM0010", 60),
      F.row("ontvangen_meldingen", "2020HJ01", "GM0024", 25),
    ]
    try KernprestatiesEmitter(
      context: F.context(
        pipeline: pipeline, reference: try F.reference(),
        snapshot: F.snapshot(
          region: "groningen", title: "VT Groningen", vtregio: "VT08", rows: rows),
        outputs: folder + "/out")
    ).publish()
    let lines = try Self.csvLines(folder + "/out/kernprestaties/2021HJ01/kernprestaties.csv")
    // Eerste contact 2020HJ01 in 2021 boundaries: 10 + 20 + 5 = 35; meldingen 30 + 60 + 25 = 115.
    #expect(
      lines.contains {
        $0.hasPrefix("gemeente;GM1979;Eemsdelta;3;")
          && $0.hasSuffix(";2021HJ01;40;2020HJ01;35;;;;;;ja")
      })
    #expect(
      lines.contains {
        $0.hasPrefix("gemeente;GM1979;Eemsdelta;2;")
          && $0.hasSuffix(";2021HJ01;150;2020HJ01;115;;;;;;")
      })
    let page = try SheetTestFixture.read(folder + "/out/kernprestaties/2021HJ01/index.html")
    #expect(page.contains("<td class=\"num\">35†</td>"))
    #expect(page.contains("<td class=\"num\">115</td>"))
    #expect(page.contains("inclusief de toenmalige gemeenten Appingedam, Delfzijl en Loppersum"))
  }

  @Test func onlyWhenThePipelineAsksForIt() throws {
    let folder = try SheetTestFixture.temporaryFolder("kernprestaties-off")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let pipeline = try LoadedPipeline.load(
      path: SheetTestFixture.root.appendingPathComponent("pipelines/groningen.yaml").path)
    let error = #expect(throws: PipelineError.self) {
      try KernprestatiesEmitter(
        context: SheetTestFixture.context(
          pipeline: pipeline, reference: try SheetTestFixture.reference(),
          snapshot: Self.nogSnapshot(), outputs: folder)
      ).publish()
    }
    #expect(error?.status == .config)
    #expect(error?.message.contains("does not list kernprestaties") == true)
  }

  @Test func aBegrotingForAMeasureNoKernprestatieUsesIsAnError() throws {
    let folder = try SheetTestFixture.temporaryFolder("kernprestaties-begroting")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let yaml =
      SheetTestFixture.groningenYAML().replacingOccurrences(
        of: "outputs: [cbs-tables, factsheets]", with: "outputs: [kernprestaties]")
      + "begroting:\n  2021:\n    gestarte_adviezen: 100\n"
    let pipeline = try SheetTestFixture.pipeline(yaml, in: folder)
    let error = #expect(throws: PipelineError.self) {
      try KernprestatiesEmitter(
        context: SheetTestFixture.context(
          pipeline: pipeline, reference: try SheetTestFixture.reference(),
          snapshot: SheetTestFixture.groningenSnapshot(), outputs: folder)
      ).publish()
    }
    #expect(error?.message.contains("begroting.2021.gestarte_adviezen") == true)
  }
}
