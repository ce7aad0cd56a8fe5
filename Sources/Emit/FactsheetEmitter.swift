import Model
import Pipeline

/// "Ons werk in cijfers": a fact sheet per gemeente per year (`outputs.md` §4)
/// → `<outputs>/factsheets/<year>/`.
public struct FactsheetEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  /// Publishes the sheets of `years` (every year with figures and a previous year when nil).
  public func publish(years: [Int]?) throws {
    throw PipelineError.internal("factsheets: not implemented yet")
  }
}
