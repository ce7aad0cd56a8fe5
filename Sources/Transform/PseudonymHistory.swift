import Model

/// For every bsn pseudonym: the earliest ontvangstdatum of a melding it occurs in, one casus
/// of that melding, and the earliest date among meldingen of the other casussen.
///
/// That is all `melding_historie` needs to decide "hermelding" (`measures.md`): a melding of
/// casus c received on day d, with a betrokkene whose pseudonym p occurs in a melding of
/// **another** casus received **earlier**, is a hermelding. The earliest date over the other
/// casussen is `first` when `firstCasus` ≠ c, else `otherThanFirst`. One entry per distinct
/// pseudonym, kept in an open-addressing table (at most three quarters full): memory grows
/// with the number of pseudonyms only, and a lookup touches one place in memory.
struct PseudonymHistory {
  struct Entry {
    var high: UInt64
    var low: UInt64
    var first: Int32
    var firstCasus: Int32
    /// Int32.max while the pseudonym was seen in one casus only.
    var otherThanFirst: Int32
    /// 0 = an empty slot.
    var used: UInt8
  }

  private var table: [Entry]
  private var shift: UInt64
  private(set) var count = 0
  /// True once some pseudonym has occurred in meldingen of two casussen.
  private(set) var someOccurInSeveralCasussen = false
  /// After `seal()`: one bit per hash (its top 24 bits) of every pseudonym seen in meldingen
  /// of several casussen. 2 MiB whatever the number of pseudonyms; it fits in the cache where
  /// the table does not, so `severalCasussen` answers most pseudonyms (four in five on the
  /// national benchmark occur in one casus) without a miss in the table.
  private var severalBits: [UInt64] = []

  init() {
    table = Self.empty(1024)
    shift = 64 - 10
  }

  private static func empty(_ n: Int) -> [Entry] {
    [Entry](
      repeating: Entry(high: 0, low: 0, first: 0, firstCasus: 0, otherThanFirst: 0, used: 0),
      count: n)
  }

  /// Records that `pseudonym` occurs in a melding of casus `casus` received on `day`.
  mutating func record(_ pseudonym: Pseudonym, casus: Int32, day: Int32) {
    let s = slot(pseudonym)
    if table[s].used == 0 {
      table[s] = Entry(
        high: pseudonym.high, low: pseudonym.low, first: day, firstCasus: casus,
        otherThanFirst: .max, used: 1)
      count += 1
      if count * 4 > table.count * 3 { grow() }
      return
    }
    table.withUnsafeMutableBufferPointer { t in
      if casus == t[s].firstCasus {
        if day < t[s].first { t[s].first = day }
        return
      }
      someOccurInSeveralCasussen = true
      if day < t[s].first {
        // The old first casus is another casus than the new one, and its date is the
        // earliest of all dates seen so far: the earliest date of the casussen other than
        // `casus`.
        t[s].otherThanFirst = t[s].first
        t[s].first = day
        t[s].firstCasus = casus
      } else if day < t[s].otherThanFirst {
        t[s].otherThanFirst = day
      }
    }
  }

  /// Adds what `other` learnt from other meldingen, as if they had been recorded here: per
  /// pseudonym, the earliest date of both, and the earliest date over the casussen other than
  /// the one that has it. Which casus is kept as the first when two have the same earliest
  /// date may differ from recording one by one, but then the earliest date over the others is
  /// that same date, so every answer of `occursEarlier` is the same.
  mutating func absorb(_ other: PseudonymHistory) {
    for e in other.table where e.used != 0 {
      let s = slot(Pseudonym(high: e.high, low: e.low))
      if table[s].used == 0 {
        table[s] = e
        count += 1
        if e.otherThanFirst != .max { someOccurInSeveralCasussen = true }
        if count * 4 > table.count * 3 { grow() }
        continue
      }
      let merged = Self.merged(table[s], e)
      if merged.otherThanFirst != .max { someOccurInSeveralCasussen = true }
      table[s] = merged
    }
  }

  /// The entry of the meldingen of `a` and of `b` (the same pseudonym).
  static func merged(_ a: Entry, _ b: Entry) -> Entry {
    let (x, y) = a.first <= b.first ? (a, b) : (b, a)
    // The earliest date of y's meldingen outside x's first casus.
    let yElsewhere = y.firstCasus != x.firstCasus ? y.first : y.otherThanFirst
    var out = x
    out.otherThanFirst = min(x.otherThanFirst, yElsewhere)
    return out
  }

  /// Ends the recording: builds the filter `severalCasussen` tries first. Recording more
  /// afterwards would make the filter stale.
  mutating func seal() {
    var bits = [UInt64](repeating: 0, count: 1 << 18)
    for e in table where e.used != 0 && e.otherThanFirst != .max {
      let h = Self.mix(Pseudonym(high: e.high, low: e.low)) >> 40
      bits[Int(h >> 6)] |= 1 << (h & 63)
    }
    severalBits = bits
  }

  /// What is known of `pseudonym`, when it occurs in meldingen of more than one casus: only
  /// then can it make a melding a hermelding.
  func severalCasussen(_ pseudonym: Pseudonym) -> Entry? {
    if !severalBits.isEmpty {
      let h = Self.mix(pseudonym) >> 40
      if severalBits[Int(h >> 6)] & (1 << (h & 63)) == 0 { return nil }
    }
    let e = table[slot(pseudonym)]
    return e.used != 0 && e.otherThanFirst != .max ? e : nil
  }

  /// True when the pseudonym of `entry` occurs in a melding of a casus other than `casus`
  /// received before `day`.
  static func occursEarlier(_ entry: Entry, inCasusOtherThan casus: Int32, before day: Int32)
    -> Bool
  {
    (entry.firstCasus == casus ? entry.otherThanFirst : entry.first) < day
  }

  /// True when `pseudonym` occurs in a melding of a casus other than `casus` received before
  /// `day`.
  func occursEarlier(_ pseudonym: Pseudonym, inCasusOtherThan casus: Int32, before day: Int32)
    -> Bool
  {
    let e = table[slot(pseudonym)]
    return e.used != 0 && Self.occursEarlier(e, inCasusOtherThan: casus, before: day)
  }

  /// Pseudonyms are HMAC output, but test data need not be: mix both halves.
  @inline(__always)
  private static func mix(_ p: Pseudonym) -> UInt64 {
    (p.high ^ (p.low &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
  }

  /// The slot holding `p`, or the empty slot where it belongs.
  @inline(__always)
  private func slot(_ p: Pseudonym) -> Int {
    let x = Self.mix(p)
    let mask = table.count - 1
    var s = Int(truncatingIfNeeded: x >> shift)
    return table.withUnsafeBufferPointer { t in
      while t[s].used != 0 && (t[s].high != p.high || t[s].low != p.low) { s = (s + 1) & mask }
      return s
    }
  }

  private mutating func grow() {
    let old = table
    table = Self.empty(old.count * 2)
    shift -= 1
    for e in old where e.used != 0 {
      table[slot(Pseudonym(high: e.high, low: e.low))] = e
    }
  }
}
