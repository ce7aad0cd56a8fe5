import Foundation
import Model
import Pipeline

@testable import Emit

/// Fixtures shared by the fact-sheet, kernprestaties and jaarverslag tests: the project's
/// reference data, pipelines written to a temporary folder, and snapshots built in memory.
enum SheetTestFixture {
  /// The repository root (this file is `Tests/EmitTests/<name>.swift`).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func reference() throws -> ReferenceData {
    try ReferenceFiles.load(directory: root.appendingPathComponent("pipelines/reference").path)
  }

  static func code(_ s: String) -> GemeenteCode { GemeenteCode(s)! }

  /// A fresh empty folder under the system's temporary folder.
  static func temporaryFolder(_ name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("vt-\(name)-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A pipeline configuration written to `folder` and loaded like `vt-emit` loads it.
  static func pipeline(_ yaml: String, in folder: String, name: String = "fixture")
    throws -> LoadedPipeline
  {
    let path = folder + "/\(name).yaml"
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return try LoadedPipeline.load(path: path)
  }

  static func groningenYAML(factsheets: String = "  publiek: false\n") -> String {
    """
    version: 1
    region:
      name: groningen
      title: Veilig Thuis Groningen
      vtregio: VT08
    sources:
      - kind: jeugdbescherming
        organisation: Jeugdbescherming Noord
        layout: jb-csv
      - kind: veilig-thuis
        organisation: Veilig Thuis Groningen
        layout: vt-xml
    outputs: [cbs-tables, factsheets]
    factsheets:
    \(factsheets)
    """
  }

  static func row(
    _ measure: String, _ period: String, _ code: String, _ value: Int,
    level: RegionLevel = .gemeente, dimension: String = "totaal", category: String = "totaal"
  ) -> AggregateRow {
    AggregateRow(
      measure: measure, period: period, regionLevel: level, regionCode: code,
      dimension: dimension, category: category, value: value)
  }

  static func snapshot(
    region: String, title: String, vtregio: String, rows: [AggregateRow],
    provisional: Set<String> = [], demoKey: Bool = true
  ) -> AggregateSnapshot {
    AggregateSnapshot(
      region: region, title: title, vtregio: vtregio, rows: rows,
      provisionalPeriods: provisional,
      sources: [
        .init(
          folder: "veilig-thuis", kind: .veiligThuis, organisation: title,
          exportSHA256: String(repeating: "ab", count: 32), peildatum: "2022-01-15")
      ], demoKey: demoKey)
  }

  static func context(
    pipeline: LoadedPipeline, reference: ReferenceData, snapshot: AggregateSnapshot,
    outputs: String
  ) -> EmitContext {
    EmitContext(
      pipeline: pipeline, reference: reference, snapshot: snapshot,
      workspace: Workspace(work: outputs + "/work", outputs: outputs))
  }

  static func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  // MARK: The Groningen fixture (2020 and 2021, figures shaped like the 2021 sheets)

  /// Figure id → (2021, 2020) per gemeente of VT08 in 2021 boundaries; machtiging
  /// uithuisplaatsing as (nieuw, verlenging) pairs in `muhp`.
  struct GroningenFigures {
    var ots: (Int, Int), voogdij: (Int, Int), muhp: ((Int, Int), (Int, Int)), jr: (Int, Int)
    var melding: (Int, Int), advies: (Int, Int), vervolg: (Int, Int), lokaal: (Int, Int)
    var lokaalMonitoring: (Int, Int), monitoring: (Int, Int), huisverbod: (Int, Int)
  }

  static let groningenFigures: [String: GroningenFigures] = [
    "GM1979": .init(  // Eemsdelta
      ots: (50, 62), voogdij: (14, 13), muhp: ((13, 9), (9, 5)), jr: (27, 27),
      melding: (328, 414), advies: (186, 228), vervolg: (46, 63), lokaal: (230, 283),
      lokaalMonitoring: (45, 52), monitoring: (88, 51), huisverbod: (5, 11)),
    "GM0014": .init(  // Groningen
      ots: (210, 198), voogdij: (64, 70), muhp: ((41, 33), (45, 29)), jr: (88, 95),
      melding: (1412, 1538), advies: (1106, 1215), vervolg: (204, 188), lokaal: (902, 1010),
      lokaalMonitoring: (176, 160), monitoring: (310, 254), huisverbod: (27, 31)),
    "GM1966": .init(  // Het Hogeland
      ots: (39, 25), voogdij: (26, 21), muhp: ((14, 6), (7, 7)), jr: (22, 20),
      melding: (224, 257), advies: (136, 182), vervolg: (30, 32), lokaal: (130, 175),
      lokaalMonitoring: (19, 42), monitoring: (44, 40), huisverbod: (2, 5)),
    "GM1952": .init(  // Midden-Groningen
      ots: (67, 61), voogdij: (32, 35), muhp: ((8, 10), (18, 4)), jr: (23, 21),
      melding: (392, 422), advies: (290, 263), vervolg: (47, 54), lokaal: (251, 310),
      lokaalMonitoring: (51, 45), monitoring: (59, 55), huisverbod: (8, 11)),
    "GM1895": .init(  // Oldambt
      ots: (47, 47), voogdij: (16, 23), muhp: ((1, 7), (8, 4)), jr: (16, 17),
      melding: (277, 278), advies: (192, 203), vervolg: (50, 50), lokaal: (160, 191),
      lokaalMonitoring: (45, 51), monitoring: (82, 59), huisverbod: (6, 7)),
    "GM0765": .init(  // Pekela
      ots: (30, 30), voogdij: (7, 5), muhp: ((1, 2), (4, 0)), jr: (4, 3),
      melding: (104, 126), advies: (59, 91), vervolg: (12, 20), lokaal: (80, 83),
      lokaalMonitoring: (8, 19), monitoring: (24, 18), huisverbod: (3, 3)),
    "GM0037": .init(  // Stadskanaal
      ots: (31, 30), voogdij: (36, 35), muhp: ((5, 20), (16, 3)), jr: (9, 6),
      melding: (226, 206), advies: (153, 160), vervolg: (45, 26), lokaal: (119, 155),
      lokaalMonitoring: (29, 31), monitoring: (36, 49), huisverbod: (10, 3)),
    "GM0047": .init(  // Veendam
      ots: (51, 48), voogdij: (13, 13), muhp: ((6, 8), (12, 5)), jr: (2, 7),
      melding: (262, 275), advies: (175, 176), vervolg: (46, 39), lokaal: (169, 204),
      lokaalMonitoring: (37, 49), monitoring: (55, 63), huisverbod: (4, 3)),
    "GM1969": .init(  // Westerkwartier
      ots: (32, 40), voogdij: (30, 30), muhp: ((5, 3), (3, 4)), jr: (10, 13),
      melding: (286, 249), advies: (179, 192), vervolg: (27, 45), lokaal: (221, 163),
      lokaalMonitoring: (31, 44), monitoring: (57, 43), huisverbod: (6, 4)),
    "GM1950": .init(  // Westerwolde
      ots: (22, 28), voogdij: (17, 15), muhp: ((5, 0), (6, 0)), jr: (3, 5),
      melding: (182, 151), advies: (105, 80), vervolg: (31, 28), lokaal: (115, 97),
      lokaalMonitoring: (40, 28), monitoring: (36, 25), huisverbod: (8, 2)),
  ]

  /// Eemsdelta's 2020 figures registered under its predecessors: Appingedam gets 26 %,
  /// Delfzijl 53 % (both floored), Loppersum the rest, so the three add up to the figure.
  static func eemsdeltaSplit(_ v: Int) -> [(String, Int)] {
    let appingedam = v * 26 / 100
    let delfzijl = v * 53 / 100
    return [("GM0003", appingedam), ("GM0010", delfzijl), ("GM0024", v - appingedam - delfzijl)]
  }

  /// The Groningen snapshot: 2021 rows in 2021 codes, 2020 rows in 2020 codes (Eemsdelta's
  /// split over its predecessors), zero cells absent; plus a row in `onbekend` and one in a
  /// gemeente outside the region, which no sheet may show.
  static func groningenSnapshot(provisional: Set<String> = []) -> AggregateSnapshot {
    var rows: [AggregateRow] = []
    func add(_ measure: String, _ code: String, _ pair: (Int, Int)) {
      if pair.0 != 0 { rows.append(row(measure, "2021JJ00", code, pair.0)) }
      let previous = code == "GM1979" ? eemsdeltaSplit(pair.1) : [(code, pair.1)]
      for (c, v) in previous where v != 0 { rows.append(row(measure, "2020JJ00", c, v)) }
    }
    for (code, f) in groningenFigures.sorted(by: { $0.key < $1.key }) {
      add("maatregel_nieuw_ots", code, f.ots)
      add("maatregel_nieuw_voogdij", code, f.voogdij)
      add("maatregel_nieuw_muhp", code, (f.muhp.0.0, f.muhp.1.0))
      add("maatregel_verlenging_muhp", code, (f.muhp.0.1, f.muhp.1.1))
      add("maatregel_nieuw_jeugdreclassering", code, f.jr)
      add("ontvangen_meldingen", code, f.melding)
      add("gestarte_adviezen", code, f.advies)
      add("gestarte_diensten", code, f.vervolg)
      add("overdrachten_lokaal", code, f.lokaal)
      add("overdrachten_lokaal_monitoring", code, f.lokaalMonitoring)
      add("gestarte_monitoring", code, f.monitoring)
      add("huisverbod_opgelegd", code, f.huisverbod)
    }
    rows.append(row("ontvangen_meldingen", "2021JJ00", "onbekend", 7))
    rows.append(row("ontvangen_meldingen", "2021JJ00", "GM0197", 3))  // Aalten (NOG)
    return snapshot(
      region: "groningen", title: "Veilig Thuis Groningen", vtregio: "VT08", rows: rows,
      provisional: provisional)
  }
}
