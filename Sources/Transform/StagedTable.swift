import Model
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one staged `<entity>.tsv` row by row as raw bytes, without a `String` per field.
///
/// The format is the one `StagedWriter` writes (`docs/handover.md`): a format line, a header
/// of the record type's `stagedColumns`, then one record per line. Both header lines are
/// checked exactly as `StagedReader` checks them; a missing file has no records. A row that
/// does not fit the schema is a bug or a foreign file, never bad input (the extract stage
/// validated every value): it stops the stage with an internal error naming file, line and
/// column.
struct StagedTable<R: StagedRecord> {
  let path: String

  init(path: String) { self.path = path }

  /// The file cut into at most `count` parts for threads to read at once
  /// (`forEachRow(in:_:)`), the header lines in the first; none for a missing file.
  func parts(_ count: Int) throws -> [LineReader.Part] {
    guard FileSystem.exists(path) else { return [] }
    return try LineReader(path: path).parts(count, skipLines: 2)
  }

  /// Calls `body` with every row, in file order; returns the number of rows.
  @discardableResult
  func forEachRow(_ body: (StagedRow) throws -> Void) throws -> Int {
    try forEachRow(in: nil, body)
  }

  /// Calls `body` with every row of `part` (one of `parts(_:)`), or of the whole file when
  /// nil, in file order; returns the number of rows. A second reading of rows already read
  /// leaves the progress line alone (`progress` false).
  @discardableResult
  func forEachRow(
    in part: LineReader.Part?, progress counted: Bool = true, _ body: (StagedRow) throws -> Void
  ) throws -> Int {
    guard FileSystem.exists(path) else { return 0 }
    let columns = R.stagedColumns
    let formatLine = Array(StagedFormat.formatLine(R.entity).utf8)
    let header = Array(columns.joined(separator: "\t").utf8)
    var rows = 0
    var sawHeader = false
    let starts = UnsafeMutablePointer<Int>.allocate(capacity: columns.count + 1)
    defer { starts.deallocate() }
    var progress = ProgressBatch()
    defer { progress.flush() }
    func lines(_ line: UnsafeRawBufferPointer, _ number: Int) throws {
      switch number {
      case 1:
        guard line.elementsEqual(formatLine) else {
          throw PipelineError.internal(
            "\(path):1: not a staged \(R.entity.rawValue) file of format \(StagedFormat.version)")
        }
      case 2:
        guard line.elementsEqual(header) else {
          throw PipelineError.internal("\(path):2: unexpected columns for \(R.entity.rawValue)")
        }
        sawHeader = true
      default:
        // Field i spans starts[i] ..< starts[i + 1] - 1 (the tab).
        var n = 1
        starts[0] = 0
        if let base = line.baseAddress {
          var from = 0
          while from < line.count, let hit = memchr(base + from, 0x09, line.count - from) {
            guard n < columns.count else {
              throw PipelineError.internal(
                "\(path):\(number): more than \(columns.count) fields for \(R.entity.rawValue)")
            }
            let i = base.distance(to: UnsafeRawPointer(hit))
            starts[n] = i + 1
            n += 1
            from = i + 1
          }
        }
        guard n == columns.count else {
          throw PipelineError.internal(
            "\(path):\(number): \(n) fields, \(R.entity.rawValue) has \(columns.count)")
        }
        starts[n] = line.count + 1
        rows += 1
        if counted { progress.tick() }
        try body(
          StagedRow(line: line, starts: starts, path: path, number: number, columns: columns))
      }
    }
    if let part {
      try LineReader(path: path).forEachLine(in: part, lines)
    } else {
      try LineReader(path: path).forEachLine(lines)
    }
    if (part?.firstNumber ?? 1) == 1 && rows == 0 && !sawHeader && FileSystem.size(path) ?? 0 > 0 {
      throw PipelineError.internal("\(path): no header line")
    }
    return rows
  }
}

/// One staged row: typed accessors over its fields by column position.
struct StagedRow {
  let line: UnsafeRawBufferPointer
  let starts: UnsafeMutablePointer<Int>
  let path: String
  let number: Int
  let columns: [String]

