import Model

/// The kernprestaties of one half-year, computed and ready to render: the region's table
/// with begroting, a table per gemeente, and the distributions of the meldingen.
struct KernprestatiesReport: Sendable {
  let period: Period
  /// The same half-year one year earlier.
  var previousPeriod: Period { period.previousYear }
  /// True when the half-year (or the comparison half-year) was still open on the peildatum.
  let provisional: Bool
  let previousProvisional: Bool
  /// False when the snapshot holds no kernprestatie figure for the comparison half-year.
  let hasPrevious: Bool
  /// The year of the begroting, and whether the configuration has one for it.
  var begrotingYear: Int { period.year }
  let hasBegroting: Bool
  /// The realisation the begroting is compared with: the half-year itself for the first,
  /// the whole year (`YYYYJJ00`) for the second half-year.
  var yearToDatePeriod: Period { period.index == 1 ? period : Period.year(period.year) }

  let region: Table
  let gemeenten: [Table]

  /// The table of the region or of one gemeente.
  struct Table: Sendable {
    enum Level: String, Sendable { case vtregio, gemeente }
    let level: Level
    /// `VT14` or `GM0200`.
    let code: String
    /// "Veilig Thuis Noord Oost Gelderland" or "Apeldoorn".
    let name: String
    let lines: [Line]
    /// Aard van het geweld, aanvullende informatie, organisatietype melder.
    let distributions: [SheetDistribution]
    /// For a gemeente whose boundaries changed: the gemeenten of the comparison half-year
    /// whose figures count in it.
    let predecessors: [Gemeente]
  }

  /// One kernprestatie.
  struct Line: Sendable {
    let kernprestatie: Kernprestatie
    /// Nil for a kernprestatie without a measure (shown empty).
    let current: Int?
    /// Nil without a measure or without figures of the comparison half-year.
    let previous: Int?
    /// The comparison figure sums predecessors of a merged gemeente for a distinct-casus
    /// measure: a casus registered in two of them counts twice (flagged on the page).
    let previousOvercounts: Bool
    /// Region only: the annual begroting, the realisation so far and its percentage.
    let begroting: Int?
    let yearToDate: Int?
    let percent: Int?
  }

  /// The dimensions of the distributions, in page order.
  static let distributionDimensions: [(dimension: Dimension, title: String)] = [
    (.aardGeweld, "Aard van het geweld"),
    (.aanvullendeInformatie, "Aanvullende informatie"),
    (.organisatieGroep, "Organisatietype melder"),
  ]
}
