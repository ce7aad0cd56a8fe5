import Testing

@testable import Emit
@testable import Pipeline

/// The primary rules: rounding to the base, suppression below the threshold, shares.
@Suite struct DisclosureControlTests {
  let cbs = DisclosureControl(roundingBase: 5, threshold: 10)

  @Test func roundsToTheNearestMultipleOfFive() {
    // x mod 5 = 0, 1, 2 round down; 3, 4 round up; with an odd base there is no half.
    let expected = [
      0: 0, 1: 0, 2: 0, 3: 5, 4: 5, 5: 5, 7: 5, 8: 10, 12: 10, 13: 15, 122: 120, 123: 125,
      1002: 1000,
    ]
    for (count, rounded) in expected { #expect(cbs.round(count) == rounded, "\(count)") }
  }

  @Test func anExactHalfRoundsUp() {
    // Base 10: 5 is exactly halfway between 0 and 10, 15 between 10 and 20.
    let ten = DisclosureControl(roundingBase: 10, threshold: 10)
    #expect(ten.round(4) == 0)
    #expect(ten.round(5) == 10)
    #expect(ten.round(14) == 10)
    #expect(ten.round(15) == 20)
    #expect(ten.round(25) == 30)
    // Base 2: 1 is half of 2.
    #expect(DisclosureControl(roundingBase: 2, threshold: 0).round(1) == 2)
  }

  @Test func aRoundedCountBelowTheThresholdIsADotZeroIncluded() {
    #expect(cbs.text(count: 0) == ".")
    #expect(cbs.text(count: 7) == ".")  // 7 → 5 < 10
    #expect(cbs.text(count: 8) == "10")  // 8 → 10
    #expect(cbs.text(count: 123) == "125")
    // The threshold is a setting: 15 hides 12 (→ 10) and shows 13 (→ 15).
    let strict = DisclosureControl(roundingBase: 5, threshold: 15)
    #expect(strict.text(count: 12) == ".")
    #expect(strict.text(count: 13) == "15")
    // Threshold 0 hides nothing, not even 0.
    #expect(DisclosureControl(roundingBase: 5, threshold: 0).text(count: 0) == "0")
    // The pipeline's settings feed the rules.
    let fromSettings = DisclosureControl(
      PipelineConfig.DisclosureSettings(roundingBase: 10, threshold: 20))
    #expect(fromSettings.text(count: 14) == ".")  // 14 → 10 < 20
    #expect(fromSettings.text(count: 15) == "20")
  }

  @Test func whatARoundedValueRevealsIsAnInterval() {
    #expect(cbs.interval(ofRounded: 0) == 0...2)
    #expect(cbs.interval(ofRounded: 10) == 8...12)
    #expect(DisclosureControl(roundingBase: 10, threshold: 10).interval(ofRounded: 10) == 5...14)
    // A `.` hides 0…7 under the CBS rules (8 rounds to 10).
    #expect(cbs.largestHidden == 7)
    #expect(DisclosureControl(roundingBase: 5, threshold: 15).largestHidden == 12)
    #expect(DisclosureControl(roundingBase: 10, threshold: 10).largestHidden == 4)
    #expect(DisclosureControl(roundingBase: 5, threshold: 0).largestHidden == nil)
  }

  @Test func sharesHaveOneDecimalAndADecimalComma() {
    // 157 / 200 = 78,5 %; 1 / 3 = 33,33 → 33,3; 2 / 3 = 66,67 → 66,7;
    // 1 / 16 = 6,25 → 6,3 (half up); 0 / 5 = 0,0; 5 / 5 = 100,0.
    let cases: [(Int, Int, String)] = [
      (157, 200, "78,5"), (1, 3, "33,3"), (2, 3, "66,7"), (1, 16, "6,3"), (0, 5, "0,0"),
      (5, 5, "100,0"),
    ]
    for (count, total, text) in cases {
      let tenths = DisclosureControl.shareTenths(count: count, of: total)
      #expect(tenths.map(DisclosureControl.shareText) == text, "\(count)/\(total)")
    }
    #expect(DisclosureControl.shareTenths(count: 0, of: 0) == nil)
  }
}
