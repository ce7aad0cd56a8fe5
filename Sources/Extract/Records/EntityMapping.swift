import Model

/// How one entity's records are read from raw fields and written as staged rows.
///
/// `map` checks the fields in canonical order and returns the Model record or throws the
/// first `Rejection`; the id is claimed (duplicate check) right after it is read, before the
/// other fields. `encode` writes the staged row (without its line end).
protocol EntityMapping {
  associatedtype Record: StagedRecord
  static var entity: Entity { get }
  static func map(_ p: RecordParser, _ context: MappingContext) throws(Rejection) -> Record
  static func encode(_ record: Record, _ out: RowEncoder)
  /// The latest date of the record (for the peildatum `latest-date`).
  static func latestDate(_ record: Record) -> Day
  /// The record another one must have been accepted for this one to be (`model.md`:
  /// "references resolve against accepted records only").
  static func reference(_ record: Record) -> RecordReference
  /// Rules that need the referenced melding (betrokkene: geboortejaar ≤ its year).
  static func check(_ record: Record, meldingYear: Int) throws(Rejection)
  /// The value its id claim keeps once accepted (meldingen: the year, for betrokkenen).
  static func claimValue(_ record: Record) -> UInt16
  /// The casus an accepted record opens (meldingen).
  static func casus(_ record: Record) -> String?
  /// The geboortejaar to check against the melding (betrokkenen; 0 = none).
  static func geboortejaar(_ record: Record) -> Int
}

/// What a record refers to.
enum RecordReference {
  case none
  /// A betrokkene: its melding (`dangling_melding`).
  case melding(String)
  /// A dienst, overdracht or monitoring: a casus with an accepted melding (`dangling_casus`).
  case casus(String)
}

extension EntityMapping {
  static func reference(_ record: Record) -> RecordReference { .none }
  static func check(_ record: Record, meldingYear: Int) throws(Rejection) {}
  static func claimValue(_ record: Record) -> UInt16 { 1 }
  static func casus(_ record: Record) -> String? { nil }
  static func geboortejaar(_ record: Record) -> Int { 0 }
}

/// What a mapping needs besides the fields: the id claims of its entity and the pseudonymiser.
struct MappingContext {
  let claims: IdClaims?
  let pseudonymiser: Pseudonymiser

  /// The record's id in field `f`, claimed (duplicate check) where the entity has claims.
  @inline(__always)
  func id(_ p: RecordParser, _ f: Int) throws(Rejection) -> String {
    if let claims { return try claims.claim(p, field: f) }
    return try p.id(f)
  }
}

/// The ids an entity has seen: the first occurrence claims an id, every later one is a
/// `duplicate_id`, even when the first was rejected for another rule (`model.md`).
///
/// The value of each entry says whether the record was accepted (0 = rejected; for meldingen
/// the year of the ontvangstdatum, so betrokkenen can be checked against it).
final class IdClaims {
  let table = IdTable(valueSize: 2)
  /// The entry claimed by the record being read.
  @exclusivity(unchecked) private(set) var current: IdTable.Entry = -1

  /// Claims the id in `field` (checked as an id first) and returns it.
  @inline(__always)
  @discardableResult
  func claim(_ p: RecordParser, field: Int) throws(Rejection) -> String {
    let bytes = try p.idBytes(field)
    let (entry, inserted) = table.insert(bytes)
    guard inserted else {
      current = -1
      throw Rejection(
        .duplicateId, field: p.name(field), value: p.text(field),
        "the id was already used by an earlier record (the first occurrence counts)")
    }
    current = entry
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Marks the record that claimed the current entry as accepted with `value` (non-zero).
  @inline(__always)
  func accept(_ value: UInt16 = 1) {
    if current >= 0 { table.setUInt16(value, current) }
  }
}

@inline(__always)
func latest(_ a: Day, _ others: Day?...) -> Day {
  var m = a
  for o in others { if let o, o > m { m = o } }
  return m
}
