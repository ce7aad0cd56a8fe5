/// A citizen service number (burgerservicenummer) as read from an export.
///
/// It never prints its digits: `description`, `debugDescription` and its mirror all show a
/// mask, and it is neither `Encodable` nor `LosslessStringConvertible`. The only way to the
/// digits is `withDigits`, which the pseudonymiser uses to compute the keyed pseudonym the
/// moment the number is read. Raw numbers exist only in memory, inside the extract stage.
public struct Bsn: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  private let bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

  /// A bsn from exactly nine ASCII digits, or nil. The elfproef is a separate check.
  public init?(utf8 text: UnsafeRawBufferPointer) {
    guard text.count == 9, text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    bytes = (text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7], text[8])
  }

  /// A bsn from exactly nine ASCII digits, or nil. The elfproef is a separate check.
  public init?(_ text: some StringProtocol) {
    var s = String(text)
    guard let b = s.withUTF8({ Bsn(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
    self = b
  }

  /// The elfproef: Σ digit×weight for weights 9…2, minus the last digit, is divisible by 11.
  public var passesElfproef: Bool {
    withDigits { d in
      var sum = 0
      for i in 0..<8 { sum += Int(d[i] - 0x30) * (9 - i) }
      sum -= Int(d[8] - 0x30)
      return sum % 11 == 0
    }
  }

  /// Lends the nine ASCII digits to `body`, for keyed hashing. Never store or print them.
  public func withDigits<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    var copy = bytes
    return try withUnsafeBytes(of: &copy) { try body($0) }
  }

  public var description: String { "Bsn(*********)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// The keyed pseudonym of a bsn: the first 128 bits of HMAC-SHA256(key, digits).
///
/// Equal bsn's give equal pseudonyms under one key, so the melding history can be traced
/// without the number itself. Written as 32 lower-case hex digits.
public struct Pseudonym: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let high: UInt64
  public let low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The first 16 bytes of `digest` (big-endian) as a pseudonym.
  public init(digest: UnsafeRawBufferPointer) {
    precondition(digest.count >= 16)
    var h: UInt64 = 0
    var l: UInt64 = 0
    for i in 0..<8 { h = h << 8 | UInt64(digest[i]) }
    for i in 8..<16 { l = l << 8 | UInt64(digest[i]) }
    self.init(high: h, low: l)
  }

  /// Parses 32 hex digits.
  public init?(hex: some StringProtocol) {
    let u = Array(hex.utf8)
    guard u.count == 32, let h = UInt64(String(decoding: u[0..<16], as: UTF8.self), radix: 16),
      let l = UInt64(String(decoding: u[16..<32], as: UTF8.self), radix: 16),
      u.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
    else { return nil }
    self.init(high: h, low: l)
  }

  /// 32 lower-case hex digits.
  public var hex: String {
    func h(_ v: UInt64) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: 16 - s.count) + s
    }
    return h(high) + h(low)
  }

  public var description: String { hex }

  public static func < (a: Pseudonym, b: Pseudonym) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
