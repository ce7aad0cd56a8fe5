/// Everything a region's (or the nation's) aggregate database holds, as plain values:
/// what the emit stage reads, through `Load`, and what emit tests build in memory.
public struct AggregateSnapshot: Sendable {
  /// `nog`, …, or `nederland` for the roll-up.
  public var region: String
  /// The organisation's name (`Veilig Thuis Noord Oost Gelderland`), or `Nederland`.
  public var title: String
  /// The Veilig Thuis-regio of a region's run; nil for the roll-up.
  public var vtregio: String?
  /// Exact counts, one per non-zero cell.
  public let rows: [AggregateRow]
  /// Every period that has a figure, and whether it was still open on the peildatum.
  public var provisionalPeriods: Set<String>
  /// The sources loaded, with their export checksums and peildatum.
  public var sources: [SnapshotSource]
  /// True when pseudonyms were keyed with the demo key (sample runs): outputs say so.
  public var demoKey: Bool

  public struct SnapshotSource: Sendable, Hashable {
    public var folder: String
    public var kind: SourceKind
    public var organisation: String
    public var exportSHA256: String
    public var peildatum: String?
    public init(folder: String, kind: SourceKind, organisation: String, exportSHA256: String, peildatum: String?) {
      self.folder = folder
      self.kind = kind
      self.organisation = organisation
      self.exportSHA256 = exportSHA256
      self.peildatum = peildatum
    }
  }

  public init(
    region: String, title: String, vtregio: String?, rows: [AggregateRow],
    provisionalPeriods: Set<String>, sources: [SnapshotSource], demoKey: Bool
  ) {
    self.region = region
    self.title = title
    self.vtregio = vtregio
    self.rows = rows
    cells = Dictionary(
      rows.map {
        (
          CellKey(
            measure: $0.measure, period: $0.period, level: $0.regionLevel, region: $0.regionCode,
            dimension: $0.dimension, category: $0.category), $0.value
        )
      }, uniquingKeysWith: +)
    self.provisionalPeriods = provisionalPeriods
    self.sources = sources
    self.demoKey = demoKey
  }

  /// The exact value of one cell (0 when absent).
  public func value(
    _ measure: String, period: String, level: RegionLevel, region: String,
    dimension: String = Dimension.totaalName, category: String = Dimension.totaalName
  ) -> Int {
    cells[
      CellKey(
        measure: measure, period: period, level: level, region: region, dimension: dimension,
        category: category)] ?? 0
  }

  struct CellKey: Hashable, Sendable {
    var measure: String
    var period: String
    var level: RegionLevel
    var region: String
    var dimension: String
    var category: String
  }

  private let cells: [CellKey: Int]
}
