import Foundation

/// A plain-text table: left-aligned first column, right-aligned figures.
struct BenchTable {
  var header: [String]
  var rows: [[String]] = []

  init(_ header: [String]) { self.header = header }

  mutating func add(_ row: [String]) { rows.append(row) }

  func render() -> String {
    let all = [header] + rows
    var widths = Array(repeating: 0, count: header.count)
    for r in all { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    var out = ""
    for (n, r) in all.enumerated() {
      var line = ""
      for (i, c) in r.enumerated() where i < widths.count {
        let pad = String(repeating: " ", count: widths[i] - c.count)
        line += i == 0 ? c + pad : "  " + pad + c
      }
      out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
      if n == 0 { out += String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)) + "\n" }
    }
    return out
  }

  static func seconds(_ s: Double) -> String { String(format: "%.2f", s) }
  static func megabytes(_ b: Int) -> String { String(format: "%.1f MB", Double(b) / 1e6) }
  static func rate(_ v: Double) -> String {
    v >= 1e6 ? String(format: "%.2f M", v / 1e6) : v >= 1e3 ? String(format: "%.1f k", v / 1e3) : String(format: "%.0f", v)
  }
  static func ratio(_ r: Double) -> String { String(format: "%.2f×", r) }
}
