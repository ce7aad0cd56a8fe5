import Foundation
import Model

/// Rows of an entity file read ahead by a thread of their own (`EntityRowReader`), in file
/// order: per row its line and either its mapped fields, with the outcome of its bsn, or the
/// rejection of a row whose fields do not line up with the header. The bsn was pseudonymised
/// by the reading thread and wiped from its buffer; it is never copied here.
struct EntityRows {
  /// Fields per row (the mapped columns, in the order the reader was given them).
  let width: Int
  private(set) var lines: [Int] = []
  private(set) var bsn: [BsnOutcome] = []
  private(set) var structural: [Int: (rejection: Rejection, id: String?)] = [:]
  private var bytes: [UInt8] = []
  /// Per row, the end in `bytes` of each of its `width` fields.
  private var ends: [Int] = []

  init(width: Int) { self.width = width }

  var count: Int { lines.count }

  /// Calls `body` with the bytes of the rows, for `field`.
  func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    try bytes.withUnsafeBytes(body)
  }

  /// Field `k` of row `r`, within `buffer` (from `withBytes`).
  @inline(__always)
  func field(_ r: Int, _ k: Int, in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    let e = r * width + k
    return UnsafeRawBufferPointer(rebasing: buffer[(e == 0 ? 0 : ends[e - 1])..<ends[e]])
  }

  mutating func append(line: Int, bsn: BsnOutcome) {
    lines.append(line)
    self.bsn.append(bsn)
  }

  /// Appends one field of the row begun by `append(line:bsn:)`.
  @inline(__always)
  mutating func append(field: UnsafeRawBufferPointer) {
    bytes.append(contentsOf: field)
    ends.append(bytes.count)
  }

  mutating func append(line: Int, rejected: Rejection, id: String?) {
    structural[lines.count] = (rejected, id)
    lines.append(line)
    bsn.append(.absent)
    for _ in 0..<width { ends.append(bytes.count) }
  }

  /// The batch emptied, its buffers kept.
  func emptied() -> EntityRows {
    var e = self
    e.lines.removeAll(keepingCapacity: true)
    e.bsn.removeAll(keepingCapacity: true)
    e.structural.removeAll()
    e.bytes.removeAll(keepingCapacity: true)
    e.ends.removeAll(keepingCapacity: true)
    return e
  }
}

/// The reading side of an entity file with a bsn column (the betrokkenen): the CSV rows, each
/// row's mapped fields copied and its bsn checked and pseudonymised, handed over in batches.
/// The elfproef and the keyed hash are a quarter of the work of the file, which is the last
/// and largest of an export; done here, they run beside the mapping and staging of the rows
/// before. The CSV reader is used by this thread alone until it exits.
final class EntityRowReader: @unchecked Sendable {
  let csv: CSVReader
  let headerCount: Int
  let batchRows: Int
  /// The columns to copy, in order, and which of them is the bsn (its place is left empty).
  let columns: [Int]
  let bsnColumn: Int
  let loose: Bool
  let pseudonymiser: Pseudonymiser
  /// The rejection of a row whose fields do not line up, with the id shown beside it.
  let structural: (CSVReader) -> (Rejection, String?)

  init(
    csv: CSVReader, headerCount: Int, batchRows: Int, columns: [Int], bsnColumn: Int, loose: Bool,
    pseudonymiser: Pseudonymiser, structural: @escaping (CSVReader) -> (Rejection, String?)
  ) {
    self.csv = csv
    self.headerCount = headerCount
    self.batchRows = batchRows
    self.columns = columns
    self.bsnColumn = bsnColumn
    self.loose = loose
    self.pseudonymiser = pseudonymiser
    self.structural = structural
  }

  func run(_ handOff: HandOff<EntityRows>) {
    handOff.produce(rows: batchRows, empty: { EntityRows(width: columns.count) }, count: \.count) {
      rows in
      guard try csv.next() else { return false }
      if csv.fieldCount != headerCount || csv.malformedField >= 0 {
        let (rejection, id) = structural(csv)
        rows.append(line: csv.line, rejected: rejection, id: id)
        if bsnColumn < csv.fieldCount { csv.wipeField(bsnColumn) }
      } else {
        rows.append(
          line: csv.line, bsn: RecordParser.bsn(csv.field(bsnColumn), loose: loose, pseudonymiser))
        csv.wipeField(bsnColumn)
        for c in columns {
          rows.append(field: c == bsnColumn ? UnsafeRawBufferPointer(start: nil, count: 0) : csv.field(c))
        }
      }
      return true
    }
  }
}
