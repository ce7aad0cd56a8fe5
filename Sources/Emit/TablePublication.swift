import Model
import Pipeline

/// Every count and share the CBS-style tables of a snapshot publish, with its disclosure
/// decision: the primary rules, then the audit over everything the tables show together.
///
/// Built once for all tables and granularities, so a count shown in two tables (the
/// meldingen total of a gemeente) gets one decision and the audit sees every relation
/// between the published counts: categories and their total, gemeenten and their Veilig
/// Thuis-regio (and the roll-up's provincies, landsdelen and Nederland), quarters,
/// half-years and their year, casussen and meldingen. Only relations that hold on the exact
/// figures are used (a region's records in a gemeente of another region break the
/// national sum of that gemeente's Veilig Thuis-regio, for instance).
public struct TablePublication: Sendable {
  public let grid: TableGrid
  public let tables: [CBSTable]
  public let control: DisclosureControl
  /// The cells in registration order (published ones first, then relation-only ones).
  public private(set) var keys: [TableCellKey] = []
  private var index: [TableCellKey: Int] = [:]
  private var exact: [Int] = []
  private var blank = Set<Int>()
  private var unpublished = Set<Int>()
  private var shares: [DisclosureAudit.Share] = []
  private var shareIndex: [TableCellKey: Int] = [:]
  public private(set) var audit: DisclosureAudit

  public init(
    snapshot: AggregateSnapshot, reference: ReferenceData, tables: [CBSTable] = CBSTable.all,
    control: DisclosureControl, secondaryProtection: Bool = true
  ) throws {
    grid = TableGrid(snapshot: snapshot, reference: reference)
    self.tables = tables
    self.control = control
    audit = DisclosureAudit(
      control: control, exact: [], blank: [], unpublished: [], shares: [], relations: [])
    // Every published cell.
    for table in tables {
      for (kind, _) in TableGrid.granularities {
        for period in grid.periods[kind] ?? [] {
          for region in grid.regions {
            let isBlank = grid.isBlank(region, period)
            for row in table.rowCategories {
              for column in table.columns {
                let base = TableCellKey(
                  measure: column.measure.name, period: period.code, level: region.level,
                  region: region.code)
                switch column.content {
                case .count:
                  register(
                    base.with(dimension: row.dimension, category: row.category), snapshot,
                    blank: isBlank)
                case .fixedCount(let d, let c):
                  register(base.with(dimension: d, category: c), snapshot, blank: isBlank)
                case .share(let d, let c):
                  let cell = register(
                    base.with(dimension: d, category: c), snapshot, blank: isBlank)
                  let denominator = register(base, snapshot, blank: isBlank)
                  if shareIndex[base.with(dimension: d, category: c)] == nil {
                    shareIndex[base.with(dimension: d, category: c)] = shares.count
                    shares.append(.init(cell: cell, denominator: denominator))
                  }
                }
              }
            }
          }
        }
      }
    }
    let relations = buildRelations(snapshot: snapshot)
    let rank = keys.map { key -> Int in
      let level = RegionLevel.allCases.firstIndex(of: key.level) ?? 0
      let period = Period(code: key.period).map { 3 - $0.kind.rawValue } ?? 0
      return level * 100 + period * 10 + (key.dimension == Dimension.totaalName ? 1 : 0)
    }
    audit = DisclosureAudit(
      control: control, exact: exact, blank: blank, unpublished: unpublished, shares: shares,
      relations: relations, rank: rank)
    if secondaryProtection { try audit.protect() }
  }

  /// The index of `key`, registering it with its exact value on first sight.
  @discardableResult
  private mutating func register(
    _ key: TableCellKey, _ snapshot: AggregateSnapshot, blank isBlank: Bool,
    published: Bool = true
  ) -> Int {
    if let i = index[key] { return i }
    let i = keys.count
    keys.append(key)
    index[key] = i
    exact.append(
      snapshot.value(
        key.measure, period: key.period, level: key.level, region: key.region,
        dimension: key.dimension, category: key.category))
    if isBlank { blank.insert(i) }
    if !published { unpublished.insert(i) }
    return i
  }

