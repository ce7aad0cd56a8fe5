#if canImport(Glibc)
  import Glibc
#endif

/// A set of byte-string keys (record ids), each with a small fixed-size value, whose memory
/// grows with the number of distinct keys and their length, never with the records read.
///
/// Keys are stored once, length-prefixed, in a growing byte arena with their value right
/// behind them. Exports list ids mostly in order, and that is used twice:
/// - a key greater than every key before it (byte-wise) is new without a lookup and is
///   appended to a *sorted run* (4 bytes per key: its arena offset);
/// - lookups search the run from a *finger* (where the previous lookup ended), galloping,
///   so lookups in order touch memory in order instead of missing the cache at random.
/// Keys that arrive out of order go to a hash index (8-byte slots: a 24-bit tag and the
/// 40-bit arena offset, linear probing, at most 3/4 full). When lookups turn out not to be
/// in order (many galloping steps on average), the table indexes every key in the hash and
/// stops searching the run. No `String` is created for a lookup. Keys are 1…256 bytes (a
/// valid id is at most 64 characters).
///
/// A lookup moves the finger, so a table is read by one thread at a time, except once it is
/// **frozen** (`freeze()`: no more inserts, every key in the hash index too): then each reader
/// looks up through its own `Cursor` (finger and counts of its own) and the table itself is
/// not written, so the tasks that resolve references against the accepted meldingen can run
/// side by side.
public final class IdTable {
  /// A reader's position in the sorted run, and how well galloping from it works.
  public struct Cursor {
    var finger = 0
    var lookups = 0
    var steps = 0
    /// Lookups have not been in order: go to the hash index.
    var hashed = false
    public init() {}
  }

  public typealias Entry = Int

  /// Bytes of value kept per key.
  public let valueSize: Int
  public static let maxKeyLength = 256

  @exclusivity(unchecked) public private(set) var count = 0
  // Arena.
  @exclusivity(unchecked) private var arena: UnsafeMutableRawPointer
  @exclusivity(unchecked) private var arenaCapacity: Int
  @exclusivity(unchecked) private var arenaUsed = 0
  // Sorted run.
  @exclusivity(unchecked) private var run: UnsafeMutablePointer<UInt32>
  @exclusivity(unchecked) private var runCount = 0
  @exclusivity(unchecked) private var runCapacity: Int
  // Hash index (out-of-order keys, or every key once `hashedAll`).
  @exclusivity(unchecked) private var slots: UnsafeMutablePointer<UInt64>? = nil
  @exclusivity(unchecked) private var mask = 0
  @exclusivity(unchecked) private var hashedCount = 0
  @exclusivity(unchecked) private(set) var hashedAll = false
  /// The position of the lookups made while the table is written.
  @exclusivity(unchecked) private var own = Cursor()
  @exclusivity(unchecked) public private(set) var frozen = false

  public init(valueSize: Int = 2, initialCapacity: Int = 1024) {
    self.valueSize = valueSize
    arenaCapacity = max(4096, initialCapacity * (12 + valueSize))
    arena = .allocate(byteCount: arenaCapacity, alignment: 16)
    runCapacity = max(64, initialCapacity)
    run = .allocate(capacity: runCapacity)
  }

  deinit {
    arena.deallocate()
    run.deallocate()
    slots?.deallocate()
  }

  /// Bytes held by the table (arena, run and hash index).
  public var memoryBytes: Int { arenaCapacity + runCapacity * 4 + (slots == nil ? 0 : (mask + 1) * 8) }

  /// The entry of `key`, or nil. Moves the table's own finger: one thread at a time.
  @inline(__always)
  public func find(_ key: UnsafeRawBufferPointer) -> Entry? {
    guard key.count > 0, key.count <= Self.maxKeyLength else { return nil }
    if !hashedAll {
      let e = findInRun(key, &own)
      // Lookups out of order: index every key in the hash and stop galloping.
      if own.hashed { hashEverything() }
      if let e { return e }
    }
    return hashedCount > 0 ? findHashed(key, Self.hash(key)) : nil
  }

  /// The entry of `key`, or nil, through a reader's own `cursor`: once the table is frozen,
  /// any number of threads may look up at once, each with its cursor. Before, the same as
  /// `find(_:)`.
  @inline(__always)
  public func find(_ key: UnsafeRawBufferPointer, _ cursor: inout Cursor) -> Entry? {
    guard frozen else { return find(key) }
    guard key.count > 0, key.count <= Self.maxKeyLength else { return nil }
    if !cursor.hashed, let e = findInRun(key, &cursor) { return e }
    return findHashed(key, Self.hash(key))
  }

