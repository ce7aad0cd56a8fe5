import Model

/// ◇ An uitkomst only for the onderzoek types.
struct UitkomstOnNonOnderzoek: QualityCheck {
  let id = "uitkomst_bij_geen_onderzoek"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.dienst]
  let title = "Uitkomst ingevuld bij een dienst die geen onderzoek is"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.diensten.filter { $0.uitkomst != nil && !$0.isOnderzoek }
      .map { QualityFinding(.dienst, $0.id) }
  }
}
