import Model
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// Writes `rejects.csv` (docs/handover.md): UTF-8, RFC 4180, a header row, mode 0600.
///
/// `source,file,line,element,entity,id,field,value,rule,message`. Values and messages pass
/// through `Redaction` (no bsn-like digits), control characters are shown as `\xNN`, and a
/// value longer than 200 characters is cut with a note of its length.
final class RejectWriter {
  static let header = "source,file,line,element,entity,id,field,value,rule,message"
  static let maxValueCharacters = 200
  private let out: BufferedWriter
  private(set) var count = 0

  let path: String

  /// A rejects file; without `header`, a part to be appended to one (`append(partAt:)`).
  init(path: String, header: Bool = true) throws {
    self.path = path
    out = try BufferedWriter(creating: path, mode: StagedFormat.fileMode)
    if header { try out.write(Self.header + "\n") }
  }

  /// Appends the rows of a part file (written by a task) and removes it.
  func append(partAt partPath: String) throws {
    let fd = open(partPath, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw PipelineError.io("\(partPath): cannot be read back") }
    defer {
      Glibc.close(fd)
      unlink(partPath)
    }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n < 0 { throw PipelineError.io("\(partPath): read failed") }
      if n == 0 { break }
      try buffer.withUnsafeBytes { try out.write(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
  }

  struct Location {
    var source: String
    var file: String
    var line: Int?
    var element: String?
  }

  func write(
    _ location: Location, entity: String, id: String?, _ r: Rejection
  ) throws {
    let fields = [
      location.source, location.file, location.line.map(String.init) ?? "", location.element ?? "",
      entity, Self.clean(id ?? "", limit: 100), r.field,
      Redaction.redact(Self.clean(r.value, limit: Self.maxValueCharacters)), r.rule.rawValue,
      Redaction.redact(Self.clean(r.message, limit: 400)),
    ]
    var line = ""
    for (i, f) in fields.enumerated() {
      if i > 0 { line += "," }
      line += Self.quote(f)
    }
    try out.write(line + "\n")
    count += 1
  }

  func close() throws { try out.close() }

  /// Control characters as `\xNN`, long text cut.
  static func clean(_ s: String, limit: Int) -> String {
    var out = ""
    var n = 0
    for scalar in s.unicodeScalars {
      if n == limit {
        out += "… (\(s.utf8.count) bytes)"
        return out
      }
      if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
      } else {
        out.unicodeScalars.append(scalar)
      }
      n += 1
    }
    return out
  }

  static func quote(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
  }
}
