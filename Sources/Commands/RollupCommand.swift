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

  @Argument(help: "The regions' aggregates.sqlite files.")
  var databases: [String]

  func run() throws {
    try runStage("vt-load") {
      let referenceData = try ReferenceFiles.load(directory: reference)
      try RollUp(reference: referenceData, regionDatabases: databases, output: output).run()
    }
  }
}
