/// The character encodings an export may declare in its layout (`csv.encoding`).
public enum TextEncoding: String, Sendable, CaseIterable {
  /// UTF-8, with or without a byte order mark.
  case utf8 = "utf-8"
  /// Windows-1252 (Western European), transcoded to UTF-8 as it is read.
  case windows1252 = "windows-1252"
}

/// The byte-level text checks and conversions of the readers: UTF-8 validation and
/// Windows-1252 → UTF-8, both chunk by chunk without intermediate strings.
enum TextCodec {
  /// Validates UTF-8 in `p[from..<to]`. Returns how far the bytes are valid and, when a byte
  /// is invalid, its position. An incomplete sequence at the very end is left unvalidated
  /// (`validUpTo` stops before it) unless `final` is set, when it is an error.
  static func validateUTF8(
    _ p: UnsafePointer<UInt8>, from: Int, to end: Int, final: Bool
  ) -> (validUpTo: Int, invalidAt: Int?) {
    var i = from
    while i < end {
      // ASCII fast path, eight bytes at a time.
      while i + 8 <= end,
        UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
      }
      guard i < end else { break }
      let b = p[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let n: Int
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: n = 2
      case 0xE0: n = 3; lo = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: n = 3
      case 0xED: n = 3; hi = 0x9F
      case 0xF0: n = 4; lo = 0x90
      case 0xF1...0xF3: n = 4
      case 0xF4: n = 4; hi = 0x8F
      default: return (i, i)
      }
      if i + n > end {
        // Check what is there; the rest may arrive with the next chunk.
        var k = i + 1
        while k < end {
          let c = p[k]
          let ok = k == i + 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF)
          if !ok { return (i, i) }
          k += 1
        }
        return final ? (i, i) : (i, nil)
      }
      let c1 = p[i + 1]
      guard c1 >= lo, c1 <= hi else { return (i, i) }
      var k = 2
      while k < n {
        let c = p[i + k]
        guard c >= 0x80, c <= 0xBF else { return (i, i) }
        k += 1
      }
      i += n
    }
    return (end, nil)
  }

  /// Unicode scalars of Windows-1252 bytes 0x80…0x9F (0 = not defined).
  static let windows1252High: [UInt32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  ]

  /// Transcodes Windows-1252 `input` to UTF-8 at `out` (room for 3 × input bytes).
  /// Returns the bytes written and, for a byte Windows-1252 does not define, its index in
  /// `input` (output stops there).
  static func transcodeWindows1252(
    _ input: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>
  ) -> (written: Int, undefinedAt: Int?) {
    guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return (0, nil) }
    let n = input.count
    var i = 0
    var o = 0
    while i < n {
      while i + 8 <= n,
        UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        UnsafeMutableRawPointer(out + o).storeBytes(
          of: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), as: UInt64.self)
        i += 8
        o += 8
      }
      guard i < n else { break }
      let b = base[i]
      if b < 0x80 {
        out[o] = b
        o += 1
      } else if b >= 0xA0 {
        // U+00A0…U+00FF: two bytes.
        out[o] = 0xC0 | (b >> 6)
        out[o + 1] = 0x80 | (b & 0x3F)
        o += 2
      } else {
        let scalar = windows1252High[Int(b - 0x80)]
        if scalar == 0 { return (o, i) }
        if scalar < 0x800 {
          out[o] = UInt8(0xC0 | (scalar >> 6))
          out[o + 1] = UInt8(0x80 | (scalar & 0x3F))
          o += 2
        } else {
          out[o] = UInt8(0xE0 | (scalar >> 12))
          out[o + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
          out[o + 2] = UInt8(0x80 | (scalar & 0x3F))
          o += 3
        }
      }
      i += 1
    }
    return (o, nil)
  }
}
