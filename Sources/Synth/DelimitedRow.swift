/// Builds the rows of a delimited file: RFC 4180 quoting (a field holding the delimiter, a
/// quote or a line break is quoted, quotes doubled; or every non-empty field quoted), in
/// UTF-8 or Windows-1252, with the layout's line ending.
struct DelimitedRow {
  enum Encoding { case utf8, windows1252 }

  let delimiter: UInt8
  let quoteAll: Bool
  let encoding: Encoding
  let lineEnd: [UInt8]
  private var bytes: [UInt8] = []
  private var fields = 0

  init(delimiter: Character, quoteAll: Bool, encoding: Encoding, crlf: Bool) {
    self.delimiter = delimiter.asciiValue ?? 0x2C
    self.quoteAll = quoteAll
    self.encoding = encoding
    lineEnd = crlf ? [0x0D, 0x0A] : [0x0A]
    bytes.reserveCapacity(512)
  }

  /// Appends one field.
  mutating func add(_ field: String) {
    if fields > 0 { bytes.append(delimiter) }
    fields += 1
    guard !field.isEmpty else { return }
    var field = field
    let delimiter = self.delimiter
    var needsQuotes = quoteAll
    var ascii = true
    field.withUTF8 { utf8 in
      for b in utf8 {
        if b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true }
        if b >= 0x80 { ascii = false }
      }
      // The common case: nothing to quote, nothing to re-encode.
      if !needsQuotes && (ascii || encoding == .utf8) { bytes.append(contentsOf: utf8) }
    }
    if !needsQuotes && (ascii || encoding == .utf8) { return }
    if needsQuotes { bytes.append(0x22) }
    switch encoding {
    case .utf8:
      for b in field.utf8 {
        if needsQuotes && b == 0x22 { bytes.append(0x22) }
        bytes.append(b)
      }
    case .windows1252:
      for scalar in field.unicodeScalars {
        let b = Windows1252.byte(scalar)
        if needsQuotes && b == 0x22 { bytes.append(0x22) }
        bytes.append(b)
      }
    }
    if needsQuotes { bytes.append(0x22) }
  }

  /// Appends every field of `fields`.
  mutating func add(_ fields: [String]) { for f in fields { add(f) } }

  /// The finished row with its line ending; the builder starts a new row.
  mutating func finish() -> [UInt8] {
    bytes.append(contentsOf: lineEnd)
    defer {
      bytes.removeAll(keepingCapacity: true)
      fields = 0
    }
    return bytes
  }
}

/// The Windows-1252 code page: Latin-1 plus the printable characters Microsoft put at
/// 0x80–0x9F (€, ‚, „, …, ‘, ’, “, ”, –, —, …).
enum Windows1252 {
  /// The byte of `scalar`, or `?` where the code page has none.
  static func byte(_ scalar: Unicode.Scalar) -> UInt8 {
    let v = scalar.value
    if v < 0x80 || (v >= 0xA0 && v <= 0xFF) { return UInt8(v) }
    if let i = high.firstIndex(of: v) { return UInt8(0x80 + i) }
    return 0x3F
  }

  /// The characters of 0x80…0x9F (0 where the code page leaves a byte undefined).
  static let high: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// Decodes Windows-1252 bytes (nil when a byte is undefined in the code page).
  static func decode(_ bytes: some Sequence<UInt8>) -> String? {
    var out = String.UnicodeScalarView()
    for b in bytes {
      if b < 0x80 || b >= 0xA0 {
        out.append(Unicode.Scalar(b))
      } else {
        let v = high[Int(b - 0x80)]
        guard v != 0, let s = Unicode.Scalar(v) else { return nil }
        out.append(s)
      }
    }
    return String(out)
  }
}
