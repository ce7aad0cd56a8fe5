import Model
import Pipeline

/// The huisverbod measures (`measures.md`), on the beoordelingsdatum, in the huisverbod's own
/// gemeente: `huisverbod_beoordeeld` (all) and `huisverbod_opgelegd` (opgelegd = ja).
struct HuisverbodCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws {
    let gemeenteColumn = try SourceCounting.column("gemeente", of: Huisverbod.self)
    let datumColumn = try SourceCounting.column("beoordelingsdatum", of: Huisverbod.self)
    let opgelegdColumn = try SourceCounting.column("opgelegd", of: Huisverbod.self)

    let beoordeeld = try context.tally(Measures.huisverbodBeoordeeld)
    let opgelegd = try context.tally(Measures.huisverbodOpgelegd)

    let rows = try StagedTable<Huisverbod>(path: context.path(.huisverbod)).forEachRow { row in
      context.standaloneResolver.begin(.huisverbod)
      let datum = try row.day(datumColumn)
      let region = context.standaloneResolver.region(try row.gemeente(gemeenteColumn), on: datum)
      beoordeeld.count(datum, region)
      if try row.bool(opgelegdColumn) { opgelegd.count(datum, region) }
    }
    context.read(.huisverbod, rows: rows)
  }
}
