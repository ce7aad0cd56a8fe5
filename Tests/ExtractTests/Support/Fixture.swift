import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// A temporary folder with a pipeline configuration, the repository's reference data and
/// layouts, and export files written by the test; removed when the test ends.
final class Fixture {
  let root: String
  /// The repository's root (for `pipelines/reference` and `pipelines/layouts`).
  static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    root = base + "/vt-extract-test-" + UUID().uuidString.prefix(12)
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.repository + "/pipelines/reference", toPath: root + "/pipelines/reference")
    try FileManager.default.copyItem(
      atPath: Self.repository + "/pipelines/layouts", toPath: root + "/pipelines/layouts")
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  var inputs: String { root + "/inputs/test" }
  var work: String { root + "/work/test" }
  var staged: String { work + "/staged" }

  /// Writes `bytes` to `relative` (under the fixture root), creating folders.
  func write(_ relative: String, bytes: [UInt8]) throws {
    let path = root + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  func write(_ relative: String, _ text: String) throws {
    try write(relative, bytes: Array(text.utf8))
  }

  /// Text with CRLF line ends, encoded as Windows-1252.
  func writeWindows1252(_ relative: String, _ lines: [String]) throws {
    let text = lines.joined(separator: "\r\n") + "\r\n"
    guard let data = text.data(using: .windowsCP1252) else {
      throw PipelineError.internal("not encodable in Windows-1252")
    }
    try write(relative, bytes: [UInt8](data))
  }

  /// Gzips a file in place (`gzip -n`, the name gets `.gz`).
  func gzip(_ relative: String) throws {
    try Self.run("/usr/bin/gzip", ["-n", "-f", root + "/" + relative])
  }

  func read(_ relative: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))
  }

  /// A pipeline configuration for region `test` with `sources` (YAML list items).
  @discardableResult
  func pipeline(_ sources: String, maxRejectRate: Double = 1) throws -> String {
    let text = """
      version: 1
      region:
        name: test
        title: Test
        vtregio: VT14
      sources:
      \(sources)
      extract:
        max_reject_rate: \(maxRejectRate)
      outputs: [cbs-tables]
      """
    try write("pipelines/test.yaml", text)
    return root + "/pipelines/test.yaml"
  }

  /// One Veilig Thuis source in `layout`.
  @discardableResult
  func pipeline(layout: String, aliases: String = "", maxRejectRate: Double = 1) throws -> String {
    try pipeline(
      """
        - kind: veilig-thuis
          organisation: Test
          layout: \(layout)
      \(aliases)
      """, maxRejectRate: maxRejectRate)
  }

  /// Runs the stage in process.
  @discardableResult
  func extract(
    production: Bool = false, environment: [String: String] = [:], chunkSize: Int = 1 << 18
  ) throws -> StageReport {
    let loaded = try LoadedPipeline.load(path: root + "/pipelines/test.yaml")
    let stage = ExtractStage(
      pipeline: loaded, reference: try loaded.loadReference(), inputs: inputs,
      workspace: Workspace(work: work, outputs: root + "/outputs/test"),
      options: ExtractOptions(production: production, environment: environment, chunkSize: chunkSize))
    return try stage.run()
  }

  /// The exit status the stage fails with (nil when it succeeds).
  func extractStatus(chunkSize: Int = 1 << 18) -> (Pipeline.ExitStatus?, String) {
    do {
      try extract(chunkSize: chunkSize)
      return (nil, "")
    } catch let e as PipelineError {
      return (e.status, e.message)
    } catch {
      return (.internalError, "\(error)")
    }
  }

  /// The rows of a rejects.csv, as dictionaries by column.
  func rejects(_ path: String? = nil) throws -> [[String: String]] {
    let rows = try Self.csv(try Data(contentsOf: URL(fileURLWithPath: path ?? staged + "/rejects.csv")))
    guard let header = rows.first else { return [] }
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  /// The accepted records of `R` from source `folder`.
  func staged<R: StagedRecord>(_: R.Type, source: String = "veilig-thuis") throws -> [R] {
    try StagedReader<R>(path: StagedIndex.file(staged, source: source, entity: R.entity)).readAll()
  }

  func index() throws -> StagedIndex { try JSONFiles.read(StagedIndex.self, from: staged + "/index.json") }

  /// (read, accepted, rejected) of one file and entity in a report.
  static func count(_ report: StageReport, file: String, entity: String) -> (Int, Int, Int)? {
    report.counts.first { $0.file == file && $0.entity == entity }.map { ($0.read, $0.accepted, $0.rejected) }
  }

  /// Parses CSV text (RFC 4180, comma) with the reader under test's sibling: Foundation only.
  static func csv(_ data: Data) throws -> [[String]] {
    let reader = CSVReader(
      input: MemoryChunks([UInt8](data)), path: "rejects.csv", dialect: CSVDialect(), encoding: .utf8)
    var rows: [[String]] = []
    while try reader.next() {
      rows.append((0..<reader.fieldCount).map { reader.fieldText($0) })
    }
    return rows
  }

  @discardableResult
  static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil)
    throws -> (status: Int32, stdout: String, stderr: String)
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = environment }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }
}
