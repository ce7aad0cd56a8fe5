/// The CBS reference facts the pipeline counts with: municipalities and their validity,
/// reorganisations, Veilig Thuis-regio's, provincies and population.
///
/// Built from the text of the TSV files in `pipelines/reference/` (the caller reads them;
/// the model does no I/O).
public struct ReferenceData: Sendable {
  public let gemeenten: [GemeenteCode: Gemeente]
  /// Reorganisations, ordered by date.
  public let herindelingen: [Herindeling]
  public let vtregios: [String: VTRegio]
  public let provincies: [String: Provincie]
  /// Inwoners on 1 January, keyed by gemeente and year.
  public let population: [PopulationKey: Int]

  public struct PopulationKey: Hashable, Sendable {
    public let gemeente: GemeenteCode
    public let year: Int
    public init(gemeente: GemeenteCode, year: Int) {
      self.gemeente = gemeente
      self.year = year
    }
  }

  /// How a registered gemeente code maps onto the code valid on a counting date.
  public struct Resolution: Hashable, Sendable {
    /// The code to count under.
    public let code: GemeenteCode
    /// What happened on the way.
    public let status: Status

    public enum Status: Hashable, Sendable {
      /// The registered code is valid on the date.
      case valid
      /// The registered code had merged by the date; counted in its successor.
      case merged(from: GemeenteCode)
      /// The registered code was not yet valid on the date; counted under it anyway.
      case notYetValid
    }
  }

  public init(
    gemeenten: [Gemeente], herindelingen: [Herindeling], vtregios: [VTRegio],
    provincies: [Provincie], population: [PopulationKey: Int]
  ) {
    self.gemeenten = Dictionary(gemeenten.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    self.herindelingen = herindelingen.sorted { ($0.datum, $0.oud) < ($1.datum, $1.oud) }
    self.vtregios = Dictionary(vtregios.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    self.provincies = Dictionary(provincies.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    self.population = population
  }

  public func gemeente(_ code: GemeenteCode) -> Gemeente? { gemeenten[code] }

  /// The code a record registered under `code` counts in on `day`: the code itself while it
  /// is valid, else its successor valid on that day (following chains of reorganisations).
  public func resolve(_ code: GemeenteCode, on day: Day) -> Resolution {
    var current = code
    var hops = 0
    while let g = gemeenten[current], !g.isValid(on: day), hops < 16 {
      if let t = g.geldigTot, day > t,
        let h = herindelingen.first(where: { $0.oud == current && $0.datum <= day })
      {
        current = h.nieuw
        hops += 1
        continue
      }
      return Resolution(code: current, status: hops == 0 ? .notYetValid : .merged(from: code))
    }
    return Resolution(code: current, status: hops == 0 ? .valid : .merged(from: code))
  }

  /// The code `code` counts in under the boundaries valid on `day` (see `resolve`).
  public func boundaries(of code: GemeenteCode, on day: Day) -> GemeenteCode {
    resolve(code, on: day).code
  }

  /// The municipalities valid on `day` whose Veilig Thuis-regio is `vtregio`, by code.
  public func gemeenten(inVTRegio vtregio: String, on day: Day) -> [Gemeente] {
    gemeenten.values.filter { $0.vtregio == vtregio && $0.isValid(on: day) }
      .sorted { $0.code < $1.code }
  }

  /// Inwoners on 1 January of `year`, where CBS published a figure.
  public func inwoners(_ code: GemeenteCode, year: Int) -> Int? {
    population[PopulationKey(gemeente: code, year: year)]
  }

  /// The provincie of a Veilig Thuis-regio: the provincie of its municipalities.
  public func provincie(ofVTRegio vtregio: String) -> String? {
    let ps = Set(gemeenten.values.filter { $0.vtregio == vtregio }.map(\.provincie))
    return ps.count == 1 ? ps.first : nil
  }

  /// The landsdeel of a provincie.
  public func landsdeel(ofProvincie provincie: String) -> String? {
    provincies[provincie]?.landsdeel
  }
}

/// Matches municipality names as registration systems write them onto codes.
///
/// Case-insensitive, surrounding and repeated spaces ignored, hyphen and space equal
/// ("Oost Gelre" = "Oost-Gelre"), plus the aliases of the pipeline config
/// ("Oldenbroek" → Oldebroek).
public struct GemeenteNameIndex: Sendable {
  private var byName: [String: GemeenteCode] = [:]

  /// An index of the official names of `reference`, plus `aliases` (alias → official name).
  /// Returns the aliases whose target name is unknown in `unknownAliases`.
  public init(reference: ReferenceData, aliases: [String: String]) {
    for g in reference.gemeenten.values.sorted(by: { $0.code < $1.code }) {
      let key = Self.normalize(g.naam)
      // Prefer the code valid latest when two codes share a name.
      if let existing = byName[key], let e = reference.gemeente(existing),
        (e.geldigTot ?? Day(ordinal: .max)) >= (g.geldigTot ?? Day(ordinal: .max))
      {
        continue
      }
      byName[key] = g.code
    }
    for (alias, target) in aliases.sorted(by: { $0.key < $1.key }) {
      if let code = byName[Self.normalize(target)] ?? GemeenteCode(target) {
        byName[Self.normalize(alias)] = code
      }
    }
  }

  /// The aliases whose target is neither an official name nor a code of `reference`.
  public static func unknownAliasTargets(
    _ aliases: [String: String], reference: ReferenceData
  ) -> [String] {
    let names = Set(reference.gemeenten.values.map { normalize($0.naam) })
    return aliases.filter { _, target in
      !names.contains(normalize(target))
        && !(GemeenteCode(target).map { reference.gemeente($0) != nil } ?? false)
    }.map(\.key).sorted()
  }

  /// The code of the municipality called `name`, or nil.
  public func code(forName name: some StringProtocol) -> GemeenteCode? {
    byName[Self.normalize(name)]
  }

  /// Lowercased, hyphens as spaces, whitespace collapsed and trimmed.
  public static func normalize(_ name: some StringProtocol) -> String {
    var out = ""
    var pendingSpace = false
    for ch in name.lowercased() {
      if ch == "-" || ch == " " || ch == "\t" || ch == "\u{A0}" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.append(" ") }
        pendingSpace = false
        out.append(ch)
      }
    }
    return out
  }
}
