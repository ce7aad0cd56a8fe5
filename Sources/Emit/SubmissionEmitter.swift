import Model
import Pipeline

/// The quarterly CBS submission with its spiegel- and kwaliteitsrapport (`outputs.md` §3)
/// → `<outputs>/cbs/<period>/`.
public struct SubmissionEmitter {
  public let context: EmitContext
  public let period: Period
  public init(context: EmitContext, period: Period) {
    self.context = context
    self.period = period
  }

  public func publish() throws {
    throw PipelineError.internal("cbs submission: not implemented yet")
  }
}
