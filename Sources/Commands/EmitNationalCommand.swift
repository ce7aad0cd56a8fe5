import ArgumentParser
import Emit
import Load
import Model
import Pipeline

/// `vt-emit national`: the national roll-up's tables.
struct EmitNationalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "national",
    abstract: "The CBS-style tables of the national roll-up (outputs/nederland).")

  @Option(help: "The reference data folder (pipelines/reference).")
  var reference: String = "pipelines/reference"

  @Option(help: "The roll-up's work folder, for its stage report (outputs/work/nederland).")
  var work: String

  @Option(help: "The roll-up's output folder (outputs/nederland).")
  var outputs: String

  func run() throws {
    try runStage("vt-emit") {
      let referenceData = try ReferenceFiles.load(directory: reference)
      let workspace = Workspace(work: work, outputs: outputs)
      let context = EmitContext(
        pipeline: nil, reference: referenceData,
        snapshot: try AggregateDatabase.snapshot(path: workspace.aggregates), workspace: workspace)
      try RegionOutputs(context: context).publish()
    }
  }
}
