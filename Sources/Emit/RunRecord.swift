import Model
import Pipeline

/// The run record (`outputs.md` §7): `<outputs>/run/manifest.json` and `rejects.csv`,
/// gathered from the stage reports; written last.
public struct RunRecord {
  public let workspace: Workspace
  public let region: String
  public init(workspace: Workspace, region: String) {
    self.workspace = workspace
    self.region = region
  }

  public func publish() throws {
    throw PipelineError.internal("run record: not implemented yet")
  }
}
