import Model

/// `tables/metadata.json`: what every table, column, dimension, region and period is.
///
/// Codes in the CSV files, titles here, as StatLine keeps its data and its metadata apart.
/// A provisional period's title carries `*`.
struct TableMetadata: Encodable {
  static let format = "vtcijfers-tables"
  static let version = 1

  let format = Self.format
  let version = Self.version
  /// `nog`, …, or `nederland`.
  let region: String
  let title: String
  let disclosure: Disclosure
  let tables: [Table]
  let measures: [MeasureInfo]
  let dimensions: [DimensionInfo]
  let regions: [RegionInfo]
  let periods: [PeriodInfo]

  struct Disclosure: Encodable {
    let roundingBase: Int
    let threshold: Int
    let rule: String
    let symbols: [Symbol]
    /// Counts shown as `.` by the primary rule, withheld by the audit, shares withheld.
    let suppressedCounts: Int
    let secondarySuppressedCounts: Int
    let withheldShares: Int
    enum CodingKeys: String, CodingKey {
      case rule, symbols, threshold
      case roundingBase = "rounding_base"
      case suppressedCounts = "suppressed_counts"
      case secondarySuppressedCounts = "secondary_suppressed_counts"
      case withheldShares = "withheld_shares"
    }
  }

  struct Symbol: Encodable {
    let symbol: String
    let meaning: String
  }

  struct Table: Encodable {
    let id: String
    let title: String
    let cbsTables: [String]
    let summary: String
    /// Granularity folder → file, relative to `tables/`.
    let files: [String: String]
    /// The dimension columns, by key.
    let dimensions: [String]
    let columns: [Column]
    enum CodingKeys: String, CodingKey {
      case id, title, summary, files, dimensions, columns
      case cbsTables = "cbs_tables"
    }
  }

  struct Column: Encodable {
    let key: String
    let title: String
    let unit: String
    let measure: String
  }

  struct MeasureInfo: Encodable {
    let key: String
    let title: String
    let unit: String
    let countingDate: String
    let distinctCasussen: Bool
    enum CodingKeys: String, CodingKey {
      case key, title, unit
      case countingDate = "counting_date"
      case distinctCasussen = "distinct_casussen"
    }
  }

  struct DimensionInfo: Encodable {
    let key: String
    let title: String
    let multiValued: Bool
    let categories: [Category]
    enum CodingKeys: String, CodingKey {
      case key, title, categories
      case multiValued = "multi_valued"
    }
  }

  struct Category: Encodable {
    let key: String
    let title: String
  }

  struct RegionInfo: Encodable {
    let key: String
    let title: String
    let level: String
  }

  struct PeriodInfo: Encodable {
    let key: String
    let title: String
    /// `voorlopig` or `definitief`.
    let status: String
  }

  init(publication p: TablePublication, region: String, title: String) {
    self.region = region
    self.title = title
    let base = p.control.roundingBase
    disclosure = Disclosure(
      roundingBase: base, threshold: p.control.threshold,
      rule:
        "Elk aantal is afgerond op een veelvoud van \(base) (een exacte helft naar boven); "
        + "een afgerond aantal onder \(p.control.threshold), nul inbegrepen, is vervangen "
        + "door een punt. Percentages zijn berekend op de exacte aantallen. Waar een "
        + "weggelaten aantal uit de overige cellen, totalen of percentages af te leiden zou "
        + "zijn, is ook een ander aantal of percentage weggelaten.",
      symbols: [
        Symbol(symbol: ".", meaning: "onbekend, onvoldoende betrouwbaar of geheim"),
        Symbol(symbol: "", meaning: "cijfer kan op logische gronden niet voorkomen"),
        Symbol(symbol: "*", meaning: "voorlopig cijfer (in de titel van de periode)"),
      ],
      suppressedCounts: p.audit.state.filter { $0 == .primary }.count,
      secondarySuppressedCounts: p.audit.secondaryCount,
      withheldShares: p.audit.withheldShares)
    tables = p.tables.map { t in
      Table(
        id: t.id, title: t.title, cbsTables: t.cbsTables, summary: t.summary,
        files: Dictionary(
          uniqueKeysWithValues: TableGrid.granularities.map {
            ($0.folder, "\($0.folder)/\(t.id).csv")
          }),
        dimensions: t.dimensions.map(\.name),
        columns: t.columns.map {
          Column(key: $0.key, title: $0.title, unit: $0.unit, measure: $0.measure.name)
        })
    }
    var measures: [MeasureInfo] = []
    var dimensions: [DimensionInfo] = [
      DimensionInfo(
        key: Dimension.totaalName, title: Dimension.totaal.title, multiValued: false,
        categories: [Category(key: Dimension.totaalName, title: "Totaal")])
    ]
    for t in p.tables {
      for c in t.columns where !measures.contains(where: { $0.key == c.measure.name }) {
        measures.append(
          MeasureInfo(
            key: c.measure.name, title: c.measure.title, unit: c.measure.unit,
            countingDate: c.measure.countingDate,
            distinctCasussen: c.measure.countsDistinctCasussen))
      }
      var used = t.dimensions
      for c in t.columns {
        switch c.content {
        case .fixedCount(let d, _), .share(let d, _):
          if let dim = Dimension.named(d), !used.contains(dim) { used.append(dim) }
        case .count: break
        }
      }
      for d in used where !dimensions.contains(where: { $0.key == d.name }) {
        dimensions.append(
          DimensionInfo(
            key: d.name, title: d.title, multiValued: d.isMultiValued,
            categories: zip(d.categories, d.categoryTitles).map { Category(key: $0, title: $1) }))
      }
    }
    self.measures = measures
    self.dimensions = dimensions
    regions = p.grid.regions.map {
      RegionInfo(key: $0.code, title: $0.title, level: $0.level.rawValue)
    }
    periods = TableGrid.granularities.flatMap { g in
      (p.grid.periods[g.kind] ?? []).map {
        PeriodInfo(
          key: $0.code, title: p.grid.title(of: $0),
          status: p.grid.provisional.contains($0.code) ? "voorlopig" : "definitief")
      }
    }
  }
}
