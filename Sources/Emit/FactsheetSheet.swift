import Model

/// The figures of one gemeente's fact sheet for one year, ready to render.
///
/// Exact counts; `publiek` masking happens only when rendering.
struct FactsheetSheet: Sendable {
  let gemeente: Gemeente
  let year: Int
  /// The year the figure beneath each number is from (`year - 1`).
  var previousYear: Int { year - 1 }
  /// One block per source organisation configured for the region, in configuration order.
  let blocks: [Block]
  /// The registered codes whose previous-year rows count in this gemeente besides its own
  /// code (the gemeenten merged into it), in code order; empty when its boundaries did not
  /// change.
  let predecessors: [Gemeente]
  /// True when the year was not yet closed on the peildatum of its export.
  let provisional: Bool

  /// The figures of one source organisation.
  struct Block: Sendable {
    let kind: SourceKind
    /// The organisation's name, from the pipeline configuration.
    let organisation: String
    /// False when the snapshot holds no figure of this source for the year at all: the
    /// block then says so instead of showing zeros.
    let hasFigures: Bool
    /// False when the snapshot holds no figure of this source for the previous year.
    let hasPreviousFigures: Bool
    let values: [Value]
  }

  /// One figure: this year's and the previous year's count, in current boundaries.
  struct Value: Sendable {
    let figure: FactsheetFigure
    /// The explanation printed (configured text, or the default).
    let text: String
    let current: Int
    /// Nil when the previous year has no figures of this source.
    let previous: Int?
    /// "+ N verlenging" this year and last, for figures that show it.
    let currentVerlenging: Int?
    let previousVerlenging: Int?
    /// Per measure: this year's and the previous year's count (the CSV's rows).
    let measures: [MeasureValue]
  }

  struct MeasureValue: Sendable {
    let measure: String
    let current: Int
    let previous: Int?
  }
}
