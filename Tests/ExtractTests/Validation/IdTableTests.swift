import Foundation
import Testing

@testable import Extract

@Suite struct IdTableTests {
  /// A deterministic shuffle (the test must not depend on the run).
  func shuffled(_ a: [String], seed: UInt64) -> [String] {
    var a = a
    var s = seed
    for i in stride(from: a.count - 1, to: 0, by: -1) {
      s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      a.swapAt(i, Int(s >> 33) % (i + 1))
    }
    return a
  }

  /// Inserts and finds keys in several orders; the table must agree with a `Set`.
  @Test(arguments: ["ascending", "descending", "random", "mostly ascending"])
  func agreesWithASet(order: String) {
    let keys = (0..<20000).map { String(format: "M%06d", $0) }
    var sequence: [String]
    switch order {
    case "ascending": sequence = keys
    case "descending": sequence = keys.reversed()
    case "random": sequence = shuffled(keys, seed: 7)
    default:
      // Ascending with every 10th key repeated later and some moved back.
      sequence = []
      for (i, k) in keys.enumerated() {
        sequence.append(k)
        if i % 10 == 9 { sequence.append(keys[i - 5]) }
      }
    }
    let t = IdTable(valueSize: 2, initialCapacity: 16)
    var model = Set<String>()
    for (n, k) in sequence.enumerated() {
      let (e, inserted) = t.insert(k)
      #expect(inserted == model.insert(k).inserted, "\(k)")
      if inserted { t.setUInt16(UInt16(truncatingIfNeeded: n + 1), e) }
    }
    #expect(t.count == model.count)
    // Lookups in order, then at random (which switches the table to hashing everything).
    for k in keys { #expect(t.find(k) != nil) }
    for k in shuffled(keys, seed: 3) + shuffled(keys, seed: 5) {
      guard let e = t.find(k) else {
        Issue.record("\(k) not found")
        continue
      }
      #expect(t.uint16(e) != 0)
    }
    for missing in ["M020000", "M", "m000001", "M0000001", "A", "Z"] {
      #expect(t.find(missing) == nil)
    }
    // Inserting again finds the same entry.
    for k in keys.prefix(100) { #expect(!t.insert(k).inserted) }
  }

  @Test func randomLookupsSwitchToHashing() {
    let keys = (0..<50000).map { String(format: "C%06d", $0) }
    let t = IdTable()
    for k in keys { _ = t.insert(k) }
    #expect(!t.hashedAll)
    for k in shuffled(keys, seed: 11) { #expect(t.find(k) != nil) }
    #expect(t.hashedAll)
    #expect(t.insert("C999999").inserted)
    #expect(t.find("C999999") != nil)
  }

  @Test func keysDifferingOnlyInLengthOrLastByte() {
    let t = IdTable()
    for k in ["abc", "ab", "a", "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "é", "e"] {
      #expect(t.insert(k).inserted, "\(k)")
    }
    #expect(t.count == 8)
    #expect(t.find("abcdefg") == nil)
    #expect(t.find("ab") != nil)
  }

  @Test func longestKey() {
    let t = IdTable()
    let key = String(repeating: "𝄞", count: 64)  // 64 characters, 256 bytes
    #expect(t.insert(key).inserted)
    #expect(t.find(key) != nil)
  }

  /// A frozen table answers several threads at once, each through its own cursor: one looking
  /// up in order (galloping), one at random (its cursor turns to the hash index), one for
  /// keys that are absent; every answer is checked, and the table holds no more than before.
  @Test func frozenTableAnswersConcurrentReadersThroughTheirCursors() {
    let keys = (0..<60000).map { String(format: "M%06d", 2 * $0) }  // even numbers only
    let t = IdTable(valueSize: 2)
    // Mostly in order, a few out of order (they go to the hash index while inserting).
    for (i, k) in shuffled(Array(keys.prefix(50)), seed: 1).enumerated()
      + keys.dropFirst(50).enumerated().map({ ($0 + 50, $1) })
    {
      let (e, inserted) = t.insert(k)
      #expect(inserted)
      t.setUInt16(UInt16(truncatingIfNeeded: i + 1), e)
    }
    t.freeze()
    #expect(t.frozen && t.hashedAll)
    let inOrder = keys
    let atRandom = shuffled(keys, seed: 9)
    let absent = (0..<20000).map { String(format: "M%06d", 2 * $0 + 1) }
    let failures = LockedList()
    let shared = Shared(t)
    DispatchQueue.concurrentPerform(iterations: 6) { reader in
      let t = shared.table
      var cursor = IdTable.Cursor()
      for round in 0..<3 {
        switch (reader + round) % 3 {
        case 0:
          for k in inOrder where t.find(k, &cursor).map({ t.uint16($0) == 0 }) ?? true {
            failures.add("\(k) missing (in order)")
          }
        case 1:
          for k in atRandom where t.find(k, &cursor) == nil {
            failures.add("\(k) missing (random)")
          }
        default:
          for k in absent where t.find(k, &cursor) != nil { failures.add("\(k) found") }
        }
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
    #expect(t.count == keys.count)
    // A cursor that looked up at random turned to the hash; one in order did not.
    var ordered = IdTable.Cursor()
    var random = IdTable.Cursor()
    for k in inOrder { _ = t.find(k, &ordered) }
    for k in atRandom { _ = t.find(k, &random) }
    #expect(!ordered.hashed && random.hashed)
  }
}

/// A frozen table handed to several threads (as `SourceExtraction` shares its tables).
final class Shared: @unchecked Sendable {
  let table: IdTable
  init(_ table: IdTable) { self.table = table }
}
