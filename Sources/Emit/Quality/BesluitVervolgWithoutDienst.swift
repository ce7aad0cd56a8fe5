import Model

/// A melding whose besluit is vervolgstappen bij Veilig Thuis, in a casus without any dienst.
struct BesluitVervolgWithoutDienst: QualityCheck {
  let id = "besluit_vervolg_zonder_dienst"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.melding, .dienst]
  let title = "Melding met besluit vervolgstappen bij Veilig Thuis in een casus zonder dienst"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.meldingen.filter {
      $0.besluit == .vervolg_vt && input.casussen.firstDienst[$0.casusID] == nil
    }.map { QualityFinding(.melding, $0.id) }
  }
}
