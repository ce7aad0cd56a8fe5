import Foundation
import Model
import Pipeline
import Testing

@testable import Load

/// The schema's invariants hold in SQL, whoever writes to the file.
@Suite struct AggregateSchemaTests {
  static func database() throws -> (TemporaryDirectory, SQLiteDatabase) {
    let dir = try TemporaryDirectory()
    let db = try SQLiteDatabase(path: dir.path + "/a.sqlite")
    try db.execute("PRAGMA foreign_keys = ON")
    try AggregateSchema.migrate(db)
    try Catalogue.insert(into: db)
    try db.execute("INSERT INTO period_code (code) VALUES ('2021KW03')")
    return (dir, db)
  }

  static let insert = """
    INSERT INTO aggregate (measure, period, region_level, region_code, dimension, category, value)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    """

  static func attempt(_ db: SQLiteDatabase, _ values: [SQLiteValue]) -> Bool {
    (try? db.prepare(insert).run(values)) != nil
  }

  @Test func acceptsAValidRowAndRejectsBrokenOnes() throws {
    let (dir, db) = try Self.database()
    defer { withExtendedLifetime(dir) {} }
    func v(
      _ m: String = "ontvangen_meldingen", p: String = "2021KW03", l: String = "gemeente",
      r: String = "GM0014", d: String = "totaal", c: String = "totaal", n: SQLiteValue = .integer(5)
    ) -> [SQLiteValue] {
      [.text(m), .text(p), .text(l), .text(r), .text(d), .text(c), n]
    }
    #expect(Self.attempt(db, v()))
    #expect(Self.attempt(db, v(r: "onbekend", d: "aard_geweld", c: "partnergeweld")))
    #expect(Self.attempt(db, v(l: "nederland", r: "NL01")))
    #expect(!Self.attempt(db, v()))  // the same key twice
    #expect(!Self.attempt(db, v(l: "wijk")))
    #expect(!Self.attempt(db, v(l: "vtregio", r: "GM0014")))
    #expect(!Self.attempt(db, v(l: "provincie", r: "PV2")))
    // A period must be a period code, and a period code a CBS period.
    #expect(!Self.attempt(db, v(p: "2021KW04")))
    for p in ["2021KW05", "2021MM13", "21JJ00"] {
      #expect(throws: PipelineError.self) {
        try db.prepare("INSERT INTO period_code (code) VALUES (?)").run([.text(p)])
      }
      #expect(!Self.attempt(db, v(p: p)))
    }
    #expect(!Self.attempt(db, v(r: "GM0037", n: .integer(-1))))
    #expect(!Self.attempt(db, v(r: "GM0037", n: .text("seven"))))
    #expect(!Self.attempt(db, v(r: "GM0037", n: .text("7.5"))))
    #expect(!Self.attempt(db, v(r: "GM0037", n: .null)))
    #expect(!Self.attempt(db, v(r: "GM0037", d: "aard_geweld", c: "totaal")))
    #expect(!Self.attempt(db, v(r: "GM0037", d: "aard_geweld", c: "schoppen")))
    #expect(!Self.attempt(db, v("no_such_measure", r: "GM0037")))
    #expect(try db.integer("SELECT count(*) FROM aggregate") == 3)
  }

  @Test func migrationsAreRecorded() throws {
    let (dir, db) = try Self.database()
    defer { withExtendedLifetime(dir) {} }
    #expect(try AggregateSchema.version(of: db) == AggregateSchema.currentVersion)
    #expect(try db.rows("SELECT version FROM schema_migration") == [["1"], ["2"], ["3"]])
    // Migrating again changes nothing.
    #expect(try AggregateSchema.migrate(db) == 3)
    #expect(try db.integer("SELECT count(*) FROM schema_migration") == 3)
    // Migration versions run 1, 2, 3, … without gaps.
    #expect(
      AggregateSchema.migrations.map(\.version) == Array(1...AggregateSchema.migrations.count))
  }

  /// The shipped migrations never change: their SQL is pinned by its checksum. A change to
  /// the schema is a new migration, never an edit of one of these.
  @Test func shippedMigrationsAreUnchanged() throws {
    let shipped: [Int: String] = [
      1: AggregateSchemaTests.migration1SHA256,
      2: AggregateSchemaTests.migration2SHA256,
      3: AggregateSchemaTests.migration3SHA256,
    ]
    #expect(Set(shipped.keys) == Set(AggregateSchema.migrations.map(\.version)))
    for m in AggregateSchema.migrations where shipped[m.version] != nil {
      #expect(Checksum.sha256(Array(m.sql.utf8)) == shipped[m.version], "migration \(m.version)")
    }
  }

  static let migration1SHA256 = "3ec99731ba48d4d34ea8b735b0ce75b98b1f3cc97f9ce19d49883e22b9cd7be6"
  static let migration2SHA256 = "37320fbc71b9fdc69a968d371850d90b95d50483e6b06c33b52ab4f26fd48837"
  static let migration3SHA256 = "72ac4993126ff34a47f7228acb7031c499382190f62d306e725b8186dcc1bc47"

  /// Version 2 rewrote the checks of `aggregate` to be cheap, version 3 moved the period's
  /// to `period_code`; each accepts exactly what version 1 accepted. Every combination below
  /// is tried on a version-1, a version-2 and a version-3 database: 17 periods × 8 levels ×
  /// 13 codes × 5 values = 8 840 rows, each accepted by all three or by none; the count of
  /// valid ones shows the agreement is not vacuous. On version 3 a row is accepted when
  /// `aggregate` takes it and its period is a period code (its foreign key, which a build
  /// checks before it is published); every period is first offered to `period_code`.
  @Test func laterVersionsAcceptExactlyWhatVersion1Accepted() throws {
    let dir = try TemporaryDirectory()
    func database(_ version: Int) throws -> SQLiteDatabase {
      let db = try SQLiteDatabase(path: dir.path + "/v\(version).sqlite")
      try AggregateSchema.migrate(db, upTo: version)
      try Catalogue.insert(into: db)
      #expect(try AggregateSchema.version(of: db) == version)
      return db
    }
    let v1 = try database(1)
    let v2 = try database(2)
    let v3 = try database(3)
    let periods = [
      "2021JJ00", "2021JJ01", "2021HJ01", "2021HJ02", "2021HJ03", "2021KW01", "2021KW04",
      "2021KW05", "2021MM01", "2021MM09", "2021MM10", "2021MM12", "2021MM13", "2021MM00",
      "21JJ00", "2021jj00", "2021JJ00 ",
    ]
    let levels = [
      "gemeente", "vtregio", "provincie", "landsdeel", "nederland", "wijk", "Gemeente", "",
    ]
    let codes = [
      "GM0014", "GM014", "GM00140", "onbekend", "VT08", "VT8", "PV20", "PVXX", "LD01", "LD1",
      "NL01", "NL02", "",
    ]
    // Text that is an integer is stored as one (column affinity), so "7" is valid.
    let values: [SQLiteValue] = [.integer(0), .integer(7), .integer(-1), .text("7"), .text("7.5")]
    var accepted = 0
    var n = 0
    for p in periods {
      _ = try? v3.prepare("INSERT INTO period_code (code) VALUES (?)").run([.text(p)])
    }
    let codes3 = Set(try v3.rows("SELECT code FROM period_code").compactMap { $0[0] })
    #expect(codes3.count == 9)
    try v1.execute("BEGIN")
    try v2.execute("BEGIN")
    try v3.execute("BEGIN")
    for p in periods {
      for l in levels {
        for c in codes {
          for v in values {
            n += 1
            // A distinct category per row keeps the primary keys apart (foreign keys are
            // not enforced on these connections: only the checks are compared).
            let row: [SQLiteValue] = [
              .text("ontvangen_meldingen"), .text(p), .text(l), .text(c), .text("totaal"),
              .text("c\(n)"), v,
            ]
            let a = Self.attempt(v1, row)
            let b = Self.attempt(v2, row)
            let c3 = Self.attempt(v3, row) && codes3.contains(p)
            #expect(a == b, "\(p) \(l) \(c) \(v): version 1 \(a), version 2 \(b)")
            #expect(a == c3, "\(p) \(l) \(c) \(v): version 1 \(a), version 3 \(c3)")
            if a { accepted += 1 }
          }
        }
      }
    }
    try v1.execute("COMMIT")
    try v2.execute("COMMIT")
    try v3.execute("COMMIT")
    #expect(n == 8_840)
    // Valid periods: 2021JJ00, 2021HJ01, 2021HJ02, 2021KW01, 2021KW04, 2021MM01, 2021MM09,
    // 2021MM10, 2021MM12 = 9; valid (level, code) pairs: gemeente GM0014, gemeente
    // onbekend, vtregio VT08, provincie PV20, landsdeel LD01, nederland NL01 = 6; valid
    // values: 0, 7, "7" = 3. So 9 × 6 × 3 = 162.
    #expect(accepted == 162)
  }

  /// A version-1 database with figures migrates to the current version with every row kept,
  /// its periods recorded as period codes.
  @Test func aVersion1DatabaseMigratesWithItsRows() throws {
    let dir = try TemporaryDirectory()
    let db = try SQLiteDatabase(path: dir.path + "/old.sqlite")
    try AggregateSchema.migrate(db, upTo: 1)
    try Catalogue.insert(into: db)
    #expect(Self.attempt(db, [
      .text("ontvangen_meldingen"), .text("2021KW03"), .text("gemeente"), .text("GM0014"),
      .text("totaal"), .text("totaal"), .integer(5),
    ]))
    #expect(Self.attempt(db, [
      .text("ontvangen_meldingen"), .text("2021JJ00"), .text("vtregio"), .text("VT08"),
      .text("totaal"), .text("totaal"), .integer(12),
    ]))
    #expect(try AggregateSchema.migrate(db) == 1)
    #expect(try AggregateSchema.version(of: db) == 3)
    #expect(try db.rows("SELECT code FROM period_code ORDER BY code") == [["2021JJ00"], ["2021KW03"]])
    #expect(try db.rows("PRAGMA foreign_key_check(aggregate)") == [])
    #expect(
      try db.rows("SELECT period, region_code, value FROM aggregate ORDER BY period")
        == [["2021JJ00", "VT08", "12"], ["2021KW03", "GM0014", "5"]])
    #expect(try db.rows("SELECT name FROM sqlite_master WHERE name LIKE 'aggregate%'") == [["aggregate"]])
    #expect(try db.rows("PRAGMA integrity_check") == [["ok"]])
  }
}
