import Pipeline

/// The primary disclosure rules of the CBS-style tables (`outputs.md` §2), as pure functions.
///
/// Every count is rounded to the nearest multiple of `roundingBase`; an exact half (possible
/// only with an even base) rounds up. A rounded count below `threshold` — zero included —
/// is not shown (`.`). Shares are computed from the exact counts, to one decimal, and are
/// not shown when their count is not. What the rules publish about a count is an interval
/// of exact values (`interval(ofRounded:)`); `DisclosureAudit` reasons with those intervals.
public struct DisclosureControl: Sendable, Hashable {
  public let roundingBase: Int
  public let threshold: Int

  public init(roundingBase: Int = 5, threshold: Int = 10) {
    self.roundingBase = max(1, roundingBase)
    self.threshold = max(0, threshold)
  }

  public init(_ settings: PipelineConfig.DisclosureSettings) {
    self.init(roundingBase: settings.roundingBase, threshold: settings.threshold)
  }

  /// The symbol of a count or share that is not shown (CBS: "onbekend, onvoldoende
  /// betrouwbaar of geheim").
  public static let suppressed = "."

  /// `count` rounded to the nearest multiple of the base; an exact half rounds up.
  public func round(_ count: Int) -> Int {
    let b = roundingBase
    let q = count / b
    let r = count % b
    return (2 * r >= b ? q + 1 : q) * b
  }

  /// True when the rule shows `count` (its rounded value reaches the threshold).
  public func shows(_ count: Int) -> Bool { round(count) >= threshold }

  /// The exact counts that round to `rounded` (a multiple of the base).
  public func interval(ofRounded rounded: Int) -> ClosedRange<Int> {
    max(0, rounded - roundingBase / 2)...(rounded + (roundingBase - 1) / 2)
  }

  /// The largest exact count the threshold hides, or nil when it hides none (threshold 0).
  public var largestHidden: Int? {
    guard threshold > 0 else { return nil }
    // The smallest multiple of the base that reaches the threshold is the first one shown.
    let firstShown = (threshold + roundingBase - 1) / roundingBase * roundingBase
    let lowest = interval(ofRounded: firstShown).lowerBound
    return lowest > 0 ? lowest - 1 : nil
  }

  /// The published text of a count: its rounded value, or `.`.
  public func text(count: Int) -> String {
    shows(count) ? String(round(count)) : Self.suppressed
  }

  /// A share in tenths of a percent, `count / total`, rounded half up; nil when total is 0.
  public static func shareTenths(count: Int, of total: Int) -> Int? {
    guard total > 0 else { return nil }
    return (2000 * count + total) / (2 * total)
  }

  /// A share as CBS prints it: one decimal, decimal comma (`28,5`).
  public static func shareText(tenths: Int) -> String {
    "\(tenths / 10),\(tenths % 10)"
  }
}
