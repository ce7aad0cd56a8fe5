import ArgumentParser
import Pipeline
import Transform

/// `vt-transform`: staged records → facts.
public struct TransformCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-transform",
    abstract: "Count the staged records by the Informatieprotocol into exact aggregate rows (facts).",
    discussion: """
      Reads <work>/staged and writes <work>/facts, published as a whole: one facts file per
      source with every measure of measures.md per period (month, quarter, half-year, year),
      gemeente and Veilig Thuis-regio, split by its dimensions.
      """)

  @OptionGroup var region: RegionOptions

  public init() {}

  public func run() throws {
    try runStage("vt-transform") {
      let (pipeline, reference) = try region.load(stage: "transform")
      _ = try TransformStage(
        pipeline: pipeline, reference: reference,
        workspace: region.workspace(region: pipeline.config.region.name)
      ).run()
    }
  }
}
