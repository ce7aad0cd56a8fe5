import Model

/// The type of a canonical field (`model.md`, "Types").
public enum FieldKind: Hashable, Sendable {
  /// Non-empty text, at most 64 characters, no control characters.
  case id
  /// A calendar date.
  case date
  /// One code of a list (`code(L)`).
  case code(String)
  /// Distinct codes of a list (`codes(L)`).
  case codes(String)
  /// A municipality code that exists in the reference data (`gm`).
  case gemeente
  /// ja/nee (`bool`).
  case bool
  /// A year (geboortejaar): whole number 1900 … the year of the melding.
  case year
  /// A citizen service number, replaced by its pseudonym.
  case bsn
}

/// One canonical field of an entity.
public struct FieldSpec: Hashable, Sendable {
  public let name: String
  public let kind: FieldKind
  /// False for `?` fields (empty = unknown) and for multi-valued fields that may be empty.
  public let required: Bool

  init(_ name: String, _ kind: FieldKind, required: Bool = true) {
    self.name = name
    self.kind = kind
    self.required = required
  }

  /// The code list of a `code` or `codes` field.
  public var codeList: String? {
    switch kind {
    case .code(let l), .codes(let l): l
    default: nil
    }
  }

  public var isMultiValued: Bool {
    if case .codes = kind { return true }
    return false
  }
}

/// The canonical fields of an entity, in `model.md` order: what a layout maps, what a
/// reader fills and what validation checks.
public struct EntitySchema: Sendable {
  public let entity: Entity
  public let fields: [FieldSpec]
  /// The field holding the record's own id (nil for betrokkene).
  public let idField: Int?

  init(_ entity: Entity, idField: Int?, _ fields: [FieldSpec]) {
    self.entity = entity
    self.fields = fields
    self.idField = idField
  }

  /// The index of the field called `name`.
  public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

  public static func of(_ entity: Entity) -> EntitySchema {
    switch entity {
    case .advies: advies
    case .melding: melding
    case .betrokkene: betrokkene
    case .dienst: dienst
    case .overdracht: overdracht
    case .monitoring: monitoring
    case .huisverbod: huisverbod
    case .activiteit: activiteit
    case .maatregel: maatregel
    }
  }

  static let advies = EntitySchema(
    .advies, idField: 0,
    [
      FieldSpec("advies_id", .id),
      FieldSpec("startdatum", .date),
      FieldSpec("einddatum", .date, required: false),
      FieldSpec("gemeente", .gemeente, required: false),
      FieldSpec("contactvorm", .code("contactvorm")),
      FieldSpec("rol_adviesvrager", .code("rol")),
      FieldSpec("organisatie_adviesvrager", .code("organisatie"), required: false),
      FieldSpec("aard_geweld", .codes("aard_geweld")),
      FieldSpec("aanvullende_informatie", .codes("aanvullende_informatie"), required: false),
      FieldSpec("duur_geweld", .code("duur_geweld"), required: false),
      FieldSpec("vorm_kindermishandeling", .codes("vorm_km"), required: false),
      FieldSpec("vorm_ouderenmishandeling", .codes("vorm_om"), required: false),
    ])

  static let melding = EntitySchema(
    .melding, idField: 0,
    [
      FieldSpec("melding_id", .id),
      FieldSpec("casus_id", .id),
      FieldSpec("ontvangstdatum", .date),
      FieldSpec("gemeente", .gemeente),
      FieldSpec("rol_melder", .code("rol")),
      FieldSpec("organisatie_melder", .code("organisatie"), required: false),
      FieldSpec("aard_geweld", .codes("aard_geweld")),
      FieldSpec("aanvullende_informatie", .codes("aanvullende_informatie"), required: false),
      FieldSpec("duur_geweld", .code("duur_geweld"), required: false),
      FieldSpec("vorm_kindermishandeling", .codes("vorm_km"), required: false),
      FieldSpec("vorm_ouderenmishandeling", .codes("vorm_om"), required: false),
      FieldSpec("acute_onveiligheid", .code("janeeonbekend")),
      FieldSpec("structurele_onveiligheid", .code("janeeonbekend")),
      FieldSpec("besluit", .code("besluit"), required: false),
      FieldSpec("besluitdatum", .date, required: false),
      FieldSpec("eerste_contact_datum", .date, required: false),
      FieldSpec("vervolgmelding", .code("vervolgmelding")),
      FieldSpec("radarmelding", .bool),
    ])

  static let betrokkene = EntitySchema(
    .betrokkene, idField: nil,
    [
      FieldSpec("melding_id", .id),
      FieldSpec("bsn", .bsn, required: false),
      FieldSpec("geboortejaar", .year, required: false),
      FieldSpec("geslacht", .code("geslacht")),
      FieldSpec("rol", .code("rol_betrokkene")),
    ])

  static let dienst = EntitySchema(
    .dienst, idField: 0,
    [
      FieldSpec("dienst_id", .id),
      FieldSpec("casus_id", .id),
      FieldSpec("type", .code("dienst")),
      FieldSpec("startdatum", .date),
      FieldSpec("einddatum", .date, required: false),
      FieldSpec("uitkomst", .code("uitkomst_onderzoek"), required: false),
    ])

  static let overdracht = EntitySchema(
    .overdracht, idField: 0,
    [
      FieldSpec("overdracht_id", .id),
      FieldSpec("casus_id", .id),
      FieldSpec("datum", .date),
      FieldSpec("moment", .code("overdracht_moment")),
      FieldSpec("ontvanger", .code("ontvanger")),
      FieldSpec("monitoring", .bool),
    ])

  static let monitoring = EntitySchema(
    .monitoring, idField: 0,
    [
      FieldSpec("monitoring_id", .id),
      FieldSpec("casus_id", .id),
      FieldSpec("startdatum", .date),
      FieldSpec("einddatum", .date, required: false),
      FieldSpec("extra_interventie", .bool),
    ])

  static let huisverbod = EntitySchema(
    .huisverbod, idField: 0,
    [
      FieldSpec("huisverbod_id", .id),
      FieldSpec("casus_id", .id, required: false),
      FieldSpec("gemeente", .gemeente),
      FieldSpec("beoordelingsdatum", .date),
      FieldSpec("opgelegd", .bool),
      FieldSpec("verlengd", .bool),
    ])

  static let activiteit = EntitySchema(
    .activiteit, idField: 0,
    [
      FieldSpec("activiteit_id", .id),
      FieldSpec("type", .code("activiteit")),
      FieldSpec("datum", .date),
      FieldSpec("gemeente", .gemeente, required: false),
    ])

  static let maatregel = EntitySchema(
    .maatregel, idField: 0,
    [
      FieldSpec("maatregel_id", .id),
      FieldSpec("gemeente", .gemeente),
      FieldSpec("type", .code("maatregel")),
      FieldSpec("soort", .code("maatregel_soort")),
      FieldSpec("startdatum", .date),
    ])
}
