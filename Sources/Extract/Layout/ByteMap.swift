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
  /// What `get` reads (kept by `set`): the keys back to back, and per entry its start
  /// in `packed`, its length and its value; no array of arrays to retain per lookup.
  @exclusivity(unchecked) private var packed = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
  @exclusivity(unchecked) private var entries = UnsafeMutablePointer<Entry>.allocate(capacity: 1)
  @exclusivity(unchecked) private var table: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private var packedCapacity = 1
  @exclusivity(unchecked) private var entryCapacity = 1

  private struct Entry {
    var start: Int32
    var length: Int32
    var value: Int32
  }

  init(capacity: Int = 64) {
    var c = 16
    while c < capacity * 2 { c <<= 1 }
    slots = Array(repeating: 0, count: c)
    mask = c - 1
    table = .allocate(capacity: c)
    table.initialize(repeating: 0, count: c)
  }

  deinit {
    packed.deallocate()
    entries.deallocate()
    table.deallocate()
  }

  /// Copies keys and values into the unsafe buffers `get` reads (the slots are kept there
  /// by `place`), growing them by doubling: amortised constant time per key.
  private func pack(_ index: Int) {
    let key = keys[index]
    let start = index == 0 ? 0 : Int(entries[index - 1].start + entries[index - 1].length)
    if index >= entryCapacity {
      let c = max(8, entryCapacity * 2)
      let grown = UnsafeMutablePointer<Entry>.allocate(capacity: c)
      grown.moveInitialize(from: entries, count: index)
      entries.deallocate()
      entries = grown
      entryCapacity = c
    }
    if start + key.count > packedCapacity {
      var c = max(64, packedCapacity * 2)
      while start + key.count > c { c *= 2 }
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
      grown.moveInitialize(from: packed, count: start)
      packed.deallocate()
      packed = grown
      packedCapacity = c
    }
    (packed + start).initialize(from: key, count: key.count)
    entries[index] = Entry(start: Int32(start), length: Int32(key.count), value: values[index])
  }

  var count: Int { keys.count }

  /// The value of `key`, or nil.
  @inline(__always)
  func get(_ key: UnsafeRawBufferPointer) -> Int32? {
    guard key.count <= maxKeyLength else { return nil }
    let h = key.count == 0 ? 0 : IdTable.hash(key)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let k = Int(table[i])
      if k == 0 { return nil }
      let e = entries[k - 1]
      if Int(e.length) == key.count
        && (key.count == 0 || memcmp(packed + Int(e.start), key.baseAddress!, key.count) == 0)
      {
        return e.value
      }
      i = (i + 1) & mask
    }
  }

  /// Sets `key` to `value`; returns the previous value, if any.
  @discardableResult
  func set(_ key: [UInt8], _ value: Int32) -> Int32? {
    if let old = key.withUnsafeBytes({ get($0) }) {
      let i = keys.firstIndex(of: key)!
      values[i] = value
      entries[i].value = value
      return old
    }
    if (keys.count + 1) * 2 > slots.count { grow() }
    keys.append(key)
    values.append(value)
    maxKeyLength = max(maxKeyLength, key.count)
    pack(keys.count - 1)
    place(keys.count - 1)
    return nil
  }

  private func place(_ index: Int) {
    let h = keys[index].withUnsafeBytes { $0.count == 0 ? 0 : IdTable.hash($0) }
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 { i = (i + 1) & mask }
    slots[i] = Int32(index + 1)
    table[i] = Int32(index + 1)
  }

  private func grow() {
    slots = Array(repeating: 0, count: slots.count * 2)
    mask = slots.count - 1
    table.deallocate()
    table = .allocate(capacity: slots.count)
    table.initialize(repeating: 0, count: slots.count)
    for k in 0..<keys.count { place(k) }
  }
}
