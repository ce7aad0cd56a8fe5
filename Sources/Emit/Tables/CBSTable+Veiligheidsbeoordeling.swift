import Model

extension CBSTable {
  /// Meldingen by veiligheidstaxatie and besluit na veiligheidsbeoordeling (cf. CBS 84852NED).
  public static let veiligheidsbeoordeling = CBSTable(
    id: "veiligheidsbeoordeling",
    title: "Meldingen; veiligheidstaxatie en veiligheidsbeoordeling",
    cbsTables: ["84852NED"],
    summary:
      "Ontvangen meldingen naar de taxatie van de veiligheid (een melding kan zowel acute "
      + "als structurele onveiligheid hebben) en naar het besluit na de "
      + "veiligheidsbeoordeling (nog niet beoordeeld: nog geen besluit).",
    dimensions: [.veiligheidstaxatie, .besluit],
    columns: [.count(Measures.ontvangenMeldingen)])
}
