import Model
import Pipeline

/// The monitoring measures (`measures.md`), in the gemeente of the casus:
/// `gestarte_monitoring` and `monitoring_extra_interventie` on the startdatum,
/// `afgeronde_monitoring` on the einddatum.
struct MonitoringCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run(_ casussen: CasusTable) throws {
    let casusColumn = try SourceCounting.column("casus_id", of: Monitoring.self)
    let startColumn = try SourceCounting.column("startdatum", of: Monitoring.self)
    let eindColumn = try SourceCounting.column("einddatum", of: Monitoring.self)
    let extraColumn = try SourceCounting.column("extra_interventie", of: Monitoring.self)

    let gestart = try context.tally(Measures.gestarteMonitoring)
    let afgerond = try context.tally(Measures.afgerondeMonitoring)
    let extra = try context.tally(Measures.monitoringExtraInterventie)

    let rows = try StagedTable<Monitoring>(path: context.path(.monitoring)).forEachRow { row in
      context.resolver.begin(.monitoring)
      let c = try casussen.casus(of: row, column: casusColumn)
      let gemeente = casussen.gemeente[c]
      let start = try row.day(startColumn)
      let startRegion = context.resolver.region(gemeente, on: start)
      gestart.count(start, startRegion)
      if try row.bool(extraColumn) { extra.count(start, startRegion) }
      if let eind = try row.optionalDay(eindColumn) {
        afgerond.count(eind, context.resolver.region(gemeente, on: eind))
      }
    }
    context.read(.monitoring, rows: rows)
  }
}
