import Model

/// monitoring (`model.md`); its casus must have an accepted melding (checked by the stage).
enum MonitoringMapping: EntityMapping {
  static let entity = Entity.monitoring

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Monitoring {
    let id = try c.id(p, 0)
    return Monitoring(
      id: id, casusID: try p.id(1), startdatum: try p.day(2),
      einddatum: try p.optionalDay(3), extraInterventie: try p.bool(4))
  }

  static func encode(_ r: Monitoring, _ o: RowEncoder) {
    o.text(r.id); o.tab()
    o.text(r.casusID); o.tab()
    o.day(r.startdatum); o.tab()
    o.day(r.einddatum); o.tab()
    o.bool(r.extraInterventie)
  }

  static func latestDate(_ r: Monitoring) -> Day { latest(r.startdatum, r.einddatum) }

  static func reference(_ r: Monitoring) -> RecordReference { .casus(r.casusID) }
}
