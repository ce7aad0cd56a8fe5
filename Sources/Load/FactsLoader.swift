#if canImport(Glibc)
  import Glibc
#endif
import Model
import Pipeline

/// Inserts the rows of one facts file (`docs/handover.md`, format `vtcijfers-facts/1`) into
/// `aggregate`. Rows must be of the source's measures, at the levels a region's run produces,
/// the vtregio rows under the region's own code; the schema's constraints check the rest.
///
/// The rows go in `batchRows` at a time, through one prepared multi-row `INSERT`: SQLite's
/// cost per statement run (start, halt, reset) then falls on a batch instead of a row, which
/// took the insert of nog's 651 k rows from 1.6 s to 1.0 s (same constraints checked per row;
/// measured with the C API, `docs/decisions.md` 58). A batch that breaks a constraint is rolled
/// back by SQLite (the build's journal is in memory) and its rows are inserted again one by one,
/// so the error names the line, as before.
struct FactsLoader {
  let path: String
  let measures: Set<String>
  let vtregio: String

  /// Rows per multi-row `INSERT` (7 parameters each, far below SQLite's limit of 32 766).
  static let batchRows = 64

  static func insertSQL(rows: Int) -> String {
    """
    INSERT INTO aggregate
      (measure, period, region_level, region_code, dimension, category, value)
    VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
    """
  }

  /// Inserts every row; returns how many.
  func load(into db: SQLiteDatabase) throws -> Int {
    let insert = try db.prepare(Self.insertSQL(rows: 1))
    let batchInsert = try db.prepare(Self.insertSQL(rows: Self.batchRows))
    var batch = Batch()
    let magic = Array(FactsFile.magic.utf8)
    let header = Array(FactsFile.columns.joined(separator: "\t").utf8)
    let gemeente = Array(RegionLevel.gemeente.rawValue.utf8)
    let vtregioLevel = Array(RegionLevel.vtregio.rawValue.utf8)
    let vtregioCode = Array(vtregio.utf8)
    var lastMeasure: [UInt8] = []
    var rows = 0
    var starts = [Int](repeating: 0, count: 8)
    try LineReader(path: path).forEachLine { (line, number) throws in
      if number == 1 {
        guard line.elementsEqual(magic) else {
          throw PipelineError.internal(
            "\(path):1: not a facts file of format \(FactsIndex.version)")
        }
        return
      }
      if number == 2 {
        guard line.elementsEqual(header) else {
          throw PipelineError.internal("\(path):2: unexpected columns")
        }
        return
      }
      var n = 1
      for i in 0..<line.count where line[i] == 0x09 {
        guard n < 7 else { throw PipelineError.internal("\(path):\(number): more than 7 fields") }
        starts[n] = i + 1
        n += 1
      }
      guard n == 7 else { throw PipelineError.internal("\(path):\(number): \(n) fields, not 7") }
      starts[7] = line.count + 1
      func field(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[starts[i]..<(starts[i + 1] - 1)])
      }
      let measure = field(0)
      if !Self.same(measure, lastMeasure) {
        let name = String(decoding: measure, as: UTF8.self)
        guard measures.contains(name) else {
          throw PipelineError.internal(
            "\(path):\(number): measure \(name) is not one of this source")
        }
        lastMeasure = Array(measure)
      }
      let level = field(2)
      if Self.same(level, vtregioLevel) {
        guard Self.same(field(3), vtregioCode) else {
          throw PipelineError.internal(
            "\(path):\(number): vtregio row of \(String(decoding: field(3), as: UTF8.self)), the region is \(vtregio)"
          )
        }
      } else if !Self.same(level, gemeente) {
        throw PipelineError.internal(
          "\(path):\(number): region level \(String(decoding: level, as: UTF8.self)) in a region's facts"
        )
      }
      let valueField = field(6)
      var value = 0
      guard !valueField.isEmpty, valueField.count <= 18 else {
        throw PipelineError.internal("\(path):\(number): value is not a count")
      }
      for b in valueField {
        guard b >= 0x30 && b <= 0x39 else {
          throw PipelineError.internal("\(path):\(number): value is not a count")
        }
        value = value * 10 + Int(b - 0x30)
      }
      // Zero cells are not stored (docs/decisions.md entry 1).
      if value == 0 { return }
      for i in 0..<6 { batch.append(field: field(i)) }
      batch.endRow(value: value, line: number)
      rows += 1
      if batch.count == Self.batchRows { try batch.insert(batchInsert, single: insert, path: path) }
    }
    try batch.insert(nil, single: insert, path: path)
    return rows
  }

  /// True when `field` holds exactly `bytes` (`memcmp`: the generic `elementsEqual` cost 3 % of
  /// the load, three times per row).
  @inline(__always)
  static func same(_ field: UnsafeRawBufferPointer, _ bytes: [UInt8]) -> Bool {
    field.count == bytes.count
      && (bytes.isEmpty
        || bytes.withUnsafeBytes { memcmp(field.baseAddress!, $0.baseAddress!, bytes.count) == 0 })
  }

  /// Rows waiting to be inserted: their fields copied into one buffer (the line reader reuses
  /// its own), bound when the batch is full.
  struct Batch {
    private var bytes: [UInt8] = []
    /// Per row, the end in `bytes` of each of its six text fields.
    private var ends: [Int] = []
    private var values: [Int] = []
    private var lines: [Int] = []

    init() {
      bytes.reserveCapacity(FactsLoader.batchRows * 256)
      ends.reserveCapacity(FactsLoader.batchRows * 6)
    }

    var count: Int { values.count }

    mutating func append(field: UnsafeRawBufferPointer) {
      bytes.append(contentsOf: field)
      ends.append(bytes.count)
    }

    /// Ends the row whose six text fields were appended.
    mutating func endRow(value: Int, line: Int) {
      values.append(value)
      lines.append(line)
    }

    /// Inserts the rows through `statement` (made for exactly `count` rows), or one by one
    /// through `single` when `statement` is nil or breaks a constraint; then empties the batch.
    mutating func insert(_ statement: SQLiteStatement?, single: SQLiteStatement, path: String)
      throws
    {
      guard count > 0 else { return }
      try bytes.withUnsafeBytes { buffer in
        func bindRow(_ r: Int, to s: SQLiteStatement, from parameter: Int) throws {
          for f in 0..<6 {
            let e = r * 6 + f
            let start = e == 0 ? 0 : ends[e - 1]
            try s.bind(
              parameter + f, bytes: UnsafeRawBufferPointer(rebasing: buffer[start..<ends[e]]))
          }
          try s.bind(parameter + 6, values[r])
        }
        if let statement {
          for r in 0..<count { try bindRow(r, to: statement, from: r * 7 + 1) }
          do {
            try statement.step()
            try statement.reset()
            return
          } catch is PipelineError {
            // Rolled back whole: find the row, one at a time.
            try statement.reset()
          }
        }
        for r in 0..<count {
          try bindRow(r, to: single, from: 1)
          do {
            try single.step()
          } catch let error as PipelineError {
            throw PipelineError(error.status, "\(path):\(lines[r]): \(error.message)")
          }
          try single.reset()
        }
        if statement != nil {
          throw PipelineError.internal(
            "\(path):\(lines[0])-\(lines[count - 1]): these rows were refused together but not one by one"
          )
        }
      }
      bytes.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      values.removeAll(keepingCapacity: true)
      lines.removeAll(keepingCapacity: true)
    }
  }
}
