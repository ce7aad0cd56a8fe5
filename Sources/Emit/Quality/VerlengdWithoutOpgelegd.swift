import Model

/// ◇ A huisverbod can only be verlengd when it was opgelegd.
struct VerlengdWithoutOpgelegd: QualityCheck {
  let id = "verlengd_zonder_opgelegd"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.huisverbod]
  let title = "Huisverbod verlengd maar niet opgelegd"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.huisverboden.filter { $0.verlengd && !$0.opgelegd }
      .map { QualityFinding(.huisverbod, $0.id) }
  }
}
