/// Which export a measure is counted from.
public enum SourceKind: String, CaseIterable, Sendable, Codable {
  case veiligThuis = "veilig-thuis"
  case jeugdbescherming

  /// The entities such an export holds.
  public var entities: [Entity] {
    switch self {
    case .veiligThuis: Entity.veiligThuis
    case .jeugdbescherming: Entity.jeugdbescherming
    }
  }
}

/// A measure of `measures.md`: what is counted, on which date, split how.
public struct Measure: Hashable, Sendable, CustomStringConvertible {
  /// The key in the aggregate table (`ontvangen_meldingen`).
  public let name: String
  /// Dutch title for tables and metadata.
  public let title: String
  /// The unit, as CBS metadata states it.
  public let unit: String
  public let source: SourceKind
  /// The field whose date decides the period (documentation and metadata).
  public let countingDate: String
  /// Counts distinct casussen: not additive over gemeenten within a region.
  public let countsDistinctCasussen: Bool
  /// The dimensions this measure is split by, besides totaal.
  public let dimensions: [Dimension]

  public var description: String { name }

  public init(
    name: String, title: String, unit: String = "aantal", source: SourceKind = .veiligThuis,
    countingDate: String, countsDistinctCasussen: Bool = false, dimensions: [Dimension] = []
  ) {
    self.name = name
    self.title = title
    self.unit = unit
    self.source = source
    self.countingDate = countingDate
    self.countsDistinctCasussen = countsDistinctCasussen
    self.dimensions = dimensions
  }
}

/// The catalogue of every measure the pipeline counts (`measures.md`).
public enum Measures {
  static let adviesSplits: [Dimension] = [
    .aardGeweld, .aanvullendeInformatie, .vormKM, .vormOM, .rol, .organisatie,
    .organisatieGroep, .duurGeweld,
  ]
  static let aardSplits: [Dimension] = [.aardGeweld, .aanvullendeInformatie]

  public static let gestarteAdviezen = Measure(
    name: "gestarte_adviezen", title: "Gestarte adviezen", countingDate: "startdatum",
    dimensions: adviesSplits)
  public static let afgerondeAdviezen = Measure(
    name: "afgeronde_adviezen", title: "Afgeronde adviezen", countingDate: "einddatum")
  public static let chatgesprekken = Measure(
    name: "chatgesprekken", title: "Chatgesprekken", countingDate: "startdatum")
  public static let ontvangenMeldingen = Measure(
    name: "ontvangen_meldingen", title: "Ontvangen meldingen", countingDate: "ontvangstdatum",
    dimensions: adviesSplits + [.veiligheidstaxatie, .besluit, .meldingHistorie])
  public static let casussenMetMelding = Measure(
    name: "casussen_met_melding", title: "Casussen met ontvangen melding(en)",
    unit: "aantal casussen", countingDate: "ontvangstdatum", countsDistinctCasussen: true,
    dimensions: aardSplits)
  public static let eersteContact = Measure(
    name: "eerste_contact", title: "Casussen met eerste contact met directbetrokkenen",
    unit: "aantal casussen", countingDate: "eerste_contact_datum", countsDistinctCasussen: true)
  public static let gestarteDiensten = Measure(
    name: "gestarte_diensten", title: "Gestarte diensten", countingDate: "startdatum")
  public static let afgerondeOnderzoeken = Measure(
    name: "afgeronde_onderzoeken", title: "Afgeronde diensten onderzoek",
    countingDate: "einddatum", dimensions: aardSplits + [.uitkomst])
  public static let afgerondeOnderzoekenRegulier = Measure(
    name: "afgeronde_onderzoeken_regulier", title: "Afgeronde onderzoeken",
    countingDate: "einddatum")
  public static let afgerondeOnderzoekenMultiprobleem = Measure(
    name: "afgeronde_onderzoeken_multiprobleem",
    title: "Afgeronde onderzoeken naar multiprobleemsituaties", countingDate: "einddatum")
  public static let afgerondeVV = Measure(
    name: "afgeronde_vv", title: "Afgeronde diensten voorwaarden en vervolg",
    countingDate: "einddatum", dimensions: aardSplits)
  public static let overdrachtenNaVB = Measure(
    name: "overdrachten_na_vb", title: "Overdrachten na veiligheidsbeoordeling",
    countingDate: "datum")
  public static let overdrachtenNaDienst = Measure(
    name: "overdrachten_na_dienst", title: "Overdrachten na bemoeienis Veilig Thuis",
    countingDate: "datum")
  public static let overdrachtenLokaal = Measure(
    name: "overdrachten_lokaal", title: "Overdrachten naar lokale hulpverlening",
    countingDate: "datum")
  public static let overdrachtenLokaalMonitoring = Measure(
    name: "overdrachten_lokaal_monitoring",
    title: "Overdrachten naar lokale hulpverlening en monitoring door Veilig Thuis",
    countingDate: "datum")
  public static let gestarteMonitoring = Measure(
    name: "gestarte_monitoring", title: "Gestarte monitoring", countingDate: "startdatum")
  public static let afgerondeMonitoring = Measure(
    name: "afgeronde_monitoring", title: "Afgeronde monitoring", countingDate: "einddatum")
  public static let monitoringExtraInterventie = Measure(
    name: "monitoring_extra_interventie", title: "Monitoring met extra interventies",
    countingDate: "startdatum")
  public static let huisverbodBeoordeeld = Measure(
    name: "huisverbod_beoordeeld", title: "Beoordeelde tijdelijke huisverboden",
    countingDate: "beoordelingsdatum")
  public static let huisverbodOpgelegd = Measure(
    name: "huisverbod_opgelegd", title: "Opgelegde tijdelijke huisverboden",
    countingDate: "beoordelingsdatum")

