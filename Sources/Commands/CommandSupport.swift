import ArgumentParser
import Foundation
import Model
import Pipeline

/// Runs a stage body, turning a `PipelineError` into its message on standard error and its
/// exit status (README, "Exit codes").
func runStage(_ tool: String, _ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as PipelineError {
    FileHandle.standardError.write(Data("\(tool): error: \(error.message)\n".utf8))
    Log.recordInFile(.error, stage: tool, "\(tool): error: \(error.message)")
    throw ExitCode(error.status.rawValue)
  } catch let error as ExitCode {
    throw error
  } catch let error as ValidationError {
    throw error
  } catch {
    // Not a PipelineError: a bug. Say so, with the status that means "internal error".
    FileHandle.standardError.write(Data("\(tool): internal error: \(error)\n".utf8))
    Log.recordInFile(.error, stage: tool, "\(tool): internal error: \(error)")
    throw ExitCode(ExitStatus.internalError.rawValue)
  }
}

/// The options every region stage takes.
struct RegionOptions: ParsableArguments {
  @Option(help: "The region's pipeline configuration (pipelines/<region>.yaml).")
  var pipeline: String

  @Option(help: "The region's work folder, for the hand-over files between stages.")
  var work: String

  @Option(help: "The region's output folder (outputs/<region>).")
  var outputs: String?

  /// Loads the pipeline and its reference data, logging configuration warnings.
  func load(stage: String) throws -> (LoadedPipeline, ReferenceData) {
    let loaded = try LoadedPipeline.load(path: pipeline)
    let log = Log(stage: stage, region: loaded.config.region.name)
    for w in loaded.warnings { log.warning(w) }
    return (loaded, try loaded.loadReference())
  }

  func workspace(region: String) -> Workspace {
    Workspace(work: work, outputs: outputs ?? "outputs/\(region)")
  }
}
