import Testing

@testable import Extract

@Suite struct IdTableTests {
  /// A deterministic shuffle (the test must not depend on the run).
  func shuffled(_ a: [String], seed: UInt64) -> [String] {
    var a = a
    var s = seed
    for i in stride(from: a.count - 1, to: 0, by: -1) {
      s = s &* 6364136223846793005 &+ 1442695040888963407
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
    for missing in ["M020000", "M", "m000001", "M0000001", "A", "Z"] { #expect(t.find(missing) == nil) }
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
}
