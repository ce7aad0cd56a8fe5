import Foundation
import Model
import Pipeline
import Testing

@testable import Transform

/// The facts file written straight from the counters is the one the generic writer makes of
/// the same rows, byte for byte.
@Suite struct TallyTests {
  @Test func writeFactsGivesTheBytesOfTheGenericWriter() throws {
    let tally = try Tally(kind: .veiligThuis, vtregio: "VT14")
    // Every Veilig Thuis measure, counted in a few months (two years, both half-years), in
    // gemeenten, onbekend and the region, with counts of one to seven digits.
    var n = 0
    for measure in Measures.all where measure.source == .veiligThuis {
      let t = try tally(measure)
      for (m, month) in [(2020, 6), (2020, 7), (2021, 1), (2021, 12)].enumerated() {
        let day = Day(year: month.0, month: month.1, day: 1 + m)!
        for region in [
          RegionKey.of(GemeenteCode(number: 200)!), RegionKey.onbekend,
          RegionKey.of(GemeenteCode(number: 1955)!),
        ] {
          let base = t.row(PeriodKey.month(of: day), region)
          for slot in 0..<t.layout.width where (slot + n) % 3 != 0 {
            for _ in 0..<[1, 9, 10, 99, 1234][(slot + n) % 5] { t.bump(base + slot) }
            n += 1
          }
        }
      }
    }
    // One big count, written with all its digits (and summed into its quarter, half-year,
    // year and the region).
    let big = try tally(Measures.ontvangenMeldingen)
    let b = big.row(
      PeriodKey.month(of: Day(year: 2021, month: 3, day: 1)!),
      RegionKey.of(GemeenteCode(number: 200)!))
    for _ in 0..<1_234_567 { big.bump(b) }
    let dir = try TemporaryDirectory()
    let direct = dir.path + "/direct.tsv"
    let generic = dir.path + "/generic.tsv"
    let (written, periods) = try tally.writeFacts(to: direct)
    let rows = tally.rows()
    #expect(try FactsFile.write(rows, to: generic) == written)
    #expect(written == rows.count && written > 1000)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: direct))
        == Data(contentsOf: URL(fileURLWithPath: generic)))
    #expect(periods == Set(rows.map(\.period)).sorted())
    #expect(
      periods.contains("2020HJ01") && periods.contains("2021JJ00") && periods.contains("2021MM12"))
    #expect(rows.contains { $0.value >= 1_234_567 && $0.period == "2021KW01" })
  }
}
