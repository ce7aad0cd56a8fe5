import Foundation
import Model
import Pipeline
import Testing

@testable import Load

/// The national roll-up: provincie, landsdeel and Nederland as sums of VT-regio's.
@Suite(.serialized) struct RollUpTests {
  /// Three regions in one folder:
  /// - groningen (VT08, PV20, LD01): ontvangen_meldingen 2021 Groningen 5 and Rotterdam 1
  ///   (outside its region), VT08 6; casussen_met_melding Groningen 4, Rotterdam 1, VT08 4
  ///   (one casus in both gemeenten); maatregel_nieuw_ots Groningen 2, VT08 2; year provisional.
  /// - rotterdam-rijnmond (VT18, PV28, LD03): ontvangen_meldingen Rotterdam 10, VT18 10;
  ///   casussen_met_melding Rotterdam 7, VT18 7.
  /// - nog (VT14, PV25, LD02): ontvangen_meldingen Apeldoorn (GM0200) 20, VT14 20, split
  ///   aard_geweld/partnergeweld 8 in both.
  static func regions() throws -> (TemporaryDirectory, [String]) {
    let dir = try TemporaryDirectory()
    let groningen = try LoadFixture(region: "groningen", dir: dir)
    try groningen.writeFacts([
      .init(
        folder: "jeugdbescherming", kind: .jeugdbescherming, sha: "b", peildatum: "2022-01-31",
        rows: [
          row("maatregel_nieuw_ots", "2021JJ00", "GM0014", 2),
          row("maatregel_nieuw_ots", "2021JJ00", "VT08", 2),
        ]),
      .init(
        folder: "veilig-thuis", kind: .veiligThuis, sha: "a", peildatum: "2021-12-31",
        rows: [
          row("ontvangen_meldingen", "2021JJ00", "GM0014", 5),
          row("ontvangen_meldingen", "2021JJ00", "GM0599", 1),
          row("ontvangen_meldingen", "2021JJ00", "VT08", 6),
          row("casussen_met_melding", "2021JJ00", "GM0014", 4),
          row("casussen_met_melding", "2021JJ00", "GM0599", 1),
          row("casussen_met_melding", "2021JJ00", "VT08", 4),
        ], provisional: ["2021JJ00"]),
    ])
    try groningen.load()
    let rotterdam = try LoadFixture(region: "rotterdam-rijnmond", dir: dir)
    try rotterdam.writeFacts([
      .init(
        folder: "veilig-thuis", kind: .veiligThuis, sha: "c", peildatum: "2022-02-01",
        rows: [
          row("ontvangen_meldingen", "2021JJ00", "GM0599", 10),
          row("ontvangen_meldingen", "2021JJ00", "VT18", 10),
          row("casussen_met_melding", "2021JJ00", "GM0599", 7),
          row("casussen_met_melding", "2021JJ00", "VT18", 7),
        ])
    ])
    try rotterdam.load()
    let nog = try LoadFixture(region: "nog", dir: dir)
    try nog.writeFacts([
      .init(
        folder: "veilig-thuis", kind: .veiligThuis, sha: "d", peildatum: "2022-02-01",
        rows: [
          row("ontvangen_meldingen", "2021JJ00", "GM0200", 20),
          row("ontvangen_meldingen", "2021JJ00", "VT14", 20),
          row("ontvangen_meldingen", "2021JJ00", "GM0200", 8, "aard_geweld", "partnergeweld"),
          row("ontvangen_meldingen", "2021JJ00", "VT14", 8, "aard_geweld", "partnergeweld"),
        ])
    ])
    try nog.load()
    return (dir, [groningen.database, rotterdam.database, nog.database])
  }

  static func rollUp(_ databases: [String], into output: String) throws {
    let reference = try LoadFixture().reference
    try RollUp(reference: reference, regionDatabases: databases, output: output).run()
  }

