import ArgumentParser
import Emit
import Pipeline

/// `vt-emit kernprestaties`.
struct EmitKernprestatiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kernprestaties", abstract: "Kernprestaties per half-year (outputs.md §5).")

  @OptionGroup var region: RegionOptions

  func run() throws {
    try runStage("vt-emit") { try KernprestatiesEmitter(context: try region.emitContext()).publish() }
  }
}
