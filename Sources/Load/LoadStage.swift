import Foundation
import Model
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// The load stage: facts → `outputs/<region>/aggregates.sqlite` (`outputs.md` §1,
/// `docs/aggregates.md`).
///
/// A source whose export and facts are those already loaded changes nothing (the file is not
/// rewritten). Otherwise a new database is built aside: the figures of the sources that stay
/// are copied from the old one, those of new or newer snapshots are read from the facts (a
/// prepared statement of 64 rows, one transaction), and the result replaces the old file in
/// one rename.
/// A source is replaced by the facts of the same kind (one source per kind); a source the
/// facts do not mention stays.
public struct LoadStage {
  public let pipeline: LoadedPipeline
  public let reference: ReferenceData
  public let workspace: Workspace
  /// When a source is loaded (`run.loaded_at`): the pipeline's clock, which follows
  /// `SOURCE_DATE_EPOCH`; tests set it.
  var loadedAt: () -> String = { Clock.timestamp() }

  public init(pipeline: LoadedPipeline, reference: ReferenceData, workspace: Workspace) {
    self.pipeline = pipeline
    self.reference = reference
    self.workspace = workspace
  }

  /// A source of the facts with its checksums.
  struct Incoming {
    var source: FactsIndex.FactsSource
    var path: String
    var factsSHA256: String
    var periods: [String: Bool]
  }

  @discardableResult
  public func run() throws -> StageReport {
    let startedAt = Clock.timestamp()
    let start = Clock.monotonic()
    let region = pipeline.config.region
    let log = Log(stage: "load", region: region.name)
    let index = try Self.readFactsIndex(workspace.factsIndex)
    guard index.region == region.name, index.vtregio == region.vtregio else {
      throw PipelineError.config(
        "\(workspace.factsIndex): facts of region \(index.region) (\(index.vtregio)), but \(pipeline.path) is region \(region.name) (\(region.vtregio))"
      )
    }
    var kinds: Set<SourceKind> = []
    var incoming: [Incoming] = []
    for s in index.sources {
      guard kinds.insert(s.export.kind).inserted else {
        throw PipelineError.config(
          "\(workspace.factsIndex): two sources of kind \(s.export.kind.rawValue): the aggregates hold one source per kind"
        )
      }
      let path = workspace.factsDirectory + "/" + s.file
      incoming.append(
        Incoming(
          source: s, path: path, factsSHA256: try Checksum.sha256(file: path),
          periods: Dictionary(
            s.periods.map { ($0.code, $0.provisional) }, uniquingKeysWith: { a, _ in a })))
    }

    let target = workspace.aggregates
    let existing = FileSystem.exists(target) ? try ExistingDatabase(path: target) : nil
    var oldRuns: [ExistingDatabase.RunRow] = []
    if let existing {
      let r = existing.region
      guard r.kind == "region", r.name == region.name, r.vtregio == region.vtregio else {
        throw PipelineError.config(
          "\(target): holds \(r.kind) \(r.name) (\(r.vtregio ?? "-")), not region \(region.name) (\(region.vtregio)); remove it and load again"
        )
      }
      oldRuns = try existing.runs()
    }

    // What changes: a source is unchanged when the same folder holds the same export, facts
    // and periods.
    let changed = incoming.filter { new in
      !oldRuns.contains {
        $0.source == new.source.export.folder && $0.kind == new.source.export.kind.rawValue
          && $0.exportSHA256 == new.source.export.exportSHA256
          && $0.factsSHA256 == new.factsSHA256 && $0.periods == new.periods
      }
    }
    let replacedKinds = Set(changed.map { $0.source.export.kind.rawValue })
    let kept = oldRuns.filter { !replacedKinds.contains($0.kind) }
    let upToDate =
      existing != nil && changed.isEmpty && existing?.version == AggregateSchema.currentVersion
      && existing?.region.title == region.title
    var report = StageReport(stage: "load", region: region.name, startedAt: startedAt, seconds: 0)
    report.inputs = incoming.map {
      StageReport.InputFile(
        path: $0.path, bytes: FileSystem.size($0.path) ?? 0, sha256: $0.factsSHA256)
    }
    if upToDate {
      // Nothing to change; mark the file as current for make without rewriting it.
      utimensat(AT_FDCWD, target, nil, 0)
      log.info("\(target) is up to date: nothing changed")
      report.seconds = Clock.monotonic() - start
      try JSONFiles.writeAtomically(report, to: workspace.loadReport)
      return report
    }

    let build = try DatabaseBuild(final: target)
    let db = build.db
    try db.execute("BEGIN")
    try db.prepare(
      "INSERT INTO region (singleton, name, title, kind, vtregio) VALUES (1, ?, ?, 'region', ?)"
    ).run([.text(region.name), .text(region.title), .text(region.vtregio)])
    try Catalogue.insert(into: db)
    if let existing, !kept.isEmpty {
      try db.prepare("ATTACH DATABASE ? AS old").run([.text(existing.readablePath)])
      for run in kept {
        try Self.copy(run, from: "old", into: db)
        log.info("kept \(run.source) from the previous load", ["kind": run.kind])
      }
    }
    var rowsLoaded = 0
    let loadedAt = loadedAt()
    for new in changed {
      let n = try Self.insert(
        new, region: region.name, vtregio: region.vtregio, key: index.pseudonymKey,
        loadedAt: loadedAt, into: db)
      rowsLoaded += n
      log.info("loaded \(new.source.export.folder)", ["rows": String(n)])
    }
    try AggregateSchema.recordPeriodCodes(db)
    try db.execute("COMMIT")
    if existing != nil && !kept.isEmpty { try db.execute("DETACH DATABASE old") }
    try build.publish()
    report.seconds = Clock.monotonic() - start
    try JSONFiles.writeAtomically(report, to: workspace.loadReport)
    log.info(
      "published \(target)",
      [
        "rows_loaded": String(rowsLoaded),
        "seconds": String(format: "%.2f", report.seconds),
      ])
    return report
  }

