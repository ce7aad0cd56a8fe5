import Model
import Pipeline

/// Options of an extract run that do not come from the pipeline configuration.
public struct ExtractOptions: Sendable {
  /// A production (nightly) run: refuses to start without a real pseudonym key.
  public var production: Bool
  public init(production: Bool = false) { self.production = production }
}

/// The extract stage: reads every export of a region, validates every record, replaces each
/// bsn by its keyed pseudonym and publishes the staged records (docs/handover.md).
public struct ExtractStage {
  public let pipeline: LoadedPipeline
  public let reference: ReferenceData
  /// `inputs/<region>`.
  public let inputs: String
  public let workspace: Workspace
  public let options: ExtractOptions

  public init(
    pipeline: LoadedPipeline, reference: ReferenceData, inputs: String, workspace: Workspace,
    options: ExtractOptions
  ) {
    self.pipeline = pipeline
    self.reference = reference
    self.inputs = inputs
    self.workspace = workspace
    self.options = options
  }

  /// Runs the stage; returns its report (also written to `staged/extract.json`).
  public func run() throws -> StageReport {
    throw PipelineError.internal("extract: not implemented yet")
  }
}
