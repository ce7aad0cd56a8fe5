/// A reporting period with its CBS StatLine code: `2021JJ00`, `2021HJ01`, `2021KW03`, `2021MM07`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The granularity of a period.
  public enum Kind: Int, CaseIterable, Sendable, Comparable {
    case year, halfYear, quarter, month

    /// The two letters of the CBS period code.
    public var codeLetters: String {
      switch self {
      case .year: "JJ"
      case .halfYear: "HJ"
      case .quarter: "KW"
      case .month: "MM"
      }
    }

    /// How many periods of this kind a year has.
    public var perYear: Int {
      switch self {
      case .year: 1
      case .halfYear: 2
      case .quarter: 4
      case .month: 12
      }
    }

    /// Months in one period of this kind.
    var months: Int { 12 / perYear }

    public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  public let kind: Kind
  public let year: Int
  /// 1-based within the year; 0 for a year.
  public let index: Int

  public init?(kind: Kind, year: Int, index: Int) {
    guard (1...9999).contains(year) else { return nil }
    if kind == .year {
      guard index == 0 else { return nil }
    } else {
      guard (1...kind.perYear).contains(index) else { return nil }
    }
    self.kind = kind
    self.year = year
    self.index = index
  }

  /// The year `y` as a period.
  public static func year(_ y: Int) -> Period { Period(kind: .year, year: y, index: 0)! }

  /// The period of `kind` that contains `day`.
  public init(containing day: Day, kind: Kind) {
    let c = day.components
    self.kind = kind
    year = c.year
    index = kind == .year ? 0 : (c.month - 1) / kind.months + 1
  }

  /// The four periods (year, half-year, quarter, month) that contain `day`.
  public static func all(containing day: Day) -> [Period] {
    Kind.allCases.map { Period(containing: day, kind: $0) }
  }

  /// Parses a CBS period code (`2021KW03`); nil when malformed.
  public init?(code: some StringProtocol) {
    let s = Array(code.utf8)
    guard s.count == 8, let y = Int(String(decoding: s[0..<4], as: UTF8.self)),
      let i = Int(String(decoding: s[6..<8], as: UTF8.self)),
      s[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      s[6..<8].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    let letters = String(decoding: s[4..<6], as: UTF8.self)
    guard let kind = Kind.allCases.first(where: { $0.codeLetters == letters }),
      let p = Period(kind: kind, year: y, index: i)
    else { return nil }
    self = p
  }

  /// The CBS code: `2021JJ00`, `2021HJ02`, `2021KW01`, `2021MM12`.
  public var code: String {
    Day.pad(year, 4) + kind.codeLetters + Day.pad(index, 2)
  }

  public var description: String { code }

  /// The first day of the period.
  public var firstDay: Day {
    let month = kind == .year ? 1 : (index - 1) * kind.months + 1
    return Day(year: year, month: month, day: 1)!
  }

  /// The last day of the period.
  public var lastDay: Day {
    let month = kind == .year ? 12 : index * kind.months
    return Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month))!
  }

  public func contains(_ day: Day) -> Bool { day >= firstDay && day <= lastDay }

  /// True when the period is not yet closed on `peildatum`: its last day is on or after it.
  /// An export taken on a day may still miss that day's registrations.
  public func isProvisional(peildatum: Day) -> Bool { lastDay >= peildatum }

  /// The same period one year earlier (the comparison period of kernprestaties).
  public var previousYear: Period { Period(kind: kind, year: year - 1, index: index)! }

  /// The Dutch label, as CBS StatLine prints it: `2021`, `1e halfjaar 2021`,
  /// `2021 1e kwartaal`, `2021 januari`.
  public var label: String {
    switch kind {
    case .year: return String(year)
    case .halfYear: return "\(index)e halfjaar \(year)"
    case .quarter: return "\(year) \(index)e kwartaal"
    case .month: return "\(year) \(Period.monthNames[index - 1])"
    }
  }

  /// Dutch month names.
  public static let monthNames = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
  ]

  public static func < (a: Period, b: Period) -> Bool {
    (a.year, a.kind, a.index) < (b.year, b.kind, b.index)
  }
}
