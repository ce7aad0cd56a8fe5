import Model

/// Finds the municipality a gemeente field names: a `GM` code that exists in the reference
/// data, or (for layouts with `gemeente: name`) an official name, a usual variant (case,
/// hyphen or space) or an alias of the pipeline configuration. Names already seen are
/// cached by their bytes.
final class GemeenteResolver {
  private let byName: Bool
  private let loose: Bool
  @exclusivity(unchecked) private var known = [Bool](repeating: false, count: 10_000)
  private let names: GemeenteNameIndex?
  private let cache = ByteMap(capacity: 256)
  private static let cacheLimit = 4096

  init(reference: ReferenceData, byName: Bool, loose: Bool, aliases: [String: String]) {
    self.byName = byName
    self.loose = loose
    for code in reference.gemeenten.keys { known[Int(code.number)] = true }
    names = byName ? GemeenteNameIndex(reference: reference, aliases: aliases) : nil
  }

  /// The code `text` names (already trimmed where the layout is loose), or nil when it names
  /// no municipality of the reference data.
  func resolve(_ text: UnsafeRawBufferPointer) -> GemeenteCode? {
    if let code = parseCode(text) {
      return known[Int(code.number)] ? code : nil
    }
    guard byName, let names else { return nil }
    if let hit = cache.get(text) {
      return hit < 0 ? nil : GemeenteCode(number: Int(hit))
    }
    let code = names.code(forName: String(decoding: text, as: UTF8.self))
    let valid = code.flatMap { known[Int($0.number)] ? $0 : nil }
    if cache.count < Self.cacheLimit {
      cache.set(Array(text), valid.map { Int32($0.number) } ?? -1)
    }
    return valid
  }

  /// `GM` + four digits (in a loose layout `gm` too).
  @inline(__always)
  private func parseCode(_ t: UnsafeRawBufferPointer) -> GemeenteCode? {
    guard t.count == 6 else { return nil }
    let g = t[0]
    let m = t[1]
    guard (g == 0x47 && m == 0x4D) || (loose && (g | 0x20) == 0x67 && (m | 0x20) == 0x6D) else {
      return nil
    }
    var n = 0
    for i in 2..<6 {
      let d = t[i]
      guard d >= 0x30 && d <= 0x39 else { return nil }
      n = n * 10 + Int(d - 0x30)
    }
    return GemeenteCode(number: n)
  }
}
