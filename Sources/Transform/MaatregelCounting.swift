import Model
import Pipeline

/// The Jeugdbescherming measures (`measures.md`): `maatregel_nieuw_<type>` and
/// `maatregel_verlenging_<type>`, on the startdatum, in the maatregel's gemeente.
struct MaatregelCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws {
    let gemeenteColumn = try SourceCounting.column("gemeente", of: Maatregel.self)
    let typeColumn = try SourceCounting.column("type", of: Maatregel.self)
    let soortColumn = try SourceCounting.column("soort", of: Maatregel.self)
    let startColumn = try SourceCounting.column("startdatum", of: Maatregel.self)
    let typeLookup = CodeLookup<MaatregelType>()
    let soortLookup = CodeLookup<MaatregelSoort>()
    // tallies[soort][type]
    let tallies = try MaatregelSoort.allCases.map { soort in
      try MaatregelType.allCases.map { try context.tally(Measures.maatregel($0, soort)) }
    }

    let rows = try StagedTable<Maatregel>(path: context.path(.maatregel)).forEachRow { row in
      context.resolver.begin(.maatregel)
      let start = try row.day(startColumn)
      let region = context.resolver.region(try row.gemeente(gemeenteColumn), on: start)
      let soort = try row.code(soortColumn, soortLookup)
      let type = try row.code(typeColumn, typeLookup)
      tallies[Int(soort.rawValue)][Int(type.rawValue)].count(start, region)
    }
    context.read(.maatregel, rows: rows)
  }
}
