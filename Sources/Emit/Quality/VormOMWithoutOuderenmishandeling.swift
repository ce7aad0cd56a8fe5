import Model

/// ◇ A vorm van ouderenmishandeling only when the aard van het geweld has
/// ouderenmishandeling.
struct VormOMWithoutOuderenmishandeling: QualityCheck {
  let id = "vorm_om_zonder_ouderenmishandeling"
  let severity = QualitySeverity.fout
  let entities: [Entity] = [.advies, .melding]
  let title =
    "Vorm van ouderenmishandeling ingevuld terwijl de aard van het geweld geen ouderenmishandeling is"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.adviezen.filter {
      !$0.vormOuderenmishandeling.isEmpty && !$0.aardGeweld.contains(.ouderenmishandeling)
    }.map { QualityFinding(.advies, $0.id) }
      + input.records.meldingen.filter {
        !$0.vormOuderenmishandeling.isEmpty && !$0.aardGeweld.contains(.ouderenmishandeling)
      }.map { QualityFinding(.melding, $0.id) }
  }
}
