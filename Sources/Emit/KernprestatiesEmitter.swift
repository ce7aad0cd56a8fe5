import Model
import Pipeline

/// Kernprestaties per half-year (`outputs.md` §5) → `<outputs>/kernprestaties/<period>/`.
public struct KernprestatiesEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  public func publish() throws {
    throw PipelineError.internal("kernprestaties: not implemented yet")
  }
}
