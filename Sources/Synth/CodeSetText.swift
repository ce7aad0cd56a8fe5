import Model

/// Fast walks over a multi-valued field's bits (`CodeSet`'s own iterator and `joinedCodes`
/// go through `AnyIterator` and key paths, which cost more than the rest of a row).
enum CodeSetText {
  /// The members in list order.
  static func members<E: CodeListEnum>(_ set: CodeSet<E>) -> [E] {
    var bits = set.bits
    var out: [E] = []
    while bits != 0 {
      let i = bits.trailingZeroBitCount
      bits &= bits - 1
      if let e = E(rawValue: UInt8(i)) { out.append(e) }
    }
    return out
  }

  /// The canonical codes joined with `|`, in list order (vt-csv).
  static func joined<E: CodeListEnum>(_ set: CodeSet<E>) -> String {
    var bits = set.bits
    guard bits != 0 else { return "" }
    let codes = E.codes
    var out = ""
    while bits != 0 {
      let i = bits.trailingZeroBitCount
      bits &= bits - 1
      if !out.isEmpty { out += "|" }
      out += codes[i]
    }
    return out
  }
}
