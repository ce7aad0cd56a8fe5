import Crypto
import Foundation
import Model
import Pipeline

/// Options of an extract run that do not come from the pipeline configuration.
public struct ExtractOptions: Sendable {
  /// A production (nightly) run: refuses to start without a real pseudonym key.
  public var production: Bool
  /// The environment to read `VT_PSEUDONYM_KEY_FILE` from (the process's by default).
  public var environment: [String: String]?
  /// Bytes per decompressed chunk (tests use tiny chunks to exercise every boundary).
  public var chunkSize: Int
  /// Files of a CSV export read at once (each also inflates on a thread of its own).
  public var workers: Int

  public init(
    production: Bool = false, environment: [String: String]? = nil, chunkSize: Int = 1 << 18,
    workers: Int = 2
  ) {
    self.production = production
    self.environment = environment
    self.chunkSize = chunkSize
    self.workers = workers
  }
}

/// The extract stage: reads every export of a region, validates every record, replaces each
/// bsn by its keyed pseudonym and publishes the staged records (docs/handover.md).
public struct ExtractStage {
  public let pipeline: LoadedPipeline
  public let reference: ReferenceData
  /// `inputs/<region>`.
  public let inputs: String
  public let workspace: Workspace
  public let options: ExtractOptions

  public init(
    pipeline: LoadedPipeline, reference: ReferenceData, inputs: String, workspace: Workspace,
    options: ExtractOptions
  ) {
    self.pipeline = pipeline
    self.reference = reference
    self.inputs = inputs
    self.workspace = workspace
    self.options = options
  }

  /// The folder a failed run (reject rate above the threshold) publishes its rejects and
  /// report to, leaving `staged/` as it was.
  public var failedDirectory: String { workspace.work + "/extract-failed" }

