import Model

/// Generates a Jeugdbescherming export (jb-csv): maatregelen per gemeente, type and soort.
///
/// Rates per inwoner come from the Groningen fact sheets (seed 003_): each gemeente's own
/// counts where the sheet prints them, the nine-sheet average elsewhere. Every gemeente gets
/// at least one new maatregel of each type a year, so fact sheets always have a figure.
final class MaatregelGenerator {
  let options: SynthOptions
  let profile: RegionProfile
  let reference: ReferenceData
  let breaker: Breaker
  private let ids: IDScheme
  private var random: SynthRandom
  private var calendar: SynthRandom
  private var serial = 0

  init(options: SynthOptions, profile: RegionProfile, reference: ReferenceData, breaker: Breaker) {
    self.options = options
    self.profile = profile
    self.reference = reference
    self.breaker = breaker
    ids = IDScheme(layout: options.layout)
    random = SynthRandom(seed: options.seed, stream: .records)
    calendar = SynthRandom(seed: options.seed, stream: .calendar)
  }

  /// Maatregelen per inwoner for `code` (or the gemeente it merged into): the seed's own
  /// counts per type and soort, in `Mixes.maatregelenPerHundredThousand` order.
  private func seedRates(_ code: GemeenteCode) -> [Double]? {
    let successor = reference.herindelingen.first { $0.oud == code }?.nieuw
    for candidate in [code] + (successor.map { [$0] } ?? []) {
      guard let row = SeedFigures.jeugdbescherming2021.first(where: { $0.code == candidate.code }),
        let inwoners = reference.inwoners(candidate, year: 2021), inwoners > 0
      else { continue }
      let counts = [row.ots, row.voogdij, row.muhp, row.muhpVerlenging, row.jr, row.jrVerlenging]
      return counts.map { Double($0) / Double(inwoners) }
    }
    return nil
  }

  func run(into writer: ExportWriter) throws {
    let horizon = options.horizon
    // --scale: the same per-capita rates for 17,5 miljoen inwoners.
    let factor = options.volume * (options.scale.map { $0 * 17_500_000 } ?? 0)
    for year in options.firstYear...options.lastYear {
      guard let first = Day(year: year, month: 1, day: 1), first <= horizon else { break }
      try writer.begin(year: year)
      let region = RegionYear(year: year, profile: profile, reference: reference)
      guard !region.gemeenten.isEmpty else { continue }
      let trend = 0.95 + 0.1 * calendar.unit()
      let kinds = Mixes.maatregelenPerHundredThousand
      // Expected counts per (gemeente, kind).
      var slots: [(gemeente: Int, kind: Int)] = []
      var counts: [Int] = []
      var weights: [Double] = []
      for (k, kind) in kinds.enumerated() {
        let perGemeente = region.gemeenten.indices.map { i -> Double in
          let rate = seedRates(region.gemeenten[i].code)?[k] ?? kind.2 / 100_000
          return rate * Double(region.inwoners[i])
        }
        let regional = perGemeente.reduce(0, +)
        let scaled = options.scale == nil ? regional * options.volume : factor * kind.2 / 100_000
        let total = max(
          kind.1 == .nieuw ? region.gemeenten.count : 0, Int((scaled * trend).rounded()))
        let shares = allocate(total, weights: perGemeente, minimum: kind.1 == .nieuw ? 1 : 0)
        for (i, n) in shares.enumerated() {
          slots.append((i, k))
          counts.append(n)
          weights.append(perGemeente[i])
        }
      }
      var urn = Urn(counts: counts, weights: weights)
      let days = DayPlan(year: year, rhythm: .kantoor, random: &calendar).counts(
        counts.reduce(0, +))
      for i in days.indices {
        let day = first.adding(days: i)
        guard day <= horizon else { break }
        for _ in 0..<days[i] {
          let slot = slots[urn.draw(&random)]
          serial += 1
          let kind = kinds[slot.kind]
          var m = Maatregel(
            id: ids.maatregel(serial), gemeente: region.gemeenten[slot.gemeente].code,
            type: kind.0, soort: kind.1, startdatum: day)
          let flaw = breaker.maatregel(&m)
          if flaw?.rule == .duplicateId { try writer.write(maatregel: Flawed(m)) }
          try writer.write(maatregel: Flawed(m, flaw))
        }
      }
    }
    try writer.finish()
  }
}
