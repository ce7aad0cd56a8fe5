import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// The nested XML layout end to end: two documents, casus nesting, records before the
/// melding they refer to, unknown names, rejects located by element path.
@Suite struct VTXMLExtractTests {
  static let first = """
    <?xml version="1.0" encoding="UTF-8"?>
    <vtExport versie="1.0" organisatie="VT-Groningen" peildatum="2022-01-05">
      <advies id="A1" start="2021-03-01" eind="2021-03-02" gemeente="GM1979"
              contactvorm="telefoon" rol="beroepsmatig" organisatie="basisonderwijs">
        <aard>kindermishandeling</aard>
        <aanvullend>conflictscheiding</aanvullend>
        <vormKM>emotionele_verwaarlozing</vormKM>
      </advies>
      <casus id="C1">
        <dienst id="D0" type="onderzoek" start="2021-01-10" foo="1"/>
        <melding id="M1" ontvangst="2021-01-04" gemeente="GM0014" rol="beroepsmatig"
                 organisatie="politie_melding_aangifte" duur="1_5_jaar" acuut="nee" structureel="ja"
                 besluit="overdracht" besluitdatum="2021-01-10" eersteContact="2021-01-06"
                 vervolgmelding="nee" radar="nee">
          <aard>partnergeweld</aard>
          <betrokkene bsn="111222333" geboortejaar="1985" geslacht="vrouw" rol="slachtoffer"/>
        </melding>
        <dienst id="D1" type="voorwaarden_en_vervolg" start="2021-01-10" eind="2021-04-01" foo="2"/>
        <overdracht id="O1" datum="2021-04-01" moment="na_dienst" ontvanger="lokaal_team" monitoring="ja"/>
        <monitoring id="MO1" start="2021-04-01" eind="2021-10-01" extraInterventie="nee"/>
        <huisverbod id="H1" gemeente="GM0014" beoordeling="2021-01-05" opgelegd="ja" verlengd="nee"/>
        <notitie>
          <melding id="M5" ontvangst="2021-02-04" gemeente="GM0014" rol="onbekend" acuut="nee"
                   structureel="nee" vervolgmelding="nee" radar="nee"><aard>onbekend</aard></melding>
        </notitie>
        <notitie/>
      </casus>
      <melding id="M6" ontvangst="2021-02-04" gemeente="GM0014" rol="onbekend" acuut="nee"
               structureel="nee" vervolgmelding="nee" radar="nee"><aard>onbekend</aard></melding>
      <activiteit id="ACT1" type="voorlichting" datum="2021-02-02" gemeente="GM0014"/>
    </vtExport>
    """

  static let second = """
    <?xml version="1.0" encoding="UTF-8"?>
    <vtExport versie="1.0" organisatie="VT-Groningen" peildatum="2022-02-01">
      <casus id="C2">
        <melding id="M1" ontvangst="2021-03-04" gemeente="GM0014" rol="beroepsmatig" acuut="nee"
                 structureel="ja" vervolgmelding="nee" radar="nee">
          <aard>partnergeweld</aard>
          <betrokkene bsn="123456782" geslacht="man" rol="pleger"/>
        </melding>
        <dienst id="D2" type="onderzoek" start="2021-03-10"/>
      </casus>
      <casus id="C3">
        <melding id="M7" ontvangst="2021-05-04" gemeente="GM0010" rol="beroepsmatig" acuut="ja"
                 structureel="ja" vervolgmelding="nee" radar="ja">
          <aard> kindermishandeling </aard>
          <aard>partnergeweld</aard>
          <betrokkene bsn="123456789" geslacht="man" rol="pleger"/>
          <betrokkene geboortejaar="2010" geslacht="vrouw" rol="slachtoffer"/>
          <betrokkene geboortejaar="2022" geslacht="vrouw" rol="getuige"/>
        </melding>
      </casus>
      <casus id="C4">
        <melding id="M8" ontvangst="2021-05-04" gemeente="GM0014" rol="beroepsmatig" acuut="nee"
                 structureel="nee" vervolgmelding="nee" radar="nee">
          <betrokkene geslacht="man" rol="pleger"/>
          <aard>stalking</aard>
        </melding>
      </casus>
      <advies id="\(String(repeating: "x", count: 100_000))" start="2021-03-01" contactvorm="chat" rol="onbekend"><aard>geen</aard></advies>
    </vtExport>
    """

