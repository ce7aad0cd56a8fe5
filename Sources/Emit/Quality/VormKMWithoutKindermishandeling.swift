import Model

/// ◇ A vorm van kindermishandeling only when the aard van het geweld has kindermishandeling.
struct VormKMWithoutKindermishandeling: QualityCheck {
  let id = "vorm_km_zonder_kindermishandeling"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.advies, .melding]
  let title =
    "Vorm van kindermishandeling ingevuld terwijl de aard van het geweld geen kindermishandeling is"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.adviezen.filter {
      !$0.vormKindermishandeling.isEmpty && !$0.aardGeweld.contains(.kindermishandeling)
    }.map { QualityFinding(.advies, $0.id) }
      + input.records.meldingen.filter {
        !$0.vormKindermishandeling.isEmpty && !$0.aardGeweld.contains(.kindermishandeling)
      }.map { QualityFinding(.melding, $0.id) }
  }
}
