import Testing

@testable import Pipeline

/// A log value stays on its line and cannot reach the terminal as an escape sequence.
@Suite struct LogQuoteTests {
  @Test func safeValuesStayBare() {
    #expect(Log.quote("nog") == "nog")
    #expect(Log.quote("inputs/nog/meldingen.csv.gz") == "inputs/nog/meldingen.csv.gz")
    #expect(Log.quote("Súdwest-Fryslân") == "Súdwest-Fryslân")
  }

  @Test func spacesQuotesAndBackslashesAreQuoted() {
    #expect(Log.quote("") == #""""#)
    #expect(Log.quote("two words") == #""two words""#)
    #expect(Log.quote(#"say "hi""#) == #""say \"hi\"""#)
    #expect(Log.quote(#"a\b"#) == #""a\\b""#)
  }

  @Test func controlCharactersAreEscaped() {
    #expect(Log.quote("a\nb") == #""a\nb""#)
    #expect(Log.quote("a\r\nb") == #""a\r\nb""#)
    #expect(Log.quote("tab\there") == #""tab\there""#)
    // ESC [ 2 J (clear screen) in a file name: written as text, never as the byte 0x1B.
    let quoted = Log.quote("x\u{1B}[2J.csv")
    #expect(quoted == #""x\u{1B}[2J.csv""#)
    #expect(!quoted.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    #expect(Log.quote("del\u{7F}") == #""del\u{7F}""#)
    #expect(Log.quote("c1\u{85}") == #""c1\u{85}""#)
  }
}
