import Model

extension CBSTable {
  /// Adviezen and meldingen by rol/functie and organisatie of the adviesvrager or melder,
  /// organisatietype and duur van het geweld (cf. CBS 84848NED, 84849NED).
  public static let rolOrganisatie = CBSTable(
    id: "rol_organisatie",
    title: "Adviezen en meldingen; rol/functie, organisatie, duur geweld",
    cbsTables: ["84848NED", "84849NED"],
    summary:
      "Gestarte adviezen en ontvangen meldingen naar rol van de adviesvrager of melder, "
      + "organisatie, organisatietype en duur van het geweld. Zonder organisatie (geen "
      + "beroepsmatige adviesvrager of melder) telt een advies of melding in geen organisatie.",
    dimensions: [.rol, .organisatie, .organisatieGroep, .duurGeweld],
    columns: [.count(Measures.gestarteAdviezen), .count(Measures.ontvangenMeldingen)])
}
