import Testing

@testable import Model

@Suite struct DayTests {
  @Test func knownOrdinals() {
    // 1970-01-01 is day 0; 2000-03-01 is 11017 days later (10957 to 2000-01-01, +31 +29).
    #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
    #expect(Day(year: 2000, month: 1, day: 1)?.ordinal == 10957)
    #expect(Day(year: 2000, month: 3, day: 1)?.ordinal == 11017)
    #expect(Day(year: 1969, month: 12, day: 31)?.ordinal == -1)
  }

  @Test func roundTripsEveryDayOfSeveralYears() {
    var day = Day(year: 2018, month: 1, day: 1)!
    for _ in 0..<(365 * 7) {
      let c = day.components
      #expect(Day(year: c.year, month: c.month, day: c.day) == day)
      day = day.adding(days: 1)
    }
    #expect(day.iso == "2024-12-30")
  }

  @Test func impossibleDatesAreRejected() {
    #expect(Day(year: 2019, month: 2, day: 31) == nil)
    #expect(Day(year: 2019, month: 13, day: 1) == nil)
    #expect(Day(year: 2019, month: 2, day: 29) == nil)
    #expect(Day(year: 2020, month: 2, day: 29) != nil)
    #expect(Day(year: 1900, month: 2, day: 29) == nil)
    #expect(Day(year: 2000, month: 2, day: 29) != nil)
  }

  @Test func isoParsingIsStrict() {
    #expect(Day.parseISO("2021-03-05")?.iso == "2021-03-05")
    #expect(Day.parseISO("2021-3-5") == nil)
    #expect(Day.parseISO("2019-13-01") == nil)
    #expect(Day.parseISO("2019-02-31") == nil)
    #expect(Day.parseISO(" 2021-03-05") == nil)
    #expect(Day.parseISO("2021-03-05T00:00") == nil)
    #expect(Day.parseISO("") == nil)
  }

  @Test func layoutDateFormats() {
    let dutch = DateFormat(pattern: "dd-MM-yyyy")!
    #expect(dutch.parse("31-12-2020")?.iso == "2020-12-31")
    #expect(dutch.parse("31-02-2019") == nil)
    #expect(dutch.parse("2020-12-31") == nil)
    let compact = DateFormat(pattern: "yyyyMMdd")!
    #expect(compact.parse("20210701")?.iso == "2021-07-01")
    let slashed = DateFormat(pattern: "dd/MM/yyyy")!
    #expect(slashed.parse("01/07/2021")?.iso == "2021-07-01")
    #expect(slashed.parse("01-07-2021") == nil)
    #expect(DateFormat(pattern: "dd-MM") == nil)
    #expect(DateFormat(pattern: "yyyy-MM-ddX") == nil)
  }
}
