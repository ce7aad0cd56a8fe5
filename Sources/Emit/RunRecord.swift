import Foundation
import Model
import Pipeline

/// The run record (`outputs.md` §7): `<outputs>/run/manifest.json` and `rejects.csv`,
/// gathered from the stage reports of the work folder; published last, as a whole.
///
/// The manifest lists the export files read (size, SHA-256), records read, accepted and
/// rejected per file and entity (they add up: read = accepted + rejected), every stage's
/// timing and warnings, the outputs published (size, SHA-256), the tool version and the
/// git revision. It names the pseudonym key only by kind and fingerprint.
public struct RunRecord {
  public let workspace: Workspace
  public let region: String

  public init(workspace: Workspace, region: String) {
    self.workspace = workspace
    self.region = region
  }

  /// The stage reports a run leaves in the work folder, in stage order.
  static func reportPaths(_ workspace: Workspace) -> [String] {
    [
      workspace.stagedDirectory + "/extract.json",
      workspace.factsDirectory + "/transform.json",
      workspace.work + "/load.json",
      workspace.work + "/emit.json",
    ]
  }

  /// Gathers the reports and publishes `<outputs>/run/`.
  public func publish() throws {
    let reports = try Self.reportPaths(workspace).filter(FileSystem.exists).map {
      try JSONFiles.read(StageReport.self, from: $0)
    }
    let stagedIndex = FileSystem.exists(workspace.stagedIndex)
      ? try JSONFiles.read(StagedIndex.self, from: workspace.stagedIndex) : nil
    let counts = reports.flatMap(\.counts)
    let manifest = RunManifest(
      region: region,
      finishedAt: Clock.timestamp(),
      pseudonymKey: stagedIndex?.pseudonymKey,
      sources: stagedIndex?.sources ?? [],
      inputs: reports.flatMap(\.inputs),
      counts: counts,
      totals: .init(
        read: counts.map(\.read).reduce(0, +), accepted: counts.map(\.accepted).reduce(0, +),
        rejected: counts.map(\.rejected).reduce(0, +)),
      stages: reports.map {
        .init(stage: $0.stage, startedAt: $0.startedAt, seconds: $0.seconds, warnings: $0.warnings)
      },
      outputs: try Self.publishedOutputs(under: workspace.outputs))
    guard manifest.totals.read == manifest.totals.accepted + manifest.totals.rejected else {
      throw PipelineError.internal(
        "\(region): records read (\(manifest.totals.read)) ≠ accepted (\(manifest.totals.accepted)) + rejected (\(manifest.totals.rejected))")
    }

    let staging = try StagingDirectory(final: workspace.outputs + "/run")
    let rejects = workspace.stagedDirectory + "/rejects.csv"
    if FileSystem.exists(rejects) {
      try copy(rejects, to: staging.file("rejects.csv"), mode: StagedFormat.fileMode)
    }
    try JSONFiles.write(manifest, to: staging.file("manifest.json"))
    try staging.publish()
  }

  /// Every file under the region's output folder except the run record itself, by path.
  static func publishedOutputs(under root: String) throws -> [RunManifest.Output] {
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var paths: [String] = []
    while let relative = walker.nextObject() as? String {
      let first = relative.split(separator: "/").first.map(String.init) ?? relative
      if first == "run" || first.hasPrefix(".") { continue }
      let full = root + "/" + relative
      if !FileSystem.isDirectory(full) { paths.append(relative) }
    }
    return try paths.sorted().map {
      RunManifest.Output(
        path: $0, bytes: FileSystem.size(root + "/" + $0) ?? 0,
        sha256: try Checksum.sha256(file: root + "/" + $0))
    }
  }

  private func copy(_ from: String, to: String, mode: mode_t) throws {
    let out = try BufferedWriter(creating: to, mode: mode)
    try LineReader(path: from).forEachLine { line, _ in
      try out.write(bytes: line)
      try out.write(byte: 0x0A)
    }
    try out.close()
  }
}

/// `run/manifest.json` (format `vtcijfers-run`, version 1).
public struct RunManifest: Codable, Sendable {
  public static let format = "vtcijfers-run"
  public static let version = 1

  public var format = RunManifest.format
  public var version = RunManifest.version
  public var region: String
  public var toolVersion = ToolVersion.version
  public var gitRevision = ToolVersion.gitRevision
  public var finishedAt: String
  public var pseudonymKey: PseudonymKeyInfo?
  public var sources: [SourceExport]
  public var inputs: [StageReport.InputFile]
  public var counts: [StageReport.RecordCount]
  public var totals: Totals
  public var stages: [Stage]
  public var outputs: [Output]

  public struct Totals: Codable, Sendable {
    public var read: Int
    public var accepted: Int
    public var rejected: Int
  }

  public struct Stage: Codable, Sendable {
    public var stage: String
    public var startedAt: String
    public var seconds: Double
    public var warnings: [String]
    enum CodingKeys: String, CodingKey {
      case stage, seconds, warnings
      case startedAt = "started_at"
    }
  }

  public struct Output: Codable, Sendable {
    public var path: String
    public var bytes: Int
    public var sha256: String
  }

  enum CodingKeys: String, CodingKey {
    case format, version, region, sources, inputs, counts, totals, stages, outputs
    case toolVersion = "tool_version"
    case gitRevision = "git_revision"
    case finishedAt = "finished_at"
    case pseudonymKey = "pseudonym_key"
  }
}
