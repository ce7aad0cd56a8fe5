import Pipeline

/// A stage the benchmark runs on each region's export: its executable and arguments (given
/// the pipeline, the region's inputs, work and outputs folders) and how to count the
/// records it handled. Later stages add theirs to `all`, in pipeline order.
public struct StageStep: Sendable {
  public let name: String
  public let executable: String
  public let arguments: @Sendable (_ pipeline: String, _ inputs: String, _ work: String, _ outputs: String) -> [String]
  /// Records handled, read from the stage's own report in the work folder.
  public let records: (@Sendable (_ work: String) -> Int?)?

  public init(
    name: String, executable: String,
    arguments: @escaping @Sendable (String, String, String, String) -> [String],
    records: (@Sendable (String) -> Int?)? = nil
  ) {
    self.name = name
    self.executable = executable
    self.arguments = arguments
    self.records = records
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
    })

  /// Every step, in pipeline order.
  public static let all: [StageStep] = [extract]
}
