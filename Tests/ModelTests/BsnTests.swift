import Testing

@testable import Model

@Suite struct BsnTests {
  @Test func elfproef() {
    // 111222333: 9+8+7+12+10+8+9+6 = 69, minus 3 = 66 = 6×11.
    #expect(Bsn("111222333")!.passesElfproef)
    // 123456782: 9+16+21+24+25+24+21+16 = 156, minus 2 = 154 = 14×11.
    #expect(Bsn("123456782")!.passesElfproef)
    // 123456789: 156 − 9 = 147, not divisible by 11.
    #expect(!Bsn("123456789")!.passesElfproef)
  }

  @Test func onlyNineDigits() {
    #expect(Bsn("12345678") == nil)
    #expect(Bsn("1234567890") == nil)
    #expect(Bsn("12345678a") == nil)
    #expect(Bsn(" 123456782") == nil)
  }

  @Test func neverPrintsItsDigits() {
    let bsn = Bsn("111222333")!
    let renderings = [
      "\(bsn)", String(describing: bsn), String(reflecting: bsn), "\([bsn])", "\(Optional(bsn) as Any)",
    ]
    var dumped = ""
    dump(bsn, to: &dumped)
    for text in renderings + [dumped] {
      #expect(!text.contains("111222333"), "\(text)")
      #expect(!text.contains("1112"), "\(text)")
    }
  }

  @Test func pseudonymHexRoundTrip() {
    let p = Pseudonym(high: 0x0123_4567_89ab_cdef, low: 0xfedc_ba98_7654_3210)
    #expect(p.hex == "0123456789abcdeffedcba9876543210")
    #expect(Pseudonym(hex: p.hex) == p)
    #expect(Pseudonym(hex: "0123456789ABCDEFFEDCBA9876543210") == nil)
    #expect(Pseudonym(hex: "xyz") == nil)
  }
}
