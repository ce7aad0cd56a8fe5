import Model
import Pipeline

/// Jaarverslag figures per year (`outputs.md` §6) → `<outputs>/jaarverslag/<year>/`.
public struct JaarverslagEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  public func publish() throws {
    throw PipelineError.internal("jaarverslag: not implemented yet")
  }
}
