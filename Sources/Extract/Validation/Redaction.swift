/// Keeps anything that could be a bsn out of rejects, warnings and messages.
///
/// A group of digits (possibly split by single spaces, dots or hyphens, as numbers are often
/// written: `1234.56.782`, `123 456 782`) holding 8 or more digits is replaced by as many
/// `*`: a misplaced bsn in any column, with or without a leading zero or a typo, never
/// reaches a file. Only a date shape (`31-02-2019`, `2019-13-01`, `1.2.2019`: day and month
/// of one or two digits and a four-digit year) stays readable, so date rejects can be acted on.
public enum Redaction {
  public static let minimumDigits = 8

  public static func redact(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var digitCount = 0
    for b in bytes where isDigit(b) { digitCount += 1 }
    guard digitCount >= minimumDigits else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      guard isDigit(bytes[i]) else {
        out.append(bytes[i])
        i += 1
        continue
      }
      // A group: digit runs, with single separators between them.
      var j = i
      var segments: [Int] = [0]
      var end = i
      while j < bytes.count {
        if isDigit(bytes[j]) {
          segments[segments.count - 1] += 1
          j += 1
          end = j
        } else if isSeparator(bytes[j]), j + 1 < bytes.count, isDigit(bytes[j + 1]) {
          segments.append(0)
          j += 1
        } else {
          break
        }
      }
      let digits = segments.reduce(0, +)
      if digits >= minimumDigits && !isDate(segments) {
        for b in bytes[i..<end] { out.append(isDigit(b) ? 0x2A : b) }
      } else {
        out.append(contentsOf: bytes[i..<end])
      }
      i = end
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Day-month-year or year-month-day.
  static func isDate(_ segments: [Int]) -> Bool {
    guard segments.count == 3 else { return false }
    let small = { (n: Int) in n == 1 || n == 2 }
    return (small(segments[0]) && small(segments[1]) && segments[2] == 4)
      || (segments[0] == 4 && small(segments[1]) && small(segments[2]))
  }

  @inline(__always)
  static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  @inline(__always)
  static func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x2E || b == 0x2D }
}
