import Model

extension CBSTable {
  /// Afgeronde onderzoeken by uitkomst (cf. CBS 84853NED).
  public static let uitkomstOnderzoek = CBSTable(
    id: "uitkomst_onderzoek",
    title: "Afgeronde onderzoeken; uitkomst",
    cbsTables: ["84853NED"],
    summary:
      "Afgeronde diensten onderzoek (ook onderzoek naar multiprobleemsituaties) naar uitkomst. "
      + "Een onderzoek zonder geregistreerde uitkomst telt alleen in het totaal.",
    dimensions: [.uitkomst],
    columns: [.count(Measures.afgerondeOnderzoeken)])
}
