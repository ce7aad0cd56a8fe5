import ArgumentParser
import Emit
import Pipeline

/// `vt-emit tables`.
struct EmitTablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tables", abstract: "CBS-style tables with disclosure control (outputs.md §2).")

  @OptionGroup var region: RegionOptions

  func run() throws {
    try runStage("vt-emit") { try TablesEmitter(context: try region.emitContext()).publish() }
  }
}
