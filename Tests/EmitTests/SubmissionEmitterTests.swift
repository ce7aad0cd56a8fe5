import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// The CBS submission file: its folder, layout, header, trailer, escaping and determinism.
@Suite struct SubmissionEmitterTests {
  typealias F = CBSFixtures

  func lines(_ path: String) throws -> [String] {
    try F.text(path).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
      String.init)
  }

  @Test func publishesTheFileAndBothReportsInThePeriodsFolder() throws {
    let (dir, out, _) = try CBSStagedExport.fixture.publish()
    defer { F.remove(dir) }
    let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(
      files == [
        "VT14_2021KW03.txt", "kwaliteitsrapport.csv", "kwaliteitsrapport.html",
        "spiegelrapport.csv",
        "spiegelrapport.html",
      ])
    // The file holds pseudonyms: readable by the pipeline's user only.
    let attributes = try FileManager.default.attributesOfItem(atPath: out + "/VT14_2021KW03.txt")
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func headerBodyAndTrailerFollowTheLayout() throws {
    let (dir, out, _) = try CBSStagedExport.fixture.publish()
    defer { F.remove(dir) }
    let l = try lines(out + "/VT14_2021KW03.txt")
    #expect(
      l.first
        == "HEADER;vtcijfers-cbs;1;VT14;Veilig Thuis Noord Oost Gelderland;2021KW03;2021-07-01;"
        + "2021-09-30;2021-11-23;file;0123456789abcdef;")
    // Of the fixture, 2021KW03 holds adviezen A1 and A;2 (A0 is from April), meldingen M1,
    // M2 and M3-é (M0 is from May) with their 4 betrokkenen, D1, O1, T1 and H1.
    let body = Array(l.dropFirst().dropLast())
    let tags = body.map { $0.prefix { $0 != ";" } }
    #expect(
      tags == [
        "ADVIES", "ADVIES", "MELDING", "MELDING", "MELDING", "BETROKKENE", "BETROKKENE",
        "BETROKKENE", "BETROKKENE", "DIENST", "OVERDRACHT", "MONITORING", "HUISVERBOD",
      ])
    // Sorted by id byte-wise: "A1" (0x31) before "A;2" (0x3B).
    #expect(
      body[0].hasPrefix("ADVIES;A1;2021-07-01;2021-07-02;GM0197;telefoon;beroepsmatig;huisarts;"))
    #expect(
      body[2]
        == "MELDING;M1;C1;2021-07-05;GM0197;beroepsmatig;huisarts;kindermishandeling;;;"
        + "fysieke_verwaarlozing;;nee;ja;vervolg_vt;2021-07-09;2021-07-07;nee;nee")
    // The trailer: counts per type (advies, melding, betrokkene, dienst, overdracht,
    // monitoring, huisverbod), their total 2+3+4+1+1+1+1 = 13, and the body's SHA-256.
    let text = try F.text(out + "/VT14_2021KW03.txt")
    let bodyText = body.map { $0 + "\n" }.joined()
    #expect(text.contains(bodyText))
    #expect(l.last == "TRAILER;2;3;4;1;1;1;1;13;" + Checksum.sha256(Array(bodyText.utf8)))
  }

  @Test func theFileIsSevenBitASCIIWithIdsEscaped() throws {
    let (dir, out, _) = try CBSStagedExport.fixture.publish()
    defer { F.remove(dir) }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: out + "/VT14_2021KW03.txt"))
    #expect(bytes.allSatisfy { $0 < 0x80 })
    let l = try lines(out + "/VT14_2021KW03.txt")
    // "A;2": the `;` as %3B; "M3-é": é is UTF-8 C3 A9.
    #expect(
      l.contains {
        $0.hasPrefix(
          "ADVIES;A%3B2;2021-09-15;;;chat;niet_beroepsmatig;;partnergeweld;stalking;langer_5_jaar;;"
        )
      })
    #expect(l.contains { $0.hasPrefix("MELDING;M3-%C3%A9;C3;2021-09-30;GM0200;") })
    #expect(l.contains("BETROKKENE;M3-%C3%A9;;1950;onbekend;slachtoffer"))
    #expect(SubmissionLayout.escape("100%;é\tx") == "100%25%3B%C3%A9%09x")
  }

  @Test func betrokkenenCarryOnlyThePseudonym() throws {
    let (dir, out, _) = try CBSStagedExport.fixture.publish()
    defer { F.remove(dir) }
    let records = try lines(out + "/VT14_2021KW03.txt").filter { $0.hasPrefix("BETROKKENE;") }
      .map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
    #expect(records.count == 4)
    for r in records {
      // BETROKKENE;melding_id;pseudonym;geboortejaar;geslacht;rol
      #expect(r.count == 6)
      #expect(
        r[2].isEmpty || (r[2].count == 32 && r[2].allSatisfy { $0.isHexDigit && !$0.isUppercase }))
    }
    #expect(records[0][2] == CBSStagedExport.pseudonym(1).hex)
    #expect(records[0][1] == "M1" && records[1][1] == "M1")  // M1's two, in file order
    #expect(records[0][5] == "slachtoffer" && records[1][5] == "pleger")
  }

  @Test func theSameInputsGiveTheSameBytes() throws {
    let a = try CBSStagedExport.fixture.publish()
    defer { F.remove(a.dir) }
    let first = try FileManager.default.contentsOfDirectory(atPath: a.out).sorted().map {
      try Data(contentsOf: URL(fileURLWithPath: a.out + "/" + $0))
    }
    // Again, into the same folder (the previous one is replaced whole), and from a staged
    // export whose records are in another order.
    _ = try CBSStagedExport.fixture.publish(dir: a.dir)
    let again = try FileManager.default.contentsOfDirectory(atPath: a.out).sorted().map {
      try Data(contentsOf: URL(fileURLWithPath: a.out + "/" + $0))
    }
    #expect(first == again)
    var shuffled = CBSStagedExport.fixture
    shuffled.adviezen.reverse()
    shuffled.meldingen.reverse()
    let b = try shuffled.publish()
    defer { F.remove(b.dir) }
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: b.out + "/VT14_2021KW03.txt"))
        == first[0])
  }

  @Test func theDemoKeyIsSaidEverywhere() throws {
    var e = CBSStagedExport.fixture
    e.demoKey = true
    let (dir, out, _) = try e.publish()
    defer { F.remove(dir) }
    let name = "VT14_2021KW03_DEMO_NIET_UPLOADEN.txt"
    #expect(FileSystem.exists(out + "/" + name))
    let header = try lines(out + "/" + name)[0]
    #expect(
      header.hasSuffix(
        ";demo;0123456789abcdef;DEMOSLEUTEL: pseudoniemen gemaakt met de demosleutel - NIET UPLOADEN"
      ))
    for report in ["spiegelrapport.html", "kwaliteitsrapport.html"] {
      let html = try F.text(out + "/" + report)
      #expect(
        html.contains(
          "<div class=\"warning\" role=\"alert\"><strong>Let op:</strong> de pseudoniemen"))
      #expect(html.contains("mag niet naar het CBS worden geüpload"))
    }
  }

  @Test func aHalfYearTakesBothQuartersAndComparesWithTheHalfYearBefore() throws {
    let (dir, out, _) = try CBSStagedExport.fixture.publish(period: "2021HJ01")
    defer { F.remove(dir) }
    let l = try lines(out + "/VT14_2021HJ01.txt")
    #expect(l[0].contains(";2021HJ01;2021-01-01;2021-06-30;"))
    // Only A0 and M0 (with its betrokkene) lie in the first half of 2021.
    #expect(l.last!.hasPrefix("TRAILER;1;1;1;0;0;0;0;3;"))
    let spiegel = try F.text(out + "/spiegelrapport.html")
    #expect(spiegel.contains("2e halfjaar 2020 (2020HJ02)"))
  }

  @Test func aFoutFailsTheRunWhenThePolicySaysSoAfterPublishing() throws {
    var e = CBSStagedExport.fixture
    e.meldingen[0].besluitdatum = nil  // M1: besluit without besluitdatum, a fout
    let lenient = try e.publish(failOnFout: false)
    defer { F.remove(lenient.dir) }
    #expect(lenient.kwaliteit.count(.fout) == 1)
    let dir = try F.temporaryDirectory()
    defer { F.remove(dir) }
    try e.write(work: dir + "/work")
    let error = #expect(throws: PipelineError.self) {
      _ = try e.publish(failOnFout: true, dir: dir)
    }
    #expect(error?.status == .qualityFailed)
    #expect(error?.message.contains("kwaliteitsrapport.html: 1 record(s) with a fout") == true)
    // The reports are published all the same.
    #expect(FileSystem.exists(dir + "/out/cbs/2021KW03/kwaliteitsrapport.html"))
  }

  @Test func withoutAStagedFolderItSaysWhatIsMissing() throws {
    let dir = try F.temporaryDirectory()
    defer { F.remove(dir) }
    let error = #expect(throws: PipelineError.self) {
      _ = try CBSStagedExport.fixture.publish(dir: dir)
    }
    #expect(error?.status == .noInput)
    #expect(error?.message.contains("staged/index.json: missing") == true)
    #expect(!FileSystem.exists(dir + "/out/cbs/2021KW03"))
  }
}
