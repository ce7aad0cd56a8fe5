import Model

/// One count as the aggregate table keys it: the same cell wherever a table shows it.
///
/// The disclosure audit works on these keys, so a count that two tables show gets one
/// decision, and what one table reveals about it counts for the other.
public struct TableCellKey: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var measure: String
  public var period: String
  public var level: RegionLevel
  public var region: String
  public var dimension: String
  public var category: String

  public init(
    measure: String, period: String, level: RegionLevel, region: String,
    dimension: String = Dimension.totaalName, category: String = Dimension.totaalName
  ) {
    self.measure = measure
    self.period = period
    self.level = level
    self.region = region
    self.dimension = dimension
    self.category = category
  }

  /// The same key with another category of the same dimension (or the unsplit total).
  func with(dimension: String, category: String) -> TableCellKey {
    var k = self
    k.dimension = dimension
    k.category = category
    return k
  }

  func with(period: String) -> TableCellKey {
    var k = self
    k.period = period
    return k
  }

  func with(level: RegionLevel, region: String) -> TableCellKey {
    var k = self
    k.level = level
    k.region = region
    return k
  }

  func with(measure: String) -> TableCellKey {
    var k = self
    k.measure = measure
    return k
  }

  public var description: String {
    "\(measure) \(period) \(level.rawValue) \(region) \(dimension)=\(category)"
  }

  public static func < (a: TableCellKey, b: TableCellKey) -> Bool {
    (a.measure, a.period, a.level, a.region, a.dimension, a.category)
      < (b.measure, b.period, b.level, b.region, b.dimension, b.category)
  }
}
