import Foundation
import Model
import Pipeline
import Testing

/// `vt-transform`, `vt-load` and `vt-load rollup` as make runs them: exit statuses, files.
@Suite(.serialized) struct TransformLoadCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The built executables: `VT_BIN` (set by `make test`), else the debug build folder.
  static func tool(_ name: String) throws -> String {
    let bin =
      ProcessInfo.processInfo.environment["VT_BIN"].flatMap { $0.isEmpty ? nil : $0 }
      ?? root.appendingPathComponent(".build/debug").path
    let path = bin + "/" + name
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw PipelineError.noInput("\(path) is not built (swift build, or set VT_BIN)")
    }
    return path
  }

  @discardableResult
  static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try tool(name))
    p.arguments = arguments
    p.currentDirectoryURL = root
    var environment = ProcessInfo.processInfo.environment
    environment["SOURCE_DATE_EPOCH"] = "1700000000"
    p.environment = environment
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let data = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// A staged folder for groningen: three meldingen (one under Delfzijl in 2021) and a
  /// maatregel.
  static func stage(_ work: String) throws {
    let staged = work + "/staged"
    for folder in ["veilig-thuis", "jeugdbescherming"] {
      try FileManager.default.createDirectory(
        atPath: staged + "/" + folder, withIntermediateDirectories: true)
    }
    let w = try StagedWriter<Melding>(path: staged + "/veilig-thuis/melding.tsv")
    for (id, date, gm) in [
      ("M1", "2021-03-01", "GM0014"), ("M2", "2021-03-02", "GM0014"),
      ("M3", "2021-04-01", "GM0010"),
    ] {
      try w.write(
        Melding(
          id: id, casusID: "C" + id, ontvangstdatum: Day.parseISO(date)!,
          gemeente: GemeenteCode(gm)!,
          rolMelder: .onbekend, aardGeweld: CodeSet([.partnergeweld])))
    }
    try w.close()
    let m = try StagedWriter<Maatregel>(path: staged + "/jeugdbescherming/maatregel.tsv")
    try m.write(
      Maatregel(
        id: "J1", gemeente: GemeenteCode("GM0037")!, type: .ots, soort: .nieuw,
        startdatum: Day.parseISO("2021-05-01")!))
    try m.close()
    try JSONFiles.write(
      StagedIndex(
        region: "groningen",
        pseudonymKey: PseudonymKeyInfo(kind: "demo", fingerprint: "0123456789abcdef"),
        sources: [
          SourceExport(
            folder: "jeugdbescherming", kind: .jeugdbescherming, organisation: "JB",
            layout: "jb-csv", exportSHA256: String(repeating: "b", count: 64),
            peildatum: "2021-12-31", peildatumSource: "file", accepted: ["maatregel": 1]),
          SourceExport(
            folder: "veilig-thuis", kind: .veiligThuis, organisation: "VT", layout: "vt-xml",
            exportSHA256: String(repeating: "a", count: 64), peildatum: "2021-12-31",
            peildatumSource: "xml", accepted: ["melding": 3]),
        ]), to: staged + "/index.json")
  }

  @Test func transformLoadAndRollUp() throws {
    let dir = try TemporaryFolder()
    let work = dir.path + "/work/groningen"
    let outputs = dir.path + "/out/groningen"
    try Self.stage(work)
    let region = ["--pipeline", "pipelines/groningen.yaml", "--work", work, "--outputs", outputs]
    let t = try Self.run("vt-transform", region)
    #expect(t.status == 0, "\(t.stderr)")
    // The Delfzijl melding of 2021 is counted in Eemsdelta, with a warning.
    #expect(t.stderr.contains("GM0010 (Delfzijl) had merged into GM1979 (Eemsdelta)"))
    #expect(FileManager.default.fileExists(atPath: work + "/facts/index.json"))
    #expect(try Self.run("vt-load", region).status == 0)
    let database = outputs + "/aggregates.sqlite"
    let first = try Data(contentsOf: URL(fileURLWithPath: database))
    // Loading the same facts again changes nothing.
    let again = try Self.run("vt-load", region)
    #expect(again.status == 0)
    #expect(again.stderr.contains("up to date"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == first)
    let national = dir.path + "/out/nederland/aggregates.sqlite"
    let r = try Self.run(
      "vt-load", ["rollup", "--reference", "pipelines/reference", "--output", national, database])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: national))
  }

  @Test func exitStatuses() throws {
    let dir = try TemporaryFolder()
    let work = dir.path + "/work/groningen"
    try Self.stage(work)
    // Another region's pipeline over this staged folder: a configuration error (78).
    #expect(
      try Self.run(
        "vt-transform",
        ["--pipeline", "pipelines/nog.yaml", "--work", work, "--outputs", dir.path + "/o"]
      ).status == 78)
    // No facts yet: missing input (66).
    #expect(
      try Self.run(
        "vt-load",
        ["--pipeline", "pipelines/groningen.yaml", "--work", work, "--outputs", dir.path + "/o"]
      ).status == 66)
    // A staged folder of another format version: internal error (70), nothing published.
    let path = work + "/staged/index.json"
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "\"version\" : 1", with: "\"version\" : 9")
    try FileManager.default.removeItem(atPath: path)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    let t = try Self.run(
      "vt-transform",
      ["--pipeline", "pipelines/groningen.yaml", "--work", work, "--outputs", dir.path + "/o"])
    #expect(t.status == 70, "\(t.stderr)")
    #expect(!FileManager.default.fileExists(atPath: work + "/facts"))
  }
}

/// A fresh folder under the system's temporary folder, removed when released.
final class TemporaryFolder: @unchecked Sendable {
  let path: String

  init() throws {
    var template = Array((NSTemporaryDirectory() + "vt-e2e-transform-XXXXXX").utf8CString)
    guard let p = mkdtemp(&template) else { throw PipelineError.io("mkdtemp failed") }
    path = String(cString: p)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
