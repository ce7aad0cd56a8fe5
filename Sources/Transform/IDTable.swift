#if canImport(Glibc)
  import Glibc
#endif

/// Interns ids (`melding_id`, `casus_id`) as dense numbers 0, 1, 2, … in order of first sight.
///
/// The bytes of every id live in one arena and an open-addressing table maps them to their
/// number, so a million ids cost a few dozen megabytes and no object per id. Memory grows
/// with the number of distinct ids, never with the number of records that mention them.
struct IDTable {
  private var arena: [UInt8] = []
  /// ends[i]: where id i ends in the arena (it starts where id i - 1 ends).
  private var ends: [Int] = []
  private var hashes: [UInt32] = []
  /// Slot → id number + 1 (0 = empty).
  private var slots: [Int32]
  private var mask: Int
  /// Whether ids are hashed whole (FNV-1a), or with their trailing number kept in order
  /// (`hash(_:whole:)`); a table starts with the latter and turns to the former for good when
  /// a probe runs long.
  private var whole = false

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  /// The number of distinct ids.
  var count: Int { ends.count }

  /// True once the table hashes ids whole (after a long probe).
  var hashesWhole: Bool { whole }

  /// The bytes of id `n`, valid while `body` runs.
  func withBytes<T>(of n: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    let start = n == 0 ? 0 : ends[n - 1]
    return try arena.withUnsafeBytes {
      try body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[n]]))
    }
  }

  /// The text of id `n` (for messages).
  func text(of n: Int) -> String { withBytes(of: n) { String(decoding: $0, as: UTF8.self) } }

  /// Byte-wise comparison of id `n` with `bytes`: negative, zero or positive.
  func compare(_ n: Int, _ bytes: UnsafeRawBufferPointer) -> Int {
    withBytes(of: n) { a in
      let common = min(a.count, bytes.count)
      if common > 0 {
        let c = memcmp(a.baseAddress!, bytes.baseAddress!, common)
        if c != 0 { return Int(c) }
      }
      return a.count - bytes.count
    }
  }

  /// The number of `bytes`, or nil when never interned.
  func find(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let h = Self.hash(bytes, whole: whole)
    var slot = Int(h) & mask
    while true {
      let s = Int(slots[slot])
      if s == 0 { return nil }
      if hashes[s - 1] == h && equals(s - 1, bytes) { return s - 1 }
      slot = (slot + 1) & mask
    }
  }

  func find(_ bytes: UnsafeRawBufferPointer, hint: Int) -> Int? {
    if hint >= 0 && hint < ends.count && equals(hint, bytes) { return hint }
    if hint + 1 >= 0 && hint + 1 < ends.count && equals(hint + 1, bytes) { return hint + 1 }
    return find(bytes)
  }

  /// The number of `bytes`, interning them when new; `isNew` tells which.
  mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (number: Int, isNew: Bool) {
    let h = Self.hash(bytes, whole: whole)
    var slot = Int(h) & mask
    var probes = 0
    while true {
      let s = Int(slots[slot])
      if s == 0 { break }
      if hashes[s - 1] == h && equals(s - 1, bytes) { return (s - 1, false) }
      slot = (slot + 1) & mask
      probes += 1
      if probes == Self.longProbe && !whole {
        hashWhole()
        return intern(bytes)
      }
    }
    let n = ends.count
    arena.append(contentsOf: bytes)
    ends.append(arena.count)
    hashes.append(h)
    slots[slot] = Int32(truncatingIfNeeded: n + 1)
    if ends.count * 2 > slots.count { grow() }
    return (n, true)
  }

  func equals(_ n: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let start = n == 0 ? 0 : ends[n - 1]
    guard ends[n] - start == bytes.count else { return false }
    if bytes.isEmpty { return true }
    return arena.withUnsafeBytes {
      memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
    }
  }

  /// A probe this long means the ids' numbers collide (at half load, hashed ids need fewer
  /// than two probes on average): the table then hashes ids whole.
  static let longProbe = 64

  private mutating func hashWhole() {
    whole = true
    for n in 0..<ends.count { hashes[n] = withBytes(of: n) { Self.hash($0, whole: true) } }
    rehash(size: slots.count)
  }

  private mutating func grow() { rehash(size: slots.count * 2) }

  private mutating func rehash(size: Int) {
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    for n in 0..<ends.count {
      var slot = Int(hashes[n]) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(truncatingIfNeeded: n + 1)
    }
  }

  /// FNV-1a of the whole id, folded to 32 bits; or, unless `whole`, FNV-1a of what precedes
  /// the id's trailing digits plus the number they make. Registration ids are mostly a prefix
  /// and a sequence number (`MLD0001234`), read in about that order: consecutive ids then
  /// take consecutive slots, and interning them touches memory in order instead of a random
  /// slot of a table many times the cache (a miss per id made `intern` a quarter of the
  /// meldingen pass; `docs/decisions.md` 65).
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer, whole: Bool) -> UInt32 {
    var end = bytes.count
    var number: UInt64 = 0
    if !whole {
      var scale: UInt64 = 1
      while end > 0 && scale < 1_000_000_000_000_000_000, bytes[end - 1] &- 0x30 < 10 {
        number &+= UInt64(bytes[end - 1] &- 0x30) &* scale
        scale &*= 10
        end -= 1
      }
    }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in UnsafeRawBufferPointer(rebasing: bytes[0..<end]) {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01B3
    }
    return UInt32(truncatingIfNeeded: h ^ (h >> 32)) &+ UInt32(truncatingIfNeeded: number)
  }
}
