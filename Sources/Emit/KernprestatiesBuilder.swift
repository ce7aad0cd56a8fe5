import Model
import Pipeline

/// Computes the kernprestaties reports of a region from its aggregates.
///
/// Region figures are the Veilig Thuis-regio's rows (distinct-casus measures counted at that
/// level, never summed from gemeenten); gemeente figures are summed in the boundaries of the
/// report's half-year, the comparison half-year included.
struct KernprestatiesBuilder {
  let pipeline: LoadedPipeline
  let reference: ReferenceData
  let snapshot: AggregateSnapshot
  private let figures: SheetGemeenteFigures
  /// The half-years with a kernprestatie figure (a `YYYYHJnn` row of one of their measures).
  let halfYears: [Period]

  init(context: EmitContext) throws {
    guard let pipeline = context.pipeline else {
      throw PipelineError.internal("kernprestaties: need a region's pipeline, not the roll-up")
    }
    self.pipeline = pipeline
    reference = context.reference
    snapshot = context.snapshot
    figures = SheetGemeenteFigures(snapshot: snapshot, reference: reference)
    let measures = Set(Kernprestatie.measures)
    var periods: Set<Period> = []
    for row in snapshot.rows where measures.contains(row.measure) {
      if let p = Period(code: row.period), p.kind == .halfYear { periods.insert(p) }
    }
    halfYears = periods.sorted()
    try Self.checkBegroting(pipeline)
  }

  var config: PipelineConfig { pipeline.config }

  /// A begroting keyed by a measure no kernprestatie uses would be silently ignored.
  static func checkBegroting(_ pipeline: LoadedPipeline) throws {
    let measures = Set(Kernprestatie.measures)
    for (year, figures) in pipeline.config.begroting.sorted(by: { $0.key < $1.key }) {
      for measure in figures.keys.sorted() where !measures.contains(measure) {
        throw PipelineError.config(
          "\(pipeline.path): begroting.\(year).\(measure): no kernprestatie is realised by "
            + "this measure (kernprestaties use \(Kernprestatie.measures.joined(separator: ", ")))")
      }
    }
  }

  func report(for period: Period) -> KernprestatiesReport {
    let previous = period.previousYear
    let hasPrevious = halfYears.contains(previous)
    let begroting = config.begroting[period.year]
    let yearToDate = period.index == 1 ? period : Period.year(period.year)
    let vtregio = config.region.vtregio
    let day = period.lastDay

    let regionLines = Kernprestatie.all.map { k -> KernprestatiesReport.Line in
      guard let m = k.measure else { return Self.empty(k) }
      let current = snapshot.value(m, period: period.code, level: .vtregio, region: vtregio)
      let ytd = snapshot.value(m, period: yearToDate.code, level: .vtregio, region: vtregio)
      let budget = begroting?[m]
      return KernprestatiesReport.Line(
        kernprestatie: k, current: current,
        previous: hasPrevious
          ? snapshot.value(m, period: previous.code, level: .vtregio, region: vtregio) : nil,
        previousOvercounts: false, begroting: budget, yearToDate: ytd,
        percent: budget.flatMap { SheetNumber.percent(ytd, of: $0) })
    }
    let region = KernprestatiesReport.Table(
      level: .vtregio, code: vtregio, name: config.region.title, lines: regionLines,
      distributions: KernprestatiesReport.distributionDimensions.map { d in
        SheetDistribution(
          dimension: d.dimension,
          counts: d.dimension.categories.map {
            snapshot.value(
              Measures.ontvangenMeldingen.name, period: period.code, level: .vtregio,
              region: vtregio, dimension: d.dimension.name, category: $0)
          },
          records: snapshot.value(
            Measures.ontvangenMeldingen.name, period: period.code, level: .vtregio,
            region: vtregio))
      }, predecessors: [])

    let gemeenten = reference.gemeenten(inVTRegio: vtregio, on: day).sorted(by: Gemeente.byName)
      .map { g in
        gemeenteTable(g, period: period, hasPrevious: hasPrevious)
      }
    return KernprestatiesReport(
      period: period, provisional: snapshot.provisionalPeriods.contains(period.code),
      previousProvisional: snapshot.provisionalPeriods.contains(previous.code),
      hasPrevious: hasPrevious, hasBegroting: begroting != nil, region: region,
      gemeenten: gemeenten)
  }

  private func gemeenteTable(_ g: Gemeente, period: Period, hasPrevious: Bool)
    -> KernprestatiesReport.Table
  {
    let day = period.lastDay
    let previous = period.previousYear
    let lines = Kernprestatie.all.map { k -> KernprestatiesReport.Line in
      guard let m = k.measure else { return Self.empty(k) }
      let current = figures.sum(m, period: period.code, gemeente: g.code, boundariesOn: day)
      let before =
        hasPrevious
        ? figures.sum(m, period: previous.code, gemeente: g.code, boundariesOn: day) : nil
      let distinct = Measures.named(m)?.countsDistinctCasussen ?? false
      return KernprestatiesReport.Line(
        kernprestatie: k, current: current.value, previous: before?.value,
        previousOvercounts: distinct && (before?.parts.count ?? 0) > 1, begroting: nil,
        yearToDate: nil, percent: nil)
    }
    let distributions = KernprestatiesReport.distributionDimensions.map { d in
      SheetDistribution(
        dimension: d.dimension,
        counts: d.dimension.categories.map {
          figures.sum(
            Measures.ontvangenMeldingen.name, period: period.code, dimension: d.dimension.name,
            category: $0, gemeente: g.code, boundariesOn: day
          ).value
        },
        records: figures.sum(
          Measures.ontvangenMeldingen.name, period: period.code, gemeente: g.code,
          boundariesOn: day
        ).value)
    }
    return KernprestatiesReport.Table(
      level: .gemeente, code: g.code.code, name: g.naam, lines: lines,
      distributions: distributions,
      predecessors: figures.predecessors(of: g, in: previous, boundariesOn: day))
  }

  private static func empty(_ k: Kernprestatie) -> KernprestatiesReport.Line {
    KernprestatiesReport.Line(
      kernprestatie: k, current: nil, previous: nil, previousOvercounts: false, begroting: nil,
      yearToDate: nil, percent: nil)
  }
}
