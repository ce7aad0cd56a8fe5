import Model
import Pipeline

/// Reads an aggregates database (a region's or the roll-up) for the emit stage.
public enum AggregateDatabase {
  /// Everything the database at `path` holds, as plain values.
  public static func snapshot(path: String) throws -> AggregateSnapshot {
    guard FileSystem.exists(path) else {
      throw PipelineError.noInput("\(path): missing (run the load stage first)")
    }
    let existing = try ExistingDatabase(path: path)
    let db = existing.db
    let region = existing.region

    let statement = try db.prepare(
      """
      SELECT measure, period, region_level, region_code, dimension, category, value
      FROM aggregate
      ORDER BY measure, period, region_level, region_code, dimension, category
      """)
    var rows: [AggregateRow] = []
    while try statement.step() {
      let levelText = statement.text(2)
      guard let level = RegionLevel(rawValue: levelText) else {
        throw PipelineError.internal("\(path): aggregate row with region level \(levelText)")
      }
      rows.append(
        AggregateRow(
          measure: statement.text(0), period: statement.text(1), regionLevel: level,
          regionCode: statement.text(3), dimension: statement.text(4),
          category: statement.text(5), value: statement.int(6)))
    }

    let provisional = try db.rows("SELECT period FROM period WHERE provisional = 1")
      .compactMap { $0[0] }
    var sources: [AggregateSnapshot.SnapshotSource] = []
    for r in try db.rows(
      """
      SELECT region, source, kind, organisation, export_sha256, peildatum FROM run
      ORDER BY region, source
      """)
    {
      guard let kindText = r[2], let kind = SourceKind(rawValue: kindText) else {
        throw PipelineError.internal("\(path): run row of unknown kind \(r[2] ?? "NULL")")
      }
      let folder = region.kind == "rollup" ? "\(r[0] ?? "")/\(r[1] ?? "")" : (r[1] ?? "")
      sources.append(
        AggregateSnapshot.SnapshotSource(
          folder: folder, kind: kind, organisation: r[3] ?? "", exportSHA256: r[4] ?? "",
          peildatum: r[5]))
    }
    let demo = try db.integer("SELECT count(*) FROM run WHERE pseudonym_key = 'demo'") ?? 0
    return AggregateSnapshot(
      region: region.name, title: region.title, vtregio: region.vtregio, rows: rows,
      provisionalPeriods: Set(provisional), sources: sources, demoKey: demo > 0)
  }
}
