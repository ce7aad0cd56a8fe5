import Model
import Testing

@testable import Synth

@Suite("DateText")
struct DateTextTests {
  @Test("ISO and Dutch dates, zero-padded")
  func formats() {
    let day = Day(year: 2021, month: 3, day: 5)!
    #expect(DateText.iso(day) == "2021-03-05")
    #expect(DateText.dutch(day) == "05-03-2021")
    // Dates that do not exist, for flaws.
    #expect(DateText.text(2019, 2, 31, dutch: true) == "31-02-2019")
    #expect(DateText.text(2019, 13, 1, dutch: false) == "2019-13-01")
  }
}
