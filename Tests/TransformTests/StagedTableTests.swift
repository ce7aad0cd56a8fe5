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
