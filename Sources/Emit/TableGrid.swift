import Model

/// The regions and periods the tables of a snapshot show, with their CBS codes and titles.
///
/// Periods: per granularity (year, half-year, quarter) every period from the first to the
/// last one with a figure. Regions: every region code of the snapshot (never the gemeente
/// `onbekend`, which has no CBS code), plus every gemeente of the reference data that belongs
/// to a Veilig Thuis-regio shown and existed in one of the periods; ordered Nederland,
/// landsdelen, provincies, Veilig Thuis-regio's, gemeenten, each by code. A gemeente or
/// Veilig Thuis-regio that did not exist in a period and has no figure there gets blank
/// cells in that period (CBS: "cijfer kan op logische gronden niet voorkomen").
public struct TableGrid: Sendable {
  /// A region as the tables show it.
  public struct Region: Hashable, Sendable {
    public let level: RegionLevel
    /// The CBS code (`GM0197`, `VT14`, `PV25`, `LD02`, `NL01`).
    public let code: String
    /// The CBS title (`Aalten`, `Noord Oost Gelderland (VT)`, `Gelderland (PV)`).
    public let title: String
  }

  /// The granularities of the tables, with their folder names.
  public static let granularities: [(kind: Period.Kind, folder: String)] = [
    (.year, "jaar"), (.halfYear, "halfjaar"), (.quarter, "kwartaal"),
  ]

  public let regions: [Region]
  public let periods: [Period.Kind: [Period]]
  /// Periods not yet closed on the peildatum: their titles carry `*`.
  public let provisional: Set<String>
  private let reference: ReferenceData
  private let withFigures: Set<RegionPeriod>

  struct RegionPeriod: Hashable {
    let level: RegionLevel
    let region: String
    let period: String
  }

  public init(snapshot: AggregateSnapshot, reference: ReferenceData) {
    self.reference = reference
    provisional = snapshot.provisionalPeriods
    var byKind: [Period.Kind: (Period, Period)] = [:]
    var codes: [RegionLevel: Set<String>] = [:]
    var figures = Set<RegionPeriod>()
    var seenPeriods = Set<String>()
    for row in snapshot.rows where row.value != 0 {
      if seenPeriods.insert(row.period).inserted, let p = Period(code: row.period),
        p.kind != .month
      {
        let (first, last) = byKind[p.kind] ?? (p, p)
        byKind[p.kind] = (min(first, p), max(last, p))
      }
      if row.regionCode != RegionLevel.unknownGemeente {
        codes[row.regionLevel, default: []].insert(row.regionCode)
        figures.insert(
          RegionPeriod(level: row.regionLevel, region: row.regionCode, period: row.period))
      }
    }
    if let vt = snapshot.vtregio { codes[.vtregio, default: []].insert(vt) }
    if snapshot.vtregio == nil, !codes.isEmpty {
      codes[.nederland, default: []].insert(RegionLevel.nederlandCode)
    }
    var periods: [Period.Kind: [Period]] = [:]
    for (kind, _) in Self.granularities {
      guard let (first, last) = byKind[kind] else {
        periods[kind] = []
        continue
      }
      var list: [Period] = []
      var p = first
      while p <= last {
        list.append(p)
        p =
          p.index == kind.perYear || kind == .year
          ? Period(kind: kind, year: p.year + 1, index: kind == .year ? 0 : 1)!
          : Period(kind: kind, year: p.year, index: p.index + 1)!
      }
      periods[kind] = list
    }
    self.periods = periods
    withFigures = figures
    // Gemeenten of the Veilig Thuis-regio's shown that existed in one of the years.
    let years = periods[.year] ?? []
    if let firstYear = years.first, let lastYear = years.last {
      for vt in codes[.vtregio] ?? [] {
        for g in reference.gemeenten.values where g.vtregio == vt {
          if Self.exists(
            from: g.geldigVan, to: g.geldigTot, in: firstYear.firstDay...lastYear.lastDay)
          {
            codes[.gemeente, default: []].insert(g.code.code)
          }
        }
      }
    }
    var regions: [Region] = []
    for level in [RegionLevel.nederland, .landsdeel, .provincie, .vtregio, .gemeente] {
      for code in (codes[level] ?? []).sorted() {
        regions.append(Region(level: level, code: code, title: Self.title(level, code, reference)))
      }
    }
    self.regions = regions
  }

  /// True when a code valid from `from` to `to` (nil = open) was valid on a day of `days`.
  static func exists(from: Day?, to: Day?, in days: ClosedRange<Day>) -> Bool {
    if let f = from, f > days.upperBound { return false }
    if let t = to, t < days.lowerBound { return false }
    return true
  }

  /// True when the region's cells in `period` cannot occur: the region did not exist then
  /// and has no figure there.
  public func isBlank(_ region: Region, _ period: Period) -> Bool {
    if withFigures.contains(
      RegionPeriod(level: region.level, region: region.code, period: period.code))
    {
      return false
    }
    let days = period.firstDay...period.lastDay
    switch region.level {
    case .gemeente:
      guard let code = GemeenteCode(region.code), let g = reference.gemeente(code) else {
        return false
      }
      return !Self.exists(from: g.geldigVan, to: g.geldigTot, in: days)
    case .vtregio:
      guard let vt = reference.vtregios[region.code] else { return false }
      return !Self.exists(from: vt.geldigVan, to: vt.geldigTot, in: days)
    case .provincie, .landsdeel, .nederland:
      return false
    }
  }

  /// The period's title as CBS prints it, with `*` when provisional (`2021*`).
  public func title(of period: Period) -> String {
    period.label + (provisional.contains(period.code) ? "*" : "")
  }

  /// The CBS title of a region.
  static func title(_ level: RegionLevel, _ code: String, _ reference: ReferenceData) -> String {
    switch level {
    case .gemeente:
      return GemeenteCode(code).flatMap { reference.gemeente($0)?.naam } ?? code
    case .vtregio:
      return reference.vtregios[code].map { "\($0.naam) (VT)" } ?? code
    case .provincie:
      return reference.provincies[code].map { "\($0.naam) (PV)" } ?? code
    case .landsdeel:
      let p = reference.provincies.values.sorted { $0.code < $1.code }.first {
        $0.landsdeel == code
      }
      return p.map { "\($0.landsdeelNaam) (LD)" } ?? code
    case .nederland:
      return "Nederland"
    }
  }

  /// The Veilig Thuis-regio of a gemeente (reference data), the provincie of a Veilig
  /// Thuis-regio, the landsdeel of a provincie: the region one level up in the roll-up.
  func parent(of region: Region) -> (RegionLevel, String)? {
    switch region.level {
    case .gemeente:
      return GemeenteCode(region.code).flatMap { reference.gemeente($0) }.map {
        (.vtregio, $0.vtregio)
      }
    case .vtregio:
      return reference.provincie(ofVTRegio: region.code).map { (.provincie, $0) }
    case .provincie:
      return reference.landsdeel(ofProvincie: region.code).map { (.landsdeel, $0) }
    case .landsdeel:
      return (.nederland, RegionLevel.nederlandCode)
    case .nederland:
      return nil
    }
  }
}