  @Test func documentsNestingAndElementPaths() throws {
    let f = try Fixture()
    try f.write("inputs/test/veilig-thuis/a.xml", Self.first)
    try f.gzip("inputs/test/veilig-thuis/a.xml")
    try f.write("inputs/test/veilig-thuis/b.xml", Self.second)
    try f.pipeline(layout: "vt-xml")
    let report = try f.extract()

    // a.xml.gz: meldingen M1 and M5 (inside the unknown <notitie>) accepted; M6 outside a
    // casus rejected. Diensten D0 (before its melding) and D1 accepted.
    #expect(Fixture.count(report, file: "veilig-thuis/a.xml.gz", entity: "melding")! == (3, 2, 1))
    #expect(Fixture.count(report, file: "veilig-thuis/a.xml.gz", entity: "dienst")! == (2, 2, 0))
    #expect(Fixture.count(report, file: "veilig-thuis/a.xml.gz", entity: "betrokkene")! == (1, 1, 0))
    for e in ["advies", "overdracht", "monitoring", "huisverbod", "activiteit"] {
      #expect(Fixture.count(report, file: "veilig-thuis/a.xml.gz", entity: e)! == (1, 1, 0), "\(e)")
    }
    // b.xml: M1 again (duplicate), M7 accepted, M8 (unknown aard) rejected.
    #expect(Fixture.count(report, file: "veilig-thuis/b.xml", entity: "melding")! == (3, 1, 2))
    // Betrokkenen: in the duplicate M1 (dangling), in M7: invalid bsn, accepted (2010 ≤
    // 2021), 2022 > 2021 (bad_value); in M8 (dangling): 5 read, 1 accepted.
    #expect(Fixture.count(report, file: "veilig-thuis/b.xml", entity: "betrokkene")! == (5, 1, 4))
    #expect(Fixture.count(report, file: "veilig-thuis/b.xml", entity: "dienst")! == (1, 0, 1))
    #expect(Fixture.count(report, file: "veilig-thuis/b.xml", entity: "advies")! == (1, 0, 1))

    let rows = try f.rejects()
    let rejects = rows.map { "\($0["file"]!) \($0["element"]!) \($0["field"]!) \($0["rule"]!)" }
    #expect(
      rejects == [
        "a.xml.gz /vtExport/melding[1] casus_id missing_required",
        "b.xml /vtExport/casus[1]/melding[1] melding_id duplicate_id",
        "b.xml /vtExport/casus[2]/melding[1]/betrokkene[1] bsn invalid_bsn",
        "b.xml /vtExport/casus[3]/melding[1] aard_geweld unknown_code",
        "b.xml /vtExport/advies[1] advies_id bad_value",
        "b.xml /vtExport/casus[1]/melding[1]/betrokkene[1] melding_id dangling_melding",
        "b.xml /vtExport/casus[1]/dienst[1] casus_id dangling_casus",
        "b.xml /vtExport/casus[2]/melding[1]/betrokkene[3] geboortejaar bad_value",
        "b.xml /vtExport/casus[3]/melding[1]/betrokkene[1] melding_id dangling_melding",
      ])
    // The line of an element is where libxml2 places it: the end of its start tag (the
    // first melding of b.xml spans lines 4 and 5).
    #expect(rows[1]["line"] == "5")
    #expect(rows[2]["line"] == "16")
    // The 100 000-character id is cut in the rejects.
    #expect(rows[4]["value"]!.hasSuffix("… (100000 bytes)"))
    #expect(rows[4]["value"]!.count < 300)

    let meldingen = try f.staged(Melding.self)
    #expect(meldingen.map(\.id) == ["M1", "M5", "M7"])
    #expect(meldingen.map(\.casusID) == ["C1", "C1", "C3"])
    #expect(meldingen[2].aardGeweld == CodeSet([.kindermishandeling, .partnergeweld]))
    #expect(try f.staged(Dienst.self).map(\.id) == ["D0", "D1"])
    #expect(try f.staged(Betrokkene.self).map(\.geboortejaar) == [1985, 2010])
    #expect(try f.staged(Huisverbod.self).map(\.casusID) == ["C1"])
    let advies = try f.staged(Advies.self)
    #expect(advies.map(\.vormKindermishandeling) == [CodeSet([.emotionele_verwaarlozing])])

