import ArgumentParser
import Emit
import Pipeline

/// `vt-emit jaarverslag`.
struct EmitJaarverslagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jaarverslag", abstract: "Jaarverslag figures per year (outputs.md §6).")

  @OptionGroup var region: RegionOptions

  func run() throws {
    try runStage("vt-emit") { try JaarverslagEmitter(context: try region.emitContext()).publish() }
  }
}
