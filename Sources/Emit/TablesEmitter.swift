import Foundation
import Model
import Pipeline

/// CBS-style tables with disclosure control (`outputs.md` §2) → `<outputs>/tables/`.
///
/// ```
/// tables/
///   jaar/<table>.csv        one file per table and granularity: ID;<dimensions…>;RegioS;
///   halfjaar/<table>.csv    Perioden;<columns…>, `;`-separated UTF-8, CBS region and
///   kwartaal/<table>.csv    period codes, rounded counts, `.` and blanks
///   metadata.json           tables, columns, dimensions, regions and periods with titles
/// ```
/// Published whole. For a region's run the rows are its Veilig Thuis-regio and gemeenten;
/// for the national roll-up (no pipeline) Nederland, landsdelen, provincies, Veilig
/// Thuis-regio's and gemeenten. See `docs/cbs.md`.
public struct TablesEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  /// The folder the tables are published in.
  public var directory: String { context.workspace.outputs + "/tables" }

  public func publish() throws {
    let started = Clock.monotonic()
    let snapshot = context.snapshot
    let publication = try TablePublication(
      snapshot: snapshot, reference: context.reference,
      control: DisclosureControl(context.disclosure))
    let staging = try StagingDirectory(final: directory)
    for (kind, folder) in TableGrid.granularities {
      try FileSystem.makeDirectory(staging.file(folder))
      for table in publication.tables {
        let out = try BufferedWriter(creating: staging.file("\(folder)/\(table.id).csv"))
        try Self.write(table, kind: kind, publication: publication, to: out)
        try out.close()
      }
    }
    let metadata = TableMetadata(
      publication: publication, region: snapshot.region, title: snapshot.title)
    try JSONFiles.write(metadata, to: staging.file("metadata.json"))
    try staging.publish()
    Log(stage: "emit", region: snapshot.region).info(
      "tables published",
      [
        "folder": directory, "regions": String(publication.grid.regions.count),
        "suppressed": String(metadata.disclosure.suppressedCounts),
        "secondary": String(metadata.disclosure.secondarySuppressedCounts),
        "withheld_shares": String(metadata.disclosure.withheldShares),
        "seconds": String(format: "%.2f", Clock.monotonic() - started),
      ])
  }

  /// Writes one table of one granularity: a header, then a row per row category, region
  /// and period (in that order of nesting), numbered from 0.
  static func write(
    _ table: CBSTable, kind: Period.Kind, publication p: TablePublication, to out: BufferedWriter
  ) throws {
    let header =
      ["ID"] + table.dimensions.map(\.name) + ["RegioS", "Perioden"] + table.columns.map(\.key)
    try out.write(header.joined(separator: ";") + "\n")
    let periods = p.grid.periods[kind] ?? []
    var id = 0
    for row in table.rowCategories {
      let dimensionCodes = table.dimensions.map {
        $0.name == row.dimension ? row.category : Dimension.totaalName
      }
      for region in p.grid.regions {
        for period in periods {
          var fields = [String(id)] + dimensionCodes + [region.code, period.code]
          let base = TableCellKey(
            measure: "", period: period.code, level: region.level, region: region.code)
          for column in table.columns {
            let key = base.with(measure: column.measure.name)
            switch column.content {
            case .count:
              fields.append(
                p.text(count: key.with(dimension: row.dimension, category: row.category)))
            case .fixedCount(let d, let c):
              fields.append(p.text(count: key.with(dimension: d, category: c)))
            case .share(let d, let c):
              fields.append(p.text(share: key.with(dimension: d, category: c)))
            }
          }
          try out.write(fields.joined(separator: ";") + "\n")
          id += 1
        }
      }
    }
  }
}
