import Model
import Pipeline

/// The distinct-casus measures (`measures.md`): `casussen_met_melding` (ontvangstdatum) and
/// `eerste_contact` (eerste_contact_datum). In a period, a casus counts once in every gemeente
/// where it has such a melding and once in the Veilig Thuis-regio: not additive over
/// gemeenten, so counted directly at every period and level, never summed from months or
/// gemeenten. casussen_met_melding is split by the casus's aard_geweld and
/// aanvullende_informatie: the union over all its meldingen, whatever their period.
struct CasusCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run(_ casussen: CasusTable) throws {
    let metMelding = try context.tally(Measures.casussenMetMelding)
    let aard = try metMelding.layout.offset(.aardGeweld)
    let aanvullend = try metMelding.layout.offset(.aanvullendeInformatie)
    let eersteContact = try context.tally(Measures.eersteContact)

    var cells: [UInt64] = []
    for c in 0..<casussen.count {
      let aardBits = UInt64(casussen.aard[c])
      let aanvullendBits = UInt64(casussen.aanvullend[c])
      Self.collect(casussen, c, .melding, into: &cells)
      Self.forEachRow(of: cells, in: metMelding) { base in
        metMelding.bump(base)
        metMelding.bump(base + aard, bits: aardBits)
        metMelding.bump(base + aanvullend, bits: aanvullendBits)
      }
      Self.collect(casussen, c, .eersteContact, into: &cells)
      Self.forEachRow(of: cells, in: eersteContact) { eersteContact.bump($0) }
    }
  }

  /// The cells one casus counts in, each once, sorted: for every month and gemeente it has,
  /// the month, quarter, half-year and year in that gemeente and in the region total.
  static func collect(
    _ casussen: CasusTable, _ c: Int, _ kind: CasusTable.EntryKind, into cells: inout [UInt64]
  ) {
    cells.removeAll(keepingCapacity: true)
    casussen.forEachEntry(c, kind) { month, region in
      for period in month.enclosing {
        cells.append(MeasureTally.key(period, region))
        cells.append(MeasureTally.key(period, RegionKey.vtregio))
      }
    }
    if cells.count > 1 { cells.sort() }
  }

  /// Calls `body` with the row of every distinct cell of the sorted `cells`.
  @inline(__always)
  static func forEachRow(of cells: [UInt64], in tally: MeasureTally, _ body: (Int) -> Void) {
    var previous: UInt64? = nil
    for key in cells where key != previous {
      previous = key
      body(tally.row(PeriodKey(packed: UInt32(key >> 16)), UInt16(truncatingIfNeeded: key)))
    }
  }
}
