import Model

/// activiteit (`model.md`).
enum ActiviteitMapping: EntityMapping {
  static let entity = Entity.activiteit

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Activiteit {
    let id = try c.id(p, 0)
    return Activiteit(
      id: id, type: try p.code(1), datum: try p.day(2),
      gemeente: try p.optionalGemeente(3))
  }

  static func encode(_ r: Activiteit, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.code(r.type); o.tab()
    o.day(r.datum); o.tab()
    o.gemeente(r.gemeente)
  }

  static func latestDate(_ r: Activiteit) -> Day { r.datum }
}
