import Foundation
import Model
import Pipeline
import Testing

@testable import Transform

/// The byte-level staged reader reads what `StagedWriter` writes, field by field, as
/// `StagedReader` does.
@Suite struct StagedTableTests {
  @Test func readsEveryFieldOfAMelding() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/melding.tsv"
    let records = [
      melding(
        "M-1", casus: "C-1", "2021-02-28", "GM0014", aard: [.kindermishandeling, .geen],
        aanvullend: [.stalking, .huwelijksdwang], rol: .beroepsmatig, organisatie: .wijkteam,
        duur: .`1_week_1_maand`, vormKM: [.pcf], vormOM: [.andere_om], acute: .ja,
        structureel: .onbekend, besluit: .geen_vervolg, eersteContact: "2021-03-01",
        vervolgmelding: .na_veiligheidsbeoordeling),
      melding("M-2", casus: "C-2", "2020-01-01", "GM1979"),
    ]
    let w = try StagedWriter<Melding>(path: path)
    for r in records { try w.write(r) }
    try w.close()
    let c = try MeldingCounting.Columns()
    var read: [Melding] = []
    let n = try StagedTable<Melding>(path: path).forEachRow { row in
      read.append(
        Melding(
          id: String(decoding: try row.id(c.id), as: UTF8.self),
          casusID: String(decoding: try row.id(c.casus), as: UTF8.self),
          ontvangstdatum: try row.day(c.ontvangstdatum), gemeente: try row.gemeente(c.gemeente),
          rolMelder: try row.code(c.rol, c.rolLookup),
          organisatieMelder: try row.optionalCode(c.organisatie, c.organisatieLookup),
          aardGeweld: CodeSet(bits: try row.codes(c.aard, c.aardLookup)),
          aanvullendeInformatie: CodeSet(bits: try row.codes(c.aanvullend, c.aanvullendLookup)),
          duurGeweld: try row.optionalCode(c.duur, c.duurLookup),
          vormKindermishandeling: CodeSet(bits: try row.codes(c.vormKM, c.vormKMLookup)),
          vormOuderenmishandeling: CodeSet(bits: try row.codes(c.vormOM, c.vormOMLookup)),
          acuteOnveiligheid: try row.code(c.acute, c.janeeLookup),
          structureleOnveiligheid: try row.code(c.structureel, c.janeeLookup),
          besluit: try row.optionalCode(c.besluit, c.besluitLookup),
          besluitdatum: try row.optionalDay(Melding.stagedColumns.firstIndex(of: "besluitdatum")!),
          eersteContactDatum: try row.optionalDay(c.eersteContact),
          vervolgmelding: try row.code(c.vervolgmelding, c.vervolgLookup),
          radarmelding: try row.bool(Melding.stagedColumns.firstIndex(of: "radarmelding")!)))
    }
    #expect(n == 2)
    #expect(read == records)
    #expect(try StagedReader<Melding>(path: path).readAll() == read)
  }

  @Test func pseudonymsAndMissingFiles() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/betrokkene.tsv"
    let w = try StagedWriter<Betrokkene>(path: path)
    try w.write(
      Betrokkene(
        meldingID: "M", pseudonym: Pseudonym(high: 0x0123_4567_89AB_CDEF, low: 42), rol: .pleger))
    try w.write(Betrokkene(meldingID: "M", pseudonym: nil, rol: .getuige))
    try w.close()
    var seen: [Pseudonym?] = []
    try StagedTable<Betrokkene>(path: path).forEachRow { seen.append(try $0.optionalPseudonym(1)) }
    #expect(seen == [Pseudonym(high: 0x0123_4567_89AB_CDEF, low: 42), nil])
    #expect(try StagedTable<Betrokkene>(path: dir.path + "/absent.tsv").forEachRow { _ in } == 0)
  }

  /// Every byte value in every position of a pseudonym: only 0-9 and a-f are digits (the parse
  /// is branch-free arithmetic, so each byte is checked against the spelling, not a range).
  @Test func pseudonymDigitsAreExactlyLowerCaseHex() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/betrokkene.tsv"
    let hex = Array("0123456789abcdef".utf8)
    var text = Array(
      "#vtcijfers-staged/1\tbetrokkene\n\(Betrokkene.stagedColumns.joined(separator: "\t"))\n"
        .utf8)
    var cases: [(position: Int, byte: UInt8)] = []
    for byte in UInt8.min...UInt8.max where byte != 0x09 && byte != 0x0A {
      for position in [0, 7, 15, 16, 31] {
        var digits = [UInt8](repeating: 0x30, count: 32)
        digits[position] = byte
        text += Array("M\t".utf8) + digits + Array("\t\tman\tpleger\n".utf8)
        cases.append((position, byte))
      }
    }
    try Data(text).write(to: URL(fileURLWithPath: path))
    var results: [Pseudonym?] = []
    try StagedTable<Betrokkene>(path: path).forEachRow {
      results.append(try? $0.optionalPseudonym(1))
    }
    #expect(results.count == cases.count)
    for (c, result) in zip(cases, results) {
      if let digit = hex.firstIndex(of: c.byte) {
        // The digit's value, shifted to its place in the 128 bits.
        let shift = UInt64(4 * (15 - c.position % 16))
        let expected =
          c.position < 16
          ? Pseudonym(high: UInt64(digit) << shift, low: 0)
          : Pseudonym(high: 0, low: UInt64(digit) << shift)
        #expect(result == expected, "byte \(c.byte) at \(c.position)")
      } else {
        #expect(result == nil, "byte \(c.byte) at \(c.position) accepted")
      }
    }
  }

  @Test func rejectsForeignFilesAndShortRows() throws {
    let dir = try TemporaryDirectory()
    let path = dir.path + "/dienst.tsv"
    try
      "#vtcijfers-staged/1\tdienst\n\(Dienst.stagedColumns.joined(separator: "\t"))\nD1\tC1\tonderzoek\n"
      .write(toFile: path, atomically: false, encoding: .utf8)
    #expect {
      try StagedTable<Dienst>(path: path).forEachRow { _ in }
    } throws: { "\($0)".hasSuffix("dienst.tsv:3: 3 fields, dienst has 6") }
    let other = dir.path + "/other.tsv"
    try "#vtcijfers-staged/2\tdienst\n".write(toFile: other, atomically: false, encoding: .utf8)
    #expect {
      try StagedTable<Dienst>(path: other).forEachRow { _ in }
    } throws: { "\($0)".contains("other.tsv:1: not a staged dienst file of format 1") }
    // A pseudonym that does not parse is reported without its value.
    let b = dir.path + "/betrokkene.tsv"
    try
      "#vtcijfers-staged/1\tbetrokkene\n\(Betrokkene.stagedColumns.joined(separator: "\t"))\nM\t123456782\t\tman\tpleger\n"
      .write(toFile: b, atomically: false, encoding: .utf8)
    #expect {
      try StagedTable<Betrokkene>(path: b).forEachRow { _ = try $0.optionalPseudonym(1) }
    } throws: { error in
      "\(error)".contains("pseudonym: \"(not shown)\" is not a pseudonym")
        && !"\(error)".contains("123456782")
    }
  }
}
