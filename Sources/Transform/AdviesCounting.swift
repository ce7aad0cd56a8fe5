import Model
import Pipeline

/// The adviezen measures (`measures.md`), in the advies's gemeente on the counting date, or
/// in the gemeente row `onbekend` when none is given:
/// - `gestarte_adviezen` on the startdatum, split by aard_geweld, aanvullende_informatie,
///   vorm_km, vorm_om (multi-valued), rol, organisatie and organisatie_groep (an empty
///   organisatie falls in neither) and duur_geweld (empty = onbekend);
/// - `afgeronde_adviezen` on the einddatum;
/// - `chatgesprekken`: adviezen with contactvorm chat, on the startdatum.
struct AdviesCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws {
    func col(_ name: String) throws -> Int { try SourceCounting.column(name, of: Advies.self) }
    let startColumn = try col("startdatum")
    let eindColumn = try col("einddatum")
    let gemeenteColumn = try col("gemeente")
    let contactvormColumn = try col("contactvorm")
    let rolColumn = try col("rol_adviesvrager")
    let organisatieColumn = try col("organisatie_adviesvrager")
    let aardColumn = try col("aard_geweld")
    let aanvullendColumn = try col("aanvullende_informatie")
    let duurColumn = try col("duur_geweld")
    let vormKMColumn = try col("vorm_kindermishandeling")
    let vormOMColumn = try col("vorm_ouderenmishandeling")
    let contactvormLookup = CodeLookup<Contactvorm>()
    let rolLookup = CodeLookup<Rol>()
    let organisatieLookup = CodeLookup<Organisatie>()
    let aardLookup = CodeLookup<AardGeweld>()
    let aanvullendLookup = CodeLookup<AanvullendeInformatie>()
    let duurLookup = CodeLookup<DuurGeweld>()
    let vormKMLookup = CodeLookup<VormKM>()
    let vormOMLookup = CodeLookup<VormOM>()

    let gestart = try context.tally(Measures.gestarteAdviezen)
    let splits = try RegistrationSplits(gestart.layout)
    let afgerond = try context.tally(Measures.afgerondeAdviezen)
    let chat = try context.tally(Measures.chatgesprekken)

    let rows = try StagedTable<Advies>(path: context.path(.advies)).forEachRow { row in
      context.standaloneResolver.begin(.advies)
      let gemeente = try row.optionalGemeente(gemeenteColumn)
      let start = try row.day(startColumn)
      let region = context.standaloneResolver.region(gemeente, on: start)
      let base = gestart.row(PeriodKey.month(of: start), region)
      gestart.bump(base)
      splits.count(
        into: gestart, row: base, aard: try row.codes(aardColumn, aardLookup),
        aanvullend: try row.codes(aanvullendColumn, aanvullendLookup),
        vormKM: try row.codes(vormKMColumn, vormKMLookup),
        vormOM: try row.codes(vormOMColumn, vormOMLookup),
        rol: try row.code(rolColumn, rolLookup),
        organisatie: try row.optionalCode(organisatieColumn, organisatieLookup),
        duur: try row.optionalCode(duurColumn, duurLookup))
      if try row.code(contactvormColumn, contactvormLookup) == .chat { chat.count(start, region) }
      if let eind = try row.optionalDay(eindColumn) {
        afgerond.count(eind, context.standaloneResolver.region(gemeente, on: eind))
      }
    }
    context.read(.advies, rows: rows)
  }
}
