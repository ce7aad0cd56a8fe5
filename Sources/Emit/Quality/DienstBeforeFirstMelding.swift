import Model

/// A dienst follows a melding: it cannot start before its casus's first melding.
struct DienstBeforeFirstMelding: QualityCheck {
  let id = "dienst_voor_eerste_melding"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.dienst]
  let title = "Dienst die start vóór de eerste melding van zijn casus"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.diensten.filter { d in
      input.casussen.firstMelding[d.casusID].map { d.startdatum < $0 } ?? false
    }.map { QualityFinding(.dienst, $0.id) }
  }
}
