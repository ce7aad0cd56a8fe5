import Model
import Pipeline

/// CBS-style tables with disclosure control (`outputs.md` §2) → `<outputs>/tables/`.
public struct TablesEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  public func publish() throws {
    throw PipelineError.internal("tables: not implemented yet")
  }
}
