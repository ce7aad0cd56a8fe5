import Model

/// A period packed into 20 bits, ordered exactly like its CBS code byte-wise
/// (`2021HJ01` < `2021JJ00` < `2021KW01` < `2021MM01`): year, then the code letters, then
/// the number.
struct PeriodKey: Hashable, Comparable {
  let packed: UInt32

  init(packed: UInt32) { self.packed = packed }

  init(_ period: Period) {
    packed = UInt32(period.year) << 6 | Self.letterRank(period.kind) << 4 | UInt32(period.index)
  }

  /// The month holding `day`.
  static func month(of day: Day) -> PeriodKey {
    let c = day.components
    return PeriodKey(packed: UInt32(c.year) << 6 | 3 << 4 | UInt32(c.month))
  }

  var year: Int { Int(packed >> 6) }
  var isMonth: Bool { (packed >> 4) & 3 == 3 }

  /// For a month: the four periods that hold it (month, quarter, half-year, year).
  var enclosing: EnclosingPeriods { EnclosingPeriods(month: self) }

  /// The month, quarter, half-year and year of a month, without allocating.
  struct EnclosingPeriods: Sequence, IteratorProtocol {
    let month: PeriodKey
    var position = 0

    init(month: PeriodKey) { self.month = month }

    mutating func next() -> PeriodKey? {
      defer { position += 1 }
      let m = UInt32(month.packed & 15)
      let y = month.packed & ~0x3F
      switch position {
      case 0: return month
      case 1: return PeriodKey(packed: y | 2 << 4 | ((m - 1) / 3 + 1))
      case 2: return PeriodKey(packed: y | 0 << 4 | ((m - 1) / 6 + 1))
      case 3: return PeriodKey(packed: y | 1 << 4)
      default: return nil
      }
    }
  }

  var period: Period {
    let kinds: [Period.Kind] = [.halfYear, .year, .quarter, .month]
    // Every key is built from a valid period, so this cannot fail.
    return Period(kind: kinds[Int((packed >> 4) & 3)], year: year, index: Int(packed & 15))!
  }

  static func letterRank(_ kind: Period.Kind) -> UInt32 {
    switch kind {
    case .halfYear: 0
    case .year: 1
    case .quarter: 2
    case .month: 3
    }
  }

  static func < (a: PeriodKey, b: PeriodKey) -> Bool { a.packed < b.packed }
}

/// Where a cell is counted, in 16 bits: a gemeente's number, `onbekend`, or the Veilig
/// Thuis-regio. Ordered like the facts' key columns (gemeente rows by code, `onbekend` after
/// them, the vtregio row last).
enum RegionKey {
  static let onbekend: UInt16 = 0xFFFE
  static let vtregio: UInt16 = 0xFFFF

  static func of(_ code: GemeenteCode) -> UInt16 { code.number }
}
