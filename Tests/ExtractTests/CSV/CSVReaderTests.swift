import Pipeline
import Testing

@testable import Extract

@Suite struct CSVReaderTests {
  struct Row: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var malformed = -1
    var description: String { "\(line): \(fields)\(malformed >= 0 ? " malformed \(malformed)" : "")" }
  }

  func parse(
    _ bytes: [UInt8], chunk: Int = 1 << 16, delimiter: UInt8 = 0x2C,
    encoding: TextEncoding = .utf8, maxRecordBytes: Int = 1 << 20
  ) throws -> [Row] {
    let r = CSVReader(
      input: MemoryChunks(bytes, chunkSize: chunk), path: "t.csv",
      dialect: CSVDialect(delimiter: delimiter), encoding: encoding, maxRecordBytes: maxRecordBytes)
    var rows: [Row] = []
    while try r.next() {
      rows.append(Row(line: r.line, fields: (0..<r.fieldCount).map { r.fieldText($0) }, malformed: r.malformedField))
    }
    return rows
  }

  func parse(_ text: String, chunk: Int = 1 << 16, delimiter: UInt8 = 0x2C) throws -> [Row] {
    try parse(Array(text.utf8), chunk: chunk, delimiter: delimiter)
  }

  /// RFC 4180: quoted delimiters, doubled quotes, line breaks inside quotes; the line of a
  /// record is where it starts.
  static let rfc4180 = "id,text,n\r\n1,\"a, b\",2\r\n2,\"say \"\"hi\"\"\",3\r\n3,\"two\r\nlines\",4\r\n4,,\r\n"

  @Test func rfc4180QuotingAndLines() throws {
    let expected = [
      Row(line: 1, fields: ["id", "text", "n"]),
      Row(line: 2, fields: ["1", "a, b", "2"]),
      Row(line: 3, fields: ["2", "say \"hi\"", "3"]),
      Row(line: 4, fields: ["3", "two\r\nlines", "4"]),
      Row(line: 6, fields: ["4", "", ""]),
    ]
    #expect(try parse(Self.rfc4180) == expected)
  }

  @Test func everyChunkBoundaryGivesTheSameRecords() throws {
    let whole = try parse(Self.rfc4180)
    for chunk in 1...12 {
      #expect(try parse(Self.rfc4180, chunk: chunk) == whole, "chunk \(chunk)")
    }
    let mixed = "a;b\n\"x\"\"\";\"\"\r\nq;\"é\n€\"\n"
    let reference = try parse(mixed, delimiter: 0x3B)
    #expect(reference == [
      Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["x\"", ""]),
      Row(line: 3, fields: ["q", "é\n€"]),
    ])
    for chunk in 1...9 { #expect(try parse(mixed, chunk: chunk, delimiter: 0x3B) == reference) }
  }

  @Test func lineEndingsLFAndCRLFAndBlankLines() throws {
    let r = CSVReader(
      input: MemoryChunks(Array("a,b\n1,2\r\n\n\r\n3,4".utf8), chunkSize: 3), path: "t.csv",
      dialect: CSVDialect(), encoding: .utf8)
    var rows: [Row] = []
    while try r.next() { rows.append(Row(line: r.line, fields: (0..<r.fieldCount).map { r.fieldText($0) })) }
    // The two blank lines are not records; the last record has no line end.
    #expect(rows == [Row(line: 1, fields: ["a", "b"]), Row(line: 2, fields: ["1", "2"]), Row(line: 5, fields: ["3", "4"])])
    #expect(r.lineEndings.lf == 2)  // line 1 and the blank line 3
    #expect(r.lineEndings.crlf == 2)  // line 2 and the blank line 4
  }

  @Test func byteOrderMarkIsDropped() throws {
    #expect(try parse([0xEF, 0xBB, 0xBF] + Array("id\n1\n".utf8), chunk: 1) == [
      Row(line: 1, fields: ["id"]), Row(line: 2, fields: ["1"]),
    ])
  }

  @Test func windows1252IsTranscoded() throws {
    // "Zoë;Noël;één" in Windows-1252, CRLF.
    let bytes: [UInt8] = [0x5A, 0x6F, 0xEB, 0x3B, 0x4E, 0x6F, 0xEB, 0x6C, 0x3B, 0xE9, 0xE9, 0x6E, 0x0D, 0x0A]
    #expect(try parse(bytes, chunk: 2, delimiter: 0x3B, encoding: .windows1252) == [
      Row(line: 1, fields: ["Zoë", "Noël", "één"])
    ])
  }

  @Test func windows1252FileWithAUTF8ByteOrderMarkIsRefused() throws {
    #expect {
      _ = try parse([0xEF, 0xBB, 0xBF] + Array("a;b\r\n".utf8), delimiter: 0x3B, encoding: .windows1252)
    } throws: { ($0 as? PipelineError)?.message.contains("t.csv:1: the file starts with a UTF-8 byte order mark") == true }
  }

  @Test func invalidUTF8FailsWithItsLine() throws {
    // Line 3 holds a Windows-1252 é in a file declared UTF-8.
    let bytes = Array("a,b\n1,2\nx,caf".utf8) + [0xE9] + Array("\n".utf8)
    for chunk in [1, 4, 100] {
      #expect {
        _ = try parse(bytes, chunk: chunk)
      } throws: { error in
        guard let e = error as? PipelineError else { return false }
        return e.status == .unreadableInput && e.message.hasPrefix("t.csv:3: invalid UTF-8")
      }
    }
  }

  @Test func unterminatedQuoteAtTheEndFailsAtTheRecordsFirstLine() throws {
    let text = "a,b\n1,2\n3,\"open\nstill open\nend of file\n"
    for chunk in [1, 5, 1000] {
      #expect {
        _ = try parse(text, chunk: chunk)
      } throws: { error in
        guard let e = error as? PipelineError else { return false }
        return e.status == .unreadableInput && e.message.hasPrefix("t.csv:3: ")
          && e.message.contains("unterminated quote")
      }
    }
  }

  @Test func overlongRecordFails() throws {
    let text = "a\n\"" + String(repeating: "x", count: 5000) + "\"\n"
    #expect {
      _ = try parse(Array(text.utf8), chunk: 100, maxRecordBytes: 1000)
    } throws: { ($0 as? PipelineError)?.message.hasPrefix("t.csv:2: the record starting here is longer than 1000 bytes") == true }
  }

  @Test func textAfterAClosingQuoteIsMarked() throws {
    let rows = try parse("a,b\n\"x\"y,2\n")
    #expect(rows[1].malformed == 0)
    #expect(rows[1].fields == ["\"x\"y", "2"])
    #expect(rows[0].malformed == -1)
  }

  @Test func loneCarriageReturnIsText() throws {
    #expect(try parse("a,b\rc\n") == [Row(line: 1, fields: ["a", "b\rc"])])
  }

  @Test func quoteInsideAnUnquotedFieldIsText() throws {
    #expect(try parse("5\" scherm,x\n") == [Row(line: 1, fields: ["5\" scherm", "x"])])
  }
}
