import Model
import Pipeline

/// The load stage: facts → `outputs/<region>/aggregates.sqlite` (`outputs.md` §1).
public struct LoadStage {
  public let pipeline: LoadedPipeline
  public let reference: ReferenceData
  public let workspace: Workspace

  public init(pipeline: LoadedPipeline, reference: ReferenceData, workspace: Workspace) {
    self.pipeline = pipeline
    self.reference = reference
    self.workspace = workspace
  }

  public func run() throws -> StageReport {
    throw PipelineError.internal("load: not implemented yet")
  }
}

/// Reads an aggregates database (a region's or the roll-up) for the emit stage.
public enum AggregateDatabase {
  /// Everything the database at `path` holds, as plain values.
  public static func snapshot(path: String) throws -> AggregateSnapshot {
    throw PipelineError.internal("aggregates: reading not implemented yet")
  }
}

/// The national roll-up: every region's aggregates → provincie, landsdeel and Nederland.
public struct RollUp {
  public let reference: ReferenceData
  public let regionDatabases: [String]
  public let output: String

  public init(reference: ReferenceData, regionDatabases: [String], output: String) {
    self.reference = reference
    self.regionDatabases = regionDatabases
    self.output = output
  }

  public func run() throws {
    throw PipelineError.internal("roll-up: not implemented yet")
  }
}
