import ArgumentParser
import Emit
import Load
import Model
import Pipeline

/// `vt-emit`: aggregates → tables, submissions, reports and fact sheets.
public struct EmitCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-emit",
    abstract: "Emit a region's outputs from its aggregates: CBS tables, submission, fact sheets, reports.",
    subcommands: [
      EmitAllCommand.self, EmitNationalCommand.self, EmitTablesCommand.self, EmitCBSCommand.self,
      EmitFactsheetsCommand.self, EmitKernprestatiesCommand.self, EmitJaarverslagCommand.self,
    ])

  public init() {}
}

extension RegionOptions {
  /// The emit context of a region: its pipeline, reference data and aggregates.
  func emitContext() throws -> EmitContext {
    let (pipeline, reference) = try load(stage: "emit")
    let workspace = workspace(region: pipeline.config.region.name)
    return EmitContext(
      pipeline: pipeline, reference: reference,
      snapshot: try AggregateDatabase.snapshot(path: workspace.aggregates), workspace: workspace)
  }
}

/// `vt-emit all`: every output the pipeline asks for, then the run record, last.
struct EmitAllCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "all",
    abstract: "Every output the pipeline's `outputs` asks for, then the run record (written last).")

  @OptionGroup var region: RegionOptions

  func run() throws {
    try runStage("vt-emit") { try RegionOutputs(context: try region.emitContext()).publish() }
  }
}
