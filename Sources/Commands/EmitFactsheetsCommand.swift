import ArgumentParser
import Emit
import Pipeline

/// `vt-emit factsheets --year 2021`.
struct EmitFactsheetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "factsheets",
    abstract: "\"Ons werk in cijfers\": a fact sheet per gemeente, an index page and a CSV (outputs.md §4).")

  @OptionGroup var region: RegionOptions

  @Option(help: "The year (every year with figures when omitted).")
  var year: Int?

  func run() throws {
    try runStage("vt-emit") {
      try FactsheetEmitter(context: try region.emitContext()).publish(years: year.map { [$0] })
    }
  }
}
