import Model

/// The typed fields of one entity, compiled for one layout: its schema with a code table per
/// code field.
final class CompiledEntity {
  let layout: Layout.EntityLayout
  let schema: EntitySchema
  let tables: [CodeTable?]

  init(layout: Layout.EntityLayout, parser: ValueParser) {
    self.layout = layout
    schema = layout.schema
    tables = layout.schema.fields.map { f in f.codeList.flatMap { parser.table($0) } }
  }
}

/// Reads typed values from a record's raw fields, checking each against `model.md`; the
/// first field that breaks a rule throws its `Rejection`.
///
/// Ids are taken as read; every other value is trimmed first where the layout matches
/// loosely. Empty (or absent) values are "not given": a `missing_required` rejection for a
/// required field, nil for an optional one.
struct RecordParser {
  let values: FieldValues
  let entity: CompiledEntity
  let parser: ValueParser

  @inline(__always)
  func raw(_ f: Int) -> UnsafeRawBufferPointer? {
    let s = values.slots[f]
    return s.baseAddress == nil ? nil : s
  }

  /// The value as compared (trimmed in a loose layout), nil when empty or absent.
  @inline(__always)
  func value(_ f: Int) -> UnsafeRawBufferPointer? {
    guard let s = raw(f) else { return nil }
    let t = parser.loose ? LooseText.trim(s) : s
    return t.count == 0 ? nil : t
  }

  func name(_ f: Int) -> String { entity.schema.fields[f].name }

  func text(_ f: Int) -> String { raw(f).map { String(decoding: $0, as: UTF8.self) } ?? "" }

  func missing(_ f: Int) -> Rejection {
    Rejection(
      .missingRequired, field: name(f), value: text(f),
      raw(f) == nil ? "no \(name(f)) (the column or attribute is missing)" : "\(name(f)) is empty")
  }

  // MARK: Ids

  /// A required id: non-empty, at most 64 characters, no control characters.
  @inline(__always)
  func id(_ f: Int) throws(Rejection) -> String {
    guard let s = raw(f), s.count > 0 else { throw missing(f) }
    try checkID(f, s)
    return String(decoding: s, as: UTF8.self)
  }

  func optionalID(_ f: Int) throws(Rejection) -> String? {
    guard let s = raw(f), s.count > 0 else { return nil }
    try checkID(f, s)
    return String(decoding: s, as: UTF8.self)
  }

  /// The bytes of a required id, checked (for the id tables, without a string).
  @inline(__always)
  func idBytes(_ f: Int) throws(Rejection) -> UnsafeRawBufferPointer {
    guard let s = raw(f), s.count > 0 else { throw missing(f) }
    try checkID(f, s)
    return s
  }

  @inline(__always)
  func checkID(_ f: Int, _ s: UnsafeRawBufferPointer) throws(Rejection) {
    var characters = 0
    var i = 0
    let n = s.count
    while i < n {
      let b = s[i]
      if b < 0x20 || b == 0x7F {
        throw Rejection(.badValue, field: name(f), value: text(f), "an id may not hold control characters")
      }
      if b == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F {
        throw Rejection(.badValue, field: name(f), value: text(f), "an id may not hold control characters")
      }
      if b & 0xC0 != 0x80 { characters += 1 }
      i += 1
    }
    if characters > 64 {
      throw Rejection(.badValue, field: name(f), value: text(f), "an id has at most 64 characters (this one \(characters))")
    }
  }

  // MARK: Dates

  @inline(__always)
  func day(_ f: Int) throws(Rejection) -> Day {
    guard let v = value(f) else { throw missing(f) }
    guard let d = parser.dates.parse(bytes: v) else { throw badDate(f) }
    return d
  }

  @inline(__always)
  func optionalDay(_ f: Int) throws(Rejection) -> Day? {
    guard let v = value(f) else { return nil }
    guard let d = parser.dates.parse(bytes: v) else { throw badDate(f) }
    return d
  }

  func badDate(_ f: Int) -> Rejection {
    Rejection(.badDate, field: name(f), value: text(f), "not a date in the format \(parser.dates.pattern)")
  }

  // MARK: Codes

  @inline(__always)
  func code<E: CodeListEnum>(_ f: Int, _: E.Type = E.self) throws(Rejection) -> E {
    guard let v = value(f) else { throw missing(f) }
    guard let raw = entity.tables[f]?.lookup(v), let e = E(rawValue: raw) else {
      throw unknownCode(f, E.listName)
    }
    return e
  }

  @inline(__always)
  func optionalCode<E: CodeListEnum>(_ f: Int, _: E.Type = E.self) throws(Rejection) -> E? {
    guard let v = value(f) else { return nil }
    guard let raw = entity.tables[f]?.lookup(v), let e = E(rawValue: raw) else {
      throw unknownCode(f, E.listName)
    }
    return e
  }

  func unknownCode(_ f: Int, _ list: String) -> Rejection {
    Rejection(
      .unknownCode, field: name(f), value: text(f),
      "not a \(parser.settings.labels ? "label" : "code") of the list \(list)")
  }

