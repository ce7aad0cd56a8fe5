/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Records carry dates, never times: a counting date decides the period a record falls in.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before).
  public let ordinal: Int32

  public init(ordinal: Int32) { self.ordinal = ordinal }

  /// The date year-month-day, or nil when it does not exist (31-02-2019, 2019-13-01).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= Day.daysInMonth(year: year, month: month)
    else { return nil }
    // Days from civil (H. Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    ordinal = Int32(era * 146097 + doe - 719468)
  }

  /// Year, month and day of month.
  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(ordinal) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { components.year }
  public var month: Int { components.month }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let c = components
    return Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2) + "-" + Day.pad(c.day, 2)
  }

  public var description: String { iso }

  public func adding(days: Int) -> Day { Day(ordinal: ordinal + Int32(days)) }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

  public static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Parses exactly `YYYY-MM-DD`, zero-padded; nil for anything else.
  public static func parseISO(_ text: some StringProtocol) -> Day? {
    DateFormat.iso.parse(text)
  }

  static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}

/// A fixed-width date pattern from a layout: `yyyy`, `MM` and `dd` plus literal characters.
///
/// Every field is zero-padded to its width (`dd-MM-yyyy` reads `05-03-2021`, not `5-3-2021`).
public struct DateFormat: Hashable, Sendable, CustomStringConvertible {
  enum Token: Hashable, Sendable {
    case year, month, day
    case literal(UInt8)
  }

  let tokens: [Token]
  /// The pattern as written in the layout.
  public let pattern: String
  /// The number of bytes a date in this format takes.
  public let width: Int

  public static let iso = DateFormat(validPattern: "yyyy-MM-dd")
  public static let dutch = DateFormat(validPattern: "dd-MM-yyyy")

  /// A format from its pattern, or nil when it lacks exactly one each of yyyy, MM and dd
  /// or holds a non-ASCII character.
  public init?(pattern: String) {
    var tokens: [Token] = []
    let bytes = Array(pattern.utf8)
    var i = 0
    var width = 0
    while i < bytes.count {
      let rest = bytes[i...]
      if rest.starts(with: Array("yyyy".utf8)) {
        tokens.append(.year); i += 4; width += 4
      } else if rest.starts(with: Array("MM".utf8)) {
        tokens.append(.month); i += 2; width += 2
      } else if rest.starts(with: Array("dd".utf8)) {
        tokens.append(.day); i += 2; width += 2
      } else {
        let b = bytes[i]
        let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        guard b < 0x80, !isLetter else { return nil }
        tokens.append(.literal(bytes[i])); i += 1; width += 1
      }
    }
    guard tokens.filter({ $0 == .year }).count == 1, tokens.filter({ $0 == .month }).count == 1,
      tokens.filter({ $0 == .day }).count == 1
    else { return nil }
    self.tokens = tokens
    self.pattern = pattern
    self.width = width
  }

  private init(validPattern: String) { self = DateFormat(pattern: validPattern)! }

  public var description: String { pattern }

  /// Parses `text` in this format; nil when it does not match or the date does not exist.
  public func parse(_ text: some StringProtocol) -> Day? {
    var copy = String(text)
    return copy.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// Parses raw bytes in this format; nil when they do not match or the date does not exist.
  public func parse(bytes: UnsafeRawBufferPointer) -> Day? {
    guard bytes.count == width else { return nil }
    var year = 0
    var month = 0
    var day = 0
    var i = 0
    func digits(_ n: Int) -> Int? {
      var v = 0
      for _ in 0..<n {
        let b = bytes[i]
        guard b >= 0x30, b <= 0x39 else { return nil }
        v = v * 10 + Int(b - 0x30)
        i += 1
      }
      return v
    }
    for token in tokens {
      switch token {
      case .year: guard let v = digits(4) else { return nil }; year = v
      case .month: guard let v = digits(2) else { return nil }; month = v
      case .day: guard let v = digits(2) else { return nil }; day = v
      case .literal(let c):
        guard bytes[i] == c else { return nil }
        i += 1
      }
    }
    return Day(year: year, month: month, day: day)
  }
}
