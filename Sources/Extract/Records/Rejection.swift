import Model

/// Why a record is rejected: the rule it broke, the field, the offending text and a short
/// explanation. One per record: the first rule broken (see docs/decisions.md for the order).
///
/// The value of a bsn field is never kept: it is "invalid bsn".
public struct Rejection: Error, Sendable {
  public let rule: RejectRule
  public let field: String
  public let value: String
  public let message: String

  public init(_ rule: RejectRule, field: String, value: String, _ message: String) {
    self.rule = rule
    self.field = field
    self.value = value
    self.message = message
  }
}
