import Model

/// A row of the kernprestaties tables (`outputs.md` §5), numbered as the per-gemeente tables
/// of the NOG half-year report, with the measure that realises it (`measures.md`, notes).
struct Kernprestatie: Sendable {
  /// `1` … `17`, `6A`, `6B`.
  let number: String
  let title: String
  /// What is counted, as the table's unit column prints it.
  let unit: String
  /// The measure that realises it; nil for a kernprestatie the registration does not hold
  /// (10, bereikbaarheid), which the tables show empty.
  let measure: String?
  let section: Section

  enum Section: String, Sendable, CaseIterable {
    case wettelijk = "Wettelijke taken"
    case maatwerk = "Maatwerk in opdracht van de gemeenten"
  }

  static func activiteit(_ type: ActiviteitType) -> String { Measures.activiteit(type).name }

  /// Rows 1–17 in table order.
  static let all: [Kernprestatie] = [
    .init(
      number: "1", title: "Advies & ondersteuning", unit: "adviezen",
      measure: Measures.afgerondeAdviezen.name, section: .wettelijk),
    .init(
      number: "2", title: "Meldingen & veiligheidsbeoordeling", unit: "meldingen",
      measure: Measures.ontvangenMeldingen.name, section: .wettelijk),
    .init(
      number: "3", title: "Eerste contact met directbetrokkenen", unit: "casussen",
      measure: Measures.eersteContact.name, section: .wettelijk),
    .init(
      number: "4", title: "Overdracht na veiligheidsbeoordeling", unit: "overdrachten",
      measure: Measures.overdrachtenNaVB.name, section: .wettelijk),
    .init(
      number: "5", title: "Voorwaarden en vervolg", unit: "diensten",
      measure: Measures.afgerondeVV.name, section: .wettelijk),
    .init(
      number: "6A", title: "Onderzoek", unit: "diensten",
      measure: Measures.afgerondeOnderzoekenRegulier.name, section: .wettelijk),
    .init(
      number: "6B", title: "Onderzoek naar multiprobleemsituaties", unit: "diensten",
      measure: Measures.afgerondeOnderzoekenMultiprobleem.name, section: .wettelijk),
    .init(
      number: "7", title: "Overdracht na bemoeienis Veilig Thuis", unit: "overdrachten",
      measure: Measures.overdrachtenNaDienst.name, section: .wettelijk),
    .init(
      number: "8", title: "Monitoring duurzame veiligheid", unit: "trajecten",
      measure: Measures.afgerondeMonitoring.name, section: .wettelijk),
    .init(
      number: "9", title: ActiviteitType.veiligheidstoezicht_maatregel.label,
      unit: "activiteiten", measure: activiteit(.veiligheidstoezicht_maatregel),
      section: .wettelijk),
    .init(
      number: "10", title: "Bereikbaarheid buiten kantooruren (24/7)", unit: "dagen",
      measure: nil, section: .wettelijk),
    .init(
      number: "11", title: "Beoordeling tijdelijk huisverbod", unit: "huisverboden",
      measure: Measures.huisverbodBeoordeeld.name, section: .maatwerk),
    .init(
      number: "12", title: "Uitvoering tijdelijk huisverbod", unit: "huisverboden",
      measure: Measures.huisverbodOpgelegd.name, section: .maatwerk),
    .init(
      number: "13", title: ActiviteitType.jeugdprostitutie_melding.label, unit: "activiteiten",
      measure: activiteit(.jeugdprostitutie_melding), section: .maatwerk),
    .init(
      number: "14", title: ActiviteitType.jeugdprostitutie_triage.label, unit: "activiteiten",
      measure: activiteit(.jeugdprostitutie_triage), section: .maatwerk),
    .init(
      number: "15", title: ActiviteitType.casusoverleg.label, unit: "bijeenkomsten",
      measure: activiteit(.casusoverleg), section: .maatwerk),
    .init(
      number: "16", title: ActiviteitType.ondersteuning_professional.label, unit: "activiteiten",
      measure: activiteit(.ondersteuning_professional), section: .maatwerk),
    .init(
      number: "17", title: ActiviteitType.voorlichting.label, unit: "bijeenkomsten",
      measure: activiteit(.voorlichting), section: .maatwerk),
  ]

  /// The measures the tables read.
  static let measures: [String] = all.compactMap(\.measure)
}
