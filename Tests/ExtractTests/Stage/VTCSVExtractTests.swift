import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// The canonical CSV layout end to end: every rule of model.md, counts computed by hand.
@Suite struct VTCSVExtractTests {
  static let meldingHeader =
    "melding_id,casus_id,ontvangstdatum,gemeente,rol_melder,organisatie_melder,aard_geweld,aanvullende_informatie,duur_geweld,vorm_kindermishandeling,vorm_ouderenmishandeling,acute_onveiligheid,structurele_onveiligheid,besluit,besluitdatum,eerste_contact_datum,vervolgmelding,radarmelding,opmerking"

  /// A valid melding row with some fields replaced.
  static func melding(
    _ id: String, casus: String = "C1", date: String = "2021-02-01", gemeente: String = "GM0200",
    aard: String = "partnergeweld", besluitdatum: String = "", radar: String = "nee",
    opmerking: String = ""
  ) -> String {
    "\(id),\(casus),\(date),\(gemeente),beroepsmatig,,\(aard),,,,,nee,ja,,\(besluitdatum),,nee,\(radar),\(opmerking)"
  }

  static func write(_ f: Fixture) throws {
    let long = String(repeating: "x", count: 65)
    let meldingen = [
      meldingHeader,
      // line 2: accepted
      "M1,C1,2021-01-04,GM0200,beroepsmatig,huisarts,kindermishandeling|partnergeweld,,1_5_jaar,fysieke_mishandeling,,nee,ja,overdracht,2021-01-10,2021-01-06,nee,nee,\"vrij, tekst\"",
      melding("M2", casus: "C2", date: "2019-13-01"),  // 3: bad_date
      melding("M3", casus: "C3", gemeente: "GM9999"),  // 4: unknown_code (gemeente)
      melding("M4", casus: "C4", aard: "kindermishandeling|onzin"),  // 5: unknown_code (member)
      melding("M1", casus: "C9"),  // 6: duplicate_id
      melding("M5", casus: "C5", aard: ""),  // 7: missing_required (aard_geweld)
      melding("M6", casus: "C6", besluitdatum: "2021-01-31"),  // 8: bad_value (besluitdatum)
      "M7,C1,2021-03-01,GM0200,niet_beroepsmatig,,huiselijk_geweld_overig,,,,,onbekend,onbekend,,,,nee,ja,",  // 9: accepted
      melding("M8", casus: "C8", aard: "kindermishandeling||partnergeweld"),  // 10: unknown_code (empty member)
      melding("M9", casus: ""),  // 11: missing_required (casus_id)
      melding(long, casus: "C10"),  // 12: bad_value (id of 65 characters)
      melding("M10", casus: "C10", radar: "Ja"),  // 13: unknown_code (exact booleans)
      melding("M11", casus: "C11", aard: "partnergeweld|partnergeweld"),  // 14: bad_value (repeat)
      melding("M12", casus: "C12", date: "2021-06-30", opmerking: "\"regel 1\nregel 2\""),  // 15-16: accepted
      "M13,C13,2021-02-01,GM0200,beroepsmatig",  // 17: bad_value (5 fields)
    ]
    try f.write("inputs/test/veilig-thuis/meldingen.csv", meldingen.joined(separator: "\n") + "\n")
    try f.write(
      "inputs/test/veilig-thuis/betrokkenen.csv",
      """
      melding_id,bsn,geboortejaar,geslacht,rol
      M1,111222333,1985,vrouw,slachtoffer
      M1,123456789,1990,man,pleger
      M2,,1990,man,pleger
      M99,,1990,man,pleger
      M7,,2022,man,getuige
      M7,,1899,man,getuige
      M7,123456782,,onbekend,getuige
      M12,,,vrouw,slachtoffer

      """)
    try f.write(
      "inputs/test/veilig-thuis/diensten.csv",
      """
      dienst_id,casus_id,type,startdatum,einddatum,uitkomst
      D1,C1,onderzoek,2021-01-10,2021-02-01,bevestigd
      D2,C2,onderzoek,2021-01-10,,
      D1,C1,voorwaarden_en_vervolg,2021-01-10,,
      D3,C1,voorwaarden_en_vervolg,2021-01-10,,

      """)
    try f.write(
      "inputs/test/veilig-thuis/overdrachten.csv",
      "overdracht_id,casus_id,datum,moment,ontvanger,monitoring\r\nO1,C1,2021-04-01,na_dienst,lokaal_team,ja\r\nO2,C404,2021-04-01,na_dienst,lokaal_team,nee\r\n")
    try f.write(
      "inputs/test/veilig-thuis/monitoring.csv",
      "monitoring_id,casus_id,startdatum,einddatum,extra_interventie\nMO1,C12,2021-07-01,2021-10-01,nee\n")
    try f.write(
      "inputs/test/veilig-thuis/adviezen.csv",
      """
      \u{FEFF}advies_id,startdatum,einddatum,gemeente,contactvorm,rol_adviesvrager,organisatie_adviesvrager,aard_geweld,aanvullende_informatie,duur_geweld,vorm_kindermishandeling,vorm_ouderenmishandeling
      A1,2021-03-01,2021-03-02,,telefoon,beroepsmatig,basisonderwijs,kindermishandeling,,,emotionele_verwaarlozing,
      A2,2021-03-05,2021-03-01,GM0200,telefoon,beroepsmatig,,kindermishandeling,,,,

      """)
    try f.write(
      "inputs/test/veilig-thuis/huisverboden.csv",
      "huisverbod_id,casus_id,gemeente,beoordelingsdatum,opgelegd,verlengd\nH1,,GM0200,2021-05-01,ja,nee\nH2,C999,GM0200,2021-11-30,nee,nee\n")
    try f.write(
      "inputs/test/veilig-thuis/activiteiten.csv",
      "activiteit_id,type,datum,gemeente\nACT1,voorlichting,2021-02-02,\n")
    try f.write("inputs/test/veilig-thuis/readme.txt", "not an export file\n")
    try f.gzip("inputs/test/veilig-thuis/diensten.csv")
  }

