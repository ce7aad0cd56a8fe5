import CSQLite
import Foundation
import Pipeline

/// An open SQLite database, through the C API: the only place the pipeline touches SQLite.
///
/// Every failure becomes a `PipelineError` naming the database file and SQLite's message.
final class SQLiteDatabase {
  let path: String
  private(set) var handle: OpaquePointer?

  /// Opens `path`: read-only, or read-write and created when missing.
  init(path: String, readOnly: Bool = false) throws {
    self.path = path
    let flags =
      readOnly
      ? SQLITE_OPEN_READONLY
      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
    var db: OpaquePointer?
    let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
    handle = db
    if rc != SQLITE_OK {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(db)
      handle = nil
      throw PipelineError(
        readOnly ? .ioError : .cannotCreate, "\(path): cannot open the database (\(message))")
    }
    sqlite3_extended_result_codes(db, 1)
  }

  deinit { sqlite3_close_v2(handle) }

  /// Closes the database, reporting a failure.
  func close() throws {
    guard let h = handle else { return }
    let rc = sqlite3_close(h)
    if rc != SQLITE_OK { throw error(rc, "close") }
    handle = nil
  }

  /// Runs one or more statements without results.
  func execute(_ sql: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &message)
    if rc != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
      sqlite3_free(message)
      throw PipelineError(Self.status(rc), "\(path): \(text) (in: \(Self.excerpt(sql)))")
    }
  }

  /// A prepared statement.
  func prepare(_ sql: String) throws -> SQLiteStatement {
    var statement: OpaquePointer?
    let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard rc == SQLITE_OK, let statement else { throw error(rc, Self.excerpt(sql)) }
    return SQLiteStatement(database: self, handle: statement, sql: sql)
  }

  /// The integer in the first column of the first row of `sql` (nil when no row or NULL).
  func integer(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> Int? {
    let s = try prepare(sql)
    try s.bind(arguments)
    guard try s.step() else { return nil }
    return s.isNull(0) ? nil : s.int(0)
  }

  /// Every row of `sql`, each as its columns' text (NULL as nil).
  func rows(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> [[String?]] {
    let s = try prepare(sql)
    try s.bind(arguments)
    var out: [[String?]] = []
    while try s.step() {
      out.append((0..<s.columnCount).map { s.isNull($0) ? nil : s.text($0) })
    }
    return out
  }

  /// A located error for result code `rc`.
  func error(_ rc: Int32, _ context: String) -> PipelineError {
    let message =
      handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
    return PipelineError(Self.status(rc), "\(path): \(message) (in: \(context))")
  }

  /// Disk full and I/O errors are I/O errors; a broken constraint or malformed database is an
  /// internal error (the pipeline wrote every row itself).
  static func status(_ rc: Int32) -> ExitStatus {
    switch rc & 0xFF {
    case SQLITE_FULL, SQLITE_IOERR: .ioError
    case SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM: .cannotCreate
    default: .internalError
    }
  }

  static func excerpt(_ sql: String) -> String {
    let flat = sql.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    .joined(separator: " ")
    return flat.count > 120 ? String(flat.prefix(117)) + "…" : flat
  }
}

/// A value bound to a statement parameter.
enum SQLiteValue {
  case text(String)
  case integer(Int)
  case null
}

/// A prepared statement of a `SQLiteDatabase`.
final class SQLiteStatement {
  let database: SQLiteDatabase
  let handle: OpaquePointer
  let sql: String

  init(database: SQLiteDatabase, handle: OpaquePointer, sql: String) {
    self.database = database
    self.handle = handle
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  /// SQLite copies the text before the call returns.
  static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  func bind(_ values: [SQLiteValue]) throws {
    for (i, v) in values.enumerated() {
      switch v {
      case .text(let s): try bind(i + 1, s)
      case .integer(let n): try bind(i + 1, n)
      case .null: try check(sqlite3_bind_null(handle, Int32(i + 1)))
      }
    }
  }

  func bind(_ index: Int, _ text: String) throws {
    try check(sqlite3_bind_text(handle, Int32(index), text, -1, Self.transient))
  }

  func bind(_ index: Int, _ value: Int) throws {
    try check(sqlite3_bind_int64(handle, Int32(index), sqlite3_int64(value)))
  }

  func bind(_ index: Int, _ value: String?) throws {
    if let value {
      try bind(index, value)
    } else {
      try check(sqlite3_bind_null(handle, Int32(index)))
    }
  }

  /// Binds UTF-8 bytes that stay valid until the statement is stepped and reset.
  func bind(_ index: Int, bytes: UnsafeRawBufferPointer) throws {
    if bytes.isEmpty {
      try check(sqlite3_bind_text(handle, Int32(index), "", 0, Self.transient))
      return
    }
    let base = bytes.baseAddress!.assumingMemoryBound(to: CChar.self)
    try check(sqlite3_bind_text(handle, Int32(index), base, Int32(bytes.count), nil))
  }

  /// Steps once: true when a row is ready, false when done.
  @discardableResult
  func step() throws -> Bool {
    let rc = sqlite3_step(handle)
    switch rc {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw database.error(rc, SQLiteDatabase.excerpt(sql))
    }
  }

  /// Steps to completion, then resets for the next use.
  func run(_ values: [SQLiteValue] = []) throws {
    try bind(values)
    while try step() {}
    try reset()
  }

  func reset() throws {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  var columnCount: Int { Int(sqlite3_column_count(handle)) }
  func isNull(_ column: Int) -> Bool { sqlite3_column_type(handle, Int32(column)) == SQLITE_NULL }
  func int(_ column: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(column))) }
  func text(_ column: Int) -> String {
    guard let p = sqlite3_column_text(handle, Int32(column)) else { return "" }
    let n = Int(sqlite3_column_bytes(handle, Int32(column)))
    return String(decoding: UnsafeRawBufferPointer(start: p, count: n), as: UTF8.self)
  }

  private func check(_ rc: Int32) throws {
    if rc != SQLITE_OK { throw database.error(rc, SQLiteDatabase.excerpt(sql)) }
  }
}
