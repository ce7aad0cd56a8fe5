import Model

extension CBSTable {
  /// Meldingen by melding history, with each category's share of all meldingen
  /// (cf. CBS 85361NED).
  public static let meldingHistorie: CBSTable = {
    let m = Measures.ontvangenMeldingen
    let d = Dimension.meldingHistorie
    let counts = zip(d.categories, d.categoryTitles).map { code, title in
      Column(
        key: code, title: "Ontvangen meldingen: \(title)", unit: m.unit, measure: m,
        content: .fixedCount(dimension: d.name, category: code))
    }
    let shares = zip(d.categories, d.categoryTitles).map { code, title in
      Column(
        key: code + "_percentage", title: "Ontvangen meldingen (relatief): \(title)",
        unit: "%", measure: m, content: .share(dimension: d.name, category: code))
    }
    return CBSTable(
      id: "melding_historie",
      title: "Meldingen; eerdere betrokkenheid Veilig Thuis",
      cbsTables: ["85361NED"],
      summary:
        "Ontvangen meldingen naar eerdere betrokkenheid van Veilig Thuis bij de "
        + "directbetrokkenen: eerste melding, hermelding, vervolgmelding per fase, of niet in "
        + "te delen (geen betrokkene met bsn). Percentages zijn berekend op de exacte aantallen.",
      dimensions: [],
      columns: [.count(m)] + counts + shares)
  }()
}
