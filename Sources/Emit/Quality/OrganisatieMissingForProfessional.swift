import Model

/// ◇ A beroepsmatige adviesvrager or melder must have an organisatie: without one the
/// advies or melding counts in no organisatie of the CBS tables.
struct OrganisatieMissingForProfessional: QualityCheck {
  let id = "organisatie_ontbreekt_bij_beroepsmatig"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.advies, .melding]
  let title = "Beroepsmatige adviesvrager of melder zonder organisatie"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.adviezen.filter {
      $0.rolAdviesvrager == .beroepsmatig && $0.organisatieAdviesvrager == nil
    }.map { QualityFinding(.advies, $0.id) }
      + input.records.meldingen.filter {
        $0.rolMelder == .beroepsmatig && $0.organisatieMelder == nil
      }
      .map { QualityFinding(.melding, $0.id) }
  }
}
