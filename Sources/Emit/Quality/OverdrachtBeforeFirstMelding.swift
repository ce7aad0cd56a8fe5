import Model

/// An overdracht follows a melding: it cannot be dated before its casus's first melding.
struct OverdrachtBeforeFirstMelding: QualityCheck {
  let id = "overdracht_voor_eerste_melding"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.overdracht]
  let title = "Overdracht gedateerd vóór de eerste melding van zijn casus"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.overdrachten.filter { o in
      input.casussen.firstMelding[o.casusID].map { o.datum < $0 } ?? false
    }.map { QualityFinding(.overdracht, $0.id) }
  }
}
