import Model

/// dienst (`model.md`); its casus must have an accepted melding (checked by the stage).
enum DienstMapping: EntityMapping {
  static let entity = Entity.dienst

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Dienst {
    let id = try c.id(p, 0)
    return Dienst(
      id: id, casusID: try p.id(1), type: try p.code(2), startdatum: try p.day(3),
      einddatum: try p.optionalDay(4), uitkomst: try p.optionalCode(5))
  }

  static func encode(_ r: Dienst, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.text(r.casusID); o.tab()
    o.code(r.type); o.tab()
    o.day(r.startdatum); o.tab()
    o.day(r.einddatum); o.tab()
    o.code(r.uitkomst)
  }

  static func latestDate(_ r: Dienst) -> Day { latest(r.startdatum, r.einddatum) }

  static func reference(_ r: Dienst) -> RecordReference { .casus(r.casusID) }
}
