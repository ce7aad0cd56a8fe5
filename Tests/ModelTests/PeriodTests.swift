import Testing

@testable import Model

@Suite struct PeriodTests {
  @Test func codesOfTheFourKinds() {
    let d = Day(year: 2021, month: 7, day: 1)!
    #expect(Period.all(containing: d).map(\.code) == ["2021JJ00", "2021HJ02", "2021KW03", "2021MM07"])
  }

  @Test func midnightOfThirtyJuneAndFirstJuly() {
    let june30 = Day(year: 2021, month: 6, day: 30)!
    let july1 = Day(year: 2021, month: 7, day: 1)!
    #expect(Period(containing: june30, kind: .halfYear).code == "2021HJ01")
    #expect(Period(containing: july1, kind: .halfYear).code == "2021HJ02")
    #expect(Period(containing: june30, kind: .quarter).code == "2021KW02")
    #expect(Period(containing: july1, kind: .quarter).code == "2021KW03")
  }

  @Test func parsesAndBounds() {
    let q = Period(code: "2020KW01")!
    #expect(q.firstDay.iso == "2020-01-01")
    #expect(q.lastDay.iso == "2020-03-31")
    #expect(Period(code: "2020HJ02")!.firstDay.iso == "2020-07-01")
    #expect(Period(code: "2020MM02")!.lastDay.iso == "2020-02-29")
    #expect(Period(code: "2020KW05") == nil)
    #expect(Period(code: "2020JJ01") == nil)
    #expect(Period(code: "2020XX01") == nil)
    #expect(Period(code: "20KW01") == nil)
  }

  @Test func labels() {
    #expect(Period(code: "2021HJ01")!.label == "1e halfjaar 2021")
    #expect(Period(code: "2021HJ02")!.label == "2e halfjaar 2021")
    #expect(Period(code: "2021JJ00")!.label == "2021")
  }

  @Test func provisionalUntilThePeildatumIsPastTheLastDay() {
    let year = Period.year(2021)
    #expect(year.isProvisional(peildatum: Day(year: 2021, month: 12, day: 31)!))
    #expect(!year.isProvisional(peildatum: Day(year: 2022, month: 1, day: 1)!))
    #expect(Period(code: "2022KW01")!.isProvisional(peildatum: Day(year: 2022, month: 1, day: 5)!))
  }
}
