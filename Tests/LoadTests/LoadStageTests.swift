import Foundation
import Model
import Pipeline
import Testing

@testable import Load

/// Loading a region's facts: the schema, idempotence, replacing one source, publishing whole.
@Suite(.serialized) struct LoadStageTests {
  /// Veilig Thuis, first snapshot (export "aaa…", peildatum 2021-06-30: the year provisional).
  static let vt1 = LoadFixture.Source(
    folder: "veilig-thuis", kind: .veiligThuis, sha: "a", peildatum: "2021-06-30",
    rows: [
      row("ontvangen_meldingen", "2021MM05", "GM0014", 3),
      row("ontvangen_meldingen", "2021MM05", "GM0014", 2, "aard_geweld", "kindermishandeling"),
      row("ontvangen_meldingen", "2021MM05", "VT08", 3),
      row("ontvangen_meldingen", "2021JJ00", "GM0014", 3),
      row("ontvangen_meldingen", "2021JJ00", "VT08", 3),
      row("gestarte_adviezen", "2021MM05", "onbekend", 1),
      row("gestarte_adviezen", "2021MM05", "VT08", 1),
    ], provisional: ["2021JJ00"])
  /// Veilig Thuis, a newer snapshot: other figures, no adviezen at all.
  static let vt2 = LoadFixture.Source(
    folder: "veilig-thuis", kind: .veiligThuis, sha: "c", peildatum: "2021-07-31",
    rows: [
      row("ontvangen_meldingen", "2021MM05", "GM0014", 4),
      row("ontvangen_meldingen", "2021MM06", "GM0037", 1),
      row("ontvangen_meldingen", "2021MM05", "VT08", 4),
      row("ontvangen_meldingen", "2021MM06", "VT08", 1),
    ])
  /// Jeugdbescherming.
  static let jb = LoadFixture.Source(
    folder: "jeugdbescherming", kind: .jeugdbescherming, sha: "b", peildatum: "2021-03-31",
    rows: [
      row("maatregel_nieuw_ots", "2021MM02", "GM0047", 2),
      row("maatregel_nieuw_ots", "2021MM02", "VT08", 2),
    ])

