import Testing

@testable import Synth

@Suite("DelimitedRow and Windows-1252")
struct DelimitedRowTests {
  @Test("fields are quoted only where RFC 4180 needs it")
  func minimalQuoting() {
    var row = DelimitedRow(delimiter: ",", quoteAll: false, encoding: .utf8, crlf: false)
    row.add(["a", "b,c", "say \"hi\"", "", "x\ny"])
    #expect(
      String(decoding: row.finish(), as: UTF8.self) == "a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\"\n")
  }

  @Test("quote-all quotes every non-empty field; CRLF ends the row")
  func quoteAll() {
    var row = DelimitedRow(delimiter: ";", quoteAll: true, encoding: .utf8, crlf: true)
    row.add(["a", "", "b"])
    #expect(row.finish() == Array("\"a\";;\"b\"\r\n".utf8))
  }

  @Test("Windows-1252 bytes for Latin letters, € and dashes")
  func windows1252() {
    var row = DelimitedRow(delimiter: ";", quoteAll: false, encoding: .windows1252, crlf: true)
    row.add(["Financiële", "é", "€–"])
    // ë = 0xEB, é = 0xE9, € = 0x80, – (en dash) = 0x96.
    let expected: [UInt8] =
      Array("Financi".utf8) + [0xEB] + Array("le;".utf8) + [0xE9, 0x3B, 0x80, 0x96, 0x0D, 0x0A]
    #expect(row.finish() == expected)
    #expect(Windows1252.decode([0x80, 0xEB]) == "€ë")
    #expect(Windows1252.decode([0x81]) == nil)  // undefined in the code page
  }
}