  /// `facts/index.json`, refused unless it is of the format this build reads.
  static func readFactsIndex(_ path: String) throws -> FactsIndex {
    let index = try JSONFiles.read(FactsIndex.self, from: path)
    guard index.format == FactsIndex.format, index.version == FactsIndex.version else {
      throw PipelineError.internal(
        "\(path): format \(index.format) version \(index.version), this build reads \(FactsIndex.format) version \(FactsIndex.version): rerun the transform stage (make clean, then make)"
      )
    }
    return index
  }

  /// Copies one source (its run, periods and figures) from the attached database `schema`.
  static func copy(_ run: ExistingDatabase.RunRow, from schema: String, into db: SQLiteDatabase)
    throws
  {
    let args: [SQLiteValue] = [.text(run.region), .text(run.source)]
    try db.prepare("INSERT INTO run SELECT * FROM \(schema).run WHERE region = ? AND source = ?")
      .run(args)
    try db.prepare(
      """
      INSERT INTO source_period (region, source, period, provisional)
      SELECT region, source, period, provisional FROM \(schema).source_period
      WHERE region = ? AND source = ?
      """
    ).run(args)
    try db.prepare(
      """
      INSERT INTO aggregate
        (measure, period, region_level, region_code, dimension, category, value)
      SELECT measure, period, region_level, region_code, dimension, category, value
      FROM \(schema).aggregate
      WHERE measure IN (SELECT name FROM \(schema).measure WHERE source_kind = ?)
      """
    ).run([.text(run.kind)])
  }

  /// Inserts one source from its facts file; returns the number of rows.
  static func insert(
    _ new: Incoming, region: String, vtregio: String, key: PseudonymKeyInfo, loadedAt: String,
    into db: SQLiteDatabase
  ) throws -> Int {
    let export = new.source.export
    try db.prepare(
      """
      INSERT INTO run (region, source, kind, organisation, layout, export_sha256, facts_sha256,
        peildatum, peildatum_source, pseudonym_key, pseudonym_key_fingerprint, row_count,
        loaded_at, schema_version, tool_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """
    ).run([
      .text(region), .text(export.folder), .text(export.kind.rawValue), .text(export.organisation),
      .text(export.layout), .text(export.exportSHA256), .text(new.factsSHA256),
      export.peildatum.map { .text($0) } ?? .null,
      export.peildatumSource.map { .text($0) } ?? .null,
      .text(key.kind), .text(key.fingerprint), .integer(new.source.rows),
      .text(loadedAt), .integer(AggregateSchema.currentVersion),
      .text(ToolVersion.version),
    ])
    let period = try db.prepare(
      "INSERT INTO source_period (region, source, period, provisional) VALUES (?, ?, ?, ?)")
    for p in new.source.periods {
      try period.run([
        .text(region), .text(export.folder), .text(p.code), .integer(p.provisional ? 1 : 0),
      ])
    }
    let measures = Set(Measures.all.filter { $0.source == export.kind }.map(\.name))
    let n = try FactsLoader(path: new.path, measures: measures, vtregio: vtregio).load(into: db)
    guard n == new.source.rows else {
      throw PipelineError.internal(
        "\(new.path): \(n) rows, facts/index.json says \(new.source.rows): rerun the transform stage"
      )
    }
    return n
  }
}

extension Workspace {
  /// `<work>/load.json`: the load stage's report, which the run record gathers.
  var loadReport: String { work + "/load.json" }
}