    let source = try f.index().sources[0]
    #expect(source.peildatum == "2022-02-01")
    #expect(source.peildatumSource == "xml")
    // Unknown names are warned about once per name.
    #expect(report.warnings.filter { $0.contains("attribute foo of <dienst>") }.count == 1)
    #expect(report.warnings.filter { $0.contains("element <notitie>") }.count == 1)
  }

  @Test func doctypeRefusesTheExport() throws {
    let f = try Fixture()
    try f.write(
      "inputs/test/veilig-thuis/a.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE vtExport [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<vtExport peildatum=\"2022-01-05\">&x;</vtExport>\n")
    try f.pipeline(layout: "vt-xml")
    let (status, message) = f.extractStatus()
    #expect(status == .unreadableInput)
    #expect(message.contains("a.xml:") && message.contains("the document has a DOCTYPE"))
    #expect(!message.contains("root:"))
    #expect(!FileManager.default.fileExists(atPath: f.staged))
  }

  @Test func notWellFormedRefusesTheExport() throws {
    let f = try Fixture()
    try f.write("inputs/test/veilig-thuis/a.xml", "<vtExport>\n<casus id=\"C1\">\n</vtExport>\n")
    try f.pipeline(layout: "vt-xml")
    let (status, message) = f.extractStatus()
    #expect(status == .unreadableInput)
    #expect(message.contains("a.xml:3: XML not well-formed"))
  }

  @Test func wrongRootOrBadPeildatumRefusesTheExport() throws {
    for (doc, expected) in [
      ("<export/>", "the root element is <export>, expected <vtExport>"),
      ("<vtExport peildatum=\"2022-13-01\"/>", "peildatum \"2022-13-01\" is not a date"),
    ] {
      let f = try Fixture()
      try f.write("inputs/test/veilig-thuis/a.xml", doc)
      try f.pipeline(layout: "vt-xml")
      let (status, message) = f.extractStatus()
      #expect(status == .unreadableInput)
      #expect(message.contains(expected), "\(message)")
    }
  }

  /// The staged files of a run, by path under `staged/` (extract.json and index.json left
  /// out: they hold the run's time).
  static func stagedFiles(_ f: Fixture) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let e = FileManager.default.enumerator(atPath: f.staged)!
    for case let name as String in e where !FileSystem.isDirectory(f.staged + "/" + name) {
      guard name != "extract.json" && name != "index.json" else { continue }
      files[name] = try Data(contentsOf: URL(fileURLWithPath: f.staged + "/" + name))
    }
    return files
  }

  @Test func everyChunkAndBatchSizeStagesTheSameBytes() throws {
    // A chunk size is also the size of the parsed-node batches (rounded up to whole 8-byte
    // words): at 2 and 8 every node is cut by a batch end and the 100 000-byte id of b.xml
    // spans 12 500 batches; 13 and 64 cut records at other places. (Not 1: the gzip magic
    // is two bytes, and a.xml is gzipped.)
    var runs: [[String: Data]] = []
    for chunk in [1 << 18, 2, 8, 13, 64] {
      let f = try Fixture()
      try f.write("inputs/test/veilig-thuis/a.xml", Self.first)
      try f.gzip("inputs/test/veilig-thuis/a.xml")
      try f.write("inputs/test/veilig-thuis/b.xml", Self.second)
      try f.pipeline(layout: "vt-xml")
      try f.extract(chunkSize: chunk)
      runs.append(try Self.stagedFiles(f))
    }
    #expect(runs[0]["rejects.csv"] != nil && runs[0].count > 5)
    for (i, run) in runs.enumerated().dropFirst() { #expect(run == runs[0], "run \(i)") }
  }

  @Test func aConsumerErrorInALongDocumentStopsTheParsingThread() throws {
    // The root's peildatum is refused at the first node; 50 000 records follow, which the
    // parsing thread must not go on reading (it is cancelled and joined: no hang; that it
    // stops early is shown by PipelinedXMLReaderTests, which count its reads).
    let record = "<activiteit id=\"X\" type=\"voorlichting\" datum=\"2021-02-02\" gemeente=\"GM0014\"/>\n"
    let doc = "<vtExport peildatum=\"2022-13-01\">\n" + String(repeating: record, count: 50_000) + "</vtExport>\n"
    let f = try Fixture()
    try f.write("inputs/test/veilig-thuis/a.xml", doc)
    try f.pipeline(layout: "vt-xml")
    for chunk in [64, 1 << 18] {
      let start = ContinuousClock.now
      let (status, message) = f.extractStatus(chunkSize: chunk)
      #expect(status == .unreadableInput)
      // Located at the parser's line, which is ahead of the root by what libxml2 read.
      #expect(message.contains("a.xml:") && message.contains(": peildatum \"2022-13-01\" is not a date"), "\(message)")
      #expect(ContinuousClock.now - start < .seconds(30))
    }
  }
}