  /// `activiteit_<type>`: activiteiten of one type.
  public static func activiteit(_ type: ActiviteitType) -> Measure {
    Measure(name: "activiteit_" + type.code, title: type.label, countingDate: "datum")
  }

  /// `maatregel_nieuw_<type>` or `maatregel_verlenging_<type>`.
  public static func maatregel(_ type: MaatregelType, _ soort: MaatregelSoort) -> Measure {
    Measure(
      name: "maatregel_\(soort.code)_\(type.code)",
      title: "\(type.label) (\(soort.label.lowercased()))", source: .jeugdbescherming,
      countingDate: "startdatum")
  }

  /// Every measure, in catalogue order.
  public static let all: [Measure] =
    [
      gestarteAdviezen, afgerondeAdviezen, chatgesprekken, ontvangenMeldingen,
      casussenMetMelding, eersteContact, gestarteDiensten, afgerondeOnderzoeken,
      afgerondeOnderzoekenRegulier, afgerondeOnderzoekenMultiprobleem, afgerondeVV,
      overdrachtenNaVB, overdrachtenNaDienst, overdrachtenLokaal, overdrachtenLokaalMonitoring,
      gestarteMonitoring, afgerondeMonitoring, monitoringExtraInterventie, huisverbodBeoordeeld,
      huisverbodOpgelegd,
    ] + ActiviteitType.allCases.map(activiteit)
    + MaatregelSoort.allCases.flatMap { soort in
      MaatregelType.allCases.map { maatregel($0, soort) }
    }

  private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

  /// The measure called `name`, or nil.
  public static func named(_ name: String) -> Measure? { byName[name] }
}

/// One cell of the aggregate table (`outputs.md` §1): an exact, unrounded count.
public struct AggregateRow: Hashable, Sendable, Comparable {
  public var measure: String
  public var period: String
  public var regionLevel: RegionLevel
  public var regionCode: String
  public var dimension: String
  public var category: String
  public var value: Int

  public init(
    measure: String, period: String, regionLevel: RegionLevel, regionCode: String,
    dimension: String = Dimension.totaalName, category: String = Dimension.totaalName,
    value: Int
  ) {
    self.measure = measure
    self.period = period
    self.regionLevel = regionLevel
    self.regionCode = regionCode
    self.dimension = dimension
    self.category = category
    self.value = value
  }

  /// Byte-wise order of the key columns: the order facts files and tables are written in.
  /// Field by field, exactly as comparing the key tuples, without copying six fields into
  /// two tuples per comparison (sorting the rows is a large part of the transform stage).
  public static func < (a: AggregateRow, b: AggregateRow) -> Bool {
    if a.measure != b.measure { return a.measure < b.measure }
    if a.period != b.period { return a.period < b.period }
    if a.regionLevel != b.regionLevel { return a.regionLevel < b.regionLevel }
    if a.regionCode != b.regionCode { return a.regionCode < b.regionCode }
    if a.dimension != b.dimension { return a.dimension < b.dimension }
    return a.category < b.category
  }
}
