import Foundation

/// Lines of a `;`-separated UTF-8 CSV file (the reports' machine-readable twins).
///
/// A field holding `;`, `"`, a line break or leading or trailing spaces is quoted, with `"`
/// doubled inside (RFC 4180 with `;` as separator); every line ends in `\n`.
enum SemicolonCSV {
  static func line(_ fields: [String]) -> String {
    fields.map(quote).joined(separator: ";") + "\n"
  }

  static func quote(_ field: String) -> String {
    let needsQuotes =
      field.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || field.hasPrefix(" ") || field.hasSuffix(" ")
    guard needsQuotes else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
