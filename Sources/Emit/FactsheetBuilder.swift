import Model
import Pipeline

/// Computes the fact sheets of a region from its aggregates: which years have figures,
/// which gemeenten get a sheet, and every figure in the boundaries of the sheet's year.
struct FactsheetBuilder {
  let pipeline: LoadedPipeline
  let reference: ReferenceData
  let snapshot: AggregateSnapshot
  private let figures: SheetGemeenteFigures
  /// The years in which each source kind has any figure (a `YYYYJJ00` row of one of its
  /// measures, at any level).
  let yearsWithFigures: [SourceKind: Set<Int>]

  init(context: EmitContext) throws {
    guard let pipeline = context.pipeline else {
      throw PipelineError.internal("fact sheets: need a region's pipeline, not the roll-up")
    }
    self.pipeline = pipeline
    reference = context.reference
    snapshot = context.snapshot
    figures = SheetGemeenteFigures(snapshot: snapshot, reference: reference)
    var years: [SourceKind: Set<Int>] = [:]
    for row in snapshot.rows {
      guard let period = Period(code: row.period), period.kind == .year,
        let measure = Measures.named(row.measure)
      else { continue }
      years[measure.source, default: []].insert(period.year)
    }
    yearsWithFigures = years
    try Self.checkTexts(pipeline)
  }

  var config: PipelineConfig { pipeline.config }

  /// The longest explanation that still lets every sheet fit one A4 page (four lines of a
  /// figure's box).
  static let maximumTextLength = 200

  /// Every configured `factsheets.texts` key must name a figure (a typo would otherwise
  /// silently leave the default text in place), and every text must fit its box.
  static func checkTexts(_ pipeline: LoadedPipeline) throws {
    for (key, text) in pipeline.config.factsheets.texts.sorted(by: { $0.key < $1.key }) {
      guard FactsheetFigure.allIDs.contains(key) else {
        throw PipelineError.config(
          "\(pipeline.path): factsheets.texts.\(key): not a figure of the fact sheet "
            + "(one of \(FactsheetFigure.allIDs.joined(separator: ", ")))")
      }
      guard text.count <= maximumTextLength else {
        throw PipelineError.config(
          "\(pipeline.path): factsheets.texts.\(key): \(text.count) characters; at most "
            + "\(maximumTextLength) fit the sheet's one A4 page")
      }
    }
  }

  /// The years with a figure of any configured source, ascending.
  var years: [Int] {
    let kinds = Set(config.sources.map(\.kind))
    return yearsWithFigures.filter { kinds.contains($0.key) }.values
      .reduce(into: Set<Int>()) { $0.formUnion($1) }.sorted()
  }

  /// The day whose municipal boundaries a sheet of `year` uses: its last day.
  static func boundaryDay(_ year: Int) -> Day { Period.year(year).lastDay }

  /// The gemeenten that get a sheet for `year`: every gemeente of the region's Veilig
  /// Thuis-regio valid on the boundary day, figures or not, by code.
  func gemeenten(year: Int) -> [Gemeente] {
    reference.gemeenten(inVTRegio: config.region.vtregio, on: Self.boundaryDay(year))
  }

  /// The sheets of `year`, one per gemeente.
  func sheets(year: Int) -> [FactsheetSheet] {
    gemeenten(year: year).map { sheet(for: $0, year: year) }
  }

  /// The sheet of `gemeente` for `year`.
  func sheet(for gemeente: Gemeente, year: Int) -> FactsheetSheet {
    let day = Self.boundaryDay(year)
    let current = Period.year(year).code
    let previous = Period.year(year - 1).code
    let blocks = config.sources.map { source -> FactsheetSheet.Block in
      let hasFigures = yearsWithFigures[source.kind]?.contains(year) ?? false
      let hasPrevious = yearsWithFigures[source.kind]?.contains(year - 1) ?? false
      let values = FactsheetFigure.figures(of: source.kind).map { figure in
        func count(_ measure: String, _ period: String) -> Int {
          figures.sum(measure, period: period, gemeente: gemeente.code, boundariesOn: day).value
        }
        let measures = figure.allMeasures.map { m in
          FactsheetSheet.MeasureValue(
            measure: m, current: count(m, current),
            previous: hasPrevious ? count(m, previous) : nil)
        }
        let main = measures.filter { figure.measures.contains($0.measure) }
        let verlenging = measures.first { $0.measure == figure.verlengingMeasure }
        return FactsheetSheet.Value(
          figure: figure, text: config.factsheets.texts[figure.id] ?? figure.defaultText,
          current: main.reduce(0) { $0 + $1.current },
          previous: hasPrevious ? main.reduce(0) { $0 + ($1.previous ?? 0) } : nil,
          currentVerlenging: verlenging?.current, previousVerlenging: verlenging?.previous,
          measures: measures)
      }
      return FactsheetSheet.Block(
        kind: source.kind, organisation: source.organisation, hasFigures: hasFigures,
        hasPreviousFigures: hasPrevious, values: values)
    }
    return FactsheetSheet(
      gemeente: gemeente, year: year, blocks: blocks,
      predecessors: figures.predecessors(
        of: gemeente, in: Period.year(year - 1), boundariesOn: day),
      provisional: snapshot.provisionalPeriods.contains(current))
  }
}
