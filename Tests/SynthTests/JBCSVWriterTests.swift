import Model
import Testing

@testable import Synth

@Suite("JBCSVWriter")
struct JBCSVWriterTests {
  @Test("maatregelen.csv: the header of exports.md, codes and dates; every gemeente every year")
  func maatregelen() throws {
    let run = try Support.run(
      SynthOptions(layout: .jbCSV, region: "groningen", firstYear: 2020, lastYear: 2021, seed: 3))
    #expect(run.names == ["maatregelen.csv"])
    let bytes = run.bytes("maatregelen.csv")
    #expect(
      String(decoding: bytes.prefix(44), as: UTF8.self)
        == "maatregel_id;gemeente;type;soort;startdatum\n")
    let table = Support.table(bytes, delimiter: ";")
    var perGemeenteYear: [String: Int] = [:]
    var eemsdeltaOTS2021 = 0
    for row in table.rows {
      #expect(row.count == 5)
      let day = Day.parseISO(row[4])
      #expect(day != nil)
      #expect(MaatregelType(code: row[2]) != nil && MaatregelSoort(code: row[3]) != nil)
      #expect(GemeenteCode(row[1]).flatMap { Support.reference.gemeente($0) } != nil)
      if let day, row[3] == "nieuw" {
        perGemeenteYear["\(row[1]) \(day.year) \(row[2])", default: 0] += 1
      }
      if row[1] == "GM1979", row[2] == "ots", row[3] == "nieuw", day?.year == 2021 {
        eemsdeltaOTS2021 += 1
      }
    }
    // Every gemeente of each year has at least one new maatregel of every type.
    for year in [2020, 2021] {
      let day = Day(year: year, month: 1, day: 1)!
      for g in Support.reference.gemeenten(inVTRegio: "VT08", on: day) {
        for type in MaatregelType.allCases {
          #expect(
            perGemeenteYear["\(g.code.code) \(year) \(type.code)", default: 0] >= 1,
            "\(g.naam) \(year) \(type.code)")
        }
      }
    }
    // Seed 003_: Eemsdelta had 50 new ondertoezichtstellingen in 2021; the generator uses that
    // rate (± the year's trend of 5 % and rounding).
    #expect((40...60).contains(eemsdeltaOTS2021))
  }
}
