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
    try runStage("vt-emit") {
      let context = try region.emitContext()
      let config = context.pipeline!.config
      for output in config.outputs {
        switch output {
        case .cbsTables: try TablesEmitter(context: context).publish()
        case .factsheets: try FactsheetEmitter(context: context).publish(years: nil)
        case .kernprestaties: try KernprestatiesEmitter(context: context).publish()
        case .jaarverslag: try JaarverslagEmitter(context: context).publish()
        }
      }
      try RunRecord(workspace: context.workspace, region: config.region.name).publish()
    }
  }
}
