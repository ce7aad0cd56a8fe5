import Foundation
import Model
import Pipeline
import Testing

@testable import Load

/// Facts folders written by hand, loaded into a region's database in a temporary directory.
struct LoadFixture {
  let dir: TemporaryDirectory
  let region: String
  let pipeline: LoadedPipeline
  let reference: ReferenceData

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  init(region: String = "groningen", dir: TemporaryDirectory? = nil) throws {
    self.dir = try dir ?? TemporaryDirectory()
    self.region = region
    pipeline = try LoadedPipeline.load(
      path: Self.root.appendingPathComponent("pipelines/\(region).yaml").path)
    reference = try pipeline.loadReference()
  }

  var workspace: Workspace {
    Workspace(work: dir.path + "/work/" + region, outputs: dir.path + "/out/" + region)
  }
  var database: String { workspace.aggregates }

  /// One source's facts as the transform would hand them over.
  struct Source {
    var folder: String
    var kind: SourceKind
    var sha: Character
    var peildatum: String?
    var rows: [AggregateRow]
    var provisional: Set<String> = []
  }

  /// Publishes a facts folder for `sources` (replacing any previous one).
  func writeFacts(_ sources: [Source]) throws {
    let facts = workspace.factsDirectory
    try? FileManager.default.removeItem(atPath: facts)
    try FileManager.default.createDirectory(atPath: facts, withIntermediateDirectories: true)
    var list: [FactsIndex.FactsSource] = []
    for s in sources {
      let n = try FactsFile.write(s.rows, to: facts + "/" + s.folder + ".tsv")
      let periods = Set(s.rows.map(\.period)).sorted().map {
        PeriodStatus(code: $0, provisional: s.provisional.contains($0))
      }
      list.append(
        FactsIndex.FactsSource(
          export: SourceExport(
            folder: s.folder, kind: s.kind, organisation: "Org \(s.folder)", layout: "vt-csv",
            exportSHA256: String(repeating: s.sha, count: 64), peildatum: s.peildatum,
            peildatumSource: "file", accepted: [:]),
          file: s.folder + ".tsv", rows: n, periods: periods))
    }
    let vtregio = pipeline.config.region.vtregio
    try JSONFiles.write(
      FactsIndex(
        region: region, vtregio: vtregio,
        pseudonymKey: PseudonymKeyInfo(kind: "demo", fingerprint: "0123456789abcdef"),
        sources: list), to: facts + "/index.json")
  }

  /// Loads the facts, as if at `time` (`run.loaded_at`).
  @discardableResult
  func load(at time: String = "2023-11-14T22:13:20Z") throws -> StageReport {
    var stage = LoadStage(pipeline: pipeline, reference: reference, workspace: workspace)
    stage.loadedAt = { time }
    return try stage.run()
  }

  func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: database)) }

  /// Files beside the database other than the database itself (leftovers).
  func strays() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: workspace.outputs)
      .filter { $0 != "aggregates.sqlite" }.sorted()
  }
}

/// A row at gemeente level (or vtregio when the code starts with VT).
func row(
  _ measure: String, _ period: String, _ region: String, _ value: Int,
  _ dimension: String = "totaal", _ category: String = "totaal"
) -> AggregateRow {
  AggregateRow(
    measure: measure, period: period, regionLevel: region.hasPrefix("VT") ? .vtregio : .gemeente,
    regionCode: region, dimension: dimension, category: category, value: value)
}

/// Runs the sqlite3 shell on `database` with `sql`; returns its output.
func sqlite3(_ database: String, _ sql: String) throws -> String {
  let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
    .split(separator: ":").map { "\($0)/sqlite3" }
  guard let shell = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
  else {
    throw PipelineError.noInput("the sqlite3 shell is not installed (apt-get install sqlite3)")
  }
  let p = Process()
  p.executableURL = URL(fileURLWithPath: shell)
  p.arguments = ["-readonly", database, sql]
  let out = Pipe()
  p.standardOutput = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else {
    throw PipelineError.internal("sqlite3 exited with \(p.terminationStatus)")
  }
  return String(decoding: data, as: UTF8.self)
}

/// A fresh directory under the system's temporary folder, removed when released.
final class TemporaryDirectory: @unchecked Sendable {
  let path: String

  init() throws {
    var template = Array((NSTemporaryDirectory() + "vt-load-test-XXXXXX").utf8CString)
    guard let p = mkdtemp(&template) else { throw PipelineError.io("mkdtemp failed") }
    path = String(cString: p)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
