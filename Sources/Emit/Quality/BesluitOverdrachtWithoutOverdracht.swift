import Model

/// A melding whose besluit is overdracht, in a casus without any overdracht.
struct BesluitOverdrachtWithoutOverdracht: QualityCheck {
  let id = "besluit_overdracht_zonder_overdracht"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.melding, .overdracht]
  let title = "Melding met besluit overdracht in een casus zonder overdracht"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.meldingen.filter {
      $0.besluit == .overdracht && input.casussen.firstOverdracht[$0.casusID] == nil
    }.map { QualityFinding(.melding, $0.id) }
  }
}
