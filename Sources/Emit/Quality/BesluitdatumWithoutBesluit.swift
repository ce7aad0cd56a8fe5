import Model

/// A melding with a besluitdatum but no besluit: counted as "nog niet beoordeeld".
struct BesluitdatumWithoutBesluit: QualityCheck {
  let id = "besluitdatum_zonder_besluit"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.melding]
  let title = "Melding met een besluitdatum maar zonder besluit (telt als nog niet beoordeeld)"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.meldingen.filter { $0.besluit == nil && $0.besluitdatum != nil }
      .map { QualityFinding(.melding, $0.id) }
  }
}