  @Test func countsRejectsAndStagedRecords() throws {
    let f = try Fixture()
    try Self.write(f)
    try f.pipeline(layout: "vt-csv")
    let report = try f.extract()

    // Meldingen: 15 records (the one on lines 15-16 holds a line break); accepted M1, M7,
    // M12 = 3; rejected lines 3,4,5,6,7,8,10,11,12,13,14,17 = 12; 3 + 12 = 15.
    #expect(Fixture.count(report, file: "veilig-thuis/meldingen.csv", entity: "melding")! == (15, 3, 12))
    // Betrokkenen: 8 read; accepted lines 2, 8, 9 = 3; rejected 3 (invalid bsn),
    // 4 (M2 rejected), 5 (M99 missing), 6 (2022 > 2021), 7 (1899) = 5.
    #expect(Fixture.count(report, file: "veilig-thuis/betrokkenen.csv", entity: "betrokkene")! == (8, 3, 5))
    // Diensten (gzipped): D1 and D3 accepted; D2 dangling (C2 has no accepted melding),
    // the second D1 a duplicate.
    #expect(Fixture.count(report, file: "veilig-thuis/diensten.csv.gz", entity: "dienst")! == (4, 2, 2))
    #expect(Fixture.count(report, file: "veilig-thuis/overdrachten.csv", entity: "overdracht")! == (2, 1, 1))
    #expect(Fixture.count(report, file: "veilig-thuis/monitoring.csv", entity: "monitoring")! == (1, 1, 0))
    #expect(Fixture.count(report, file: "veilig-thuis/adviezen.csv", entity: "advies")! == (2, 1, 1))
    // H2's casus C999 has no melding: model.md gives a huisverbod's casus_id no rule.
    #expect(Fixture.count(report, file: "veilig-thuis/huisverboden.csv", entity: "huisverbod")! == (2, 2, 0))
    #expect(Fixture.count(report, file: "veilig-thuis/activiteiten.csv", entity: "activiteit")! == (1, 1, 0))
    for c in report.counts { #expect(c.read == c.accepted + c.rejected) }

    let rejects = try f.rejects().map { "\($0["file"]!):\($0["line"]!) \($0["entity"]!) \($0["field"]!) \($0["rule"]!)" }
    #expect(
      rejects == [
        "meldingen.csv:3 melding ontvangstdatum bad_date",
        "meldingen.csv:4 melding gemeente unknown_code",
        "meldingen.csv:5 melding aard_geweld unknown_code",
        "meldingen.csv:6 melding melding_id duplicate_id",
        "meldingen.csv:7 melding aard_geweld missing_required",
        "meldingen.csv:8 melding besluitdatum bad_value",
        "meldingen.csv:10 melding aard_geweld unknown_code",
        "meldingen.csv:11 melding casus_id missing_required",
        "meldingen.csv:12 melding melding_id bad_value",
        "meldingen.csv:13 melding radarmelding unknown_code",
        "meldingen.csv:14 melding aard_geweld bad_value",
        "meldingen.csv:17 melding (record) bad_value",
        "betrokkenen.csv:3 betrokkene bsn invalid_bsn",
        "betrokkenen.csv:4 betrokkene melding_id dangling_melding",
        "betrokkenen.csv:5 betrokkene melding_id dangling_melding",
        "betrokkenen.csv:6 betrokkene geboortejaar bad_value",
        "betrokkenen.csv:7 betrokkene geboortejaar bad_value",
        "diensten.csv.gz:3 dienst casus_id dangling_casus",
        "diensten.csv.gz:4 dienst dienst_id duplicate_id",
        "overdrachten.csv:3 overdracht casus_id dangling_casus",
        "adviezen.csv:3 advies einddatum bad_value",
      ])
    let all = try f.rejects()
    #expect(all[0]["value"] == "2019-13-01")
    #expect(all[12]["value"] == "invalid bsn")
    #expect(all[3]["id"] == "M1")

    let meldingen = try f.staged(Melding.self)
    #expect(meldingen.map(\.id) == ["M1", "M7", "M12"])
    #expect(meldingen[0].aardGeweld == CodeSet([.kindermishandeling, .partnergeweld]))
    #expect(meldingen[0].vormKindermishandeling == CodeSet([.fysieke_mishandeling]))
    #expect(meldingen[0].besluit == .overdracht)
    #expect(meldingen[1].rolMelder == .niet_beroepsmatig)
    #expect(meldingen[1].radarmelding)
    let betrokkenen = try f.staged(Betrokkene.self)
    #expect(betrokkenen.map(\.meldingID) == ["M1", "M7", "M12"])
    let demo = Pseudonymiser(key: PseudonymKey.demo.bytes)
    #expect(betrokkenen[0].pseudonym == demo.pseudonym(Bsn("111222333")!))
    #expect(betrokkenen[1].pseudonym == demo.pseudonym(Bsn("123456782")!))
    #expect(betrokkenen[2].pseudonym == nil)
    #expect(try f.staged(Advies.self).map(\.gemeente) == [.unknown])
    #expect(try f.staged(Huisverbod.self).map(\.casusID) == [nil, "C999"])

    let index = try f.index()
    #expect(index.pseudonymKey.kind == "demo")
    let source = index.sources[0]
    #expect(source.accepted["melding"] == 3)
    #expect(source.accepted["betrokkene"] == 3)
    // The latest date of any accepted record: H2's beoordelingsdatum.
    #expect(source.peildatum == "2021-11-30")
    #expect(source.peildatumSource == "latest-date")
    #expect(report.warnings.contains { $0.contains("\"opmerking\" is not in the layout") })
    #expect(report.warnings.contains { $0.contains("readme.txt is not a file of the layout") })
    #expect(report.inputs.map(\.path).contains("veilig-thuis/readme.txt"))
  }

