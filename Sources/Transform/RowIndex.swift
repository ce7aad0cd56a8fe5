/// Maps a row key (period << 16 | region, never 0) to the offset of its counters: an
/// open-addressing table with a multiplicative hash, cheaper than `Dictionary` on the hot path
/// where every record looks up its row.
struct RowIndex {
  private var keys: [UInt64]
  private var bases: [Int]
  private var shift: UInt64
  private(set) var count = 0

  init() {
    keys = [UInt64](repeating: 0, count: 64)
    bases = [Int](repeating: 0, count: 64)
    shift = 64 - 6
  }

  @inline(__always)
  private func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// The base of `key`, or nil.
  @inline(__always)
  func find(_ key: UInt64) -> Int? {
    let mask = keys.count - 1
    var s = slot(key)
    while true {
      let k = keys[s]
      if k == key { return bases[s] }
      if k == 0 { return nil }
      s = (s + 1) & mask
    }
  }

  /// Adds `key` (not present) with `base`.
  mutating func insert(_ key: UInt64, _ base: Int) {
    if (count + 1) * 2 > keys.count { grow() }
    let mask = keys.count - 1
    var s = slot(key)
    while keys[s] != 0 { s = (s + 1) & mask }
    keys[s] = key
    bases[s] = base
    count += 1
  }

  /// Calls `body` with every (key, base).
  func forEach(_ body: (UInt64, Int) throws -> Void) rethrows {
    for (i, k) in keys.enumerated() where k != 0 { try body(k, bases[i]) }
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldBases = bases
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    bases = [Int](repeating: 0, count: oldKeys.count * 2)
    shift -= 1
    count = 0
    for (i, k) in oldKeys.enumerated() where k != 0 { insert(k, oldBases[i]) }
  }
}