  @Test func loadsAndReadsBack() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    let s = try AggregateDatabase.snapshot(path: f.database)
    #expect(s.region == "groningen")
    #expect(s.title == "Veilig Thuis Groningen")
    #expect(s.vtregio == "VT08")
    #expect(s.demoKey)
    #expect(s.rows == (Self.jb.rows + Self.vt1.rows).sorted())
    #expect(
      s.value("ontvangen_meldingen", period: "2021MM05", level: .gemeente, region: "GM0014") == 3)
    #expect(
      s.value(
        "ontvangen_meldingen", period: "2021MM05", level: .gemeente, region: "GM0014",
        dimension: "aard_geweld", category: "kindermishandeling") == 2)
    #expect(s.provisionalPeriods == ["2021JJ00"])
    #expect(
      s.sources == [
        .init(
          folder: "jeugdbescherming", kind: .jeugdbescherming, organisation: "Org jeugdbescherming",
          exportSHA256: String(repeating: "b", count: 64), peildatum: "2021-03-31"),
        .init(
          folder: "veilig-thuis", kind: .veiligThuis, organisation: "Org veilig-thuis",
          exportSHA256: String(repeating: "a", count: 64), peildatum: "2021-06-30"),
      ])
    #expect(try f.strays() == [])
    // The stage report the run record gathers.
    let report = try JSONFiles.read(StageReport.self, from: f.workspace.work + "/load.json")
    #expect(report.stage == "load")
    #expect(
      report.inputs.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
        "jeugdbescherming.tsv", "veilig-thuis.tsv",
      ])
  }

  @Test func theSqliteShellCanQueryIt() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    #expect(
      try sqlite3(
        f.database,
        "select region_code, value from aggregate where measure = 'ontvangen_meldingen' and period = '2021MM05' and dimension = 'totaal' order by region_code"
      ) == "GM0014|3\nVT08|3\n")
    #expect(try sqlite3(f.database, "select version from schema_migration") == "1\n2\n3\n")
    #expect(try sqlite3(f.database, "pragma user_version") == "3\n")
    // The periods of vt1 and jb, each once.
    #expect(try sqlite3(f.database, "select code from period_code") == "2021JJ00\n2021MM02\n2021MM05\n")
    #expect(
      try sqlite3(f.database, "select period from period where provisional = 1") == "2021JJ00\n")
    #expect(
      try sqlite3(f.database, "select source, loaded_at from run order by source")
        == "jeugdbescherming|2023-11-14T22:13:20Z\nveilig-thuis|2023-11-14T22:13:20Z\n")
    #expect(try sqlite3(f.database, "pragma integrity_check") == "ok\n")
    #expect(try sqlite3(f.database, "pragma foreign_key_check") == "")
  }

  @Test func theSameExportTwiceChangesNothing() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    let first = try f.bytes()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    #expect(try f.bytes() == first)
    // Another database from the same facts has the same bytes.
    let g = try LoadFixture()
    try g.writeFacts([Self.jb, Self.vt1])
    try g.load()
    #expect(try g.bytes() == first)
  }

  @Test func aNewerSnapshotReplacesOnlyItsSource() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    try f.writeFacts([Self.jb, Self.vt2])
    try f.load(at: "2023-11-15T22:13:20Z")  // a day later
    let s = try AggregateDatabase.snapshot(path: f.database)
    // Veilig Thuis: exactly the newer snapshot (the adviezen of the first are gone);
    // Jeugdbescherming: as loaded before.
    #expect(s.rows == (Self.jb.rows + Self.vt2.rows).sorted())
    #expect(s.provisionalPeriods.isEmpty)
    #expect(
      try sqlite3(
        f.database, "select source, export_sha256 like 'c%', loaded_at from run order by source")
        == "jeugdbescherming|0|2023-11-14T22:13:20Z\nveilig-thuis|1|2023-11-15T22:13:20Z\n")
    let replaced = try f.bytes()

    // Facts without the Jeugdbescherming source leave its figures in place.
    try f.writeFacts([Self.vt2])
    try f.load(at: "2023-11-16T22:13:20Z")
    #expect(try f.bytes() == replaced)

    // Whatever the history, the same content gives the same bytes: a fresh load of the same
    // sources (Jeugdbescherming loaded "a day earlier") equals the replaced database.
    let g = try LoadFixture()
    try g.writeFacts([Self.jb])
    try g.load()
    try g.writeFacts([Self.jb, Self.vt2])
    try g.load(at: "2023-11-15T22:13:20Z")
    #expect(try g.bytes() == replaced)
  }

  @Test func aFailedLoadLeavesThePreviousDatabase() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    let before = try f.bytes()
    // A newer snapshot whose facts hold a row of another region's VT-regio.
    var broken = Self.vt2
    broken.rows.append(row("ontvangen_meldingen", "2021MM06", "VT14", 1))
    try f.writeFacts([Self.jb, broken])
    #expect {
      try f.load()
    } throws: { error in
      (error as? PipelineError)?.status == .internalError
        && "\(error)".contains("veilig-thuis.tsv:7: vtregio row of VT14, the region is VT08")
    }
    #expect(try f.bytes() == before)
    #expect(try f.strays() == [])
  }

  /// Foreign keys are checked once per build, beside the copy that is published: a category the
  /// catalogue does not know fails the load before anything is renamed into place.
  @Test func aBrokenForeignKeyPublishesNothing() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    let before = try f.bytes()
    var broken = Self.vt2
    broken.rows.append(row("ontvangen_meldingen", "2021MM06", "GM0037", 1, "aard_geweld", "onweer"))
    try f.writeFacts([Self.jb, broken])
    #expect {
      try f.load()
    } throws: { error in
      (error as? PipelineError)?.status == .internalError
        && "\(error)".contains("foreign key broken in table aggregate")
    }
    #expect(try f.bytes() == before)
    #expect(try f.strays() == [])
  }

  /// Rows go in batches of `FactsLoader.batchRows`; a row that breaks a constraint is still
  /// named by its line, whether it is alone in breaking it (a gemeente code the schema refuses) or
  /// breaks it with the last row of the batch before (the same key twice, across the boundary).
  @Test func aRowThatBreaksAConstraintIsNamedByItsLineWithinItsBatch() throws {
    #expect(FactsLoader.batchRows == 64)
    // 200 rows in sorted order: one per year 1900…2099. Line 1 is the format, line 2 the header.
    let years = (1900..<2100).map { row("ontvangen_meldingen", "\($0)JJ00", "GM0014", 1) }
    var badCode = Self.vt1
    // Sorts after 1999JJ00's GM0014: row 101, line 103, in the second batch.
    badCode.rows = years + [row("ontvangen_meldingen", "1999JJ00", "GM12345", 1)]
    var twice = Self.vt1
    // Rows 64 and 65 (lines 66 and 67) hold the same key: the last of the first batch, the
    // first of the second.
    twice.rows = years + [row("ontvangen_meldingen", "1963JJ00", "GM0014", 2)]
    for (source, line, message) in [
      (badCode, 103, "CHECK constraint failed"), (twice, 67, "UNIQUE constraint failed"),
    ] {
      let f = try LoadFixture()
      try f.writeFacts([Self.jb, source])
      #expect {
        try f.load()
      } throws: { error in
        "\(error)".contains("veilig-thuis.tsv:\(line): ") && "\(error)".contains(message)
      }
      #expect(!FileSystem.exists(f.database))
      #expect(try f.strays() == [])
    }
  }

  @Test func factsMustHoldTheirSourcesMeasures() throws {
    let f = try LoadFixture()
    var wrong = Self.jb
    wrong.rows.append(row("ontvangen_meldingen", "2021MM02", "GM0047", 1))
    try f.writeFacts([wrong])
    #expect {
      try f.load()
    } throws: { "\($0)".contains("measure ontvangen_meldingen is not one of this source") }
    #expect(!FileSystem.exists(f.database))
    #expect(try f.strays() == [])
  }

  @Test func refusesAnotherRegionsDatabaseAndANewerSchema() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb, Self.vt1])
    try f.load()
    // The groningen database where nog's should be.
    let nog = try LoadFixture(region: "nog", dir: f.dir)
    try FileManager.default.createDirectory(
      atPath: nog.workspace.outputs, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: f.database, toPath: nog.database)
    try nog.writeFacts([
      .init(
        folder: "veilig-thuis", kind: .veiligThuis, sha: "d", peildatum: nil,
        rows: [row("ontvangen_meldingen", "2021MM01", "VT14", 1)])
    ])
    #expect {
      try nog.load()
    } throws: { error in
      (error as? PipelineError)?.status == .config
        && "\(error)".contains("holds region groningen (VT08), not region nog (VT14)")
    }
    // A database of a schema version newer than this build.
    let db = try SQLiteDatabase(path: f.database)
    try db.execute("PRAGMA user_version = 99")
    try db.close()
    try f.writeFacts([Self.jb, Self.vt2])
    #expect {
      try f.load()
    } throws: { "\($0)".contains("schema version 99 is newer than this build's \(AggregateSchema.currentVersion)") }
  }

  @Test func refusesFactsOfAnotherVersion() throws {
    let f = try LoadFixture()
    try f.writeFacts([Self.jb])
    var index = try JSONFiles.read(FactsIndex.self, from: f.workspace.factsIndex)
    index.version = 7
    try FileManager.default.removeItem(atPath: f.workspace.factsIndex)
    try JSONFiles.write(index, to: f.workspace.factsIndex)
    #expect {
      try f.load()
    } throws: { error in
      (error as? PipelineError)?.status == .internalError
        && "\(error)".contains("rerun the transform stage")
    }
  }
}
