import Model
import Pipeline

/// The meldingen of a Veilig Thuis source, kept compactly for what is counted after them
/// (melding history, casus measures, diensten): per melding its casus, ontvangstdatum,
/// registered vervolgmelding and (once `MeldingCounting.countOntvangen` is done) where its
/// melding_historie category is to be counted.
struct MeldingTable {
  var ids = IDTable()
  var casus: [Int32] = []
  var day: [Int32] = []
  /// The counter of `ontvangen_meldingen` where the melding's first melding_historie
  /// category would be counted (the category's raw value is added to it).
  var historie: [Int32] = []
  var vervolgmelding: [Vervolgmelding] = []
  /// Bit 0: a betrokkene has a pseudonym; bit 1: a hermelding.
  var flags: [UInt8] = []
  var casussen = CasusTable()

  var count: Int { casus.count }
}

/// The meldingen in two passes over their file, on two threads (`VeiligThuisCounting`):
/// - `run`: the meldingen table and the casus facts the later measures need: the gemeente of
///   the casus, its categories, where it had meldingen and eerste contact;
/// - `countOntvangen`: `ontvangen_meldingen` (ontvangstdatum, the melding's gemeente) with
///   every split but melding_historie (counted once the betrokkenen are read), and where each
///   melding's melding_historie category is to be counted. Its own resolver gives the same
///   regions as `run`'s, whose warnings are the ones reported (each melding once).
/// The counting was a third of the pass over the meldingen, which every later pass waits for;
/// the other thread does it beside, after the records that stand alone
/// (`docs/decisions.md` 67).
struct MeldingCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws -> MeldingTable {
    let c = try Columns()