  @Test func sumsVTRegiosIntoProvinciesLandsdelenAndNederland() throws {
    let (dir, databases) = try Self.regions()
    let output = dir.path + "/out/nederland/aggregates.sqlite"
    try Self.rollUp(databases, into: output)
    let s = try AggregateDatabase.snapshot(path: output)
    func v(
      _ m: String, _ level: RegionLevel, _ region: String, _ d: String = "totaal",
      _ c: String = "totaal"
    ) -> Int {
      s.value(m, period: "2021JJ00", level: level, region: region, dimension: d, category: c)
    }
    let m = "ontvangen_meldingen"
    // Provincies: PV20 = VT08 (6), PV28 = VT18 (10), PV25 = VT14 (20).
    #expect(v(m, .provincie, "PV20") == 6)
    #expect(v(m, .provincie, "PV28") == 10)
    #expect(v(m, .provincie, "PV25") == 20)
    #expect(v(m, .provincie, "PV25", "aard_geweld", "partnergeweld") == 8)
    // Landsdelen: LD01 Noord = PV20, LD03 West = PV28, LD02 Oost = PV25.
    #expect(v(m, .landsdeel, "LD01") == 6)
    #expect(v(m, .landsdeel, "LD03") == 10)
    #expect(v(m, .landsdeel, "LD02") == 20)
    // Nederland: 6 + 10 + 20 = 36.
    #expect(v(m, .nederland, "NL01") == 36)
    #expect(v(m, .nederland, "NL01", "aard_geweld", "partnergeweld") == 8)
    // VT-regio's as loaded; Rotterdam's gemeente row sums both organisations: 1 + 10 = 11.
    #expect(v(m, .vtregio, "VT08") == 6)
    #expect(v(m, .gemeente, "GM0599") == 11)
    #expect(v(m, .gemeente, "GM0014") == 5)
    // Distinct casussen from the VT-regio's, never from gemeenten: NL = 4 + 7 = 11 (the
    // gemeenten would give 4 + 1 + 7 = 12); PV20 = 4, not 5.
    #expect(v("casussen_met_melding", .provincie, "PV20") == 4)
    #expect(v("casussen_met_melding", .nederland, "NL01") == 11)
    #expect(v("maatregel_nieuw_ots", .nederland, "NL01") == 2)
    // 3 provincies, 3 landsdelen, 1 Nederland per (measure, split) that has figures.
    #expect(s.rows.filter { $0.regionLevel == .nederland }.count == 4)
    #expect(s.region == "nederland")
    #expect(s.title == "Nederland")
    #expect(s.vtregio == nil)
    #expect(s.provisionalPeriods == ["2021JJ00"])
    #expect(
      s.sources.map(\.folder) == [
        "groningen/jeugdbescherming", "groningen/veilig-thuis", "nog/veilig-thuis",
        "rotterdam-rijnmond/veilig-thuis",
      ])
    #expect(
      try sqlite3(
        output,
        "select region_level, region_code, value from aggregate where measure = 'ontvangen_meldingen' and dimension = 'totaal' and region_level in ('landsdeel', 'nederland') order by 1, 2"
      )
        == "landsdeel|LD01|6\nlandsdeel|LD02|20\nlandsdeel|LD03|10\nnederland|NL01|36\n")
  }

  @Test func theSameRegionsGiveTheSameBytes() throws {
    let (dir, databases) = try Self.regions()
    let a = dir.path + "/a/aggregates.sqlite"
    let b = dir.path + "/b/aggregates.sqlite"
    try Self.rollUp(databases, into: a)
    try Self.rollUp(databases.reversed(), into: b)
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    // Rolling up again over an existing file replaces it whole.
    try Self.rollUp(Array(databases.prefix(1)), into: a)
    let s = try AggregateDatabase.snapshot(path: a)
    #expect(
      s.value("ontvangen_meldingen", period: "2021JJ00", level: .nederland, region: "NL01") == 6)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path + "/a") == ["aggregates.sqlite"])
  }

  @Test func refusals() throws {
    let (dir, databases) = try Self.regions()
    let output = dir.path + "/n/aggregates.sqlite"
    #expect {
      try Self.rollUp([databases[0], databases[0]], into: output)
    } throws: { "\($0)".contains("region groningen is also") }
    #expect {
      try Self.rollUp([dir.path + "/missing.sqlite"], into: output)
    } throws: { ($0 as? PipelineError)?.status == .noInput }
    // A roll-up is not a region.
    try Self.rollUp(databases, into: output)
    #expect {
      try Self.rollUp([output], into: dir.path + "/m/aggregates.sqlite")
    } throws: { "\($0)".contains("is a roll-up, not a region's aggregates") }
    // A VT-regio the reference data cannot place (VT01 has no gemeenten there).
    let db = try SQLiteDatabase(path: databases[2])
    try db.execute("UPDATE aggregate SET region_code = 'VT01' WHERE region_level = 'vtregio'")
    try db.close()
    #expect {
      try Self.rollUp(databases, into: output)
    } throws: { "\($0)".contains("Veilig Thuis-regio VT01 has no single provincie") }
    // The failed roll-up left the previous one in place.
    #expect(
      try AggregateDatabase.snapshot(path: output).value(
        "ontvangen_meldingen", period: "2021JJ00", level: .nederland, region: "NL01") == 36)
  }
}
