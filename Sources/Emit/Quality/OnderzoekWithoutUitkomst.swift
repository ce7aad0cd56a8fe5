import Model

/// An afgerond onderzoek without uitkomst counts in no uitkomst of CBS 84853NED.
struct OnderzoekWithoutUitkomst: QualityCheck {
  let id = "afgerond_onderzoek_zonder_uitkomst"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.dienst]
  let title = "Afgerond onderzoek zonder uitkomst"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.diensten.filter { $0.isOnderzoek && $0.einddatum != nil && $0.uitkomst == nil }
      .map { QualityFinding(.dienst, $0.id) }
  }
}
