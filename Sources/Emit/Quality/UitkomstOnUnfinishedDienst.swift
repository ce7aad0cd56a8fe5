import Model

/// ◇ An uitkomst only when the dienst is afgerond (has an einddatum).
struct UitkomstOnUnfinishedDienst: QualityCheck {
  let id = "uitkomst_bij_lopende_dienst"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.dienst]
  let title = "Uitkomst ingevuld bij een dienst die nog niet is afgerond"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.diensten.filter { $0.uitkomst != nil && $0.einddatum == nil }
      .map { QualityFinding(.dienst, $0.id) }
  }
}
