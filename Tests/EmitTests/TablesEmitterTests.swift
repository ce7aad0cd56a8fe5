import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// The CBS-style tables: files, columns, rows, codes, rounding, blanks and metadata.
@Suite struct TablesEmitterTests {
  typealias F = CBSFixtures
  let meldingen = Measures.ontvangenMeldingen

  /// NOG, 2021KW03: Aalten 123 meldingen (100 beroepsmatig, 23 niet), Berkelland 7
  /// (niet beroepsmatig), Doetinchem 8 (beroepsmatig); the VT-regio 138.
  func nogSnapshot() -> AggregateSnapshot {
    var rows: [AggregateRow] = []
    for (gm, total, beroep, niet) in [
      ("GM0197", 123, 100, 23), ("GM1859", 7, 0, 7), ("GM0222", 8, 8, 0),
    ] {
      rows += F.rows(meldingen, quarter: "2021KW03", gemeente: gm, vt: "VT14", value: total)
      if beroep > 0 {
        rows += F.rows(
          meldingen, quarter: "2021KW03", gemeente: gm, vt: "VT14", "rol", "beroepsmatig",
          value: beroep)
      }
      if niet > 0 {
        rows += F.rows(
          meldingen, quarter: "2021KW03", gemeente: gm, vt: "VT14", "rol", "niet_beroepsmatig",
          value: niet)
      }
    }
    return F.snapshot(rows: rows, provisional: ["2021KW03", "2021HJ02", "2021JJ00"])
  }

  func publish(_ snapshot: AggregateSnapshot, reference: ReferenceData = F.reference) throws
    -> String
  {
    let dir = try F.temporaryDirectory()
    let context = EmitContext(
      pipeline: nil, reference: reference, snapshot: snapshot,
      workspace: Workspace(work: dir + "/work", outputs: dir + "/out"))
    try TablesEmitter(context: context).publish()
    return dir + "/out/tables"
  }

  @Test func publishesEveryTableOfEveryGranularityAndTheMetadata() throws {
    let tables = try publish(nogSnapshot())
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    for folder in ["jaar", "halfjaar", "kwartaal"] {
      for id in [
        "rol_organisatie", "aard_geweld", "veiligheidsbeoordeling", "uitkomst_onderzoek",
        "melding_historie",
      ] {
        #expect(FileSystem.exists("\(tables)/\(folder)/\(id).csv"), "\(folder)/\(id).csv")
      }
    }
    #expect(FileSystem.exists(tables + "/metadata.json"))
  }

