import Model

/// One CBS-style table: its dimension columns and its measure columns (`outputs.md` §2).
///
/// A table has a row per region, period and row category: the unsplit row (every dimension
/// column `totaal`) and, for each dimension column, one row per category of that dimension
/// (the other dimension columns `totaal`), the marginal rows of the StatLine cube. The
/// tables themselves are defined one family per file (`CBSTable+<Family>.swift`) and
/// listed in `CBSTable.all`.
public struct CBSTable: Sendable {
  /// The file name without extension and the key in `metadata.json` (`rol_organisatie`).
  public let id: String
  /// Dutch title.
  public let title: String
  /// The CBS StatLine tables this one follows.
  public let cbsTables: [String]
  /// What the table shows, in one or two sentences (metadata).
  public let summary: String
  /// The dimension columns; empty for a table with only the unsplit row.
  public let dimensions: [Dimension]
  /// The measure columns, in order.
  public let columns: [Column]

  public init(
    id: String, title: String, cbsTables: [String], summary: String, dimensions: [Dimension],
    columns: [Column]
  ) {
    self.id = id
    self.title = title
    self.cbsTables = cbsTables
    self.summary = summary
    self.dimensions = dimensions
    self.columns = columns
  }

  /// A measure column.
  public struct Column: Sendable {
    /// The column name in the CSV header and its key in the metadata.
    public let key: String
    public let title: String
    /// `aantal` for counts, `%` for shares.
    public let unit: String
    public let measure: Measure
    public let content: Content

    public enum Content: Sendable, Hashable {
      /// The measure's count in the row's category.
      case count
      /// The measure's count in one fixed category, whatever the row.
      case fixedCount(dimension: String, category: String)
      /// That fixed count as a percentage of the measure's unsplit count.
      case share(dimension: String, category: String)
    }

    /// The count of `measure` in the row's category.
    public static func count(_ measure: Measure) -> Column {
      Column(
        key: measure.name, title: measure.title, unit: measure.unit, measure: measure,
        content: .count)
    }

    public init(key: String, title: String, unit: String, measure: Measure, content: Content) {
      self.key = key
      self.title = title
      self.unit = unit
      self.measure = measure
      self.content = content
    }
  }

  /// A row category: the dimension and category a row shows (`totaal`/`totaal` unsplit).
  public struct RowCategory: Hashable, Sendable {
    public let dimension: String
    public let category: String
    public static let totaal = RowCategory(
      dimension: Dimension.totaalName, category: Dimension.totaalName)
  }

  /// The unsplit row, then every category of every dimension column.
  public var rowCategories: [RowCategory] {
    [.totaal]
      + dimensions.flatMap { d in d.categories.map { RowCategory(dimension: d.name, category: $0) }
      }
  }

  /// Every CBS-style table, in publication order.
  public static let all: [CBSTable] = [
    .rolOrganisatie, .aardGeweld, .veiligheidsbeoordeling, .uitkomstOnderzoek, .meldingHistorie,
  ]
}
