/// Lower-case hexadecimal text of bytes.
enum Hex {
  static let digits = Array("0123456789abcdef".utf8)

  static func string(_ bytes: some Sequence<UInt8>) -> String {
    var out: [UInt8] = []
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of an even-length hex text (either case), or nil.
  static func bytes(_ text: some StringProtocol) -> [UInt8]? {
    let u = Array(text.utf8)
    guard u.count % 2 == 0 else { return nil }
    func value(_ c: UInt8) -> UInt8? {
      switch c {
      case 0x30...0x39: return c - 0x30
      case 0x61...0x66: return c - 0x61 + 10
      case 0x41...0x46: return c - 0x41 + 10
      default: return nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(u.count / 2)
    var i = 0
    while i < u.count {
      guard let h = value(u[i]), let l = value(u[i + 1]) else { return nil }
      out.append(h << 4 | l)
      i += 2
    }
    return out
  }
}
