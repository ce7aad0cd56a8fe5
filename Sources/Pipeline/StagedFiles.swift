#if canImport(Glibc)
  import Glibc
#endif
import Model

/// The staged hand-over format (extract → transform), version 1. See `docs/handover.md`.
///
/// One file per entity, `<entity>.tsv`: a format line `#vtcijfers-staged/1<TAB><entity>`,
/// a header of canonical field names, then one accepted record per line. Files hold
/// pseudonyms and are written with mode 0600.
public enum StagedFormat {
  public static let version = 1
  public static let magic = "#vtcijfers-staged/\(version)"
  /// The mode of staged files: they hold pseudonyms, readable by the pipeline's user only.
  public static let fileMode: mode_t = 0o600

  public static func formatLine(_ entity: Entity) -> String { magic + "\t" + entity.rawValue }
}

/// Writes the accepted records of one entity to a staged file.
public final class StagedWriter<R: StagedRecord> {
  private let out: BufferedWriter
  @exclusivity(unchecked) public private(set) var count = 0

  public init(path: String) throws {
    out = try BufferedWriter(creating: path, mode: StagedFormat.fileMode)
    try out.write(StagedFormat.formatLine(R.entity) + "\n")
    try out.write(R.stagedColumns.joined(separator: "\t") + "\n")
  }

  public func write(_ record: R) throws {
    try writeFields(record.stagedFields)
  }

  /// Writes a row given as its staged text fields (in `R.stagedColumns` order).
  public func writeFields(_ fields: [String]) throws {
    precondition(fields.count == R.stagedColumns.count, "staged row of \(R.entity) has \(fields.count) fields")
    for (i, f) in fields.enumerated() {
      if i > 0 { try out.write(byte: 0x09) }
      try out.write(f)
    }
    try out.write(byte: 0x0A)
    count += 1
  }

  /// Writes one row already encoded as staged text: the fields joined by tabs, ending in its
  /// `\n`. The extract stage encodes its records straight into bytes (its tests prove the
  /// bytes equal `stagedFields` joined by tabs).
  public func write(encodedRow row: UnsafeRawBufferPointer) throws {
    try out.write(bytes: row)
    count += 1
  }

  public func close() throws { try out.close() }
}

/// Reads the records of one entity back from a staged file.
public struct StagedReader<R: StagedRecord> {
  public let path: String

  public init(path: String) { self.path = path }

  /// Calls `body` with every record, in file order. A missing file has no records.
  public func forEach(_ body: (R) throws -> Void) throws {
    guard FileSystem.exists(path) else { return }
    let columns = R.stagedColumns
    try LineReader(path: path).forEachLine { (line, number) throws in
      let text = String(decoding: line, as: UTF8.self)
      switch number {
      case 1:
        guard text == StagedFormat.formatLine(R.entity) else {
          throw PipelineError.internal("\(path):1: not a staged \(R.entity.rawValue) file of format \(StagedFormat.version) (found \"\(text.prefix(60))\")")
        }
      case 2:
        guard text == columns.joined(separator: "\t") else {
          throw PipelineError.internal("\(path):2: unexpected columns for \(R.entity.rawValue)")
        }
      default:
        let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
        let record: R
        do {
          record = try R(stagedFields: StagedFields(fields, columns: columns))
        } catch {
          throw PipelineError.internal("\(path):\(number): \(error)")
        }
        try body(record)
      }
    }
  }

  /// Every record of the file, in order (for small files and tests).
  public func readAll() throws -> [R] {
    var all: [R] = []
    try forEach { all.append($0) }
    return all
  }
}
