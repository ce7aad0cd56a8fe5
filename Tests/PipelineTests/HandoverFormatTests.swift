import Foundation
import Testing

@testable import Model
@testable import Pipeline

@Suite struct HandoverFormatTests {
  static func day(_ s: String) -> Day { Day.parseISO(s)! }

  @Test func stagedMeldingenRoundTrip() throws {
    let dir = TemporaryDirectory()
    let a = Melding(
      id: "M1", casusID: "C1", ontvangstdatum: Self.day("2021-01-04"), gemeente: GemeenteCode("GM0014")!,
      rolMelder: .beroepsmatig, organisatieMelder: .politie_melding_aangifte,
      aardGeweld: CodeSet([.partnergeweld, .kindermishandeling]), duurGeweld: .`1_5_jaar`,
      acuteOnveiligheid: .nee, structureleOnveiligheid: .ja, besluit: .overdracht,
      besluitdatum: Self.day("2021-01-10"), eersteContactDatum: Self.day("2021-01-06"),
      vervolgmelding: .nee, radarmelding: false)
    var b = a
    b.id = "M2 met spatie"
    b.organisatieMelder = nil
    b.aardGeweld = CodeSet()
    b.besluit = nil
    b.besluitdatum = nil
    let writer = try StagedWriter<Melding>(path: dir.file("melding.tsv"))
    try writer.write(a)
    try writer.write(b)
    try writer.close()
    #expect(try StagedReader<Melding>(path: dir.file("melding.tsv")).readAll() == [a, b])
    let lines = dir.read("melding.tsv")!.split(separator: "\n")
    #expect(lines[0] == "#vtcijfers-staged/1\tmelding")
    #expect(lines[2].hasPrefix("M1\tC1\t2021-01-04\tGM0014\tberoepsmatig\tpolitie_melding_aangifte\tkindermishandeling|partnergeweld\t\t1_5_jaar\t"))
    // Staged files hold pseudonyms: only the pipeline's user may read them.
    let attributes = try FileManager.default.attributesOfItem(atPath: dir.file("melding.tsv"))
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func aForeignOrOlderFileIsRefused() throws {
    let dir = TemporaryDirectory()
    dir.write("melding.tsv", "#vtcijfers-staged/0\tmelding\n")
    #expect(throws: PipelineError.self) { _ = try StagedReader<Melding>(path: dir.file("melding.tsv")).readAll() }
    dir.write("dienst.tsv", "#vtcijfers-staged/1\tdienst\ndienst_id\tcasus_id\ttype\tstartdatum\teinddatum\tuitkomst\nD1\tC1\tonderzoek\t2021-02-30\t\t\n")
    #expect(throws: PipelineError.self) { _ = try StagedReader<Dienst>(path: dir.file("dienst.tsv")).readAll() }
  }

  @Test func aMissingStagedFileHasNoRecords() throws {
    #expect(try StagedReader<Advies>(path: "/nonexistent/advies.tsv").readAll().isEmpty)
  }

  @Test func factsRoundTripSortedWithoutZeros() throws {
    let dir = TemporaryDirectory()
    let rows = [
      AggregateRow(measure: "ontvangen_meldingen", period: "2021JJ00", regionLevel: .vtregio, regionCode: "VT14", value: 7),
      AggregateRow(measure: "gestarte_adviezen", period: "2021JJ00", regionLevel: .gemeente, regionCode: "onbekend", value: 2),
      AggregateRow(measure: "gestarte_adviezen", period: "2021JJ00", regionLevel: .gemeente, regionCode: "GM0200", dimension: "rol", category: "beroepsmatig", value: 0),
    ]
    #expect(try FactsFile.write(rows, to: dir.file("f.tsv")) == 2)
    var back: [AggregateRow] = []
    try FactsFile.forEach(path: dir.file("f.tsv")) { back.append($0) }
    #expect(back == [rows[1], rows[0]])
  }

  @Test func lineReaderHandlesCRLFAndAMissingFinalNewlineAcrossChunks() throws {
    let dir = TemporaryDirectory()
    let text = (1...50).map { "line \($0) " + String(repeating: "x", count: $0) }.joined(separator: "\r\n")
    dir.write("t.txt", text)
    var lines: [String] = []
    try LineReader(path: dir.file("t.txt"), chunkSize: 7).forEachLine { line, number in
      #expect(number == lines.count + 1)
      lines.append(String(decoding: line, as: UTF8.self))
    }
    #expect(lines == text.components(separatedBy: "\r\n"))
  }

  /// A file read in parts gives every line exactly once, whole, with its number in the file,
  /// the first `skipLines` lines always in part 0: whatever the number of parts, the chunk
  /// size, the line endings, a missing last line feed, or a file shorter than its parts.
  @Test func linesReadInPartsAreTheFileOnce() throws {
    let dir = TemporaryDirectory()
    let long = (1...40).map { "row \($0) " + String(repeating: "y", count: ($0 * 7) % 23) }
    let files: [(String, String)] = [
      ("lf.txt", (["format", "header"] + long).joined(separator: "\n") + "\n"),
      ("crlf.txt", (["format", "header"] + long).joined(separator: "\r\n")),
      ("short.txt", "f\nh\n1\n"),
      ("headers.txt", "a long format line\nh"),
      ("empty.txt", ""),
    ]
    for (name, text) in files {
      dir.write(name, text)
      // The lines, split on the bytes: `Character` would keep "\r\n" whole.
      var pieces = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
      if pieces.last?.isEmpty == true { pieces.removeLast() }
      let expected = pieces.enumerated().map { (i, piece) in
        (i + 1, String(decoding: piece.last == 0x0D ? piece.dropLast() : piece, as: UTF8.self))
      }
      for parts in [1, 2, 3, 7, 64] {
        for chunkSize in [5, 1 << 16] {
          let reader = LineReader(path: dir.file(name), chunkSize: chunkSize)
          let cut = try reader.parts(parts, skipLines: 2)
          #expect(cut.count <= parts)
          if name == "lf.txt" { #expect(cut.count == min(parts, 7) || cut.count >= 2 && parts > 7) }
          var seen: [(Int, String)] = []
          for (k, part) in cut.enumerated() {
            var inPart: [(Int, String)] = []
            try reader.forEachLine(in: part) { line, number in
              inPart.append((number, String(decoding: line, as: UTF8.self)))
            }
            #expect(!inPart.isEmpty, "\(name) \(k)/\(parts)")
            if k > 0 { #expect(inPart.allSatisfy { $0.0 > 2 }, "\(name) \(k)/\(parts)") }
            seen += inPart
          }
          #expect(seen.map(\.0) == expected.map(\.0), "\(name) in \(parts) parts of \(chunkSize)")
          #expect(seen.map(\.1) == expected.map(\.1), "\(name) in \(parts) parts of \(chunkSize)")
        }
      }
    }
  }
}
