import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// Every kind of broken input gives a located error (the stage fails, publishes nothing) or
/// a located reject (the stage goes on); never a crash or a hang.
@Suite struct BadInputTests {
  static let maatregelen = "maatregel_id;gemeente;type;soort;startdatum\nJ1;GM0014;ots;nieuw;2021-05-01\nJ2;GM0014;voogdij;verlenging;2021-06-01\n"

  /// A Jeugdbescherming export in `jb-csv` whose maatregelen.csv holds `bytes`.
  func fixture(_ bytes: [UInt8], name: String = "maatregelen.csv") throws -> Fixture {
    let f = try Fixture()
    try f.pipeline(
      """
        - kind: jeugdbescherming
          organisation: Test
          layout: jb-csv
      """)
    try f.write("inputs/test/jeugdbescherming/" + name, bytes: bytes)
    return f
  }

  func expectUnreadable(_ f: Fixture, _ fragment: String) {
    let (status, message) = f.extractStatus()
    #expect(status == .unreadableInput, "\(message)")
    #expect(message.contains(fragment), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: f.staged), "nothing is published")
  }

  @Test func goodJeugdbeschermingExport() throws {
    let f = try fixture(Array(Self.maatregelen.utf8))
    let report = try f.extract()
    #expect(Fixture.count(report, file: "jeugdbescherming/maatregelen.csv", entity: "maatregel")! == (2, 2, 0))
    let m = try f.staged(Maatregel.self, source: "jeugdbescherming")
    #expect(m.map(\.soort) == [.nieuw, .verlenging])
    #expect(try f.index().sources[0].accepted == ["maatregel": 2])
  }

  @Test func truncatedGzip() throws {
    let f = try fixture(Array(String(repeating: Self.maatregelen, count: 200).utf8))
    try f.gzip("inputs/test/jeugdbescherming/maatregelen.csv")
    let whole = try f.read("inputs/test/jeugdbescherming/maatregelen.csv.gz")
    try f.write("inputs/test/jeugdbescherming/maatregelen.csv.gz", bytes: Array(whole.dropLast(40)))
    expectUnreadable(f, "maatregelen.csv.gz: truncated gzip stream")
  }

  @Test func gzipOfGarbage() throws {
    let f = try fixture([0x1F, 0x8B] + Array("this is not deflate data at all, just text".utf8))
    expectUnreadable(f, "maatregelen.csv: corrupt gzip data near byte")
  }

  @Test func emptyFile() throws {
    expectUnreadable(try fixture([]), "maatregelen.csv: the file is empty")
  }

  @Test func headerOnlyIsNoRecords() throws {
    let f = try fixture(Array("maatregel_id;gemeente;type;soort;startdatum\n".utf8))
    let report = try f.extract()
    #expect(Fixture.count(report, file: "jeugdbescherming/maatregelen.csv", entity: "maatregel")! == (0, 0, 0))
    #expect(try f.staged(Maatregel.self, source: "jeugdbescherming").isEmpty)
  }

  @Test func missingRequiredColumn() throws {
    let f = try fixture(Array("maatregel_id;gemeente;type;startdatum\nJ1;GM0014;ots;2021-05-01\n".utf8))
    expectUnreadable(f, "maatregelen.csv:1: the required column \"soort\" is missing")
  }

  @Test func wrongDelimiter() throws {
    let f = try fixture(Array(Self.maatregelen.replacingOccurrences(of: ";", with: ",").utf8))
    expectUnreadable(f, "the header has a single column: is the delimiter really \";\"?")
  }

  @Test func unterminatedQuoteAtTheEnd() throws {
    let f = try fixture(Array((Self.maatregelen + "J3;GM0014;\"ots;nieuw;2021-05-01\n").utf8))
    expectUnreadable(f, "maatregelen.csv:4: a quoted field opened in the record starting here")
  }

  @Test func invalidUTF8() throws {
    let f = try fixture(Array(Self.maatregelen.utf8) + Array("J\u{0}".utf8).dropLast() + [0xE9] + Array(";GM0014;ots;nieuw;2021-05-01\n".utf8))
    expectUnreadable(f, "maatregelen.csv:4: invalid UTF-8")
  }

