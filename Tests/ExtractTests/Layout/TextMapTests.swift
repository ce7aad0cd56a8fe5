import Testing

@testable import Extract

/// `TextMap`: a loose lookup finds a spelling however it is cased or padded, through the
/// written-spelling fast path or the folded one, with the same answer either way.
@Suite struct TextMapTests {
  static func get(_ map: TextMap, _ text: String) -> Int32? {
    Array(text.utf8).withUnsafeBytes { map.get($0) }
  }

  @Test func looseMatchesAsWrittenCasedAndPadded() {
    let map = TextMap(loose: true)
    #expect(map.set("Kindermishandeling", 2) == nil)
    #expect(map.set("(Ex-) Partnergeweld", 0) == nil)
    #expect(map.set("Ouderenmishandeling (65+)", 5) == nil)
    #expect(Self.get(map, "Kindermishandeling") == 2)  // as written: the fast path
    #expect(Self.get(map, "kindermishandeling") == 2)  // folded
    #expect(Self.get(map, "  KINDERMISHANDELING\t") == 2)
    #expect(Self.get(map, "\u{A0}(ex-) partnergeweld") == 0)  // no-break space trimmed
    #expect(Self.get(map, "Ouderenmishandeling (65+) ") == 5)
    #expect(Self.get(map, "Kindermishandelingen") == nil)
    #expect(Self.get(map, "") == nil)
    #expect(Self.get(map, String(repeating: "k", count: 300)) == nil)
    // Latin-1 capitals fold too (À…Þ, not ×).
    map.set("Één", 7)
    #expect(Self.get(map, "één") == 7)
    #expect(Self.get(map, "ÉÉN") == 7)
  }

  @Test func exactMatchesOnlyAsWritten() {
    let map = TextMap(loose: false)
    map.set("Ja", 1)
    #expect(Self.get(map, "Ja") == 1)
    #expect(Self.get(map, "ja") == nil)
    #expect(Self.get(map, " Ja") == nil)
  }

  /// Two spellings that fold alike with different values: the set reports the clash, and
  /// from then on every lookup goes through the folded key (the last value), never through a
  /// stale spelling.
  @Test func aClashIsReportedAndTheFastPathStops() {
    let map = TextMap(loose: true)
    map.set("Melding", 1)
    #expect(map.set("MELDING", 2) == 1)
    #expect(Self.get(map, "Melding") == 2)
    #expect(Self.get(map, "MELDING") == 2)
    #expect(Self.get(map, "melding") == 2)
    // The same value under another spelling is no clash.
    let same = TextMap(loose: true)
    same.set("Nee", 0)
    #expect(same.set("nee", 0) == 0)
    #expect(Self.get(same, "Nee") == 0)
  }
}
