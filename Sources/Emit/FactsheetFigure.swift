import Model

/// One figure of "Ons werk in cijfers" (`outputs.md` §4): its id, its title, the measures it
/// shows and the project's default explanation.
///
/// A figure's value is the sum of its `measures` for the gemeente and year; a figure with a
/// `verlengingMeasure` also prints "+ N verlenging" (machtiging uithuisplaatsing, as in the
/// Groningen sheets of 2021). Every measure used here is additive over gemeenten, so a
/// previous-year figure in current boundaries is the exact sum of the predecessors' rows.
struct FactsheetFigure: Sendable {
  /// The key of `factsheets.texts` in the pipeline configuration.
  let id: String
  /// The heading printed above the explanation.
  let title: String
  let source: SourceKind
  let measures: [String]
  let verlengingMeasure: String?
  /// The explanation printed when the region's configuration gives none.
  let defaultText: String

  /// Every measure the figure reads (for the CSV and for "has figures" checks).
  var allMeasures: [String] { measures + (verlengingMeasure.map { [$0] } ?? []) }

  /// The figures of a source organisation's block, in the order the sheet shows them.
  static func figures(of kind: SourceKind) -> [FactsheetFigure] {
    switch kind {
    case .jeugdbescherming: jeugdbescherming
    case .veiligThuis: veiligThuis
    }
  }

  /// Every figure id, for checking `factsheets.texts`.
  static let allIDs: [String] = (jeugdbescherming + veiligThuis).map(\.id)

  static func nieuw(_ type: MaatregelType) -> String {
    Measures.maatregel(type, .nieuw).name
  }

  static let jeugdbescherming: [FactsheetFigure] = [
    FactsheetFigure(
      id: "ondertoezichtstelling", title: "Ondertoezichtstelling", source: .jeugdbescherming,
      measures: [nieuw(.ots)], verlengingMeasure: nil,
      defaultText: """
        De kinderrechter stelt een kind onder toezicht als zijn ontwikkeling ernstig in \
        gevaar is. Een jeugdbeschermer helpt het gezin en ziet erop toe dat de hulp werkt.
        """),
    FactsheetFigure(
      id: "voogdij", title: "Voogdij", source: .jeugdbescherming,
      measures: [nieuw(.voogdij)], verlengingMeasure: nil,
      defaultText: """
        Kunnen ouders het gezag niet (meer) uitoefenen, dan krijgen wij de voogdij en \
        beslissen wij over de opvoeding en verzorging van het kind.
        """),
    FactsheetFigure(
      id: "machtiging_uithuisplaatsing", title: "Machtiging uithuisplaatsing",
      source: .jeugdbescherming, measures: [nieuw(.muhp)],
      verlengingMeasure: Measures.maatregel(.muhp, .verlenging).name,
      defaultText: """
        Soms is thuis wonen even niet veilig. Met een machtiging van de kinderrechter woont \
        een kind dan tijdelijk in een pleeggezin of een groep, zo dicht mogelijk bij huis.
        """),
    FactsheetFigure(
      id: "jeugdreclassering", title: "Jeugdreclassering", source: .jeugdbescherming,
      measures: [nieuw(.jeugdreclassering)], verlengingMeasure: nil,
      defaultText: """
        Wij begeleiden jongeren die een straf of maatregel van de rechter of de officier \
        van justitie hebben gekregen, zodat zij de draad weer oppakken.
        """),
  ]

  static let veiligThuis: [FactsheetFigure] = [
    FactsheetFigure(
      id: "melding", title: "Melding", source: .veiligThuis,
      measures: [Measures.ontvangenMeldingen.name], verlengingMeasure: nil,
      defaultText: """
        Met een melding neemt Veilig Thuis de zorg voor de veiligheid over. Elke melding \
        krijgt een veiligheidsbeoordeling: wat is er aan de hand en wat is er nodig?
        """),
    FactsheetFigure(
      id: "advies", title: "Advies", source: .veiligThuis,
      measures: [Measures.gestarteAdviezen.name], verlengingMeasure: nil,
      defaultText: """
        Iedereen met zorgen over huiselijk geweld of kindermishandeling kan ons om raad \
        vragen: inwoners en professionals, desgewenst anoniem.
        """),
    FactsheetFigure(
      id: "vervolg", title: "Vervolg binnen Veilig Thuis", source: .veiligThuis,
      measures: [Measures.gestarteDiensten.name], verlengingMeasure: nil,
      defaultText: """
        Is na de veiligheidsbeoordeling meer nodig, dan gaan wij zelf met het gezin aan de \
        slag: met een onderzoek of met voorwaarden en vervolg.
        """),
    FactsheetFigure(
      id: "overdracht_lokaal", title: "Overdracht naar lokale hulpverlening",
      source: .veiligThuis, measures: [Measures.overdrachtenLokaal.name],
      verlengingMeasure: nil,
      defaultText: """
        Kunnen het wijkteam of de betrokken hulpverleners de veiligheid waarborgen, dan \
        dragen wij de situatie aan hen over.
        """),
    FactsheetFigure(
      id: "overdracht_lokaal_monitoring",
      title: "Overdracht naar lokale hulpverlening en monitoring door Veilig Thuis",
      source: .veiligThuis, measures: [Measures.overdrachtenLokaalMonitoring.name],
      verlengingMeasure: nil,
      defaultText: """
        Na onze eigen inzet neemt de lokale hulpverlening het over; Veilig Thuis blijft \
        daarna volgen of de afgesproken veiligheid standhoudt.
        """),
    FactsheetFigure(
      id: "monitoring", title: "Monitoring", source: .veiligThuis,
      measures: [Measures.gestarteMonitoring.name], verlengingMeasure: nil,
      defaultText: """
        Na een overdracht houden wij contact met het gezin en de hulpverleners om te zien \
        of de veiligheid blijvend is.
        """),
    FactsheetFigure(
      id: "huisverbod", title: "Huisverbod", source: .veiligThuis,
      measures: [Measures.huisverbodOpgelegd.name], verlengingMeasure: nil,
      defaultText: """
        Bij acuut gevaar kan de burgemeester iemand tijdelijk uit huis plaatsen. Wij zorgen \
        dat in die dagen hulp voor het hele gezin op gang komt.
        """),
  ]
}
