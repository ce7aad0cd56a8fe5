import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// A database file built aside and published whole (`outputs.md`: written aside, then
/// moved into place).
///
/// The database is built from scratch in `.<name>.build-<pid>` beside its final place, by the
/// schema's migrations, then copied with `VACUUM INTO` to `.<name>.tmp-<pid>`, synced, and
/// renamed over the final name. A crash at any point leaves the previous database intact;
/// the next run removes the leftovers. Because every build starts from an empty file with the
/// same migrations and `VACUUM INTO` writes the tables in key order, the same content always
/// gives the same bytes, whatever the history of loads that led to it.
final class DatabaseBuild {
  let finalPath: String
  let buildPath: String
  let publishPath: String
  let db: SQLiteDatabase
  private var published = false

  init(final finalPath: String) throws {
    self.finalPath = finalPath
    let url = URL(fileURLWithPath: finalPath)
    let dir = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    try FileSystem.makeDirectory(dir)
    Self.removeLeftovers(dir: dir, name: name)
    buildPath = dir + "/.\(name).build-\(getpid())"
    publishPath = dir + "/.\(name).tmp-\(getpid())"
    unlink(buildPath)
    unlink(publishPath)
    db = try SQLiteDatabase(path: buildPath)
    // A build file is thrown away when anything fails: no syncs until published, and the
    // journal only in memory (a new file's pages are not journalled; what it is kept for is
    // the statement journal that undoes a multi-row INSERT one of whose rows breaks a
    // constraint, so that `FactsLoader` can find and name that row).
    // Foreign keys are checked once, for the whole file, before it is published
    // (`PRAGMA foreign_key_check` in `publish`), not per row inserted: the same guarantee at
    // a fraction of the cost (two index lookups per aggregate row).
    try db.execute(
      """
      PRAGMA journal_mode = MEMORY;
      PRAGMA synchronous = OFF;
      PRAGMA foreign_keys = OFF;
      PRAGMA cache_size = -65536;
      """)
    try AggregateSchema.migrate(db)
  }

  deinit {
    if !published {
      try? db.close()
      unlink(buildPath)
      unlink(publishPath)
    }
  }

  /// Checks the foreign keys, writes the canonical copy, syncs it and renames it into place.
  ///
  /// The check and the copy each read the whole database, and neither writes to it: they run
  /// at once, the check on a connection of its own on another thread (nog's build at national
  /// scale: check 0.19 s, copy 0.15 s, one after the other before; `docs/decisions.md` 61). The
  /// copy is renamed into place only once the check has passed.
  func publish() throws {
    let check = ForeignKeyCheck(path: buildPath)
    let copied = Result { try db.prepare("VACUUM INTO ?").run([.text(publishPath)]) }
    if let broken = try check.wait() {
      throw PipelineError.internal("\(buildPath): foreign key broken in table \(broken)")
    }
    try copied.get()
    try db.close()
    let fd = open(publishPath, O_RDONLY | O_CLOEXEC)
    if fd < 0 || fsync(fd) != 0 {
      let e = errno
      if fd >= 0 { Glibc.close(fd) }
      throw PipelineError(
        .ioError, "\(publishPath): cannot be synced (\(String(cString: strerror(e))))")
    }
    Glibc.close(fd)
    chmod(publishPath, 0o644)
    if rename(publishPath, finalPath) != 0 {
      let e = errno
      throw PipelineError(
        e == EACCES || e == EROFS || e == EPERM ? .cannotCreate : .ioError,
        "\(finalPath): cannot be published (\(String(cString: strerror(e))))")
    }
    published = true
    unlink(buildPath)
    let dir = URL(fileURLWithPath: finalPath).deletingLastPathComponent().path
    let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      Glibc.close(dfd)
    }
  }

  /// Removes what killed runs left beside `name` (a run holds the region's lock, so none of
  /// these is in use).
  static func removeLeftovers(dir: String, name: String) {
    guard let siblings = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
    for s in siblings
    where s.hasPrefix(".\(name).build-") || s.hasPrefix(".\(name).tmp-")
      || s.hasPrefix(".\(name).migrate-")
    {
      unlink(dir + "/" + s)
    }
  }
}

/// `PRAGMA foreign_key_check` of a committed database, on a read-only connection of its own
/// on a thread of its own: `wait()` gives the first table with a broken foreign key, or nil.
private final class ForeignKeyCheck: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var outcome: Result<String?, Error> = .success(nil)

  init(path: String) {
    let thread = Thread { [self] in
      outcome = Result {
        let db = try SQLiteDatabase(path: path, readOnly: true)
        defer { try? db.close() }
        return try db.rows("PRAGMA foreign_key_check").first.map { $0.first.flatMap { $0 } ?? "?" }
      }
      done.signal()
    }
    thread.start()
  }

  /// Waits for the check; rethrows what stopped it.
  func wait() throws -> String? {
    done.wait()
    return try outcome.get()
  }
}
