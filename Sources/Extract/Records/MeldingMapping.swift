import Model

/// melding (`model.md`): gemeente required; at least one aard_geweld; besluitdatum and
/// eerste_contact_datum not before the ontvangstdatum.
enum MeldingMapping: EntityMapping {
  static let entity = Entity.melding

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Melding {
    let id = try c.id(p, 0)
    let casus = try p.id(1)
    let ontvangst = try p.day(2)
    let gemeente = try p.gemeente(3)
    let rol: Rol = try p.code(4)
    let organisatie: Organisatie? = try p.optionalCode(5)
    let aard: CodeSet<AardGeweld> = try p.codes(6, atLeastOne: true)
    let aanvullend: CodeSet<AanvullendeInformatie> = try p.codes(7)
    let duur: DuurGeweld? = try p.optionalCode(8)
    let vormKM: CodeSet<VormKM> = try p.codes(9)
    let vormOM: CodeSet<VormOM> = try p.codes(10)
    let acuut: JaNeeOnbekend = try p.code(11)
    let structureel: JaNeeOnbekend = try p.code(12)
    let besluit: Besluit? = try p.optionalCode(13)
    let besluitdatum = try p.optionalDay(14)
    if let besluitdatum, besluitdatum < ontvangst {
      throw Rejection(.badValue, field: p.name(14), value: p.text(14), "before the ontvangstdatum")
    }
    let eersteContact = try p.optionalDay(15)
    if let eersteContact, eersteContact < ontvangst {
      throw Rejection(.badValue, field: p.name(15), value: p.text(15), "before the ontvangstdatum")
    }
    return Melding(
      id: id, casusID: casus, ontvangstdatum: ontvangst, gemeente: gemeente, rolMelder: rol,
      organisatieMelder: organisatie, aardGeweld: aard, aanvullendeInformatie: aanvullend,
      duurGeweld: duur, vormKindermishandeling: vormKM, vormOuderenmishandeling: vormOM,
      acuteOnveiligheid: acuut, structureleOnveiligheid: structureel, besluit: besluit,
      besluitdatum: besluitdatum, eersteContactDatum: eersteContact,
      vervolgmelding: try p.code(16), radarmelding: try p.bool(17))
  }

  static func encode(_ r: Melding, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.text(r.casusID); o.tab()
    o.day(r.ontvangstdatum); o.tab()
    o.gemeente(r.gemeente); o.tab()
    o.code(r.rolMelder); o.tab()
    o.code(r.organisatieMelder); o.tab()
    o.codes(r.aardGeweld); o.tab()
    o.codes(r.aanvullendeInformatie); o.tab()
    o.code(r.duurGeweld); o.tab()
    o.codes(r.vormKindermishandeling); o.tab()
    o.codes(r.vormOuderenmishandeling); o.tab()
    o.code(r.acuteOnveiligheid); o.tab()
    o.code(r.structureleOnveiligheid); o.tab()
    o.code(r.besluit); o.tab()
    o.day(r.besluitdatum); o.tab()
    o.day(r.eersteContactDatum); o.tab()
    o.code(r.vervolgmelding); o.tab()
    o.bool(r.radarmelding)
  }

  static func latestDate(_ r: Melding) -> Day {
    latest(r.ontvangstdatum, r.besluitdatum, r.eersteContactDatum)
  }

  static func claimValue(_ r: Melding) -> UInt16 { UInt16(r.ontvangstdatum.year) }
  static func casus(_ r: Melding) -> String? { r.casusID }
}
