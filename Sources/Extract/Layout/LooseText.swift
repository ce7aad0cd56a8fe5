/// Byte-level text normalisation for loose matching (`match: loose`): surrounding spaces,
/// tabs and no-break spaces removed, letters folded to lower case (ASCII and the Latin-1
/// capitals À…Þ). Works on UTF-8 bytes without creating strings.
enum LooseText {
  /// The bytes without surrounding spaces, tabs and no-break spaces (U+00A0).
  @inline(__always)
  static func trim(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let base = b.baseAddress, b.count > 0 else { return b }
    var start = 0
    var end = b.count
    while start < end {
      let c = b[start]
      if c == 0x20 || c == 0x09 {
        start += 1
      } else if c == 0xC2 && start + 1 < end && b[start + 1] == 0xA0 {
        start += 2
      } else {
        break
      }
    }
    while end > start {
      let c = b[end - 1]
      if c == 0x20 || c == 0x09 {
        end -= 1
      } else if c == 0xA0 && end - 2 >= start && b[end - 2] == 0xC2 {
        end -= 2
      } else {
        break
      }
    }
    return UnsafeRawBufferPointer(start: base + start, count: end - start)
  }

  /// Writes the trimmed, case-folded bytes of `b` to `out` (room for `b.count` bytes);
  /// returns the number written.
  @inline(__always)
  static func fold(_ b: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) -> Int {
    let t = trim(b)
    guard let base = t.baseAddress else { return 0 }
    let p = base.assumingMemoryBound(to: UInt8.self)
    let count = t.count
    var n = 0
    var i = 0
    while i < count {
      let c = p[i]
      if c < 0x80 {
        // ASCII: A–Z to a–z (one unsigned comparison), everything else as is.
        out[n] = c &- 0x41 < 26 ? c | 0x20 : c
      } else if c == 0xC3 && i + 1 < count && p[i + 1] >= 0x80 && p[i + 1] <= 0x9E
        && p[i + 1] != 0x97
      {
        out[n] = 0xC3
        out[n + 1] = p[i + 1] + 0x20
        n += 2
        i += 2
        continue
      } else {
        out[n] = c
      }
      n += 1
      i += 1
    }
    return n
  }

  /// The folded form of a string, as bytes (to build lookup tables).
  static func folded(_ s: String) -> [UInt8] {
    var bytes = Array(s.utf8)
    let count = bytes.count
    var out = [UInt8](repeating: 0, count: max(count, 1))
    let n = bytes.withUnsafeMutableBytes { src in
      out.withUnsafeMutableBufferPointer { dst in
        fold(UnsafeRawBufferPointer(src), into: dst.baseAddress!)
      }
    }
    out.removeLast(out.count - n)
    return out
  }

  /// The trimmed form of a string, as bytes.
  static func trimmed(_ s: String) -> [UInt8] {
    let bytes = Array(s.utf8)
    return bytes.withUnsafeBytes { Array(trim($0)) }
  }
}