  /// Ends the inserting: indexes every key in the hash (so that a reader whose lookups are
  /// out of order can use it) and makes `find(_:_:)` leave the table untouched.
  public func freeze() {
    if !hashedAll { hashEverything() }
    frozen = true
  }

  /// Inserts `key` (value zeroed) unless present; returns its entry and whether it is new.
  @inline(__always)
  public func insert(_ key: UnsafeRawBufferPointer) -> (entry: Entry, inserted: Bool) {
    precondition(key.count > 0 && key.count <= Self.maxKeyLength, "IdTable key length")
    precondition(!frozen, "IdTable insert after freeze")
    if !hashedAll && (runCount == 0 || compare(key, run[runCount - 1]) > 0)
      && arenaUsed + key.count + valueSize + 1 < Int(UInt32.max)
    {
      let offset = append(key)
      if runCount == runCapacity { growRun() }
      run[runCount] = UInt32(offset)
      runCount += 1
      own.finger = runCount - 1
      count += 1
      return (offset, true)
    }
    if let e = find(key) { return (e, false) }
    let offset = append(key)
    insertHashed(offset, Self.hash(key))
    count += 1
    return (offset, true)
  }

  /// The value bytes of `entry`.
  @inline(__always)
  public func value(_ entry: Entry) -> UnsafeMutableRawPointer {
    arena + entry + 1 + Int(arena.load(fromByteOffset: entry, as: UInt8.self)) + 1
  }

  /// The value of `entry` read as a `UInt16` (for tables with `valueSize` 2).
  @inline(__always)
  public func uint16(_ entry: Entry) -> UInt16 { value(entry).loadUnaligned(as: UInt16.self) }

  @inline(__always)
  public func setUInt16(_ v: UInt16, _ entry: Entry) {
    value(entry).storeBytes(of: v, as: UInt16.self)
  }

  // MARK: Keys

  @inline(__always)
  private func keyLength(_ offset: Int) -> Int {
    Int(arena.load(fromByteOffset: offset, as: UInt8.self)) + 1
  }

  /// Byte-wise order of `key` against the key at `offset` (shorter first on a common prefix).
  @inline(__always)
  private func compare(_ key: UnsafeRawBufferPointer, _ offset: UInt32) -> Int {
    let o = Int(offset)
    let n = keyLength(o)
    let c = memcmp(key.baseAddress!, arena + o + 1, min(n, key.count))
    if c != 0 { return Int(c) }
    return key.count - n
  }

  private func append(_ key: UnsafeRawBufferPointer) -> Int {
    let needed = 1 + key.count + valueSize
    growRawBuffer(
      &arena, capacity: &arenaCapacity, used: arenaUsed, needed: arenaUsed + needed,
      alignment: 16)
    let offset = arenaUsed
    arena.storeBytes(of: UInt8(key.count - 1), toByteOffset: offset, as: UInt8.self)
    (arena + offset + 1).copyMemory(from: key.baseAddress!, byteCount: key.count)
    (arena + offset + 1 + key.count).initializeMemory(as: UInt8.self, repeating: 0, count: valueSize)
    arenaUsed += needed
    return offset
  }

  // MARK: Sorted run

  private func growRun() {
    let c = runCapacity * 2
    let r = UnsafeMutablePointer<UInt32>.allocate(capacity: c)
    r.update(from: run, count: runCount)
    run.deallocate()
    run = r
    runCapacity = c
  }

  /// Finds `key` in the run, galloping from `cursor`'s finger; moves the finger and counts
  /// the steps (reads the table only).
  @inline(__always)
  private func findInRun(_ key: UnsafeRawBufferPointer, _ cursor: inout Cursor) -> Entry? {
    let n = runCount
    guard n > 0 else { return nil }
    var f = min(cursor.finger, n - 1)
    let c = compare(key, run[f])
    if c == 0 { return Int(run[f]) }
    cursor.lookups += 1
    var lo: Int  // key > run[lo]
    var hi: Int  // key < run[hi]
    var taken = 0
    if c > 0 {
      lo = f
      var step = 1
      while true {
        let i = lo + step
        taken += 1
        if i >= n {
          hi = n
          break
        }
        let d = compare(key, run[i])
        if d == 0 {
          cursor.finger = i
          Self.count(steps: taken, &cursor)
          return Int(run[i])
        }
        if d < 0 {
          hi = i
          break
        }
        lo = i
        step <<= 1
      }
    } else {
      hi = f
      var step = 1
      while true {
        let i = hi - step
        taken += 1
        if i < 0 {
          lo = -1
          break
        }
        let d = compare(key, run[i])
        if d == 0 {
          cursor.finger = i
          Self.count(steps: taken, &cursor)
          return Int(run[i])
        }
        if d > 0 {
          lo = i
          break
        }
        hi = i
        step <<= 1
      }
    }
    while hi - lo > 1 {
      let mid = (lo + hi) >> 1
      taken += 1
      let d = compare(key, run[mid])
      if d == 0 {
        cursor.finger = mid
        Self.count(steps: taken, &cursor)
        return Int(run[mid])
      }
      if d < 0 { hi = mid } else { lo = mid }
    }
    f = max(0, min(lo, n - 1))
    cursor.finger = f
    Self.count(steps: taken, &cursor)
    return nil
  }

