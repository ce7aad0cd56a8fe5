import Foundation

/// A CSV file of report figures: UTF-8, `;`-separated like the StatLine-style tables (so a
/// Dutch spreadsheet opens it in columns), a header row, `\n` line ends, RFC 4180 quoting
/// where a field holds `;`, `"` or a line break.
struct SheetCSV {
  let header: [String]
  private(set) var rows: [[String]] = []

  init(header: [String]) { self.header = header }

  mutating func append(_ row: [String]) { rows.append(row) }

  var text: String {
    var out = ""
    for row in [header] + rows {
      out += row.map(Self.field).joined(separator: ";")
      out += "\n"
    }
    return out
  }

  static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
