import Testing

@testable import Extract

@Suite struct RedactionTests {
  @Test func digitGroupsThatCouldBeABsnAreMasked() {
    #expect(Redaction.redact("111222333") == "*********")
    #expect(Redaction.redact("bsn 11122233 (leading zero dropped)") == "bsn ******** (leading zero dropped)")
    #expect(Redaction.redact("1112.22.333") == "****.**.***")
    #expect(Redaction.redact("111 222 333") == "*** *** ***")
    #expect(Redaction.redact("x1112223334y") == "x**********y")
  }

  @Test func datesAndShortNumbersStayReadable() {
    #expect(Redaction.redact("31-02-2019") == "31-02-2019")
    #expect(Redaction.redact("2019-13-01") == "2019-13-01")
    #expect(Redaction.redact("1.2.2019") == "1.2.2019")
    #expect(Redaction.redact("M0001234") == "M0001234")
    #expect(Redaction.redact("GM0014") == "GM0014")
  }
}
