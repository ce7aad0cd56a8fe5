import Model

/// What the kwaliteitsrapport needs to know about every casus of the export, whatever the
/// period: its first melding, its diensten, overdrachten and monitoring.
///
/// Built in one pass over the staged files, keeping a few dates per casus instead of the
/// records themselves.
public struct CasusIndex: Sendable {
  /// The earliest ontvangstdatum of the casus's meldingen.
  public var firstMelding: [String: Day] = [:]
  /// The earliest startdatum of the casus's diensten.
  public var firstDienst: [String: Day] = [:]
  /// The earliest datum of the casus's overdrachten (any moment).
  public var firstOverdracht: [String: Day] = [:]
  /// The earliest datum of the casus's overdrachten with monitoring.
  public var firstOverdrachtMetMonitoring: [String: Day] = [:]
  /// Casussen with at least one monitoring record.
  public var withMonitoring: Set<String> = []

  public init() {}

  mutating func add(_ m: Melding) { Self.keepEarliest(&firstMelding, m.casusID, m.ontvangstdatum) }
  mutating func add(_ d: Dienst) { Self.keepEarliest(&firstDienst, d.casusID, d.startdatum) }
  mutating func add(_ o: Overdracht) {
    Self.keepEarliest(&firstOverdracht, o.casusID, o.datum)
    if o.monitoring { Self.keepEarliest(&firstOverdrachtMetMonitoring, o.casusID, o.datum) }
  }
  mutating func add(_ m: Monitoring) { withMonitoring.insert(m.casusID) }

  static func keepEarliest(_ map: inout [String: Day], _ key: String, _ day: Day) {
    if let d = map[key], d <= day { return }
    map[key] = day
  }
}
