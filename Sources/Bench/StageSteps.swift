import Pipeline

/// A stage the benchmark runs on each region's export: its executable and arguments (given
/// the pipeline, the region's inputs, work and outputs folders) and how to count the
/// records it handled. Later stages add theirs to `all`, in pipeline order.
public struct StageStep: Sendable {
  public let name: String
  public let executable: String
  public let arguments: @Sendable (_ pipeline: String, _ inputs: String, _ work: String, _ outputs: String) -> [String]
  /// Records handled, read from the stage's own report (or index) in the work folder.
  public let records: (@Sendable (_ work: String) -> Int?)?
  /// What the records are (for the table: "records", "rows", …).
  public let unit: String
  /// Paths removed before every run, so that each run does the whole work (a stage that
  /// finds its output up to date would do nothing).
  public let stale: @Sendable (_ work: String, _ outputs: String) -> [String]
  /// Part of the chain extract → load whose summed wall time is compared with the baselines.
  public let inChain: Bool

  public init(
    name: String, executable: String,
    arguments: @escaping @Sendable (String, String, String, String) -> [String],
    records: (@Sendable (String) -> Int?)? = nil, unit: String = "records",
    stale: @escaping @Sendable (String, String) -> [String] = { _, _ in [] },
    inChain: Bool = true
  ) {
    self.name = name
    self.executable = executable
    self.arguments = arguments
    self.records = records
    self.unit = unit
    self.stale = stale
    self.inChain = inChain
  }
}

public enum StageSteps {
  public static let extract = StageStep(
    name: "vt-extract", executable: "vt-extract",
    arguments: { pipeline, inputs, work, outputs in
      ["--pipeline", pipeline, "--inputs", inputs, "--work", work, "--outputs", outputs]
    },
    records: { work in
      (try? JSONFiles.read(StageReport.self, from: work + "/staged/extract.json"))
        .map { $0.counts.reduce(0) { $0 + $1.read } }
    },
    stale: { work, _ in [work + "/staged"] })

  /// Counts the staged records into aggregate rows: records = staged records it counted
  /// (`facts/transform.json`).
  public static let transform = StageStep(
    name: "vt-transform", executable: "vt-transform",
    arguments: { pipeline, _, work, outputs in
      ["--pipeline", pipeline, "--work", work, "--outputs", outputs]
    },
    records: { work in
      (try? JSONFiles.read(StageReport.self, from: work + "/facts/transform.json"))
        .map { $0.counts.reduce(0) { $0 + $1.read } }
    },
    stale: { work, _ in [work + "/facts"] })

  /// Loads the aggregate rows into SQLite: records = the rows of `facts/index.json`.
  public static let load = StageStep(
    name: "vt-load", executable: "vt-load",
    arguments: { pipeline, _, work, outputs in
      ["--pipeline", pipeline, "--work", work, "--outputs", outputs]
    },
    records: { work in
      (try? JSONFiles.read(FactsIndex.self, from: work + "/facts/index.json"))
        .map { $0.sources.reduce(0) { $0 + $1.rows } }
    },
    unit: "rows",
    stale: { work, outputs in [outputs + "/aggregates.sqlite", work + "/load.json"] })

  /// Every output the pipeline asks for (not part of the chain's target).
  public static let emit = StageStep(
    name: "vt-emit all", executable: "vt-emit",
    arguments: { pipeline, _, work, outputs in
      ["all", "--pipeline", pipeline, "--work", work, "--outputs", outputs]
    },
    inChain: false)

  /// Every step run by default, in pipeline order: the chain extract → load.
  public static let all: [StageStep] = [extract, transform, load]

  /// With `vt-bench --emit`: the chain, then every output (minutes per region at scale 1).
  public static let withEmit: [StageStep] = all + [emit]
}
