import Model
import Pipeline

/// The transform stage: staged canonical records → the exact aggregate rows of every measure
/// of `measures.md`, per source (docs/handover.md).
///
/// Reads `<work>/staged` (format `vtcijfers-staged/1`) and publishes `<work>/facts` as a
/// whole: one facts file per source, `transform.json` (warnings about merged codes and
/// gemeenten outside the region, with counts) and `index.json`, written last.
public struct TransformStage {
  public let pipeline: LoadedPipeline
  public let reference: ReferenceData
  public let workspace: Workspace

  public init(pipeline: LoadedPipeline, reference: ReferenceData, workspace: Workspace) {
    self.pipeline = pipeline
    self.reference = reference
    self.workspace = workspace
  }

  @discardableResult
  public func run() throws -> StageReport {
    let startedAt = Clock.timestamp()
    let start = Clock.monotonic()
    let region = pipeline.config.region
    let log = Log(stage: "transform", region: region.name)

    let staged = try Self.readStagedIndex(workspace.stagedIndex)
    guard staged.region == region.name else {
      throw PipelineError.config(
        "\(workspace.stagedIndex): staged for region \(staged.region), but \(pipeline.path) is region \(region.name)"
      )
    }
    var kinds: Set<SourceKind> = []
    for export in staged.sources where !kinds.insert(export.kind).inserted {
      throw PipelineError.config(
        "\(pipeline.path): two sources of kind \(export.kind.rawValue): the aggregates hold one source per kind"
      )
    }

    ProgressLine.shared.start(stage: "transform", region: region.name)
    defer { ProgressLine.shared.finish() }
    let staging = try StagingDirectory(final: workspace.factsDirectory)
    var sources: [FactsIndex.FactsSource] = []
    var counts: [StageReport.RecordCount] = []
    var warnings: [String] = []
    for export in staged.sources {
      let sourceStart = Clock.monotonic()
      let counting = try SourceCounting(
        export: export, stagedDirectory: workspace.stagedDirectory, reference: reference,
        vtregio: region.vtregio)
      try counting.run()
      let file = export.folder + ".tsv"
      let (written, codes) = try counting.tally.writeFacts(to: staging.file(file))
      let periods = try Self.periods(
        codes: codes, peildatum: export.peildatum, source: export.folder)
      sources.append(
        FactsIndex.FactsSource(export: export, file: file, rows: written, periods: periods))
      counts += counting.counts
      warnings += counting.warnings
      warnings += Self.countMismatches(counting.counts, export: export)
      let records = counting.counts.reduce(0) { $0 + $1.read }
      let seconds = Clock.monotonic() - sourceStart
      log.info(
        "counted \(export.folder)",
        [
          "records": String(records), "rows": String(written),
          "seconds": String(format: "%.2f", seconds),
          "records_per_second": String(Int(Double(records) / max(seconds, 1e-9))),
        ])
    }
    for w in warnings { log.warning(w) }

    let index = FactsIndex(
      region: region.name, vtregio: region.vtregio, pseudonymKey: staged.pseudonymKey,
      sources: sources)
    let report = StageReport(
      stage: "transform", region: region.name, startedAt: startedAt,
      seconds: Clock.monotonic() - start,
      inputs: [
        StageReport.InputFile(
          path: workspace.stagedIndex, bytes: FileSystem.size(workspace.stagedIndex) ?? 0,
          sha256: try Checksum.sha256(file: workspace.stagedIndex))
      ], counts: counts, warnings: warnings)
    try JSONFiles.write(report, to: staging.file("transform.json"))
    try JSONFiles.write(index, to: staging.file("index.json"))
    try staging.publish()
    return report
  }

  /// `staged/index.json`, refused unless it is of the format this build reads.
  static func readStagedIndex(_ path: String) throws -> StagedIndex {
    let staged = try JSONFiles.read(StagedIndex.self, from: path)
    guard staged.format == StagedIndex.format, staged.version == StagedFormat.version else {
      throw PipelineError.internal(
        "\(path): format \(staged.format) version \(staged.version), this build reads \(StagedIndex.format) version \(StagedFormat.version): rerun the extract stage (make clean, then make)"
      )
    }
    return staged
  }

  /// Every period with a figure, provisional when not yet closed on the peildatum
  /// (`docs/decisions.md` entry 2). Without a peildatum no period is provisional.
  static func periods(codes: [String], peildatum: String?, source: String) throws
    -> [PeriodStatus]
  {
    var day: Day? = nil
    if let text = peildatum {
      guard let d = Day.parseISO(text) else {
        throw PipelineError.internal(
          "staged index: source \(source): peildatum \"\(text)\" is not a date")
      }
      day = d
    }
    var statuses: [PeriodStatus] = []
    for code in Set(codes).sorted() {
      guard let period = Period(code: code) else {
        throw PipelineError.internal("period code \(code) does not parse")
      }
      statuses.append(
        PeriodStatus(
          code: code, provisional: day.map { period.isProvisional(peildatum: $0) } ?? false))
    }
    return statuses
  }

  /// Warnings where the staged files hold another number of records than the index says.
  static func countMismatches(_ counts: [StageReport.RecordCount], export: SourceExport)
    -> [String]
  {
    counts.compactMap { count in
      guard let said = export.accepted[count.entity], said != count.read else { return nil }
      return "\(count.file): \(count.read) records, staged/index.json says \(said)"
    }
  }
}
