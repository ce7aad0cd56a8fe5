import Model

/// A dienst or monitoring cannot end before it starts.
struct EinddatumBeforeStartdatum: QualityCheck {
  let id = "einddatum_voor_startdatum"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.dienst, .monitoring]
  let title = "Dienst of monitoring met een einddatum vóór de startdatum"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.diensten.filter { d in d.einddatum.map { $0 < d.startdatum } ?? false }
      .map { QualityFinding(.dienst, $0.id) }
      + input.records.monitoring.filter { m in m.einddatum.map { $0 < m.startdatum } ?? false }
      .map { QualityFinding(.monitoring, $0.id) }
  }
}