  /// A multi-valued field: the members of its text plus the preset ones (Kenmerken).
  @inline(__always)
  func codes<E: CodeListEnum>(_ f: Int, atLeastOne: Bool = false, _: E.Type = E.self)
    throws(Rejection) -> CodeSet<E>
  {
    var bits = values.preset[f]
    if let s = raw(f), s.count > 0 {
      let separator = values.separators[f]
      let table = entity.tables[f]
      var own: UInt64 = 0
      var start = 0
      let n = s.count
      var i = 0
      while i <= n {
        if i == n || s[i] == separator {
          let member = UnsafeRawBufferPointer(rebasing: s[start..<i])
          let m = parser.loose ? LooseText.trim(member) : member
          guard m.count > 0, let raw = table?.lookup(m), E(rawValue: raw) != nil else {
            let text = String(decoding: member, as: UTF8.self)
            throw Rejection(
              .unknownCode, field: name(f), value: self.text(f),
              m.count == 0
                ? "an empty member is not a code of the list \(E.listName)"
                : "\"\(text)\" is not a \(parser.settings.labels ? "label" : "code") of the list \(E.listName)")
          }
          let bit: UInt64 = 1 << UInt64(raw)
          if own & bit != 0 {
            throw Rejection(
              .badValue, field: name(f), value: self.text(f),
              "\"\(String(decoding: member, as: UTF8.self))\" is given twice (the codes of a field are distinct)")
          }
          own |= bit
          start = i + 1
        }
        i += 1
      }
      bits |= own
    }
    if atLeastOne && bits == 0 {
      throw Rejection(
        .missingRequired, field: name(f), value: text(f), "\(name(f)) needs at least one code")
    }
    return CodeSet<E>(bits: bits)
  }

  // MARK: Gemeente, bool, year

  @inline(__always)
  func gemeente(_ f: Int) throws(Rejection) -> GemeenteCode {
    guard let v = value(f) else { throw missing(f) }
    guard let g = parser.gemeenten.resolve(v) else { throw unknownGemeente(f) }
    return g
  }

  @inline(__always)
  func optionalGemeente(_ f: Int) throws(Rejection) -> GemeenteRef {
    guard let v = value(f) else { return .unknown }
    guard let g = parser.gemeenten.resolve(v) else { throw unknownGemeente(f) }
    return .known(g)
  }

  func unknownGemeente(_ f: Int) -> Rejection {
    Rejection(
      .unknownCode, field: name(f), value: text(f),
      parser.settings.gemeenteByName
        ? "not a municipality of the reference data (by code, name or alias)"
        : "not a municipality code (GM + 4 digits) of the reference data")
  }

  @inline(__always)
  func bool(_ f: Int) throws(Rejection) -> Bool {
    guard let v = value(f) else { throw missing(f) }
    guard let b = parser.bool(v) else {
      throw Rejection(
        .unknownCode, field: name(f), value: text(f),
        "not \(parser.settings.ja.joined(separator: "/")) or \(parser.settings.nee.joined(separator: "/"))")
    }
    return b
  }

  /// A year: a whole number from 1900 (the upper bound, the year of the melding, is checked
  /// once the melding is known).
  func optionalYear(_ f: Int) throws(Rejection) -> Int? {
    guard let v = value(f) else { return nil }
    var n = 0
    guard v.count <= 4 else {
      throw Rejection(.badValue, field: name(f), value: text(f), "not a year")
    }
    for b in v {
      guard b >= 0x30 && b <= 0x39 else {
        throw Rejection(.badValue, field: name(f), value: text(f), "not a whole number")
      }
      n = n * 10 + Int(b - 0x30)
    }
    guard n >= 1900 else {
      throw Rejection(.badValue, field: name(f), value: text(f), "before 1900")
    }
    return n
  }

  // MARK: Bsn

  /// The pseudonym of the bsn in field `f`, nil when none is given. A bsn that is not nine
  /// digits or fails the elfproef is rejected as `invalid_bsn`, its value never shown. A
  /// reader that decided the bsn ahead, on a thread of its own, hands over the outcome
  /// instead of the field (`FieldValues.bsn`).
  @inline(__always)
  func pseudonym(_ f: Int, _ pseudonymiser: Pseudonymiser) throws(Rejection) -> Pseudonym? {
    switch values.bsn ?? Self.bsn(raw(f), loose: parser.loose, pseudonymiser) {
    case .absent: return nil
    case .invalid:
      throw Rejection(.invalidBsn, field: name(f), value: "invalid bsn", "not nine digits that pass the elfproef")
    case .pseudonym(let p): return p
    }
  }

  /// What the raw bytes of a bsn field hold (trimmed first where the layout matches loosely):
  /// the one place a bsn is read.
  @inline(__always)
  static func bsn(_ raw: UnsafeRawBufferPointer?, loose: Bool, _ pseudonymiser: Pseudonymiser)
    -> BsnOutcome
  {
    guard let raw else { return .absent }
    let v = loose ? LooseText.trim(raw) : raw
    if v.isEmpty { return .absent }
    guard let bsn = Bsn(utf8: v), bsn.passesElfproef else { return .invalid }
    return .pseudonym(pseudonymiser.pseudonym(bsn))
  }
}

/// A bsn field read: not given, not a valid bsn (nine digits that pass the elfproef), or the
/// pseudonym of a valid one. Never the bsn itself.
enum BsnOutcome: Sendable {
  case absent
  case invalid
  case pseudonym(Pseudonym)
}
