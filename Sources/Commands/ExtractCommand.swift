import ArgumentParser
import Extract
import Pipeline

/// `vt-extract`: read a region's exports, validate, pseudonymise, stage.
public struct ExtractCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-extract",
    abstract: "Read a region's exports, validate every record, pseudonymise the bsn, stage the accepted records.",
    discussion: """
      Reads every source folder of the pipeline under --inputs (gzip detected by its magic
      bytes), writes the accepted records, rejects.csv and extract.json into <work>/staged,
      published as a whole. The bsn is replaced by a keyed pseudonym the moment it is read;
      the key comes from the file named by VT_PSEUDONYM_KEY_FILE (a demo key, labelled as
      such, when it is unset and --production is not given).
      Exit status: 0 ok, 3 reject rate above the threshold, 65 unreadable input file,
      66 input missing, 78 configuration invalid (README, "Exit codes").
      """)

  @OptionGroup var region: RegionOptions

  @Option(help: "The region's export folder (inputs/<region>).")
  var inputs: String

  @Flag(help: "A production (nightly) run: refuse to start without VT_PSEUDONYM_KEY_FILE.")
  var production = false

  public init() {}

  public func run() throws {
    try runStage("vt-extract") {
      let (pipeline, reference) = try region.load(stage: "extract")
      let stage = ExtractStage(
        pipeline: pipeline, reference: reference, inputs: inputs,
        workspace: region.workspace(region: pipeline.config.region.name),
        options: ExtractOptions(production: production))
      _ = try stage.run()
    }
  }
}
