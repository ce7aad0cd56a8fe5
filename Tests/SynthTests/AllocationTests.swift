import Model
import Testing

@testable import Synth

@Suite("Allocation")
struct AllocationTests {
  @Test("largest remainder splits a total exactly")
  func largestRemainder() {
    // 10 over three equal weights: 3,33… each → 3, 3, 3 and one left, to the first (ties
    // by position): [4, 3, 3].
    #expect(allocate(10, weights: [1, 1, 1]) == [4, 3, 3])
    // 7 over weights 5 : 3 : 2 → 3,5 / 2,1 / 1,4 → floors 3, 2, 1 (6); the one left goes to
    // the largest fraction, 0,5: [4, 2, 1].
    #expect(allocate(7, weights: [5, 3, 2]) == [4, 2, 1])
  }

  @Test("a minimum per share is taken from the largest share")
  func minimum() {
    // 10 over 97 : 1 : 1 : 1 → 9,7 / 0,1 / 0,1 / 0,1 → floors 9, 0, 0, 0, the one left to the
    // first (fraction 0,7): [10, 0, 0, 0]; a minimum of 1 moves three from the first.
    #expect(allocate(10, weights: [97, 1, 1, 1], minimum: 1) == [7, 1, 1, 1])
  }

  @Test("an urn hands out every index exactly its count")
  func urn() {
    var random = SynthRandom(seed: 9, stream: .records)
    var urn = Urn(counts: [5, 0, 2, 3], weights: [1, 1, 1, 1])
    var seen = [0, 0, 0, 0]
    for _ in 0..<10 { seen[urn.draw(&random)] += 1 }
    #expect(seen == [5, 0, 2, 3])
  }

  @Test("a day plan spreads a total over the year, fewer on weekends")
  func dayPlan() {
    var random = SynthRandom(seed: 3, stream: .calendar)
    let plan = DayPlan(year: 2021, rhythm: .kantoor, random: &random)
    let counts = plan.counts(1000)
    #expect(counts.count == 365)
    #expect(counts.reduce(0, +) == 1000)
    // 2021-01-02 is a Saturday, 2021-01-03 a Sunday: office work happens on weekdays only.
    #expect(counts[1] == 0 && counts[2] == 0)
    #expect(DayPlan.weekday(Day(year: 2021, month: 1, day: 4)!) == 0)  // a Monday
  }
}