  /// Counts a lookup's galloping steps; lookups that are out of order (many steps on
  /// average) turn the cursor to the hash index.
  @inline(__always)
  private static func count(steps taken: Int, _ cursor: inout Cursor) {
    cursor.steps += taken
    if cursor.lookups >= 4096 {
      if cursor.steps > cursor.lookups * 6 { cursor.hashed = true }
      cursor.lookups = 0
      cursor.steps = 0
    }
  }

  private func hashEverything() {
    guard !hashedAll else { return }
    hashedAll = true
    // Room for every key at once, instead of growing (and rehashing) on the way.
    while slots == nil || (hashedCount + runCount + 1) * 4 > (mask + 1) * 3 { growHash() }
    for k in 0..<runCount {
      let o = Int(run[k])
      insertHashed(o, Self.hash(UnsafeRawBufferPointer(start: arena + o + 1, count: keyLength(o))))
    }
  }

  // MARK: Hash index

  @inline(__always)
  private func findHashed(_ key: UnsafeRawBufferPointer, _ h: UInt64) -> Entry? {
    guard let slots else { return nil }
    let tag = h >> 40
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { return nil }
      if s >> 40 == tag {
        let offset = Int(s & 0xFF_FFFF_FFFF) - 1
        if keyLength(offset) == key.count && memcmp(arena + offset + 1, key.baseAddress!, key.count) == 0 {
          return offset
        }
      }
      i = (i + 1) & mask
    }
  }

  private func insertHashed(_ offset: Int, _ h: UInt64) {
    if slots == nil || (hashedCount + 1) * 4 > (mask + 1) * 3 { growHash() }
    let tag = h >> 40
    var i = Int(truncatingIfNeeded: h) & mask
    while slots![i] != 0 { i = (i + 1) & mask }
    slots![i] = tag << 40 | UInt64(offset + 1)
    hashedCount += 1
  }

  private func growHash() {
    let oldCapacity = slots == nil ? 0 : mask + 1
    // Quadruple while small, so a large export rehashes its keys only a few times.
    let newCapacity = oldCapacity == 0 ? 1024 : oldCapacity * (oldCapacity < 1 << 20 ? 4 : 2)
    let old = slots
    let fresh = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
    fresh.initialize(repeating: 0, count: newCapacity)
    slots = fresh
    mask = newCapacity - 1
    if let old {
      for j in 0..<oldCapacity where old[j] != 0 {
        let offset = Int(old[j] & 0xFF_FFFF_FFFF) - 1
        let h = Self.hash(UnsafeRawBufferPointer(start: arena + offset + 1, count: keyLength(offset)))
        var i = Int(truncatingIfNeeded: h) & mask
        while fresh[i] != 0 { i = (i + 1) & mask }
        fresh[i] = old[j]
      }
      old.deallocate()
    }
  }

  /// A fast 64-bit hash of bytes: eight bytes at a time, multiplied and mixed, with a final
  /// avalanche (the mixing constants of MurmurHash3's fmix64).
  @inline(__always)
  static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
    let base = key.baseAddress!
    let n = key.count
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    while i + 8 <= n {
      let v = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ v) &* 0xFF51_AFD7_ED55_8CCD
      h = (h << 31) | (h >> 33)
      i += 8
    }
    if i < n {
      var v: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        v |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
        shift += 8
        i += 1
      }
      h = (h ^ v) &* 0xC4CE_B9FE_1A85_EC53
    }
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }
}

extension IdTable {
  /// `find` with the UTF-8 of a string.
  public func find(_ key: String) -> Entry? {
    var k = key
    return k.withUTF8 { find(UnsafeRawBufferPointer($0)) }
  }

  /// `find(_:_:)` with the UTF-8 of a string.
  public func find(_ key: String, _ cursor: inout Cursor) -> Entry? {
    var k = key
    return k.withUTF8 { find(UnsafeRawBufferPointer($0), &cursor) }
  }

  /// `insert` with the UTF-8 of a string.
  public func insert(_ key: String) -> (entry: Entry, inserted: Bool) {
    var k = key
    return k.withUTF8 { insert(UnsafeRawBufferPointer($0)) }
  }
}
