import Model
import Pipeline

/// The diensten measures (`measures.md`), counted in the gemeente of the casus on the
/// counting date:
/// - `gestarte_diensten`: every dienst, on its startdatum;
/// - `afgeronde_onderzoeken`: onderzoek and onderzoek_multiprobleem with an einddatum, on it,
///   split by the casus's aard_geweld and aanvullende_informatie and by uitkomst (an empty
///   uitkomst falls in no category); `_regulier` and `_multiprobleem` each type alone;
/// - `afgeronde_vv`: voorwaarden_en_vervolg with an einddatum, split like the casus.
struct DienstCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run(_ casussen: CasusTable) throws {
    let casusColumn = try SourceCounting.column("casus_id", of: Dienst.self)
    let typeColumn = try SourceCounting.column("type", of: Dienst.self)
    let startColumn = try SourceCounting.column("startdatum", of: Dienst.self)
    let eindColumn = try SourceCounting.column("einddatum", of: Dienst.self)
    let uitkomstColumn = try SourceCounting.column("uitkomst", of: Dienst.self)
    let typeLookup = CodeLookup<DienstType>()
    let uitkomstLookup = CodeLookup<UitkomstOnderzoek>()

    let gestart = try context.tally(Measures.gestarteDiensten)
    let onderzoeken = try context.tally(Measures.afgerondeOnderzoeken)
    let onderzoekAard = try onderzoeken.layout.offset(.aardGeweld)
    let onderzoekAanvullend = try onderzoeken.layout.offset(.aanvullendeInformatie)
    let onderzoekUitkomst = try onderzoeken.layout.offset(.uitkomst)
    let regulier = try context.tally(Measures.afgerondeOnderzoekenRegulier)
    let multiprobleem = try context.tally(Measures.afgerondeOnderzoekenMultiprobleem)
    let vv = try context.tally(Measures.afgerondeVV)
    let vvAard = try vv.layout.offset(.aardGeweld)
    let vvAanvullend = try vv.layout.offset(.aanvullendeInformatie)

    let rows = try StagedTable<Dienst>(path: context.path(.dienst)).forEachRow { row in
      context.resolver.begin(.dienst)
      let c = try casussen.casus(of: row, column: casusColumn)
      let gemeente = casussen.gemeente[c]
      let type = try row.code(typeColumn, typeLookup)
      let start = try row.day(startColumn)
      gestart.count(start, context.resolver.region(gemeente, on: start))
      guard let eind = try row.optionalDay(eindColumn) else { return }
      let region = context.resolver.region(gemeente, on: eind)
      let month = PeriodKey.month(of: eind)
      let aard = UInt64(casussen.aard[c])
      let aanvullend = UInt64(casussen.aanvullend[c])
      switch type {
      case .onderzoek, .onderzoek_multiprobleem:
        let base = onderzoeken.row(month, region)
        onderzoeken.bump(base)
        onderzoeken.bump(base + onderzoekAard, bits: aard)
        onderzoeken.bump(base + onderzoekAanvullend, bits: aanvullend)
        if let u = try row.optionalCode(uitkomstColumn, uitkomstLookup) {
          onderzoeken.bump(base + onderzoekUitkomst + Int(u.rawValue))
        }
        (type == .onderzoek ? regulier : multiprobleem).count(eind, region)
      case .voorwaarden_en_vervolg:
        let base = vv.row(month, region)
        vv.bump(base)
        vv.bump(base + vvAard, bits: aard)
        vv.bump(base + vvAanvullend, bits: aanvullend)
      }
    }
    context.read(.dienst, rows: rows)
  }
}

extension CasusTable {
  /// The casus number of the `casus_id` in `column` of a dienst, overdracht or monitoring row.
  /// The extract stage rejects records of unknown casussen, so a miss is an internal error.
  func casus(of row: StagedRow, column: Int) throws -> Int {
    let id = try row.id(column)
    guard let c = ids.find(id) else {
      throw PipelineError.internal(
        "\(row.path):\(row.number): casus_id \"\(String(decoding: id, as: UTF8.self))\" has no melding"
      )
    }
    return c
  }
}
