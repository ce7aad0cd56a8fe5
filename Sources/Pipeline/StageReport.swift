/// What one stage did in one run: inputs, counts, warnings and timings. Each stage writes its
/// report into its work folder; the run manifest (`outputs/<region>/run/manifest.json`)
/// gathers them, written last.
public struct StageReport: Codable, Sendable {
  public var stage: String
  public var region: String
  public var toolVersion: String
  public var gitRevision: String?
  public var startedAt: String
  public var seconds: Double
  /// Files read, with size and SHA-256.
  public var inputs: [InputFile]
  /// Records read, accepted and rejected per file and entity (extract).
  public var counts: [RecordCount]
  public var warnings: [String]

  public struct InputFile: Codable, Hashable, Sendable {
    public var path: String
    public var bytes: Int
    public var sha256: String
    public init(path: String, bytes: Int, sha256: String) {
      self.path = path
      self.bytes = bytes
      self.sha256 = sha256
    }
  }

  /// read = accepted + rejected, for one file and entity.
  public struct RecordCount: Codable, Hashable, Sendable {
    public var file: String
    public var entity: String
    public var read: Int
    public var accepted: Int
    public var rejected: Int
    /// Rejected records per rule.
    public var rejectedByRule: [String: Int]
    public init(file: String, entity: String, read: Int, accepted: Int, rejected: Int, rejectedByRule: [String: Int]) {
      self.file = file
      self.entity = entity
      self.read = read
      self.accepted = accepted
      self.rejected = rejected
      self.rejectedByRule = rejectedByRule
    }

    enum CodingKeys: String, CodingKey {
      case file, entity, read, accepted, rejected
      case rejectedByRule = "rejected_by_rule"
    }
  }

  enum CodingKeys: String, CodingKey {
    case stage, region, seconds, inputs, counts, warnings
    case toolVersion = "tool_version"
    case gitRevision = "git_revision"
    case startedAt = "started_at"
  }

  public init(
    stage: String, region: String, startedAt: String, seconds: Double, inputs: [InputFile] = [],
    counts: [RecordCount] = [], warnings: [String] = []
  ) {
    self.stage = stage
    self.region = region
    toolVersion = ToolVersion.version
    gitRevision = ToolVersion.gitRevision
    self.startedAt = startedAt
    self.seconds = seconds
    self.inputs = inputs
    self.counts = counts
    self.warnings = warnings
  }
}
