import ArgumentParser
import Load
import Pipeline

/// `vt-load`: facts → aggregates.sqlite.
public struct LoadCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-load",
    abstract: "Load a region's facts into <outputs>/aggregates.sqlite.",
    discussion: """
      Reads <work>/facts and updates the region's aggregates.sqlite (outputs.md §1): a source
      whose export checksum is already loaded changes nothing; a newer snapshot replaces that
      source's figures in one transaction. The database is written aside and renamed into place.
      """,
    subcommands: [RegionLoadCommand.self, RollupCommand.self],
    defaultSubcommand: RegionLoadCommand.self)

  public init() {}
}

/// `vt-load region` (the default): one region's facts into its database.
struct RegionLoadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "region", abstract: "Load one region's facts into <outputs>/aggregates.sqlite.")

  @OptionGroup var region: RegionOptions

  func run() throws {
    try runStage("vt-load") {
      let (pipeline, reference) = try region.load(stage: "load")
      _ = try LoadStage(
        pipeline: pipeline, reference: reference,
        workspace: region.workspace(region: pipeline.config.region.name)
      ).run()
    }
  }
}
