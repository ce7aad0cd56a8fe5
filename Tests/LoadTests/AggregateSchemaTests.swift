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
    #expect(!Self.attempt(db, v(p: "2021KW05")))
    #expect(!Self.attempt(db, v(p: "2021MM13")))
    #expect(!Self.attempt(db, v(p: "21JJ00")))
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
    #expect(try db.rows("SELECT version FROM schema_migration") == [["1"]])
    // Migrating again changes nothing.
    #expect(try AggregateSchema.migrate(db) == 1)
    #expect(try db.integer("SELECT count(*) FROM schema_migration") == 1)
    // Migration versions run 1, 2, 3, … without gaps.
    #expect(
      AggregateSchema.migrations.map(\.version) == Array(1...AggregateSchema.migrations.count))
  }

  /// The shipped migrations never change: their SQL is pinned by its checksum. A change to
  /// the schema is a new migration, never an edit of one of these.
  @Test func shippedMigrationsAreUnchanged() throws {
    let shipped: [Int: String] = [
      1: AggregateSchemaTests.migration1SHA256
    ]
    for m in AggregateSchema.migrations where shipped[m.version] != nil {
      #expect(Checksum.sha256(Array(m.sql.utf8)) == shipped[m.version], "migration \(m.version)")
    }
  }

  static let migration1SHA256 = "3ec99731ba48d4d34ea8b735b0ce75b98b1f3cc97f9ce19d49883e22b9cd7be6"
}
