import Model

/// overdracht (`model.md`); its casus must have an accepted melding (checked by the stage).
enum OverdrachtMapping: EntityMapping {
  static let entity = Entity.overdracht

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Overdracht {
    let id = try c.id(p, 0)
    return Overdracht(
      id: id, casusID: try p.id(1), datum: try p.day(2), moment: try p.code(3),
      ontvanger: try p.code(4), monitoring: try p.bool(5))
  }

  static func encode(_ r: Overdracht, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.text(r.casusID); o.tab()
    o.day(r.datum); o.tab()
    o.code(r.moment); o.tab()
    o.code(r.ontvanger); o.tab()
    o.bool(r.monitoring)
  }

  static func latestDate(_ r: Overdracht) -> Day { r.datum }

  static func reference(_ r: Overdracht) -> RecordReference { .casus(r.casusID) }
}
