import Model

/// An overdracht na bemoeienis (moment na_dienst) needs a dienst of the casus that started
/// on or before it.
struct OverdrachtNaDienstWithoutDienst: QualityCheck {
  let id = "overdracht_na_dienst_zonder_dienst"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.overdracht, .dienst]
  let title = "Overdracht na bemoeienis Veilig Thuis zonder dienst die daarvoor is gestart"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.overdrachten.filter { o in
      guard o.moment == .na_dienst else { return false }
      guard let first = input.casussen.firstDienst[o.casusID] else { return true }
      return first > o.datum
    }.map { QualityFinding(.overdracht, $0.id) }
  }
}
