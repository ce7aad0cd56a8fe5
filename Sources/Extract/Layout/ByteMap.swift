#if canImport(Glibc)
  import Glibc
#endif

/// A small hash map from byte strings to integers, for the lookup tables of a layout (codes,
/// labels, booleans, gemeente names): one hash and one comparison per lookup, no `String`.
final class ByteMap {
  @exclusivity(unchecked) private var keys: [[UInt8]] = []
  @exclusivity(unchecked) private var values: [Int32] = []
  /// Index + 1 into `keys`, 0 = empty.
  @exclusivity(unchecked) private var slots: [Int32]
  @exclusivity(unchecked) private var mask: Int
  /// The longest key (a longer text cannot match).
  @exclusivity(unchecked) private(set) var maxKeyLength = 0

  init(capacity: Int = 64) {
    var c = 16
    while c < capacity * 2 { c <<= 1 }
    slots = Array(repeating: 0, count: c)
    mask = c - 1
  }

  var count: Int { keys.count }

  /// The value of `key`, or nil.
  @inline(__always)
  func get(_ key: UnsafeRawBufferPointer) -> Int32? {
    guard key.count <= maxKeyLength else { return nil }
    let h = key.count == 0 ? 0 : IdTable.hash(key)
    var i = Int(truncatingIfNeeded: h) & mask
    return slots.withUnsafeBufferPointer { s in
      while true {
        let k = Int(s[i])
        if k == 0 { return nil }
        let candidate = keys[k - 1]
        if candidate.count == key.count,
          candidate.withUnsafeBytes({ key.count == 0 || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 })
        {
          return values[k - 1]
        }
        i = (i + 1) & mask
      }
    }
  }

  /// Sets `key` to `value`; returns the previous value, if any.
  @discardableResult
  func set(_ key: [UInt8], _ value: Int32) -> Int32? {
    if let old = key.withUnsafeBytes({ get($0) }) {
      let i = keys.firstIndex(of: key)!
      values[i] = value
      return old
    }
    if (keys.count + 1) * 2 > slots.count { grow() }
    keys.append(key)
    values.append(value)
    maxKeyLength = max(maxKeyLength, key.count)
    place(keys.count - 1)
    return nil
  }

  private func place(_ index: Int) {
    let h = keys[index].withUnsafeBytes { $0.count == 0 ? 0 : IdTable.hash($0) }
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = Int32(index + 1)
  }

  private func grow() {
    slots = Array(repeating: 0, count: slots.count * 2)
    mask = slots.count - 1
    for k in 0..<keys.count { place(k) }
  }
}