    var table = MeldingTable()
    // Separate variables: the closure below reads the melding ids while it updates the casussen.
    var ids = IDTable()
    var casussen = CasusTable()
    let rows = try StagedTable<Melding>(path: context.path(.melding)).forEachRow { row in
      context.resolver.begin(.melding)
      let id = try row.id(c.id)
      let (number, isNew) = ids.intern(id)
      guard isNew else {
        throw PipelineError.internal(
          "\(row.path):\(row.number): melding_id \"\(ids.text(of: number))\" occurs twice")
      }
      let day = try row.day(c.ontvangstdatum)
      let gemeente = try row.gemeente(c.gemeente)
      let aardBits = try row.codes(c.aard, c.aardLookup)
      let aanvullendBits = try row.codes(c.aanvullend, c.aanvullendLookup)

      let region = context.resolver.region(gemeente, on: day)
      let month = PeriodKey.month(of: day)
      let casus = casussen.add(
        casusID: try row.id(c.casus), melding: number, meldingID: id, meldingIDs: ids,
        day: day, gemeente: gemeente, aard: aardBits, aanvullend: aanvullendBits)
      casussen.note(casus, month, region, .melding)
      if let contact = try row.optionalDay(c.eersteContact) {
        let contactRegion = context.resolver.region(gemeente, on: contact)
        casussen.note(casus, PeriodKey.month(of: contact), contactRegion, .eersteContact)
      }

      table.casus.append(Int32(truncatingIfNeeded: casus))
      table.day.append(day.ordinal)
      table.vervolgmelding.append(try row.code(c.vervolgmelding, c.vervolgLookup))
      table.flags.append(0)
    }
    context.read(.melding, rows: rows)
    table.ids = ids
    table.casussen = casussen
    return table
  }

  /// Counts `ontvangen_meldingen` with every split but melding_historie; returns, per melding
  /// in file order (the order of `run`'s numbers), the counter where its melding_historie
  /// category is to be counted (`MeldingTable.historie`).
  func countOntvangen() throws -> [Int32] {
    let c = try Columns()
    let ontvangen = try context.tally(Measures.ontvangenMeldingen)
    let layout = ontvangen.layout
    let splits = try RegistrationSplits(layout)
    let taxatie = try layout.offset(.veiligheidstaxatie)
    let besluit = try layout.offset(.besluit)
    let nogNiet = try layout.slot(.besluit, Dimension.nogNietBesluit)
    let historieOffset = try layout.offset(.meldingHistorie)
    // The regions `run` finds (same reference, same rules); its warnings are `run`'s.
    var resolver = GemeenteResolver(reference: context.reference, vtregio: context.vtregio)
    var historie: [Int32] = []
    try StagedTable<Melding>(path: context.path(.melding)).forEachRow(in: nil, progress: false) {
      row in
      let day = try row.day(c.ontvangstdatum)
      let region = resolver.region(try row.gemeente(c.gemeente), on: day)
      let base = ontvangen.row(PeriodKey.month(of: day), region)
      ontvangen.bump(base)
      splits.count(
        into: ontvangen, row: base, aard: try row.codes(c.aard, c.aardLookup),
        aanvullend: try row.codes(c.aanvullend, c.aanvullendLookup),
        vormKM: try row.codes(c.vormKM, c.vormKMLookup),
        vormOM: try row.codes(c.vormOM, c.vormOMLookup), rol: try row.code(c.rol, c.rolLookup),
        organisatie: try row.optionalCode(c.organisatie, c.organisatieLookup),
        duur: try row.optionalCode(c.duur, c.duurLookup))
      let taxatieBits = Self.veiligheidstaxatie(
        acute: try row.code(c.acute, c.janeeLookup),
        structureel: try row.code(c.structureel, c.janeeLookup))
      ontvangen.bump(base + taxatie, bits: taxatieBits)
      if let b = try row.optionalCode(c.besluit, c.besluitLookup) {
        ontvangen.bump(base + besluit + Int(b.rawValue))
      } else {
        ontvangen.bump(base + nogNiet)
      }
      historie.append(Int32(truncatingIfNeeded: base + historieOffset))
    }
    return historie
  }

  /// The veiligheidstaxatie categories (`measures.md`): acute_onveiligheid when acute = ja,
  /// structurele_onveiligheid when structureel = ja, geen_onveiligheid when both are nee,
  /// and onbekend when none of these applies.
  static func veiligheidstaxatie(acute: JaNeeOnbekend, structureel: JaNeeOnbekend) -> UInt64 {
    var set = CodeSet<Veiligheidstaxatie>()
    if acute == .ja { set.insert(.acute_onveiligheid) }
    if structureel == .ja { set.insert(.structurele_onveiligheid) }
    if acute == .nee && structureel == .nee { set.insert(.geen_onveiligheid) }
    if set.isEmpty { set.insert(.onbekend) }
    return set.bits
  }

  /// Column positions and code lookups of the staged melding file.
  struct Columns {
    let id: Int, casus: Int, ontvangstdatum: Int, gemeente: Int, rol: Int, organisatie: Int
    let aard: Int, aanvullend: Int, duur: Int, vormKM: Int, vormOM: Int, acute: Int
    let structureel: Int, besluit: Int, eersteContact: Int, vervolgmelding: Int
    let aardLookup = CodeLookup<AardGeweld>()
    let aanvullendLookup = CodeLookup<AanvullendeInformatie>()
    let vormKMLookup = CodeLookup<VormKM>()
    let vormOMLookup = CodeLookup<VormOM>()
    let rolLookup = CodeLookup<Rol>()
    let organisatieLookup = CodeLookup<Organisatie>()
    let duurLookup = CodeLookup<DuurGeweld>()
    let janeeLookup = CodeLookup<JaNeeOnbekend>()
    let besluitLookup = CodeLookup<Besluit>()
    let vervolgLookup = CodeLookup<Vervolgmelding>()

    init() throws {
      func col(_ name: String) throws -> Int { try SourceCounting.column(name, of: Melding.self) }
      id = try col("melding_id")
      casus = try col("casus_id")
      ontvangstdatum = try col("ontvangstdatum")
      gemeente = try col("gemeente")
      rol = try col("rol_melder")
      organisatie = try col("organisatie_melder")
      aard = try col("aard_geweld")
      aanvullend = try col("aanvullende_informatie")
      duur = try col("duur_geweld")
      vormKM = try col("vorm_kindermishandeling")
      vormOM = try col("vorm_ouderenmishandeling")
      acute = try col("acute_onveiligheid")
      structureel = try col("structurele_onveiligheid")
      besluit = try col("besluit")
      eersteContact = try col("eerste_contact_datum")
      vervolgmelding = try col("vervolgmelding")
    }
  }
}