  @Test func rolOrganisatieHasTheStatLineColumnsAndOneRowPerCategoryRegionAndPeriod() throws {
    let tables = try publish(nogSnapshot())
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    let rows = try F.table(tables + "/kwartaal/rol_organisatie.csv")
    #expect(
      rows[0] == [
        "ID", "rol", "organisatie", "organisatie_groep", "duur_geweld", "RegioS", "Perioden",
        "gestarte_adviezen", "ontvangen_meldingen",
      ])
    // Row categories: totaal 1 + rol 3 + organisatie 41 + organisatie_groep 11 + duur 7 = 63;
    // regions: VT14 and its 22 gemeenten = 23; one quarter.
    #expect(rows.count - 1 == 63 * 23)
    #expect(rows[1][0] == "0")
    #expect(rows.last![0] == String(63 * 23 - 1))
    // The first rows: the unsplit figure of VT14, then its gemeenten by code.
    #expect(Array(rows[1][1...6]) == ["totaal", "totaal", "totaal", "totaal", "VT14", "2021KW03"])
    #expect(rows[2][5] == "GM0014" || rows[2][5].hasPrefix("GM"))
  }

  /// Finds the value of `column` in the row of `region`, `period` and row category.
  func cell(
    _ rows: [[String]], region: String, period: String, column: String,
    dimension: (String, String)? = nil
  ) -> String? {
    let header = rows[0]
    guard let c = header.firstIndex(of: column), let r = header.firstIndex(of: "RegioS"),
      let p = header.firstIndex(of: "Perioden")
    else { return nil }
    let dims = Array(header[1..<r])
    return rows.dropFirst().first { row in
      row[r] == region && row[p] == period
        && dims.indices.allSatisfy { i in
          let expected = dimension.map { $0.0 == dims[i] ? $0.1 : "totaal" } ?? "totaal"
          return row[1 + i] == expected
        }
    }?[c]
  }

  @Test func countsAreRoundedToFiveAndSmallOnesSuppressed() throws {
    let tables = try publish(nogSnapshot())
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    let rows = try F.table(tables + "/kwartaal/rol_organisatie.csv")
    func value(_ region: String, _ dim: (String, String)? = nil) -> String? {
      cell(rows, region: region, period: "2021KW03", column: "ontvangen_meldingen", dimension: dim)
    }
    #expect(value("VT14") == "140")  // 123 + 7 + 8 = 138 → 140
    #expect(value("GM0197") == "125")  // 123 → 125
    #expect(value("GM1859") == ".")  // 7 → 5, below 10
    #expect(value("GM0222") == "10")  // 8 → 10
    #expect(value("GM0200") == ".")  // Apeldoorn: no meldingen, 0 → .
    #expect(value("VT14", ("rol", "beroepsmatig")) == "110")  // 100 + 8 = 108 → 110
    #expect(value("VT14", ("rol", "niet_beroepsmatig")) == "30")  // 23 + 7 = 30
    #expect(value("GM0197", ("rol", "niet_beroepsmatig")) == "25")  // 23 → 25
    #expect(value("VT14", ("rol", "onbekend")) == ".")  // 0
    // No adviezen at all: every cell of the column is `.` (a zero is suppressed too).
    let adviezen = rows.dropFirst().map { $0[7] }
    #expect(Set(adviezen) == ["."])
    // The year and half-year hold the same figures (all in 2021KW03).
    let year = try F.table(tables + "/jaar/rol_organisatie.csv")
    #expect(cell(year, region: "VT14", period: "2021JJ00", column: "ontvangen_meldingen") == "140")
  }

  @Test func metadataGivesTitlesUnitsCodesAndProvisionalStars() throws {
    let tables = try publish(nogSnapshot())
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    let data = try Data(contentsOf: URL(fileURLWithPath: tables + "/metadata.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["format"] as? String == "vtcijfers-tables")
    let periods = try #require(json["periods"] as? [[String: String]])
    #expect(periods.contains(["key": "2021JJ00", "title": "2021*", "status": "voorlopig"]))
    #expect(
      periods.contains(["key": "2021HJ02", "title": "2e halfjaar 2021*", "status": "voorlopig"]))
    #expect(
      periods.contains(["key": "2021KW03", "title": "2021 3e kwartaal*", "status": "voorlopig"]))
    let regions = try #require(json["regions"] as? [[String: String]])
    #expect(
      regions.first == [
        "key": "VT14", "title": "Noord- en Oost-Gelderland (VT)", "level": "vtregio",
      ])
    #expect(regions.contains(["key": "GM0197", "title": "Aalten", "level": "gemeente"]))
    let tablesList = try #require(json["tables"] as? [[String: Any]])
    let historie = try #require(tablesList.first { $0["id"] as? String == "melding_historie" })
    #expect(historie["cbs_tables"] as? [String] == ["85361NED"])
    let columns = try #require(historie["columns"] as? [[String: String]])
    #expect(columns.contains { $0["key"] == "hermelding_percentage" && $0["unit"] == "%" })
    let measures = try #require(json["measures"] as? [[String: Any]])
    #expect(
      measures.contains {
        $0["key"] as? String == "ontvangen_meldingen"
          && $0["title"] as? String == "Ontvangen meldingen"
          && $0["unit"] as? String == "aantal"
      })
    let dimensions = try #require(json["dimensions"] as? [[String: Any]])
    let rol = try #require(dimensions.first { $0["key"] as? String == "rol" })
    let categories = try #require(rol["categories"] as? [[String: String]])
    #expect(categories.contains(["key": "niet_beroepsmatig", "title": "Niet-beroepsmatig"]))
  }

  @Test func aGemeenteThatDidNotExistInAPeriodIsBlank() throws {
    // Groningen: Delfzijl (GM0010) until 2020, Eemsdelta (GM1979) from 2021.
    var rows = F.rows(meldingen, quarter: "2020KW04", gemeente: "GM0010", vt: "VT08", value: 20)
    rows += F.rows(meldingen, quarter: "2021KW01", gemeente: "GM1979", vt: "VT08", value: 30)
    let snapshot = F.snapshot(
      region: "groningen", title: "Veilig Thuis Groningen", vtregio: "VT08", rows: rows)
    let tables = try publish(snapshot)
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    let quarter = try F.table(tables + "/kwartaal/melding_historie.csv")
    func value(_ region: String, _ period: String) -> String? {
      cell(quarter, region: region, period: period, column: "ontvangen_meldingen")
    }
    #expect(value("GM0010", "2020KW04") == "20")
    #expect(value("GM0010", "2021KW01") == "")  // Delfzijl no longer exists
    #expect(value("GM1979", "2020KW04") == "")  // Eemsdelta does not exist yet
    #expect(value("GM1979", "2021KW01") == "30")
    #expect(value("GM0014", "2021KW01") == ".")  // Groningen exists, no meldingen
    #expect(value("GM0017", "2021KW01") == nil)  // Haren (merged 2019) is not in the table
    // A blank row is blank in every column, shares included.
    let blankRow = quarter.first { $0.contains("GM1979") && $0.contains("2020KW04") }!
    #expect(blankRow[3...].allSatisfy { $0.isEmpty })
  }

  @Test func theNationalRollUpShowsEveryLevelInCBSOrder() throws {
    let q = "2021KW01"
    var rows: [AggregateRow] = []
    for p in [q, "2021HJ01", "2021JJ00"] {
      rows += [
        F.row(meldingen, p, .nederland, "NL01", value: 60),
        F.row(meldingen, p, .landsdeel, "LD01", value: 40),
        F.row(meldingen, p, .landsdeel, "LD02", value: 20),
        F.row(meldingen, p, .provincie, "PV20", value: 40),
        F.row(meldingen, p, .provincie, "PV25", value: 20),
        F.row(meldingen, p, .vtregio, "VT08", value: 40),
        F.row(meldingen, p, .vtregio, "VT14", value: 20),
        F.row(meldingen, p, .gemeente, "GM0014", value: 40),
        F.row(meldingen, p, .gemeente, "GM0197", value: 20),
      ]
    }
    let snapshot = F.snapshot(region: "nederland", title: "Nederland", vtregio: nil, rows: rows)
    let tables = try publish(snapshot)
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    let quarter = try F.table(tables + "/kwartaal/uitkomst_onderzoek.csv")
    let regions = quarter.dropFirst().prefix(while: { $0[1] == "totaal" }).map { $0[2] }
    // Nederland, landsdelen, provincies, VT-regio's, then the gemeenten of VT08 (valid in
    // 2021: 10) and VT14 (22), by code.
    #expect(Array(regions.prefix(7)) == ["NL01", "LD01", "LD02", "PV20", "PV25", "VT08", "VT14"])
    #expect(regions.count == 7 + 10 + 22)
    let melding = try F.table(tables + "/kwartaal/melding_historie.csv")
    #expect(cell(melding, region: "NL01", period: q, column: "ontvangen_meldingen") == "60")
    #expect(cell(melding, region: "PV25", period: q, column: "ontvangen_meldingen") == "20")
    let data = try Data(contentsOf: URL(fileURLWithPath: tables + "/metadata.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let titles = try #require(json["regions"] as? [[String: String]])
    #expect(
      titles.prefix(4).map { $0["title"]! } == [
        "Nederland", "Noord-Nederland (LD)", "Oost-Nederland (LD)", "Groningen (PV)",
      ])
  }

  @Test func sharesAreComputedFromExactCounts() throws {
    // VT99 with two gemeenten, every melding_historie category large enough to show.
    // Gemeente 1: 100 eerste, 40 her, 20/21/22 vervolg, 12 niet ingedeeld = 215.
    // Gemeente 2: 50, 30, 10, 11, 12, 9 = 122. VT99 = 337.
    let history = MeldingHistorie.allCases.map(\.code)
    var rows: [AggregateRow] = []
    for (gm, counts) in [
      ("GM9001", [100, 40, 20, 21, 22, 12]), ("GM9002", [50, 30, 10, 11, 12, 9]),
    ] {
      rows += F.rows(
        meldingen, quarter: "2021KW01", gemeente: gm, vt: "VT99", value: counts.reduce(0, +))
      for (code, n) in zip(history, counts) {
        rows += F.rows(
          meldingen, quarter: "2021KW01", gemeente: gm, vt: "VT99", "melding_historie", code,
          value: n)
      }
    }
    let snapshot = F.snapshot(region: "proef", title: "Proef", vtregio: "VT99", rows: rows)
    let tables = try publish(snapshot, reference: F.tinyReference(gemeenten: 2))
    defer { F.remove((tables as NSString).deletingLastPathComponent) }
    let t = try F.table(tables + "/kwartaal/melding_historie.csv")
    func value(_ region: String, _ column: String) -> String? {
      cell(t, region: region, period: "2021KW01", column: column)
    }
    // VT99: 150 / 337 = 44,51 % → 44,5; 70 / 337 = 20,77 → 20,8; 21 / 337 = 6,23 → 6,2.
    #expect(value("VT99", "ontvangen_meldingen") == "335")
    #expect(value("VT99", "eerste_melding") == "150")
    #expect(value("VT99", "eerste_melding_percentage") == "44,5")
    #expect(value("VT99", "hermelding_percentage") == "20,8")
    #expect(value("VT99", "niet_ingedeeld") == "20")  // 12 + 9 = 21 → 20
    #expect(value("VT99", "niet_ingedeeld_percentage") == "6,2")
    // Gemeente 2: 9 niet ingedeeld → 10, shown; its share 9 / 122 = 7,38 → 7,4.
    #expect(value("GM9002", "niet_ingedeeld") == "10")
    #expect(value("GM9002", "niet_ingedeeld_percentage") == "7,4")
  }
}
