import Model

/// huisverbod (`model.md`): gemeente required; casus_id optional and not checked (the model
/// gives it no reference rule).
enum HuisverbodMapping: EntityMapping {
  static let entity = Entity.huisverbod

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Huisverbod {
    let id = try c.id(p, 0)
    return Huisverbod(
      id: id, casusID: try p.optionalID(1), gemeente: try p.gemeente(2),
      beoordelingsdatum: try p.day(3), opgelegd: try p.bool(4), verlengd: try p.bool(5))
  }

  static func encode(_ r: Huisverbod, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.text(r.casusID); o.tab()
    o.gemeente(r.gemeente); o.tab()
    o.day(r.beoordelingsdatum); o.tab()
    o.bool(r.opgelegd); o.tab()
    o.bool(r.verlengd)
  }

  static func latestDate(_ r: Huisverbod) -> Day { r.beoordelingsdatum }
}
