import Model

/// A melding none of whose betrokkenen has a bsn cannot be placed in the melding history
/// (CBS 85361NED: "melding niet ingedeeld").
struct MeldingWithoutBsn: QualityCheck {
  let id = "melding_zonder_bsn"
  let severity = QualitySeverity.waarschuwing
  let entities: [Entity] = [.melding, .betrokkene]
  let title =
    "Melding waarvan geen enkele directbetrokkene een bsn heeft (niet in te delen als eerste melding of hermelding)"

  func findings(_ input: QualityInput) -> [QualityFinding] {
    input.records.meldingen.filter { m in
      guard let betrokkenen = input.betrokkenen[m.id] else { return false }
      return betrokkenen.allSatisfy { $0.pseudonym == nil }
    }.map { QualityFinding(.melding, $0.id) }
  }
}
