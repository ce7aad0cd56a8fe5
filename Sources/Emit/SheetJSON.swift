/// A JSON value written with its keys in the order given (reports read best in the order of
/// the page), two-space indentation and RFC 8259 string escaping. Deterministic.
indirect enum SheetJSON: Sendable {
  case object([(String, SheetJSON)])
  case array([SheetJSON])
  case string(String)
  case int(Int)
  case bool(Bool)
  case null

  /// An integer, or `null` where the figure is missing.
  static func int(_ n: Int?) -> SheetJSON { n.map { .int($0) } ?? .null }
  static func string(_ s: String?) -> SheetJSON { s.map { .string($0) } ?? .null }

  /// The document text, ending in a newline.
  var text: String {
    var out = ""
    write(into: &out, indent: "")
    return out + "\n"
  }

  private func write(into out: inout String, indent: String) {
    switch self {
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (key, value)) in members.enumerated() {
        out += indent + "  " + Self.quote(key) + ": "
        value.write(into: &out, indent: indent + "  ")
        out += i + 1 < members.count ? ",\n" : "\n"
      }
      out += indent + "}"
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += indent + "  "
        item.write(into: &out, indent: indent + "  ")
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += indent + "]"
    case .string(let s): out += Self.quote(s)
    case .int(let n): out += String(n)
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
