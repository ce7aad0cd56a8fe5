import Model
import Pipeline

/// Computes the jaarverslag figures of a region from its aggregates: region figures from
/// the Veilig Thuis-regio's rows, per-gemeente rates in the boundaries of 1 January of the
/// year (the day of the CBS population figure).
struct JaarverslagBuilder {
  let pipeline: LoadedPipeline
  let reference: ReferenceData
  let snapshot: AggregateSnapshot
  private let figures: SheetGemeenteFigures
  /// The years with a Veilig Thuis figure (a `YYYYJJ00` row of a Veilig Thuis measure).
  let years: [Int]

  init(context: EmitContext) throws {
    guard let pipeline = context.pipeline else {
      throw PipelineError.internal("jaarverslag: need a region's pipeline, not the roll-up")
    }
    self.pipeline = pipeline
    reference = context.reference
    snapshot = context.snapshot
    figures = SheetGemeenteFigures(snapshot: snapshot, reference: reference)
    var years: Set<Int> = []
    for row in snapshot.rows {
      guard let p = Period(code: row.period), p.kind == .year,
        Measures.named(row.measure)?.source == .veiligThuis
      else { continue }
      years.insert(p.year)
    }
    self.years = years.sorted()
  }

  func figures(year: Int) -> JaarverslagFigures {
    let period = Period.year(year).code
    let vtregio = pipeline.config.region.vtregio
    func value(_ m: Measure, _ dimension: String = "totaal", _ category: String = "totaal") -> Int {
      snapshot.value(
        m.name, period: period, level: .vtregio, region: vtregio, dimension: dimension,
        category: category)
    }
    func share(_ count: Int, of total: Int) -> JaarverslagFigures.Share {
      JaarverslagFigures.Share(count: count, percent: SheetNumber.percent(count, of: total))
    }
    func records(_ m: Measure) -> JaarverslagFigures.Records {
      let total = value(m)
      return JaarverslagFigures.Records(
        total: total,
        beroepsmatig: share(value(m, "rol", Rol.beroepsmatig.code), of: total),
        directeOmgeving: share(value(m, "rol", Rol.niet_beroepsmatig.code), of: total),
        rolOnbekend: share(value(m, "rol", Rol.onbekend.code), of: total),
        kindermishandeling: share(
          value(m, "aard_geweld", AardGeweld.kindermishandeling.code), of: total),
        partnergeweld: share(value(m, "aard_geweld", AardGeweld.partnergeweld.code), of: total))
    }
    let meldingen = records(Measures.ontvangenMeldingen)
    let politie = Organisatie.allCases.filter { $0.code.hasPrefix("politie_") }.reduce(0) {
      $0 + value(Measures.ontvangenMeldingen, "organisatie", $1.code)
    }
    let gestarteMonitoring = value(Measures.gestarteMonitoring)

    // The werkgebied and the rates: the gemeenten valid on 1 January, with CBS population of
    // that day.
    let day = Period.year(year).firstDay
    let gemeenten = reference.gemeenten(inVTRegio: vtregio, on: day).sorted(by: Gemeente.byName)
    let rates = gemeenten.map { g in
      JaarverslagFigures.GemeenteRate(
        gemeente: g, inwoners: reference.inwoners(g.code, year: year),
        adviezen: figures.sum(
          Measures.gestarteAdviezen.name, period: period, gemeente: g.code, boundariesOn: day
        ).value,
        meldingen: figures.sum(
          Measures.ontvangenMeldingen.name, period: period, gemeente: g.code, boundariesOn: day
        ).value)
    }
    let missing = rates.filter { $0.inwoners == nil }.map(\.gemeente)
    return JaarverslagFigures(
      year: year, provisional: snapshot.provisionalPeriods.contains(period),
      regionCode: vtregio, regionName: pipeline.config.region.title,
      adviezen: records(Measures.gestarteAdviezen), chatgesprekken: value(Measures.chatgesprekken),
      meldingen: meldingen, meldingenPolitie: share(politie, of: meldingen.total),
      afgerondeOnderzoeken: value(Measures.afgerondeOnderzoeken),
      afgerondeVV: value(Measures.afgerondeVV), gestarteMonitoring: gestarteMonitoring,
      monitoringExtraInterventie: share(
        value(Measures.monitoringExtraInterventie), of: gestarteMonitoring),
      huisverbodBeoordeeld: value(Measures.huisverbodBeoordeeld),
      huisverbodOpgelegd: value(Measures.huisverbodOpgelegd),
      werkgebied: JaarverslagFigures.Werkgebied(
        gemeenten: gemeenten.count,
        inwoners: missing.isEmpty ? rates.reduce(0) { $0 + ($1.inwoners ?? 0) } : nil,
        missing: missing),
      gemeenten: rates)
  }
}
