import ArgumentParser
import Load
import Pipeline

/// `vt-load rollup`: the national roll-up.
struct RollupCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rollup",
    abstract: "Combine every region's aggregates into the national roll-up (provincie, landsdeel, Nederland).")

  @Option(help: "The reference data folder (pipelines/reference).")
  var reference: String = "pipelines/reference"

  @Option(help: "The roll-up database to write (outputs/nederland/aggregates.sqlite).")
  var output: String

  @Option(help: "The roll-up's work folder: its stage report load.json goes there (outputs/work/nederland).")
  var work: String?

  @Option(help: "A region expected but without aggregates yet (repeatable): named in the report.")
  var missing: [String] = []

  @Argument(help: "The regions' aggregates.sqlite files.")
  var databases: [String]

  func run() throws {
    try runStage("vt-load") {
      let referenceData = try ReferenceFiles.load(directory: reference)
      try RollUp(
        reference: referenceData, regionDatabases: databases, output: output,
        report: work.map { $0 + "/load.json" }, missing: missing
      ).run()
    }
  }
}
