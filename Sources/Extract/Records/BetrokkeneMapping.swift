import Model

/// betrokkene (`model.md`): the bsn passes the elfproef and becomes a pseudonym at once;
/// geboortejaar from 1900 (its upper bound, the year of the melding, is checked when the
/// melding is resolved).
enum BetrokkeneMapping: EntityMapping {
  static let entity = Entity.betrokkene

  static func map(_ p: RecordParser, _ c: MappingContext) throws(Rejection) -> Betrokkene {
    Betrokkene(
      meldingID: try p.id(0), pseudonym: try p.pseudonym(1, c.pseudonymiser),
      geboortejaar: try p.optionalYear(2), geslacht: try p.code(3), rol: try p.code(4))
  }

  static func encode(_ r: Betrokkene, _ o: RowEncoder) {
    o.text(r.meldingID); o.tab()
    o.pseudonym(r.pseudonym); o.tab()
    o.int(r.geboortejaar); o.tab()
    o.code(r.geslacht); o.tab()
    o.code(r.rol)
  }

  /// A betrokkene has no date of its own.
  static func latestDate(_ r: Betrokkene) -> Day { Day(ordinal: .min) }

  static func reference(_ r: Betrokkene) -> RecordReference { .melding(r.meldingID) }
  static func geboortejaar(_ r: Betrokkene) -> Int { r.geboortejaar ?? 0 }

  /// The rule that needs the melding: geboortejaar at most the year of its ontvangstdatum.
  static func check(_ r: Betrokkene, meldingYear: Int) throws(Rejection) {
    if let y = r.geboortejaar, y > meldingYear {
      throw Rejection(
        .badValue, field: "geboortejaar", value: String(y),
        "after the year of the melding (\(meldingYear))")
    }
  }
}
