import Model

/// Encodes one staged row straight into bytes: the same text as `stagedFields` joined by
/// tabs (docs/handover.md), without a `String` per field. `RowEncoderTests` proves the two equal.
final class RowEncoder {
  @exclusivity(unchecked) private(set) var buffer: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var capacity: Int
  @exclusivity(unchecked) private(set) var count = 0

  init(capacity: Int = 4096) {
    self.capacity = capacity
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: buffer, count: count) }

  func reset() { count = 0 }

  @inline(__always)
  private func reserve(_ n: Int) {
    if count + n > capacity {
      var c = capacity * 2
      while count + n > c { c *= 2 }
      let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
      b.update(from: buffer, count: count)
      buffer.deallocate()
      buffer = b
      capacity = c
    }
  }

  @inline(__always)
  func byte(_ b: UInt8) {
    reserve(1)
    buffer[count] = b
    count += 1
  }

  @inline(__always)
  func tab() { byte(0x09) }

  @inline(__always)
  func newline() { byte(0x0A) }

  @inline(__always)
  func raw(_ b: UnsafeRawBufferPointer) {
    guard b.count > 0 else { return }
    reserve(b.count)
    UnsafeMutableRawPointer(buffer + count).copyMemory(from: b.baseAddress!, byteCount: b.count)
    count += b.count
  }

  @inline(__always)
  func text(_ s: String) {
    var s = s
    s.withUTF8 { raw(UnsafeRawBufferPointer($0)) }
  }

  func text(_ s: String?) { if let s { text(s) } }

  @inline(__always)
  func day(_ d: Day) {
    let c = d.components
    reserve(10)
    var y = c.year
    for i in stride(from: 3, through: 0, by: -1) {
      buffer[count + i] = UInt8(0x30 + y % 10)
      y /= 10
    }
    buffer[count + 4] = 0x2D
    buffer[count + 5] = UInt8(0x30 + c.month / 10)
    buffer[count + 6] = UInt8(0x30 + c.month % 10)
    buffer[count + 7] = 0x2D
    buffer[count + 8] = UInt8(0x30 + c.day / 10)
    buffer[count + 9] = UInt8(0x30 + c.day % 10)
    count += 10
  }

  func day(_ d: Day?) { if let d { day(d) } }

  @inline(__always)
  func code<E: CodeListEnum>(_ e: E) { text(E.codes[Int(e.rawValue)]) }

  func code<E: CodeListEnum>(_ e: E?) { if let e { code(e) } }

  @inline(__always)
  func codes<E: CodeListEnum>(_ set: CodeSet<E>) {
    var bits = set.bits
    var first = true
    while bits != 0 {
      let i = bits.trailingZeroBitCount
      bits &= bits - 1
      if !first { byte(0x7C) }
      first = false
      text(E.codes[i])
    }
  }

  @inline(__always)
  func bool(_ b: Bool) {
    if b { text("ja") } else { text("nee") }
  }

  @inline(__always)
  func gemeente(_ g: GemeenteCode) {
    reserve(6)
    buffer[count] = 0x47
    buffer[count + 1] = 0x4D
    var n = Int(g.number)
    for i in stride(from: 5, through: 2, by: -1) {
      buffer[count + i] = UInt8(0x30 + n % 10)
      n /= 10
    }
    count += 6
  }

  func gemeente(_ g: GemeenteRef) {
    if case .known(let c) = g { gemeente(c) }
  }

  /// A whole number (geboortejaar: never negative, at most 4 digits in practice).
  @inline(__always)
  func int(_ n: Int?) {
    guard let n else { return }
    guard n >= 0 else { return text(String(n)) }
    var digits = 1
    var p = 10
    while n >= p && digits < 19 {
      digits += 1
      p = p &* 10
    }
    reserve(digits)
    var v = n
    for i in stride(from: digits - 1, through: 0, by: -1) {
      buffer[count + i] = UInt8(0x30 + v % 10)
      v /= 10
    }
    count += digits
  }

  @inline(__always)
  func pseudonym(_ p: Pseudonym?) {
    guard let p else { return }
    reserve(32)
    @inline(__always) func digit(_ n: UInt64) -> UInt8 {
      let d = UInt8(truncatingIfNeeded: n)
      return d < 10 ? 0x30 + d : 0x57 + d
    }
    var high = p.high
    var low = p.low
    for i in stride(from: 15, through: 0, by: -1) {
      buffer[count + i] = digit(high & 15)
      buffer[count + 16 + i] = digit(low & 15)
      high >>= 4
      low >>= 4
    }
    count += 32
  }
}
