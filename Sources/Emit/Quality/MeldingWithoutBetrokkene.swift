import Model

/// Every melding concerns at least one directbetrokkene.
struct MeldingWithoutBetrokkene: QualityCheck {
  let id = "melding_zonder_betrokkene"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.melding]
  let title = "Melding zonder directbetrokkene"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.meldingen.filter { input.betrokkenen[$0.id] == nil }
      .map { QualityFinding(.melding, $0.id) }
  }
}