  @Test func stagedFilesAreMode0600AndPublishedWhole() throws {
    let f = try Fixture()
    try Self.write(f)
    try f.pipeline(layout: "vt-csv")
    try f.extract()
    for name in ["melding", "betrokkene", "dienst", "maatregel"] where name != "maatregel" {
      let attrs = try FileManager.default.attributesOfItem(atPath: f.staged + "/veilig-thuis/\(name).tsv")
      #expect((attrs[.posixPermissions] as? Int) == 0o600)
    }
    let attrs = try FileManager.default.attributesOfItem(atPath: f.staged + "/rejects.csv")
    #expect((attrs[.posixPermissions] as? Int) == 0o600)
    // Nothing left behind: no spool, no rejects parts, no temporary folders.
    let staged = try FileManager.default.contentsOfDirectory(atPath: f.staged).sorted()
    #expect(staged == ["extract.json", "index.json", "rejects.csv", "veilig-thuis"])
    let work = try FileManager.default.contentsOfDirectory(atPath: f.work)
    #expect(work == ["staged"])
  }

  @Test func sameOutputForAnyChunkSizeAndWorkerCount() throws {
    let f = try Fixture()
    try Self.write(f)
    try f.pipeline(layout: "vt-csv")
    try f.extract()
    let reference = try Self.snapshot(f)
    for chunk in [5, 64] {
      let loaded = try LoadedPipeline.load(path: f.root + "/pipelines/test.yaml")
      _ = try ExtractStage(
        pipeline: loaded, reference: try loaded.loadReference(), inputs: f.inputs,
        workspace: Workspace(work: f.work, outputs: f.root + "/outputs/test"),
        options: ExtractOptions(chunkSize: chunk, workers: chunk == 5 ? 1 : 2)
      ).run()
      #expect(try Self.snapshot(f) == reference, "chunk \(chunk)")
    }
  }

  /// The staged files and rejects, byte for byte.
  static func snapshot(_ f: Fixture) throws -> [String: [UInt8]] {
    var out: [String: [UInt8]] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: f.staged + "/veilig-thuis") {
      out[name] = try f.read("work/test/staged/veilig-thuis/" + name)
    }
    out["rejects.csv"] = try f.read("work/test/staged/rejects.csv")
    return out
  }
}
