import Model

/// ◇ An organisatie only for a beroepsmatige adviesvrager or melder; given for another rol
/// it still counts in that organisatie.
struct OrganisatieForNonProfessional: QualityCheck {
  let id = "organisatie_bij_niet_beroepsmatig"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.advies, .melding]
  let title = "Organisatie ingevuld bij een adviesvrager of melder die niet beroepsmatig is"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.adviezen.filter {
      $0.rolAdviesvrager != .beroepsmatig && $0.organisatieAdviesvrager != nil
    }.map { QualityFinding(.advies, $0.id) }
      + input.records.meldingen.filter {
        $0.rolMelder != .beroepsmatig && $0.organisatieMelder != nil
      }
      .map { QualityFinding(.melding, $0.id) }
  }
}
