import Model

/// The counters of one measure: a row of `SlotLayout` counters per (period, region).
///
/// Additive measures are counted per month and gemeente only; `expanded()` adds every month
/// row into its quarter, half-year and year, and every gemeente row into the Veilig
/// Thuis-regio row (the region total includes `onbekend` and gemeenten outside the region).
/// Distinct-casus measures are counted directly at every period and level.
final class MeasureTally {
  let measure: Measure
  let layout: SlotLayout
  /// Counted per month and gemeente, then summed upwards.
  let additive: Bool
  /// (period << 16 | region) → index of the row's first counter in `values`.
  @exclusivity(unchecked) private(set) var rows = RowIndex()
  @exclusivity(unchecked) private(set) var values: [Int] = []

  init(_ measure: Measure) {
    self.measure = measure
    layout = SlotLayout(measure)
    additive = !measure.countsDistinctCasussen
  }

  static func key(_ period: PeriodKey, _ region: UInt16) -> UInt64 {
    UInt64(period.packed) << 16 | UInt64(region)
  }

  /// The first counter of the row of (`period`, `region`), created when new.
  @inline(__always)
  func row(_ period: PeriodKey, _ region: UInt16) -> Int {
    let k = Self.key(period, region)
    if let base = rows.find(k) { return base }
    let base = values.count
    values.append(contentsOf: repeatElement(0, count: layout.width))
    rows.insert(k, base)
    return base
  }

  /// Adds one to counter `index` (a row's base plus a slot).
  @inline(__always)
  func bump(_ index: Int) { values[index] &+= 1 }

  /// Adds one to the counter of every code in `bits`, the codes' slots starting at `index`.
  @inline(__always)
  func bump(_ index: Int, bits: UInt64) {
    var remaining = bits
    while remaining != 0 {
      values[index + remaining.trailingZeroBitCount] &+= 1
      remaining &= remaining - 1
    }
  }

  /// Counts one record in the month of `day` and `region`: totaal only.
  @inline(__always)
  func count(_ day: Day, _ region: UInt16) {
    bump(row(PeriodKey.month(of: day), region))
  }

  /// Every row of the finished measure: additive measures summed into all periods and the
  /// region total; others as counted. Rows are (key, counters).
  func expanded() -> (rows: RowIndex, values: [Int]) {
    guard additive else { return (rows, values) }
    let out = MeasureTally(measure)
    rows.forEach { key, base in
      let month = PeriodKey(packed: UInt32(key >> 16))
      let region = UInt16(truncatingIfNeeded: key)
      for period in month.enclosing {
        for r in [region, RegionKey.vtregio] {
          let target = out.row(period, r)
          for slot in 0..<layout.width { out.values[target + slot] &+= values[base + slot] }
        }
      }
    }
    return (out.rows, out.values)
  }
}
