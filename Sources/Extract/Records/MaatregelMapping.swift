import Model

/// maatregel (`model.md`, Jeugdbescherming).
enum MaatregelMapping: EntityMapping {
  static let entity = Entity.maatregel

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Maatregel {
    let id = try c.id(p, 0)
    return Maatregel(
      id: id, gemeente: try p.gemeente(1), type: try p.code(2), soort: try p.code(3),
      startdatum: try p.day(4))
  }

  static func encode(_ r: Maatregel, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.gemeente(r.gemeente); o.tab()
    o.code(r.type); o.tab()
    o.code(r.soort); o.tab()
    o.day(r.startdatum)
  }

  static func latestDate(_ r: Maatregel) -> Day { r.startdatum }
}
