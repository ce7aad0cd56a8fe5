import Model

/// advies (`model.md`): einddatum ≥ startdatum; at least one aard_geweld.
enum AdviesMapping: EntityMapping {
  static let entity = Entity.advies

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Advies {
    let id = try c.id(p, 0)
    let start = try p.day(1)
    let end = try p.optionalDay(2)
    if let end, end < start {
      throw Rejection(.badValue, field: p.name(2), value: p.text(2), "before the startdatum")
    }
    return Advies(
      id: id, startdatum: start, einddatum: end, gemeente: try p.optionalGemeente(3),
      contactvorm: try p.code(4), rolAdviesvrager: try p.code(5),
      organisatieAdviesvrager: try p.optionalCode(6), aardGeweld: try p.codes(7, atLeastOne: true),
      aanvullendeInformatie: try p.codes(8), duurGeweld: try p.optionalCode(9),
      vormKindermishandeling: try p.codes(10), vormOuderenmishandeling: try p.codes(11))
  }

  static func encode(_ r: Advies, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.day(r.startdatum); o.tab()
    o.day(r.einddatum); o.tab()
    o.gemeente(r.gemeente); o.tab()
    o.code(r.contactvorm); o.tab()
    o.code(r.rolAdviesvrager); o.tab()
    o.code(r.organisatieAdviesvrager); o.tab()
    o.codes(r.aardGeweld); o.tab()
    o.codes(r.aanvullendeInformatie); o.tab()
    o.code(r.duurGeweld); o.tab()
    o.codes(r.vormKindermishandeling); o.tab()
    o.codes(r.vormOuderenmishandeling)
  }

  static func latestDate(_ r: Advies) -> Day { latest(r.startdatum, r.einddatum) }
}