  /// The raw bytes of field `i`.
  func field(_ i: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: line[starts[i]..<(starts[i + 1] - 1)])
  }

  func isEmpty(_ i: Int) -> Bool { starts[i + 1] - 1 == starts[i] }

  /// A located error about field `i` (the value is shown unless `hideValue`).
  func error(_ i: Int, expected: String, hideValue: Bool = false) -> PipelineError {
    let value = hideValue ? "(not shown)" : String(decoding: field(i), as: UTF8.self)
    return PipelineError.internal(
      "\(path):\(number): \(columns[i]): \"\(value)\" is not \(expected)")
  }

  /// A non-empty id.
  func id(_ i: Int) throws -> UnsafeRawBufferPointer {
    let f = field(i)
    guard !f.isEmpty else { throw error(i, expected: "an id") }
    return f
  }

  func day(_ i: Int) throws -> Day {
    guard let d = DateFormat.iso.parse(bytes: field(i)) else { throw error(i, expected: "a date") }
    return d
  }

  func optionalDay(_ i: Int) throws -> Day? {
    if isEmpty(i) { return nil }
    return try day(i)
  }

  func code<E: CodeListEnum>(_ i: Int, _ lookup: CodeLookup<E>) throws -> E {
    guard let e = lookup.value(field(i)) else {
      throw error(i, expected: "a code of \(E.listName)")
    }
    return e
  }

  func optionalCode<E: CodeListEnum>(_ i: Int, _ lookup: CodeLookup<E>) throws -> E? {
    if isEmpty(i) { return nil }
    return try code(i, lookup)
  }

  /// A multi-valued field (`|`-separated codes) as the bit set of `CodeSet`.
  func codes<E: CodeListEnum>(_ i: Int, _ lookup: CodeLookup<E>) throws -> UInt64 {
    let f = field(i)
    if f.isEmpty { return 0 }
    var bits: UInt64 = 0
    var start = 0
    for j in 0...f.count where j == f.count || f[j] == 0x7C {
      guard let e = lookup.value(UnsafeRawBufferPointer(rebasing: f[start..<j])) else {
        throw error(i, expected: "codes of \(E.listName)")
      }
      bits |= 1 << UInt64(e.rawValue)
      start = j + 1
    }
    return bits
  }

  func gemeente(_ i: Int) throws -> GemeenteCode {
    guard let g = Self.gemeenteCode(field(i)) else {
      throw error(i, expected: "a gemeente code")
    }
    return g
  }

  func optionalGemeente(_ i: Int) throws -> GemeenteRef {
    if isEmpty(i) { return .unknown }
    return .known(try gemeente(i))
  }

  func bool(_ i: Int) throws -> Bool {
    let f = field(i)
    if f.count == 2 && f[0] == 0x6A && f[1] == 0x61 { return true }  // ja
    if f.count == 3 && f[0] == 0x6E && f[1] == 0x65 && f[2] == 0x65 { return false }  // nee
    throw error(i, expected: "ja or nee")
  }

  /// Per byte: its value as a lower-case hex digit, or 0x10 when it is none.
  static let hexValues: [UInt8] = (0...255).map { b in
    switch b {
    case 0x30...0x39: UInt8(b - 0x30)
    case 0x61...0x66: UInt8(b - 0x61 + 10)
    default: 0x10
    }
  }

  /// A pseudonym (32 lower-case hex digits), or nil when empty. Its value is never shown.
  func optionalPseudonym(_ i: Int) throws -> Pseudonym? {
    let f = field(i)
    if f.isEmpty { return nil }
    guard f.count == 32 else { throw error(i, expected: "a pseudonym", hideValue: true) }
    // By table, without a branch per digit: random hex digits make "digit or letter?"
    // mispredict half the time, which made this parse a seventh of the transform's time
    // (perf, nog at scale 1; LLVM turns arithmetic selects back into that branch).
    var high: UInt64 = 0
    var low: UInt64 = 0
    var invalid: UInt8 = 0
    Self.hexValues.withUnsafeBufferPointer { table in
      for j in 0..<32 {
        let v = table[Int(f[j])]
        invalid |= v
        if j < 16 { high = high << 4 | UInt64(v & 0x0F) } else { low = low << 4 | UInt64(v & 0x0F) }
      }
    }
    guard invalid & 0x10 == 0 else { throw error(i, expected: "a pseudonym", hideValue: true) }
    return Pseudonym(high: high, low: low)
  }

  /// `GM` + four digits, exactly.
  static func gemeenteCode(_ f: UnsafeRawBufferPointer) -> GemeenteCode? {
    guard f.count == 6, f[0] == 0x47, f[1] == 0x4D else { return nil }
    var n = 0
    for j in 2..<6 {
      let b = f[j]
      guard b >= 0x30 && b <= 0x39 else { return nil }
      n = n * 10 + Int(b - 0x30)
    }
    return GemeenteCode(number: n)
  }
}

/// Finds the code of list `E` spelled by some bytes (exact, as `E(code:)` does).
struct CodeLookup<E: CodeListEnum> {
  private let codes: [[UInt8]]

  init() { codes = E.codes.map { Array($0.utf8) } }

  func value(_ bytes: UnsafeRawBufferPointer) -> E? {
    guard let base = bytes.baseAddress else { return nil }
    for (i, c) in codes.enumerated() where c.count == bytes.count {
      if c.withUnsafeBytes({ memcmp($0.baseAddress!, base, bytes.count) }) == 0 {
        return E(rawValue: UInt8(i))
      }
    }
    return nil
  }
}