  @Test func plainAndGzippedCopyOfOneFile() throws {
    let f = try fixture(Array(Self.maatregelen.utf8))
    try f.write("inputs/test/jeugdbescherming/maatregelen.csv.gz", bytes: Array(Self.maatregelen.utf8))
    expectUnreadable(f, "both maatregelen.csv and maatregelen.csv.gz are present")
  }

  @Test func missingInputFolders() throws {
    let f = try Fixture()
    try f.pipeline(layout: "vt-csv")
    var (status, message) = f.extractStatus()
    #expect(status == .noInput)
    #expect(message.contains("inputs/test: the region's export folder is missing"))
    try FileManager.default.createDirectory(atPath: f.inputs, withIntermediateDirectories: true)
    (status, message) = f.extractStatus()
    #expect(status == .noInput)
    #expect(message.contains("veilig-thuis: the export folder is missing"))
  }

  @Test func unknownLayoutIsAConfigurationError() throws {
    let f = try fixture(Array(Self.maatregelen.utf8))
    try f.pipeline(layout: "acme")
    try FileManager.default.createDirectory(atPath: f.inputs + "/veilig-thuis", withIntermediateDirectories: true)
    let (status, message) = f.extractStatus()
    #expect(status == .config)
    #expect(message.contains("sources[0].layout: unknown layout \"acme\""))
  }

  @Test func layoutForTheWrongKindOfExport() throws {
    let f = try Fixture()
    try f.pipeline(
      """
        - kind: jeugdbescherming
          organisation: Test
          layout: vt-csv
      """)
    try FileManager.default.createDirectory(atPath: f.inputs + "/jeugdbescherming", withIntermediateDirectories: true)
    let (status, message) = f.extractStatus()
    #expect(status == .config)
    #expect(message.contains("the layout vt-csv reads melding, which a jeugdbescherming export does not hold"))
  }

  @Test func peildatumFile() throws {
    let f = try fixture(Array(Self.maatregelen.utf8))
    try f.write("inputs/test/jeugdbescherming/peildatum.txt", "2021-12-31\n")
    try f.extract()
    let s = try f.index().sources[0]
    #expect(s.peildatum == "2021-12-31")
    #expect(s.peildatumSource == "file")
    try f.write("inputs/test/jeugdbescherming/peildatum.txt", "31-12-2021\n")
    expectUnreadableKeepingThePrevious(f, "peildatum.txt: \"31-12-2021\" is not a peildatum (YYYY-MM-DD)")
  }

  /// A failed run leaves the previous staged folder as it was.
  func expectUnreadableKeepingThePrevious(_ f: Fixture, _ fragment: String) {
    let before = try? f.read("work/test/staged/index.json")
    let (status, message) = f.extractStatus()
    #expect(status == .unreadableInput)
    #expect(message.contains(fragment), "\(message)")
    #expect((try? f.read("work/test/staged/index.json")) == before)
  }

  @Test func rejectRateAboveTheThresholdFailsWithItsOwnStatus() throws {
    // 1 of 3 rejected = 33 % > 25 %.
    let f = try fixture(Array((Self.maatregelen + "J3;GM0014;ots;nieuw;2021-02-30\n").utf8))
    try f.pipeline(
      """
        - kind: jeugdbescherming
          organisation: Test
          layout: jb-csv
      """, maxRejectRate: 0.25)
    let (status, message) = f.extractStatus()
    #expect(status == .rejectThreshold)
    #expect(message.contains("jeugdbescherming/maatregel: 1 of 3 rejected (33.3 %), above max_reject_rate 25.0 %"))
    #expect(!FileManager.default.fileExists(atPath: f.staged))
    let failed = try f.rejects(f.work + "/extract-failed/rejects.csv")
    #expect(failed.map { $0["rule"] } == ["bad_date"])
    #expect(FileManager.default.fileExists(atPath: f.work + "/extract-failed/extract.json"))
    // At 50 % the same export passes, and the failed folder is gone.
    try f.pipeline(
      """
        - kind: jeugdbescherming
          organisation: Test
          layout: jb-csv
      """, maxRejectRate: 0.5)
    try f.extract()
    #expect(!FileManager.default.fileExists(atPath: f.work + "/extract-failed"))
  }
}
