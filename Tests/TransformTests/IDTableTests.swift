import Testing

@testable import Transform

/// Interning ids: numbers in order of first sight, exact byte comparison, growth.
@Suite struct IDTableTests {
  static func withBytes<T>(_ s: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    var copy = s
    return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
  }

  @Test func numbersInOrderOfFirstSightThroughGrowth() {
    var t = IDTable()
    // Short ids, ids sharing a long prefix, ids differing only in their last byte or length.
    let ids =
      (0..<5000).map { "M\($0)" }
      + (0..<300).map { "casus-with-a-long-common-prefix-\($0)" } + ["", "M", "M1 ", "m1"]
    for (i, id) in ids.enumerated() {
      let (n, isNew) = Self.withBytes(id) { t.intern($0) }
      #expect(n == i && isNew, "\(id)")
    }
    #expect(t.count == ids.count)
    for (i, id) in ids.enumerated().reversed() {
      #expect(Self.withBytes(id) { t.find($0) } == i)
      #expect(Self.withBytes(id) { t.intern($0) } == (i, false))
      #expect(t.text(of: i) == id)
    }
    #expect(Self.withBytes("M5000") { t.find($0) } == nil)
    #expect(Self.withBytes("casus-with-a-long-common-prefix-300") { t.find($0) } == nil)
    // Hints: the hinted id, the next one, or a search.
    #expect(Self.withBytes("M11") { t.find($0, hint: 11) } == 11)
    #expect(Self.withBytes("M12") { t.find($0, hint: 11) } == 12)
    #expect(Self.withBytes("M400") { t.find($0, hint: 11) } == 400)
    #expect(Self.withBytes("nope") { t.find($0, hint: ids.count - 1) } == nil)
  }

  /// Sequence numbers keep their order in the table; ids whose numbers collide (multiples of
  /// a power of two: one slot in any table), the same number under several prefixes, and
  /// numbers of more digits than a hash holds are still told apart, the table turning to
  /// hashing ids whole when a probe runs long.
  @Test func idsWithNumbersThatCollide() {
    var sequential = IDTable()
    for i in 0..<20_000 { _ = Self.withBytes("MLD\(String(format: "%07d", i))") { sequential.intern($0) } }
    #expect(!sequential.hashesWhole)
    #expect(Self.withBytes("MLD0012345") { sequential.find($0) } == 12_345)

    var t = IDTable()
    let ids =
      (0..<3000).map { "X\($0 << 20)" } + (0..<200).flatMap { n in ["A\(n)", "B\(n)", "AB\(n)", "\(n)"] }
      + (0..<50).map { "M" + String(repeating: "9", count: 30) + "\($0)" }
    for (i, id) in ids.enumerated() {
      let (n, isNew) = Self.withBytes(id) { t.intern($0) }
      #expect(n == i && isNew, "\(id)")
    }
    #expect(t.hashesWhole)
    for (i, id) in ids.enumerated() {
      #expect(Self.withBytes(id) { t.find($0) } == i, "\(id)")
      #expect(Self.withBytes(id) { t.intern($0) } == (i, false), "\(id)")
    }
    #expect(Self.withBytes("X1") { t.find($0) } == nil)
  }

  @Test func byteWiseComparison() {
    var t = IDTable()
    for id in ["T10", "T9", "t1", "T10a"] { _ = Self.withBytes(id) { t.intern($0) } }
    #expect(Self.withBytes("T9") { t.compare(0, $0) } < 0)  // "T10" < "T9"
    #expect(Self.withBytes("T10") { t.compare(1, $0) } > 0)
    #expect(Self.withBytes("T10") { t.compare(0, $0) } == 0)
    #expect(Self.withBytes("T10a") { t.compare(0, $0) } < 0)  // a prefix sorts first
    #expect(Self.withBytes("t1") { t.compare(0, $0) } < 0)  // upper case before lower case
  }
}
