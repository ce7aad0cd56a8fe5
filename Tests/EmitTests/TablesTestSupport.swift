import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// Fixtures of the CBS tests (tables, disclosure, submission, kwaliteitsrapport): snapshots
/// built in memory, staged folders written with `StagedWriter`, pipelines written as YAML,
/// temporary folders, and golden files.
enum CBSFixtures {
  /// The repository's root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The project's reference data (`pipelines/reference`).
  static let reference: ReferenceData = {
    // The committed reference files are valid; a failure here is a broken checkout.
    try! ReferenceFiles.load(directory: root.appendingPathComponent("pipelines/reference").path)
  }()

  /// A small made-up reference: Veilig Thuis-regio VT99 with `gemeenten` gemeenten GM9001…,
  /// in provincie PV99 (landsdeel LD09). Keeps the tables small enough to attack by
  /// enumeration.
  static func tinyReference(gemeenten: Int) -> ReferenceData {
    ReferenceData(
      gemeenten: (1...gemeenten).map {
        Gemeente(
          code: GemeenteCode(number: 9000 + $0)!, naam: "Gemeente \($0)", vtregio: "VT99",
          provincie: "PV99", geldigVan: nil, geldigTot: nil, bron: "test")
      },
      herindelingen: [],
      vtregios: [VTRegio(code: "VT99", naam: "Proefregio", geldigVan: nil, geldigTot: nil)],
      provincies: [
        Provincie(
          code: "PV99", naam: "Proefprovincie", landsdeel: "LD09", landsdeelNaam: "Proefland")
      ],
      population: [:])
  }

  static func day(_ iso: String) -> Day { Day.parseISO(iso)! }

  /// A row of the aggregate table.
  static func row(
    _ measure: Measure, _ period: String, _ level: RegionLevel, _ region: String,
    _ dimension: String = "totaal", _ category: String = "totaal", value: Int
  ) -> AggregateRow {
    AggregateRow(
      measure: measure.name, period: period, regionLevel: level, regionCode: region,
      dimension: dimension, category: category, value: value)
  }

  /// The rows of one count in every period containing `quarter` (quarter, half-year, year),
  /// at the gemeente and at the Veilig Thuis-regio `vt`.
  static func rows(
    _ measure: Measure, quarter: String, gemeente: String, vt: String,
    _ dimension: String = "totaal", _ category: String = "totaal", value: Int
  ) -> [AggregateRow] {
    let q = Period(code: quarter)!
    let periods = [q, Period(containing: q.firstDay, kind: .halfYear), Period.year(q.year)]
    return periods.flatMap { p in
      [
        row(measure, p.code, .gemeente, gemeente, dimension, category, value: value),
        row(measure, p.code, .vtregio, vt, dimension, category, value: value),
      ]
    }
  }

  /// Sums rows with equal keys (several gemeenten contribute to one Veilig Thuis-regio row).
  static func merged(_ rows: [AggregateRow]) -> [AggregateRow] {
    var sums: [AggregateRow: Int] = [:]
    var order: [AggregateRow] = []
    for r in rows {
      var key = r
      key.value = 0
      if sums[key] == nil { order.append(key) }
      sums[key, default: 0] += r.value
    }
    return order.map {
      var r = $0
      r.value = sums[$0]!
      return r
    }
  }

  static func snapshot(
    region: String = "nog", title: String = "Veilig Thuis Noord Oost Gelderland",
    vtregio: String? = "VT14", rows: [AggregateRow], provisional: Set<String> = [],
    demoKey: Bool = false
  ) -> AggregateSnapshot {
    AggregateSnapshot(
      region: region, title: title, vtregio: vtregio, rows: merged(rows),
      provisionalPeriods: provisional, sources: [], demoKey: demoKey)
  }

  /// A fresh temporary folder, removed by the caller (`defer { remove(dir) }`).
  static func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("vt-cbs-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

  /// A pipeline configuration for region `nog` (VT14) written to `dir` and loaded.
  static func pipeline(
    in dir: String, failOnFout: Bool = false, threshold: Int = 10
  ) throws -> LoadedPipeline {
    let path = dir + "/nog.yaml"
    try """
    version: 1
    region:
      name: nog
      title: Veilig Thuis Noord Oost Gelderland
      vtregio: VT14
    sources:
      - kind: veilig-thuis
        organisation: Veilig Thuis Noord Oost Gelderland
        layout: vt-csv
    outputs: [cbs-tables]
    disclosure:
      rounding_base: 5
      threshold: \(threshold)
    quality:
      fail_on_fout: \(failOnFout)

    """.write(toFile: path, atomically: true, encoding: .utf8)
    return try LoadedPipeline.load(path: path)
  }

  /// Reads a published text file.
  static func text(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  /// The `;`-separated rows of a published table (header first).
  static func table(_ path: String) throws -> [[String]] {
    try text(path).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      .map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
  }
}

/// Golden files under `Tests/EmitTests/Golden/CBS/`: compared byte for byte; recorded
/// anew with `VT_RECORD_GOLDEN=1` (then reviewed as a diff, never typed by hand).
enum CBSGolden {
  static let directory = CBSFixtures.root.appendingPathComponent("Tests/EmitTests/Golden/CBS").path
  static var recording: Bool { ProcessInfo.processInfo.environment["VT_RECORD_GOLDEN"] == "1" }

  /// Compares `actual` with the golden file `name`, or records it.
  static func check(
    _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let path = directory + "/" + name
    if recording {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record(
        "golden file \(name) is missing: record it with VT_RECORD_GOLDEN=1",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
      Issue.record(
        """
        \(name) differs from its golden file at line \(line + 1):
          expected: \(line < e.count ? String(e[line]) : "(end of file)")
          actual:   \(line < a.count ? String(a[line]) : "(end of file)")
        """, sourceLocation: sourceLocation)
    }
  }
}
