import Foundation
import Pipeline
import Testing

/// `pipelines/reference/codes.tsv` is the contract's `codes.tsv` unchanged.
@Suite struct ReferenceCopyTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Its SHA-256 is the one `pipelines/reference/README.md` recorded when it was copied
  /// (checked in every checkout); where the contract lies beside the project
  /// (`../shared/spec`, as in the development tree) the two files are also compared byte for
  /// byte, so a changed contract is noticed.
  @Test func codesEqualTheContract() throws {
    let copy = Self.root.appendingPathComponent("pipelines/reference/codes.tsv").path
    let readme = try String(
      contentsOf: Self.root.appendingPathComponent("pipelines/reference/README.md"),
      encoding: .utf8)
    let digest = try Checksum.sha256(file: copy)
    #expect(digest.count == 64)
    #expect(readme.contains("SHA-256 `\(digest)`"), "codes.tsv differs from the copy recorded")
    let contract = Self.root.appendingPathComponent("../shared/spec/codes.tsv").path
    if FileManager.default.fileExists(atPath: contract) {
      #expect(
        FileManager.default.contentsEqual(atPath: copy, andPath: contract),
        "../shared/spec/codes.tsv changed: copy it and run make codes")
    }
  }
}