  // MARK: - Published text

  /// The text of a count: its rounded value, `.` or blank.
  public func text(count key: TableCellKey) -> String {
    guard let i = index[key] else { return "" }
    switch audit.state[i] {
    case .shown: return String(control.round(exact[i]))
    case .primary, .secondary: return DisclosureControl.suppressed
    case .blank, .unpublished: return ""
    }
  }

  /// The text of the share of `key` in its unsplit total: one decimal, `.` or blank.
  public func text(share key: TableCellKey) -> String {
    guard let s = shareIndex[key] else { return "" }
    let share = shares[s]
    if audit.state[share.cell] == .blank { return "" }
    guard audit.isShown(share: s) else { return DisclosureControl.suppressed }
    guard
      let tenths = DisclosureControl.shareTenths(
        count: exact[share.cell], of: exact[share.denominator])
    else { return "" }
    return DisclosureControl.shareText(tenths: tenths)
  }

  /// The disclosure state of a published count (nil when no table shows it).
  public func state(of key: TableCellKey) -> DisclosureAudit.CellState? {
    index[key].map { audit.state[$0] }
  }

  // MARK: - Relations

  /// Candidate relations from the structure of the measures, kept when they hold exactly.
  private mutating func buildRelations(snapshot: AggregateSnapshot) -> [DisclosureAudit.Relation] {
    var relations: [DisclosureAudit.Relation] = []
    func add(_ kind: DisclosureAudit.Relation.Kind, _ total: Int?, _ parts: [Int?]) {
      guard let t = total else { return }
      let ps = parts.compactMap { $0 }
      guard ps.count == parts.count, !ps.isEmpty else { return }
      var r = DisclosureAudit.Relation(kind: kind, total: t, parts: ps)
      if r.holds(exact) {
        relations.append(r)
        return
      }
      // A sum that does not hold exactly may still bound its total.
      guard kind == .sum else { return }
      for weaker in [DisclosureAudit.Relation.Kind.sumAtMost, .sumAtLeast] {
        r.kind = weaker
        if r.holds(exact) {
          relations.append(r)
          return
        }
      }
    }
    let published = keys  // the cells the tables show (unpublished ones come after)
    let distinct = Set(Measures.all.filter(\.countsDistinctCasussen).map(\.name))
    let dimensionsByMeasure = Dictionary(
      Set(published.map(\.measure)).map { ($0, dimensionsShown(of: $0)) },
      uniquingKeysWith: { a, _ in a })

    // 1. Categories and their total, within one row.
    for key in published where key.dimension == Dimension.totaalName {
      let t = index[key]
      let shown = dimensionsByMeasure[key.measure] ?? []
      for d in shown {
        guard let dimension = Dimension.named(d) else { continue }
        let parts = dimension.categories.map { index[key.with(dimension: d, category: $0)] }
        switch d {
        case Dimension.rol.name, Dimension.duurGeweld.name, Dimension.besluit.name,
          Dimension.meldingHistorie.name:
          add(.sum, t, parts)
        case Dimension.organisatie.name, Dimension.uitkomst.name:
          add(.sumAtMost, t, parts)
        case Dimension.organisatieGroep.name:
          add(.sumAtMost, t, parts)
          if shown.contains(Dimension.organisatie.name) {
            for groep in OrganisatieGroep.allCases {
              let members = Organisatie.allCases.filter { $0.organisatieGroep == groep }
              add(
                .sum, index[key.with(dimension: d, category: groep.code)],
                members.map {
                  index[key.with(dimension: Dimension.organisatie.name, category: $0.code)]
                })
            }
          }
        case Dimension.veiligheidstaxatie.name:
          add(.eachAtMost, t, parts)
          add(.sumAtLeast, t, parts)
          let geen = index[
            key.with(dimension: d, category: Veiligheidstaxatie.geen_onveiligheid.code)]
          let onbekend = index[key.with(dimension: d, category: Veiligheidstaxatie.onbekend.code)]
          for unsafe in [Veiligheidstaxatie.acute_onveiligheid, .structurele_onveiligheid] {
            add(
              .sumAtMost, t, [geen, onbekend, index[key.with(dimension: d, category: unsafe.code)]])
          }
        case Dimension.aardGeweld.name:
          add(.eachAtMost, t, parts)
          add(.sumAtLeast, t, parts)
        default:
          add(.eachAtMost, t, parts)
        }
      }
      // Casussen with a melding never outnumber the meldingen.
      if key.measure == Measures.casussenMetMelding.name {
        add(.sumAtMost, index[key.with(measure: Measures.ontvangenMeldingen.name)], [t])
      }
    }

    // 2. Regions and the region one level up.
    var children: [TableCellKey: [Int]] = [:]
    let regionOf = Dictionary(
      grid.regions.map {
        (TableCellKey(measure: "", period: "", level: $0.level, region: $0.code), $0)
      },
      uniquingKeysWith: { a, _ in a })
    var onbekendParents = Set<TableCellKey>()
    for (i, key) in published.enumerated() {
      let probe = TableCellKey(measure: "", period: "", level: key.level, region: key.region)
      guard let region = regionOf[probe] else { continue }
      let parent: (RegionLevel, String)?
      if key.level == .gemeente, let vt = snapshot.vtregio {
        parent = (.vtregio, vt)
      } else {
        parent = grid.parent(of: region)
      }
      guard let (level, code) = parent else { continue }
      let p = key.with(level: level, region: code)
      guard index[p] != nil else { continue }
      children[p, default: []].append(i)
      if key.level == .gemeente, snapshot.vtregio != nil { onbekendParents.insert(p) }
    }
    // A region's run counts records without a gemeente in its Veilig Thuis-regio too.
    for p in onbekendParents {
      let onbekend = p.with(level: .gemeente, region: RegionLevel.unknownGemeente)
      let value = snapshot.value(
        p.measure, period: p.period, level: .gemeente, region: RegionLevel.unknownGemeente,
        dimension: p.dimension, category: p.category)
      if value != 0 {
        children[p, default: []].append(
          register(onbekend, snapshot, blank: false, published: false))
      }
    }
    for (p, parts) in children.sorted(by: { $0.key < $1.key }) {
      let t = index[p]
      if distinct.contains(p.measure) && p.level == .vtregio {
        add(.eachAtMost, t, parts)
        add(.sumAtLeast, t, parts)
      } else {
        add(.sum, t, parts)
      }
    }

    // 3. Periods: a year and its half-years and quarters, a half-year and its quarters.
    for key in published {
      guard let period = Period(code: key.period), period.kind != .quarter, period.kind != .month
      else { continue }
      let sub: [[Period]]
      if period.kind == .year {
        sub = [
          (1...2).map { Period(kind: .halfYear, year: period.year, index: $0)! },
          (1...4).map { Period(kind: .quarter, year: period.year, index: $0)! },
        ]
      } else {
        sub = [
          (1...2).map {
            Period(kind: .quarter, year: period.year, index: (period.index - 1) * 2 + $0)!
          }
        ]
      }
      for periods in sub {
        let parts = periods.map { index[key.with(period: $0.code)] }
        if distinct.contains(key.measure) {
          add(.eachAtMost, index[key], parts)
          add(.sumAtLeast, index[key], parts)
        } else {
          add(.sum, index[key], parts)
        }
      }
    }
    return relations
  }

  /// The dimensions the tables show for `measure`.
  private func dimensionsShown(of measure: String) -> [String] {
    var seen: [String] = []
    for table in tables {
      for column in table.columns where column.measure.name == measure {
        switch column.content {
        case .count:
          for d in table.dimensions where !seen.contains(d.name) { seen.append(d.name) }
        case .fixedCount(let d, _), .share(let d, _):
          if !seen.contains(d) { seen.append(d) }
        }
      }
    }
    return seen
  }
}
