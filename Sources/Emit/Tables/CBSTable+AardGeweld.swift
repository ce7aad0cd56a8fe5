import Model

extension CBSTable {
  /// Adviezen, meldingen, casussen, afgeronde onderzoeken and V&V by aard van het geweld and
  /// aanvullende informatie (cf. CBS 84850NED, 84851NED).
  public static let aardGeweld = CBSTable(
    id: "aard_geweld",
    title: "Adviezen, meldingen, casussen en afgeronde diensten; aard geweld",
    cbsTables: ["84850NED", "84851NED"],
    summary:
      "Gestarte adviezen, ontvangen meldingen, casussen met ontvangen melding(en), afgeronde "
      + "onderzoeken en afgeronde diensten voorwaarden en vervolg naar aard van het geweld en "
      + "aanvullende informatie. Een advies, melding of casus kan in meer categorieën vallen; "
      + "de categorieën tellen niet op tot het totaal.",
    dimensions: [.aardGeweld, .aanvullendeInformatie],
    columns: [
      .count(Measures.gestarteAdviezen), .count(Measures.ontvangenMeldingen),
      .count(Measures.casussenMetMelding), .count(Measures.afgerondeOnderzoeken),
      .count(Measures.afgerondeVV),
    ])
}
