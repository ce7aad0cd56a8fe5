import Model

/// ◇ A melding with a besluit must have its besluitdatum (`model.md`).
struct BesluitWithoutBesluitdatum: QualityCheck {
  let id = "besluit_zonder_besluitdatum"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.melding]
  let title = "Melding met een besluit na veiligheidsbeoordeling maar zonder besluitdatum"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.meldingen.filter { $0.besluit != nil && $0.besluitdatum == nil }
      .map { QualityFinding(.melding, $0.id) }
  }
}
