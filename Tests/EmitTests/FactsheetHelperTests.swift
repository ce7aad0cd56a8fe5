import Foundation
import Model
import Testing

@testable import Emit

/// The helpers every report page shares: Dutch numbers, the two kinds of share, escaping,
/// CSV and JSON text, file names.
@Suite struct FactsheetHelperTests {
  @Test func dutchThousands() {
    #expect(SheetNumber.dutch(0) == "0")
    #expect(SheetNumber.dutch(999) == "999")
    #expect(SheetNumber.dutch(1000) == "1.000")
    #expect(SheetNumber.dutch(818_792) == "818.792")
    #expect(SheetNumber.dutch(1_234_567) == "1.234.567")
    #expect(SheetNumber.dutch(-1234) == "-1.234")
  }

  @Test func publiekHidesOneToFour() {
    #expect(
      (0...6).map { SheetNumber.count($0, publiek: true) }
        == ["0", "< 5", "< 5", "< 5", "< 5", "5", "6"])
    #expect(SheetNumber.count(3, publiek: false) == "3")
    #expect(SheetNumber.csvCount(1234, publiek: true) == "1234")
  }

  @Test func wholePercentRoundsHalfUp() {
    #expect(SheetNumber.percent(1, of: 8) == 13)  // 12,5 → 13
    #expect(SheetNumber.percent(1, of: 3) == 33)
    #expect(SheetNumber.percent(2, of: 3) == 67)
    #expect(SheetNumber.percent(7, of: 7) == 100)
    #expect(SheetNumber.percent(0, of: 0) == nil)
    // 1300 adviezen over 163.818 inwoners: 793,57 per 100.000 → 794.
    #expect(SheetNumber.per100k(1300, of: 163_818) == 794)
    #expect(SheetNumber.per100k(1, of: 200_000) == 1)  // 0,5 → 1
    #expect(SheetNumber.per100k(5, of: 0) == nil)
  }

  @Test func sharesOfMentionsAlwaysAddUpToThousandTenths() {
    #expect(SheetNumber.sharesOfMentions([1, 1, 1]) == [334, 333, 333])
    #expect(SheetNumber.sharesOfMentions([2, 1]) == [667, 333])
    #expect(SheetNumber.sharesOfMentions([1, 0, 0]) == [1000, 0, 0])
    #expect(SheetNumber.sharesOfMentions([0, 0]) == [0, 0])
    // Six equal thirds of 1/7: 142,857… each of seven → 142 floored ×7 = 994, six missing.
    #expect(
      SheetNumber.sharesOfMentions(Array(repeating: 1, count: 7)) == [
        143, 143, 143, 143, 143, 143, 142,
      ])
    // Many vectors from a fixed linear congruential sequence: always exactly 1000, and no
    // share more than one tenth away from its exact value.
    var seed: UInt64 = 42
    for _ in 0..<500 {
      var counts: [Int] = []
      for _ in 0..<(1 + Int(seed % 12)) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        counts.append(Int(seed >> 33) % 50)
      }
      let shares = SheetNumber.sharesOfMentions(counts)
      let total = counts.reduce(0, +)
      guard total > 0 else { continue }
      #expect(shares.reduce(0, +) == 1000, "\(counts)")
      for (c, s) in zip(counts, shares) {
        #expect(abs(Double(s) - Double(c) * 1000 / Double(total)) < 1, "\(counts)")
      }
    }
    #expect(SheetNumber.tenths(5) == "0,5")
    #expect(SheetNumber.tenths(1000) == "100,0")
  }

  @Test func distributionOrdersByShareThenCodeList() {
    let d = SheetDistribution(
      dimension: .aardGeweld, counts: [1, 3, 0, 0, 0, 3, 0, 0], records: 6)
    // 1/7 → 142 r 6, 3/7 → 428 r 4 (twice): floors 998, the two missing tenths go to the
    // largest remainder (kindermishandeling, 143), then the larger count (partnergeweld, 429).
    #expect(
      d.entries.map(\.category) == ["partnergeweld", "andere_problematiek", "kindermishandeling"])
    #expect(d.entries.map(\.share) == [429, 428, 143])
    #expect(d.mentions == 7)
  }

  @Test func escapingForHTML() {
    #expect(
      SheetHTML.escape("'t Zand & <Zee> \"x\"") == "&#39;t Zand &amp; &lt;Zee&gt; &quot;x&quot;")
    #expect(SheetHTML.escape("Súdwest-Fryslân") == "Súdwest-Fryslân")
  }

  @Test func fileNamesArePlainASCII() {
    let code = GemeenteCode("GM1900")!
    #expect(
      SheetHTML.fileName(code: code, name: "Súdwest-Fryslân") == "GM1900-sudwest-fryslan.html")
    #expect(
      SheetHTML.fileName(code: code, name: "'s-Hertogenbosch") == "GM1900-s-hertogenbosch.html")
    #expect(SheetHTML.fileName(code: code, name: "Nieuw-Aa & Bee") == "GM1900-nieuw-aa-bee.html")
    #expect(SheetHTML.fileName(code: code, name: "&&") == "GM1900.html")
  }

  @Test func csvQuotesOnlyWhereNeeded() {
    var csv = SheetCSV(header: ["a", "b"])
    csv.append(["'t Zand & Zee", "x;y"])
    csv.append(["zeg \"hoi\"", "twee\nregels"])
    #expect(csv.text == "a;b\n't Zand & Zee;\"x;y\"\n\"zeg \"\"hoi\"\"\";\"twee\nregels\"\n")
  }

  @Test func jsonKeepsKeyOrderAndEscapes() {
    let json = SheetJSON.object([
      ("z", .int(1)), ("a", .string("tab\there \"q\" \u{1}")), ("n", .int(nil)),
      ("l", .array([])), ("o", .object([])), ("b", .bool(true)),
    ])
    #expect(
      json.text == """
        {
          "z": 1,
          "a": "tab\\there \\"q\\" \\u0001",
          "n": null,
          "l": [],
          "o": {},
          "b": true
        }

        """)
  }

  @Test func barChartScalesToTheLargestBarAndMasks() {
    let chart = SheetBarChart(
      id: "c", title: "A & B",
      groups: [
        .init(label: "2021", bars: [.init(value: 50, text: "50", cssClass: "cur")]),
        .init(label: "2020", bars: [.init(value: 2, text: "< 5", cssClass: "prev", masked: true)]),
      ], width: 120, labelWidth: 20, valueWidth: 0, barHeight: 10, barGap: 2, groupGap: 4)
    let svg = chart.svg()
    // Full width (100) for 50; the masked bar is drawn to 5: 100 · 5 / 50 = 10.
    #expect(svg.contains("<rect class=\"cur\" x=\"20\" y=\"0\" width=\"100\" height=\"10\"/>"))
    #expect(
      svg.contains("<rect class=\"prev masked\" x=\"20\" y=\"14\" width=\"10\" height=\"10\"/>"))
    #expect(svg.contains("<title id=\"c-titel\">A &amp; B</title>"))
    #expect(svg.contains(">&lt; 5</text>"))
    #expect(chart.height == 24)
  }
}
