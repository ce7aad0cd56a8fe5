/// Makes synthetic burgerservicenummers: nine digits that pass the elfproef, each one
/// unique, from a person's serial number, without remembering any of them.
///
/// Serial `u` splits into a block `u / 10⁷` and a rest; a keyed permutation of 0..<10⁷ turns
/// the rest into the first seven digits, so distinct rests give distinct prefixes. The eighth
/// digit is the block-th value (counted from a per-prefix offset) whose check digit is not 10,
/// and the ninth is the check digit. Distinct serials therefore give distinct numbers, for up
/// to 9 × 10⁷ persons — memory stays constant however large the export.
struct BsnFactory: Sendable {
  static let capacity = 90_000_000
  private let keys: [UInt64]

  init(seed: UInt64) {
    var state = seed ^ 0x6273_6E5F_6B65_7973
    keys = (0..<4).map { _ in SynthRandom.splitMix(&state) }
  }

  /// The bsn of person `serial` (0 ≤ serial < capacity).
  func bsn(serial: Int) -> String {
    let block = (serial / 10_000_000) % 9
    let prefix = permute(serial % 10_000_000)
    var digits = [UInt8](repeating: 0, count: 9)
    var rest = prefix
    for i in stride(from: 6, through: 0, by: -1) {
      digits[i] = UInt8(rest % 10)
      rest /= 10
    }
    var sum = 0
    for i in 0..<7 { sum += Int(digits[i]) * (9 - i) }
    // The eighth digit (weight 2): the block-th candidate whose check digit is 0…9.
    let start = Int(keys[3] % 10 + UInt64(prefix % 10)) % 10
    var found = 0
    var eighth = 0
    for j in 0..<10 {
      let candidate = (start + j) % 10
      if (sum + 2 * candidate) % 11 != 10 {
        if found == block {
          eighth = candidate
          break
        }
        found += 1
      }
    }
    digits[7] = UInt8(eighth)
    digits[8] = UInt8((sum + 2 * eighth) % 11)
    return String(decoding: digits.map { $0 + 0x30 }, as: UTF8.self)
  }

  /// A keyed bijection of 0..<10⁷: a four-round Feistel network on 24 bits, cycle-walked
  /// until the value falls below 10⁷.
  private func permute(_ x: Int) -> Int {
    var v = UInt64(x)
    repeat {
      var left = v >> 12
      var right = v & 0xFFF
      for round in 0..<4 {
        var state = right ^ keys[round & 3] ^ (UInt64(round) << 32)
        let f = SynthRandom.splitMix(&state) & 0xFFF
        (left, right) = (right, left ^ f)
      }
      v = (left << 12) | right
    } while v >= 10_000_000
    return Int(v)
  }

  /// True when `text` is nine digits passing the elfproef (`model.md`, betrokkene.bsn).
  static func passesElfproef(_ text: String) -> Bool {
    let d = Array(text.utf8)
    guard d.count == 9, d.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
    var sum = 0
    for i in 0..<8 { sum += Int(d[i] - 0x30) * (9 - i) }
    sum -= Int(d[8] - 0x30)
    return sum % 11 == 0
  }

  /// The same number with another last digit: nine digits that fail the elfproef.
  static func failingElfproef(_ text: String, shift: Int) -> String {
    var d = Array(text.utf8)
    guard d.count == 9 else { return text }
    let last = Int(d[8] - 0x30)
    d[8] = UInt8((last + 1 + shift % 9) % 10) + 0x30
    return String(decoding: d, as: UTF8.self)
  }
}
