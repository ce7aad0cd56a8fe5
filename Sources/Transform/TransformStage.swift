import Model
import Pipeline

/// The transform stage: staged canonical records → the exact aggregate rows of every measure
/// of `measures.md`, per source (docs/handover.md).
public struct TransformStage {
  public let pipeline: LoadedPipeline
  public let reference: ReferenceData
  public let workspace: Workspace

  public init(pipeline: LoadedPipeline, reference: ReferenceData, workspace: Workspace) {
    self.pipeline = pipeline
    self.reference = reference
    self.workspace = workspace
  }

  public func run() throws -> StageReport {
    throw PipelineError.internal("transform: not implemented yet")
  }
}
