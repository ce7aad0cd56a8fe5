import Model
import Pipeline

/// The overdrachten measures (`measures.md`), on the overdracht's datum, in the gemeente of
/// the casus: `overdrachten_na_vb` and `overdrachten_na_dienst` by moment;
/// `overdrachten_lokaal` (without monitoring) and `overdrachten_lokaal_monitoring` (with).
struct OverdrachtCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run(_ casussen: CasusTable) throws {
    let casusColumn = try SourceCounting.column("casus_id", of: Overdracht.self)
    let datumColumn = try SourceCounting.column("datum", of: Overdracht.self)
    let momentColumn = try SourceCounting.column("moment", of: Overdracht.self)
    let monitoringColumn = try SourceCounting.column("monitoring", of: Overdracht.self)
    let momentLookup = CodeLookup<OverdrachtMoment>()

    let naVB = try context.tally(Measures.overdrachtenNaVB)
    let naDienst = try context.tally(Measures.overdrachtenNaDienst)
    let lokaal = try context.tally(Measures.overdrachtenLokaal)
    let lokaalMonitoring = try context.tally(Measures.overdrachtenLokaalMonitoring)

    let rows = try StagedTable<Overdracht>(path: context.path(.overdracht)).forEachRow { row in
      context.resolver.begin(.overdracht)
      let c = try casussen.casus(of: row, column: casusColumn)
      let datum = try row.day(datumColumn)
      let region = context.resolver.region(casussen.gemeente[c], on: datum)
      switch try row.code(momentColumn, momentLookup) {
      case .na_veiligheidsbeoordeling: naVB.count(datum, region)
      case .na_dienst: naDienst.count(datum, region)
      }
      (try row.bool(monitoringColumn) ? lokaalMonitoring : lokaal).count(datum, region)
    }
    context.read(.overdracht, rows: rows)
  }
}
