import Model

/// The record layout of the CBS submission file, version 1 (documented in `docs/cbs.md`).
///
/// One record per line, fields separated by `;`, 7-bit ASCII, lines ending in `\n`:
/// a `HEADER` record, the body (one record per accepted advies, melding, betrokkene,
/// dienst, overdracht, monitoring and huisverbod of the period, in that order), and a
/// `TRAILER` record with the counts per record type and the SHA-256 of the body. A body
/// record is its record type followed by the canonical fields of `model.md` in the staged
/// column order; a betrokkene carries the keyed pseudonym of its bsn, never the bsn.
public enum SubmissionLayout {
  /// The layout's name and version, written in the header.
  public static let name = "vtcijfers-cbs"
  public static let version = 1

  /// A record type of the body.
  public struct RecordType: Sendable, Hashable {
    /// The first field of the record (`MELDING`).
    public let tag: String
    public let entity: Entity
    /// The field names after the tag.
    public let fields: [String]
    /// What each field holds, for the spiegelrapport.
    public let kinds: [FieldKind]
    /// The date that places a record in a period (documentation).
    public let countingDate: String
  }

  /// What a field holds.
  public enum FieldKind: Sendable, Hashable {
    case id
    case date
    case gemeente
    case code(list: String)
    case codes(list: String)
    case bool
    case pseudonym
    /// A birth year: the spiegelrapport shows age bands at the melding.
    case birthYear
  }

  static func type<R: StagedRecord>(
    _ r: R.Type, _ tag: String, countingDate: String, _ kinds: [String: FieldKind]
  ) -> RecordType {
    RecordType(
      tag: tag, entity: R.entity, fields: R.stagedColumns,
      kinds: R.stagedColumns.map { kinds[$0] ?? .id }, countingDate: countingDate)
  }

  static let adviesKinds: [String: FieldKind] = [
    "startdatum": .date, "einddatum": .date, "gemeente": .gemeente,
    "contactvorm": .code(list: "contactvorm"), "rol_adviesvrager": .code(list: "rol"),
    "organisatie_adviesvrager": .code(list: "organisatie"),
    "aard_geweld": .codes(list: "aard_geweld"),
    "aanvullende_informatie": .codes(list: "aanvullende_informatie"),
    "duur_geweld": .code(list: "duur_geweld"), "vorm_kindermishandeling": .codes(list: "vorm_km"),
    "vorm_ouderenmishandeling": .codes(list: "vorm_om"),
  ]

  /// The body's record types, in file order.
  public static let recordTypes: [RecordType] = [
    type(Advies.self, "ADVIES", countingDate: "startdatum", adviesKinds),
    type(
      Melding.self, "MELDING", countingDate: "ontvangstdatum",
      adviesKinds.merging([
        "ontvangstdatum": .date, "rol_melder": .code(list: "rol"),
        "organisatie_melder": .code(list: "organisatie"),
        "acute_onveiligheid": .code(list: "janeeonbekend"),
        "structurele_onveiligheid": .code(list: "janeeonbekend"),
        "besluit": .code(list: "besluit"), "besluitdatum": .date, "eerste_contact_datum": .date,
        "vervolgmelding": .code(list: "vervolgmelding"), "radarmelding": .bool,
      ]) { a, _ in a }),
    type(
      Betrokkene.self, "BETROKKENE", countingDate: "ontvangstdatum van de melding",
      [
        "pseudonym": .pseudonym, "geboortejaar": .birthYear,
        "geslacht": .code(list: "geslacht"), "rol": .code(list: "rol_betrokkene"),
      ]),
    type(
      Dienst.self, "DIENST", countingDate: "startdatum",
      [
        "type": .code(list: "dienst"), "startdatum": .date, "einddatum": .date,
        "uitkomst": .code(list: "uitkomst_onderzoek"),
      ]),
    type(
      Overdracht.self, "OVERDRACHT", countingDate: "datum",
      [
        "datum": .date, "moment": .code(list: "overdracht_moment"),
        "ontvanger": .code(list: "ontvanger"), "monitoring": .bool,
      ]),
    type(
      Monitoring.self, "MONITORING", countingDate: "startdatum",
      ["startdatum": .date, "einddatum": .date, "extra_interventie": .bool]),
    type(
      Huisverbod.self, "HUISVERBOD", countingDate: "beoordelingsdatum",
      ["gemeente": .gemeente, "beoordelingsdatum": .date, "opgelegd": .bool, "verlengd": .bool]),
  ]

  /// The header's field names after `HEADER`.
  public static let headerFields = [
    "layout", "layout_version", "vtregio", "organisatie", "periode", "eerste_dag",
    "laatste_dag", "aanmaakdatum", "pseudoniemsleutel", "sleutel_vingerafdruk", "opmerking",
  ]

  /// The trailer's field names after `TRAILER`.
  public static let trailerFields =
    recordTypes.map { "aantal_" + $0.entity.rawValue } + ["aantal_records", "sha256_body"]

  /// The header's remark when the pseudonyms were keyed with the demo key.
  public static let demoRemark =
    "DEMOSLEUTEL: pseudoniemen gemaakt met de demosleutel - NIET UPLOADEN"

  /// A field as 7-bit ASCII: every byte outside printable ASCII (0x20-0x7E), and `%` and
  /// `;`, written as `%` and two upper-case hex digits of the UTF-8 byte (`é` → `%C3%A9`).
  /// Reversible, so two different ids never become one.
  public static func escape(_ field: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(field.utf8.count)
    let hex = Array("0123456789ABCDEF".utf8)
    for b in field.utf8 {
      if b < 0x20 || b > 0x7E || b == 0x25 || b == 0x3B {
        out.append(0x25)
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      } else {
        out.append(b)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
