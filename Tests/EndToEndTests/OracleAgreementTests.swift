import Foundation
import Testing

/// The pipeline against its second opinion: `Tests/oracle/recount.py`, written in Python from
/// the contract alone, without reading `Sources/`. Every cell of `aggregate` must agree, on
/// the committed sample exports and on fresh vt-synth exports of all four layouts with about
/// 1 % broken records — what acceptance does with exports we have not seen.
@Suite(.serialized) struct OracleAgreementTests {
  static let root = TransformLoadCommandTests.root.path

  /// Runs a command in the repository root; returns its status and combined output.
  @discardableResult
  static func shell(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: root)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static let python = "/usr/bin/env"

  /// Extract, transform and load one region's exports, then recount and compare every cell.
  static func agree(region: String, inputs: String, scratch: String) throws {
    let work = scratch + "/work/" + region
    let outputs = scratch + "/outputs/" + region
    let common = ["--pipeline", "pipelines/\(region).yaml", "--work", work, "--outputs", outputs]
    for (tool, extra) in [
      ("vt-extract", ["--inputs", inputs]), ("vt-transform", []), ("vt-load", []),
    ] {
      let r = try TransformLoadCommandTests.run(tool, common + extra)
      try #require(r.status == 0, "\(tool) \(region): \(r.stderr)")
    }
    let cells = scratch + "/\(region).cells.tsv"
    let (recount, recountOutput) = try shell(
      python,
      [
        "python3", "Tests/oracle/recount.py", "--inputs", inputs, "--pipeline",
        "pipelines/\(region).yaml", "--reference", "pipelines/reference", "--out", cells,
      ])
    try #require(recount == 0, "recount \(region): \(recountOutput)")
    let (compare, compareOutput) = try shell(
      python, ["python3", "Tests/oracle/compare.py", cells, outputs + "/aggregates.sqlite"])
    #expect(compare == 0, "\(region): \(compareOutput)")
    #expect(compareOutput.contains("cells agree"), "\(region): \(compareOutput)")
  }

  static func scratch() -> String {
    NSTemporaryDirectory() + "vt-oracle-\(UUID().uuidString.prefix(8))"
  }

  @Test func theOraclePassesItsOwnHandCountedCases() throws {
    let (status, output) = try Self.shell(Self.python, ["python3", "Tests/oracle/selftest.py"])
    #expect(status == 0, "\(output)")
  }

  @Test(arguments: ["nog", "groningen", "rotterdam-rijnmond"])
  func theSampleExportsAgreeCellByCell(region: String) throws {
    let scratch = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    try Self.agree(region: region, inputs: Self.root + "/inputs/" + region, scratch: scratch)
  }

  /// Fresh exports the pipeline has not seen: every layout, four years, 1 % broken records.
  @Test(arguments: [
    ("nog", "veilig-thuis", "regas-csv", 21),
    ("groningen", "veilig-thuis", "vt-xml", 22),
    ("rotterdam-rijnmond", "veilig-thuis", "vt-csv", 23),
  ])
  func unseenBrokenExportsAgreeCellByCell(
    region: String, folder: String, layout: String, seed: Int
  ) throws {
    let scratch = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let inputs = scratch + "/inputs/" + region
    var exports = [(folder, layout, seed)]
    if region == "groningen" { exports.append(("jeugdbescherming", "jb-csv", seed + 100)) }
    for (folder, layout, seed) in exports {
      let r = try TransformLoadCommandTests.run(
        "vt-synth",
        [
          "--layout", layout, "--region", region, "--years", "2019-2022", "--seed", String(seed),
          "--volume", "0.15", "--bad-rate", "0.01", "--gzip", "--out", inputs + "/" + folder,
        ])
      try #require(r.status == 0, "vt-synth \(layout): \(r.stderr)")
    }
    try Self.agree(region: region, inputs: inputs, scratch: scratch)
  }
}
