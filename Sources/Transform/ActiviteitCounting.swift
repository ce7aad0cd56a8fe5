import Model
import Pipeline

/// `activiteit_<type>` (`measures.md`): activiteiten of each type, on their datum, in their
/// gemeente, or in the gemeente row `onbekend` when none is given.
struct ActiviteitCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws {
    let typeColumn = try SourceCounting.column("type", of: Activiteit.self)
    let datumColumn = try SourceCounting.column("datum", of: Activiteit.self)
    let gemeenteColumn = try SourceCounting.column("gemeente", of: Activiteit.self)
    let typeLookup = CodeLookup<ActiviteitType>()
    let tallies = try ActiviteitType.allCases.map { try context.tally(Measures.activiteit($0)) }

    let rows = try StagedTable<Activiteit>(path: context.path(.activiteit)).forEachRow { row in
      context.standaloneResolver.begin(.activiteit)
      let datum = try row.day(datumColumn)
      let region = context.standaloneResolver.region(
        try row.optionalGemeente(gemeenteColumn), on: datum)
      tallies[Int(try row.code(typeColumn, typeLookup).rawValue)].count(datum, region)
    }
    context.read(.activiteit, rows: rows)
  }
}
