import Model
import Pipeline

/// What every emitter of a region (or of the nation) works from.
public struct EmitContext: Sendable {
  /// The region's pipeline; nil for the national roll-up.
  public let pipeline: LoadedPipeline?
  public let reference: ReferenceData
  /// The aggregates, read through Load.
  public let snapshot: AggregateSnapshot
  /// The region's work and output folders.
  public let workspace: Workspace

  public init(
    pipeline: LoadedPipeline?, reference: ReferenceData, snapshot: AggregateSnapshot,
    workspace: Workspace
  ) {
    self.pipeline = pipeline
    self.reference = reference
    self.snapshot = snapshot
    self.workspace = workspace
  }

  /// The region's disclosure settings (the CBS defaults for the roll-up).
  public var disclosure: PipelineConfig.DisclosureSettings {
    pipeline?.config.disclosure ?? PipelineConfig.DisclosureSettings()
  }
}
