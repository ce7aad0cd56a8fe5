import Model

/// The municipalities a region's records fall in during one year, with their populations
/// and the weights that spread adviezen and meldingen over them.
///
/// The set is the reference data's gemeenten of the region's Veilig Thuis-regio valid on the
/// year's first day (so 2020 has Appingedam, Delfzijl and Loppersum, 2021 Eemsdelta, and
/// Rotterdam-Rijnmond 2023 Voorne aan Zee). A gemeente's weight is its inwoners times its
/// per-capita rate in the seeds, or the mean seed rate where the seeds have none.
struct RegionYear {
  let year: Int
  let gemeenten: [Gemeente]
  let inwoners: [Int]
  let adviesWeights: [Double]
  let meldingWeights: [Double]
  /// Gemeenten of the other Veilig Thuis-regio's in the reference data, valid this year:
  /// where a few records registered "outside the region" fall.
  let elsewhere: [Gemeente]

  init(year: Int, profile: RegionProfile, reference: ReferenceData) {
    let day = Day(year: year, month: 1, day: 1) ?? Day(ordinal: 0)
    self.year = year
    gemeenten = reference.gemeenten(inVTRegio: profile.vtregio, on: day)
    inwoners = gemeenten.map { RegionYear.inwoners($0.code, year: year, reference: reference) }
    let rates = profile.seedRates
    // In code order: a dictionary's order changes between runs, a float sum must not.
    let seeded = rates.keys.sorted().compactMap { rates[$0] }
    let meanAdvies = RegionYear.mean(seeded.map(\.advies))
    let meanMelding = RegionYear.mean(seeded.map(\.melding))
    var advies: [Double] = []
    var melding: [Double] = []
    for (g, n) in zip(gemeenten, inwoners) {
      // A gemeente that merged later takes its successor's rate (Delfzijl → Eemsdelta).
      let successor = reference.herindelingen.first { $0.oud == g.code }?.nieuw
      let rate = rates[g.code] ?? successor.flatMap { rates[$0] }
      advies.append(Double(n) * (rate?.advies ?? meanAdvies))
      melding.append(Double(n) * (rate?.melding ?? meanMelding))
    }
    adviesWeights = advies
    meldingWeights = melding
    elsewhere = reference.gemeenten.values
      .filter { $0.vtregio != profile.vtregio && $0.isValid(on: day) }
      .sorted { $0.code < $1.code }
  }

  /// Total inwoners of the region this year.
  var totalInwoners: Int { inwoners.reduce(0, +) }

  private static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 1 : values.reduce(0, +) / Double(values.count)
  }

  /// Inwoners on 1 January of `year`; else the nearest year CBS published; else, for a
  /// gemeente formed by a reorganisation, the sum of its predecessors; else 20.000.
  static func inwoners(_ code: GemeenteCode, year: Int, reference: ReferenceData) -> Int {
    if let n = nearest(code, year: year, reference: reference) { return n }
    let predecessors = reference.herindelingen.filter { $0.nieuw == code }.map(\.oud)
    let sum = predecessors.compactMap { nearest($0, year: year, reference: reference) }
      .reduce(0, +)
    return sum > 0 ? sum : 20_000
  }

  private static func nearest(_ code: GemeenteCode, year: Int, reference: ReferenceData) -> Int? {
    if let n = reference.inwoners(code, year: year) { return n }
    for distance in 1...40 {
      if let n = reference.inwoners(code, year: year - distance) { return n }
      if let n = reference.inwoners(code, year: year + distance) { return n }
    }
    return nil
  }
}