  /// Runs the stage; returns its report (also written to `staged/extract.json`).
  public func run() throws -> StageReport {
    let started = Clock.now()
    let t0 = Clock.monotonic()
    let config = pipeline.config
    let log = Log(stage: "extract", region: config.region.name)

    // Everything that can be wrong before reading: the key, the inputs, the layouts.
    let key = try PseudonymKey.load(
      environment: options.environment ?? ProcessInfo.processInfo.environment,
      production: options.production)
    guard FileSystem.isDirectory(inputs) else {
      throw PipelineError.noInput("\(inputs): the region's export folder is missing")
    }
    var plans: [(PipelineConfig.SourceSettings, Layout, ExportFolder)] = []
    var snapshots: [ExportSnapshot] = []
    for (i, source) in config.sources.enumerated() {
      let layout = try Layout.load(
        name: source.layout, directory: pipeline.layoutsDirectory,
        askedBy: "\(pipeline.path): sources[\(i)].layout")
      for w in layout.warnings { log.warning(w) }
      for e in layout.entities where !source.kind.entities.contains(e.entity) {
        throw PipelineError.config(
          "\(pipeline.path): sources[\(i)]: the layout \(layout.name) reads \(e.entity.rawValue), which a \(source.kind.rawValue) export does not hold")
      }
      let folder = try ExportFolder(path: inputs + "/" + source.folder)
      snapshots.append(try ExportSnapshot(folder))
      plans.append((source, layout, folder))
    }
    if key.info.isDemo {
      log.warning("using the built-in demo pseudonym key (sample runs only; index.json says kind \"demo\")")
    }

    ProgressLine.shared.start(stage: "extract", region: config.region.name)
    defer { ProgressLine.shared.finish() }
    let staging = try StagingDirectory(final: workspace.stagedDirectory)
    let rejects = try RejectWriter(path: staging.file("rejects.csv"))
    var exports: [SourceExport] = []
    var inputFiles: [StageReport.InputFile] = []
    var counts: [StageReport.RecordCount] = []
    var warnings: [String] = []
    var overThreshold: [String] = []

    for (source, layout, folder) in plans {
      let run = try SourceExtraction(
        settings: source, layout: layout, folder: folder.path, reference: reference,
        pseudonymKey: key.bytes, log: log, stagingFolder: staging.path)
      let reader = ExportReaders.reader(for: layout, chunkSize: options.chunkSize, workers: options.workers)
      let claimed = Set(try reader.claimedFiles(layout, folder))
      let intro = try run.lane(-1)
      for name in folder.names where !claimed.contains(name) {
        if !ExportFolder.peildatumNames.contains(name) {
          run.warn("\(name) is not a file of the layout \(layout.name); ignored", lane: intro)
        }
        run.addInput(
          name: name, bytes: FileSystem.size(folder.file(name)) ?? 0,
          sha256: try Checksum.sha256(file: folder.file(name)))
      }
      for other in folder.others {
        run.warn("\(other) is not a regular file; ignored", lane: intro)
      }
      try reader.read(run, folder: folder)
      let sourceWarnings = try run.finish(into: rejects)

      // The peildatum: stated in the XML, else a peildatum file, else the latest date.
      let fromFile = try Self.peildatumFile(folder)
      let peildatum: (Day, String)? =
        run.statedPeildatum.map { ($0, "xml") } ?? fromFile.map { ($0, "file") }
        ?? run.latestDate.map { ($0, "latest-date") }

      // Counts, checked: every record read was accepted or rejected.
      var perEntity: [String: (read: Int, rejected: Int)] = [:]
      var accepted: [String: Int] = [:]
      for e in source.kind.entities { accepted[e.rawValue] = 0 }
      for (fileIndex, entity, t) in run.countedPairs {
        guard t.read == t.accepted + t.rejected else {
          throw PipelineError.internal(
            "\(source.folder)/\(run.files[fileIndex]): \(entity): read \(t.read) ≠ accepted \(t.accepted) + rejected \(t.rejected)")
        }
        counts.append(
          StageReport.RecordCount(
            file: source.folder + "/" + run.files[fileIndex], entity: entity, read: t.read,
            accepted: t.accepted, rejected: t.rejected,
            rejectedByRule: Dictionary(uniqueKeysWithValues: t.byRule.map { ($0.key.rawValue, $0.value) })))
        perEntity[entity, default: (0, 0)].read += t.read
        perEntity[entity, default: (0, 0)].rejected += t.rejected
        if accepted[entity] != nil { accepted[entity]! += t.accepted }
      }
      for (entity, c) in perEntity.sorted(by: { $0.key < $1.key }) where c.read > 0 {
        let rate = Double(c.rejected) / Double(c.read)
        if rate > config.extract.maxRejectRate {
          overThreshold.append(
            "\(source.folder)/\(entity): \(c.rejected) of \(c.read) rejected (\(Self.percent(rate))), above max_reject_rate \(Self.percent(config.extract.maxRejectRate))")
        }
      }
      let sorted = run.inputs.sorted {
        Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8))
      }
      var hasher = SHA256()
      for f in sorted {
        let name = String(f.path.dropFirst(source.folder.count + 1))
        hasher.update(data: Array("\(name)\t\(f.bytes)\t\(f.sha256)\n".utf8))
      }
      exports.append(
        SourceExport(
          folder: source.folder, kind: source.kind, organisation: source.organisation,
          layout: layout.name, exportSHA256: Hex.string(hasher.finalize()),
          peildatum: peildatum?.0.iso, peildatumSource: peildatum?.1, accepted: accepted))
      inputFiles += sorted
      warnings += sourceWarnings
      let read = perEntity.values.reduce(0) { $0 + $1.read }
      let rejected = perEntity.values.reduce(0) { $0 + $1.rejected }
      log.info(
        "\(source.folder): \(layout.name), \(run.files.count) files",
        [
          "read": String(read), "accepted": String(read - rejected), "rejected": String(rejected),
          "peildatum": peildatum.map { "\($0.0.iso) (\($0.1))" } ?? "none",
          "ids": String(run.idCount), "id_bytes": String(run.idTableBytes),
        ])
    }
    try rejects.close()
    // Nothing is published from an export that changed while it was read (exit 75).
    for snapshot in snapshots { try snapshot.verifyUnchanged() }

    let report = StageReport(
      stage: "extract", region: config.region.name, startedAt: Clock.timestamp(started),
      seconds: Clock.monotonic() - t0, inputs: inputFiles, counts: counts, warnings: warnings)

    if !overThreshold.isEmpty {
      let failed = try StagingDirectory(final: failedDirectory)
      if rename(staging.file("rejects.csv"), failed.file("rejects.csv")) != 0 {
        throw PipelineError.io("\(failed.path): cannot move the rejects there")
      }
      try JSONFiles.write(report, to: failed.file("extract.json"))
      try failed.publish()
      for line in overThreshold { log.error(line) }
      throw PipelineError(
        .rejectThreshold,
        "\(overThreshold.joined(separator: "; ")); staged records not published (see \(failedDirectory)/rejects.csv)")
    }

    try JSONFiles.write(report, to: staging.file("extract.json"))
    try JSONFiles.write(
      StagedIndex(region: config.region.name, pseudonymKey: key.info, sources: exports),
      to: staging.file("index.json"))
    try staging.publish()
    if FileSystem.exists(failedDirectory) { try? FileManager.default.removeItem(atPath: failedDirectory) }
    log.info(
      "staged", ["folder": workspace.stagedDirectory, "rejects": String(rejects.count), "seconds": String(format: "%.2f", report.seconds)])
    return report
  }

  static func percent(_ rate: Double) -> String { String(format: "%.1f %%", rate * 100) }

  /// The peildatum of a `peildatum` or `peildatum.txt` file (`YYYY-MM-DD`); both present
  /// must agree. A file that holds anything else fails the stage (exit 65).
  static func peildatumFile(_ folder: ExportFolder) throws -> Day? {
    var found: Day? = nil
    for name in ExportFolder.peildatumNames where folder.names.contains(name) {
      let path = folder.file(name)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw PipelineError.io("\(path): cannot be read")
      }
      let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      guard let day = Day.parseISO(text) else {
        throw PipelineError.unreadable(
          "\(path): \"\(Redaction.redact(String(text.prefix(40))))\" is not a peildatum (YYYY-MM-DD)")
      }
      if let f = found, f != day {
        throw PipelineError.unreadable("\(folder.path): peildatum and peildatum.txt disagree")
      }
      found = day
    }
    return found
  }
}
