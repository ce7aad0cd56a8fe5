import Model

/// A huisverbod that names a casus the export has no melding of.
struct HuisverbodUnknownCasus: QualityCheck {
  let id = "huisverbod_onbekende_casus"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.huisverbod]
  let title = "Huisverbod met een casus_id zonder melding in de export"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.huisverboden.filter { h in
      h.casusID.map { input.casussen.firstMelding[$0] == nil } ?? false
    }.map { QualityFinding(.huisverbod, $0.id) }
  }
}
