/// A canonical record as the stages hand it over: one tab-separated row of text fields.
///
/// The staged format (`docs/handover.md`) writes every record of an entity under a header of
/// canonical field names. Fields never contain tabs or line breaks: ids may not hold control
/// characters (`model.md`), and every other field is a date, a code, a number or `ja`/`nee`.
/// Empty means "not given"; multi-valued fields join their codes with `|` in list order.
public protocol StagedRecord: Sendable {
  /// The entity this record belongs to.
  static var entity: Entity { get }
  /// Canonical field names, in staged column order.
  static var stagedColumns: [String] { get }
  /// The record's fields as staged text, in `stagedColumns` order.
  var stagedFields: [String] { get }
  /// Reads a record back from its staged fields (in `stagedColumns` order).
  init(stagedFields: StagedFields) throws(StagedFormatError)
}

/// A staged row that does not match its entity's schema: a bug or a foreign file,
/// never bad input (the extract stage validated every value).
public struct StagedFormatError: Error, CustomStringConvertible, Sendable {
  public let column: String
  public let value: String
  public let expected: String
  public init(column: String, value: String, expected: String) {
    self.column = column
    self.value = value
    self.expected = expected
  }
  public var description: String { "\(column): \"\(value)\" is not \(expected)" }
}

/// The fields of one staged row, read in column order.
public struct StagedFields {
  private let fields: [Substring]
  private let columns: [String]
  private var next = 0

  public init(_ fields: [Substring], columns: [String]) {
    self.fields = fields
    self.columns = columns
  }

  private mutating func take() throws(StagedFormatError) -> (String, Substring) {
    let i = next
    next += 1
    let column = i < columns.count ? columns[i] : "#\(i + 1)"
    guard i < fields.count else {
      throw StagedFormatError(column: column, value: "", expected: "present (row too short)")
    }
    return (column, fields[i])
  }

  public mutating func id() throws(StagedFormatError) -> String {
    let (c, v) = try take()
    guard !v.isEmpty else { throw StagedFormatError(column: c, value: "", expected: "an id") }
    return String(v)
  }

  public mutating func optionalId() throws(StagedFormatError) -> String? {
    let (_, v) = try take()
    return v.isEmpty ? nil : String(v)
  }

  public mutating func day() throws(StagedFormatError) -> Day {
    let (c, v) = try take()
    guard let d = Day.parseISO(v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a date")
    }
    return d
  }

  public mutating func optionalDay() throws(StagedFormatError) -> Day? {
    let (c, v) = try take()
    if v.isEmpty { return nil }
    guard let d = Day.parseISO(v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a date")
    }
    return d
  }

  public mutating func code<E: CodeListEnum>(_: E.Type = E.self) throws(StagedFormatError) -> E {
    let (c, v) = try take()
    guard let e = E(code: v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a code of \(E.listName)")
    }
    return e
  }

  public mutating func optionalCode<E: CodeListEnum>(_: E.Type = E.self) throws(StagedFormatError)
    -> E?
  {
    let (c, v) = try take()
    if v.isEmpty { return nil }
    guard let e = E(code: v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a code of \(E.listName)")
    }
    return e
  }

  public mutating func codes<E: CodeListEnum>(_: E.Type = E.self) throws(StagedFormatError)
    -> CodeSet<E>
  {
    let (c, v) = try take()
    var set = CodeSet<E>()
    if v.isEmpty { return set }
    for member in v.split(separator: "|", omittingEmptySubsequences: false) {
      guard let e = E(code: member) else {
        throw StagedFormatError(column: c, value: String(v), expected: "codes of \(E.listName)")
      }
      set.insert(e)
    }
    return set
  }

  public mutating func gemeente() throws(StagedFormatError) -> GemeenteCode {
    let (c, v) = try take()
    guard let g = GemeenteCode(v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a gemeente code")
    }
    return g
  }

  public mutating func optionalGemeente() throws(StagedFormatError) -> GemeenteRef {
    let (c, v) = try take()
    if v.isEmpty { return .unknown }
    guard let g = GemeenteCode(v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a gemeente code")
    }
    return .known(g)
  }

  public mutating func bool() throws(StagedFormatError) -> Bool {
    let (c, v) = try take()
    switch v {
    case "ja": return true
    case "nee": return false
    default: throw StagedFormatError(column: c, value: String(v), expected: "ja or nee")
    }
  }

  public mutating func optionalInt() throws(StagedFormatError) -> Int? {
    let (c, v) = try take()
    if v.isEmpty { return nil }
    guard let n = Int(v) else {
      throw StagedFormatError(column: c, value: String(v), expected: "a whole number")
    }
    return n
  }

  public mutating func optionalPseudonym() throws(StagedFormatError) -> Pseudonym? {
    let (c, v) = try take()
    if v.isEmpty { return nil }
    guard let p = Pseudonym(hex: v) else {
      throw StagedFormatError(column: c, value: "(not shown)", expected: "a pseudonym")
    }
    return p
  }
}

/// Helpers to write staged fields.
public enum Staged {
  public static func text(_ d: Day?) -> String { d?.iso ?? "" }
  public static func text<E: CodeListEnum>(_ e: E?) -> String { e?.code ?? "" }
  public static func text<E: CodeListEnum>(_ s: CodeSet<E>) -> String { s.joinedCodes }
  public static func text(_ b: Bool) -> String { b ? "ja" : "nee" }
  public static func text(_ g: GemeenteRef) -> String {
    if case .known(let c) = g { return c.code }
    return ""
  }
  public static func text(_ n: Int?) -> String { n.map(String.init) ?? "" }
}
