/// A way a measure is split (`measures.md`, "Dimensions").
///
/// Every figure is stored once unsplit (dimension and category `totaal`) and once per
/// category of each of its dimensions; there is no (dimension, `totaal`) row.
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
  /// The dimension's name as the aggregate table writes it (`aard_geweld`).
  public let name: String
  /// Dutch title for tables and metadata.
  public let title: String
  /// Category codes, in presentation order.
  public let categories: [String]
  /// Dutch category titles, parallel to `categories`.
  public let categoryTitles: [String]
  /// A record may fall in several categories (the categories need not add up to totaal).
  public let isMultiValued: Bool

  public var description: String { name }

  public init(
    name: String, title: String, categories: [String], categoryTitles: [String],
    isMultiValued: Bool
  ) {
    self.name = name
    self.title = title
    self.categories = categories
    self.categoryTitles = categoryTitles
    self.isMultiValued = isMultiValued
  }

  init<E: CodeListEnum>(_ name: String, _ title: String, _ list: E.Type, multiValued: Bool) {
    self.init(
      name: name, title: title, categories: E.codes, categoryTitles: E.labels,
      isMultiValued: multiValued)
  }

  /// The title of category `code`, or nil when the dimension has no such category.
  public func title(ofCategory code: String) -> String? {
    categories.firstIndex(of: code).map { categoryTitles[$0] }
  }

  /// The name used for the unsplit figure, as dimension and as category.
  public static let totaalName = "totaal"

  public static let totaal = Dimension(
    name: totaalName, title: "Totaal", categories: [totaalName], categoryTitles: ["Totaal"],
    isMultiValued: false)
  public static let aardGeweld = Dimension(
    "aard_geweld", "Aard van het geweld", AardGeweld.self, multiValued: true)
  public static let aanvullendeInformatie = Dimension(
    "aanvullende_informatie", "Aanvullende informatie", AanvullendeInformatie.self,
    multiValued: true)
  public static let vormKM = Dimension(
    "vorm_km", "Vorm van kindermishandeling", VormKM.self, multiValued: true)
  public static let vormOM = Dimension(
    "vorm_om", "Vorm van ouderenmishandeling", VormOM.self, multiValued: true)
  public static let rol = Dimension(
    "rol", "Rol adviesvrager of melder", Rol.self, multiValued: false)
  public static let organisatie = Dimension(
    "organisatie", "Organisatie adviesvrager of melder", Organisatie.self, multiValued: false)
  public static let organisatieGroep = Dimension(
    "organisatie_groep", "Organisatietype adviesvrager of melder", OrganisatieGroep.self,
    multiValued: false)
  public static let duurGeweld = Dimension(
    "duur_geweld", "Duur van het geweld", DuurGeweld.self, multiValued: false)
  public static let veiligheidstaxatie = Dimension(
    "veiligheidstaxatie", "Veiligheidstaxatie", Veiligheidstaxatie.self, multiValued: true)
  /// Besluit na veiligheidsbeoordeling, plus `nog_niet` for meldingen without a besluit.
  public static let besluit = Dimension(
    name: "besluit", title: "Besluit na veiligheidsbeoordeling",
    categories: Besluit.codes + [nogNietBesluit],
    categoryTitles: Besluit.labels + ["Nog niet beoordeeld"], isMultiValued: false)
  public static let meldingHistorie = Dimension(
    "melding_historie", "Meldinghistorie", MeldingHistorie.self, multiValued: false)
  public static let uitkomst = Dimension(
    "uitkomst", "Uitkomst onderzoek", UitkomstOnderzoek.self, multiValued: false)

  /// The besluit category of a melding without besluit.
  public static let nogNietBesluit = "nog_niet"

  /// Every dimension, `totaal` first.
  public static let all: [Dimension] = [
    totaal, aardGeweld, aanvullendeInformatie, vormKM, vormOM, rol, organisatie,
    organisatieGroep, duurGeweld, veiligheidstaxatie, besluit, meldingHistorie, uitkomst,
  ]

  public static func named(_ name: String) -> Dimension? { all.first { $0.name == name } }
}
