import ArgumentParser
import Emit
import Model
import Pipeline

/// `vt-emit cbs --period 2021KW03`.
struct EmitCBSCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cbs",
    abstract: "The CBS submission of a quarter or half-year, with its spiegel- and kwaliteitsrapport (outputs.md §3).")

  @OptionGroup var region: RegionOptions

  @Option(help: "The period: a quarter (2021KW03) or half-year (2021HJ02).")
  var period: String

  func validate() throws {
    guard let p = Period(code: period), p.kind == .quarter || p.kind == .halfYear else {
      throw ValidationError("--period must be a quarter (2021KW03) or a half-year (2021HJ02), not \"\(period)\"")
    }
  }

  func run() throws {
    try runStage("vt-emit") {
      try SubmissionEmitter(context: try region.emitContext(), period: Period(code: period)!).publish()
    }
  }
}
