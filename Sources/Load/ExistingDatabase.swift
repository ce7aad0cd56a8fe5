import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// An aggregates database found on disk, opened read-only; one of an older schema version is
/// read through a migrated copy beside it (the file itself is never changed).
final class ExistingDatabase {
  let path: String
  let db: SQLiteDatabase
  let region: RegionRow
  /// The schema version of the file itself.
  let version: Int
  private var copy: String?

  /// The `region` row.
  struct RegionRow: Equatable {
    var name: String
    var title: String
    var kind: String
    var vtregio: String?
  }

  init(path: String) throws {
    self.path = path
    var db = try SQLiteDatabase(path: path, readOnly: true)
    let found: Int
    do {
      found = try AggregateSchema.version(of: db)
    } catch let error as PipelineError {
      throw PipelineError(
        .internalError,
        "\(path): not an aggregates database (\(error.message)); remove it and load again")
    }
    guard found >= 1 else {
      throw PipelineError.internal(
        "\(path): not an aggregates database (no schema version); remove it and load again")
    }
    if found > AggregateSchema.currentVersion {
      throw PipelineError.internal(
        "\(path): schema version \(found) is newer than this build's \(AggregateSchema.currentVersion)"
      )
    }
    if found < AggregateSchema.currentVersion {
      let url = URL(fileURLWithPath: path)
      let copy =
        url.deletingLastPathComponent().path
        + "/.\(url.lastPathComponent).migrate-\(getpid())"
      unlink(copy)
      do {
        try FileManager.default.copyItem(atPath: path, toPath: copy)
      } catch {
        throw PipelineError.io("\(copy): cannot copy \(path) to migrate it")
      }
      self.copy = copy
      let writable = try SQLiteDatabase(path: copy)
      try AggregateSchema.migrate(writable)
      try writable.close()
      db = try SQLiteDatabase(path: copy, readOnly: true)
    }
    self.db = db
    version = found
    guard
      let row = try db.rows("SELECT name, title, kind, vtregio FROM region WHERE singleton = 1")
        .first, let name = row[0], let title = row[1], let kind = row[2]
    else {
      throw PipelineError.internal("\(path): the region row is missing")
    }
    region = RegionRow(name: name, title: title, kind: kind, vtregio: row[3])
  }

  deinit {
    try? db.close()
    if let copy { unlink(copy) }
  }

  /// The file to attach for reading its tables (the migrated copy when there is one).
  var readablePath: String { copy ?? path }

  /// One source the database holds.
  struct RunRow: Equatable {
    var region: String
    var source: String
    var kind: String
    var exportSHA256: String
    var factsSHA256: String
    var periods: [String: Bool]
  }

  /// The sources the database holds.
  func runs() throws -> [RunRow] {
    var out: [RunRow] = []
    for r in try db.rows(
      "SELECT region, source, kind, export_sha256, facts_sha256 FROM run ORDER BY region, source")
    {
      let region = r[0] ?? ""
      let source = r[1] ?? ""
      var periods: [String: Bool] = [:]
      for p in try db.rows(
        "SELECT period, provisional FROM source_period WHERE region = ? AND source = ?",
        [.text(region), .text(source)])
      {
        periods[p[0] ?? ""] = p[1] == "1"
      }
      out.append(
        RunRow(
          region: region, source: source, kind: r[2] ?? "", exportSHA256: r[3] ?? "",
          factsSHA256: r[4] ?? "", periods: periods))
    }
    return out
  }
}
