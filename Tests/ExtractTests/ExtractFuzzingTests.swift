import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// The bounded fuzz run of `make test`: every seed of the fuzz corpus, every input a fuzzer
/// ever crashed on (Tests/Fuzz/crashes), and a fixed set of seeded mutations of the seeds go
/// through the whole extract stage (`ExtractFuzzHarness`, as `vt-fuzz` runs them) and must
/// stage or fail with a located error — never trap, hang or fail internally.
@Suite struct ExtractFuzzingTests {
  static let fuzz = Fixture.repository + "/Tests/Fuzz"

  /// The files of `folder` (none when it is missing), byte-wise ordered.
  static func files(_ folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
  }

  static func harness(_ target: ExtractFuzzTarget) throws -> ExtractFuzzHarness {
    try ExtractFuzzHarness(
      target: target, repository: Fixture.repository,
      temporary: FileManager.default.temporaryDirectory.path)
  }

  static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  @Test(arguments: ExtractFuzzTarget.allCases)
  func seedsStageCleanly(_ target: ExtractFuzzTarget) throws {
    let h = try Self.harness(target)
    defer { h.close() }
    let seeds = Self.files(Self.fuzz + "/corpus/" + target.rawValue)
    #expect(!seeds.isEmpty, "a seed corpus for \(target.rawValue)")
    for seed in seeds {
      // The seeds are cut from the sample exports: each stages and reads records.
      let outcome = h.run(try Self.bytes(seed))
      guard case .staged(let read, _) = outcome else {
        Issue.record("\(seed): \(outcome)")
        continue
      }
      #expect(read > 0, "\(seed) reads records")
    }
  }

  @Test(arguments: ExtractFuzzTarget.allCases)
  func crashInputsStayFixed(_ target: ExtractFuzzTarget) throws {
    let h = try Self.harness(target)
    defer { h.close() }
    for input in Self.files(Self.fuzz + "/crashes/" + target.rawValue) {
      let outcome = h.run(try Self.bytes(input))
      if case .finding(let what) = outcome { Issue.record("\(input): \(what)") }
    }
  }

  /// SplitMix64: the mutations are the same on every run.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// One mutation of `bytes`: a byte flip, an insertion of a structural byte, a deletion, a
  /// truncation, or a splice of another seed.
  static func mutate(_ bytes: [UInt8], other: [UInt8], _ g: inout SeededGenerator) -> [UInt8] {
    guard !bytes.isEmpty else { return other }
    var b = bytes
    let i = Int.random(in: 0..<b.count, using: &g)
    switch Int.random(in: 0..<5, using: &g) {
    case 0: b[i] ^= UInt8(1 << Int.random(in: 0..<8, using: &g))
    case 1:
      let special: [UInt8] = [0x22, 0x2C, 0x3B, 0x0A, 0x0D, 0x00, 0x1E, 0x3C, 0x3E, 0x26, 0xFF, 0xC3]
      b.insert(special.randomElement(using: &g)!, at: i)
    case 2: b.removeSubrange(i..<min(b.count, i + Int.random(in: 1...16, using: &g)))
    case 3: b = Array(b.prefix(i))
    default:
      let j = other.isEmpty ? 0 : Int.random(in: 0..<other.count, using: &g)
      b = Array(b.prefix(i)) + other.suffix(from: j)
    }
    return b
  }

  @Test(arguments: ExtractFuzzTarget.allCases)
  func seededMutations(_ target: ExtractFuzzTarget) throws {
    let h = try Self.harness(target)
    defer { h.close() }
    let seeds = try Self.files(Self.fuzz + "/corpus/" + target.rawValue).map(Self.bytes)
    try #require(!seeds.isEmpty)
    var g = SeededGenerator(state: 0x5654_4655_5A5A + UInt64(target.rawValue.utf8.count))
    for round in 0..<40 {
      var b = seeds[round % seeds.count]
      for _ in 0..<Int.random(in: 1...4, using: &g) {
        b = Self.mutate(b, other: seeds.randomElement(using: &g)!, &g)
      }
      let outcome = h.run(b)
      if case .finding(let what) = outcome {
        Issue.record("\(target.rawValue) mutation \(round): \(what)")
      }
    }
  }

  @Test func multiFileInputsSplitAtTheSeparator() throws {
    let h = try Self.harness(.csvRegas)
    defer { h.close() }
    let parts = Array("k\u{1E}m\u{1E}\u{1E}b".utf8).withUnsafeBytes { raw in
      h.files(raw).map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
    }
    // Kenmerken first, then the entities in Entity order; an empty part is an empty file.
    #expect(parts.map(\.0) == ["Kenmerken.csv", "Meldingen.csv", "Betrokkenen.csv", "Diensten.csv"])
    #expect(parts.map(\.1) == ["k", "m", "", "b"])
  }
}
