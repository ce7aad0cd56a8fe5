import Model

/// For every bsn pseudonym: the earliest ontvangstdatum of a melding it occurs in, one casus
/// of that melding, and the earliest date among meldingen of the other casussen.
///
/// That is all `melding_historie` needs to decide "hermelding" (`measures.md`): a melding of
/// casus c received on day d, with a betrokkene whose pseudonym p occurs in a melding of
/// **another** casus received **earlier**, is a hermelding. The earliest date over the other
/// casussen is `first` when `firstCasus` ≠ c, else `otherThanFirst`. Three numbers per
/// pseudonym; memory grows with the number of distinct pseudonyms only.
struct PseudonymHistory {
  private var keysHigh: [UInt64]
  private var keysLow: [UInt64]
  /// Slot → pseudonym number + 1 (0 = empty).
  private var slots: [Int32]
  private var mask: Int
  /// Per pseudonym number.
  private var first: [Int32] = []
  private var firstCasus: [Int32] = []
  private var otherThanFirst: [Int32] = []

  init() {
    slots = [Int32](repeating: 0, count: 1024)
    mask = 1023
    keysHigh = []
    keysLow = []
  }

  var count: Int { first.count }
  /// True once some pseudonym has occurred in meldingen of two casussen.
  private(set) var occursInSeveralCasussen = false

  /// Records that `pseudonym` occurs in a melding of casus `casus` received on `day`.
  mutating func record(_ pseudonym: Pseudonym, casus: Int32, day: Int32) {
    let (n, isNew) = intern(pseudonym)
    if isNew {
      first.append(day)
      firstCasus.append(casus)
      otherThanFirst.append(Int32.max)
      return
    }
    if casus == firstCasus[n] {
      if day < first[n] { first[n] = day }
      return
    }
    occursInSeveralCasussen = true
    if day < first[n] {
      // The old first casus is another casus than the new one, and its date is the earliest
      // of all dates seen so far: it is the earliest date of the casussen other than `casus`.
      otherThanFirst[n] = first[n]
      first[n] = day
      firstCasus[n] = casus
    } else if day < otherThanFirst[n] {
      otherThanFirst[n] = day
    }
  }

  /// True when `pseudonym` occurs in a melding of a casus other than `casus` received before
  /// `day`.
  func occursEarlier(_ pseudonym: Pseudonym, inCasusOtherThan casus: Int32, before day: Int32)
    -> Bool
  {
    guard let n = find(pseudonym) else { return false }
    let earliestOther = firstCasus[n] == casus ? otherThanFirst[n] : first[n]
    return earliestOther < day
  }

  private static func hash(_ p: Pseudonym) -> Int {
    // Pseudonyms are HMAC output, but test data need not be: mix both halves.
    let x = (p.high ^ (p.low &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: x ^ (x >> 31))
  }

  private func find(_ p: Pseudonym) -> Int? {
    var slot = Self.hash(p) & mask
    while true {
      let s = Int(slots[slot])
      if s == 0 { return nil }
      if keysHigh[s - 1] == p.high && keysLow[s - 1] == p.low { return s - 1 }
      slot = (slot + 1) & mask
    }
  }

  private mutating func intern(_ p: Pseudonym) -> (Int, Bool) {
    var slot = Self.hash(p) & mask
    while true {
      let s = Int(slots[slot])
      if s == 0 { break }
      if keysHigh[s - 1] == p.high && keysLow[s - 1] == p.low { return (s - 1, false) }
      slot = (slot + 1) & mask
    }
    let n = keysHigh.count
    keysHigh.append(p.high)
    keysLow.append(p.low)
    slots[slot] = Int32(truncatingIfNeeded: n + 1)
    if keysHigh.count * 2 > slots.count { grow() }
    return (n, true)
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    for n in 0..<keysHigh.count {
      var slot = Self.hash(Pseudonym(high: keysHigh[n], low: keysLow[n])) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(truncatingIfNeeded: n + 1)
    }
  }
}
