/// A melding: a report; responsibility for safety passes to Veilig Thuis (`model.md`).
public struct Melding: StagedRecord, Hashable {
  public var id: String
  public var casusID: String
  public var ontvangstdatum: Day
  /// As registered (required); the transform stage maps merged codes onto their successor.
  public var gemeente: GemeenteCode
  public var rolMelder: Rol
  public var organisatieMelder: Organisatie?
  public var aardGeweld: CodeSet<AardGeweld>
  public var aanvullendeInformatie: CodeSet<AanvullendeInformatie>
  /// Nil = onbekend.
  public var duurGeweld: DuurGeweld?
  public var vormKindermishandeling: CodeSet<VormKM>
  public var vormOuderenmishandeling: CodeSet<VormOM>
  public var acuteOnveiligheid: JaNeeOnbekend
  public var structureleOnveiligheid: JaNeeOnbekend
  /// Nil = nog niet beoordeeld.
  public var besluit: Besluit?
  public var besluitdatum: Day?
  public var eersteContactDatum: Day?
  public var vervolgmelding: Vervolgmelding
  public var radarmelding: Bool

  public init(
    id: String, casusID: String, ontvangstdatum: Day, gemeente: GemeenteCode, rolMelder: Rol,
    organisatieMelder: Organisatie? = nil, aardGeweld: CodeSet<AardGeweld>,
    aanvullendeInformatie: CodeSet<AanvullendeInformatie> = CodeSet(),
    duurGeweld: DuurGeweld? = nil, vormKindermishandeling: CodeSet<VormKM> = CodeSet(),
    vormOuderenmishandeling: CodeSet<VormOM> = CodeSet(),
    acuteOnveiligheid: JaNeeOnbekend = .onbekend,
    structureleOnveiligheid: JaNeeOnbekend = .onbekend, besluit: Besluit? = nil,
    besluitdatum: Day? = nil, eersteContactDatum: Day? = nil,
    vervolgmelding: Vervolgmelding = .nee, radarmelding: Bool = false
  ) {
    self.id = id
    self.casusID = casusID
    self.ontvangstdatum = ontvangstdatum
    self.gemeente = gemeente
    self.rolMelder = rolMelder
    self.organisatieMelder = organisatieMelder
    self.aardGeweld = aardGeweld
    self.aanvullendeInformatie = aanvullendeInformatie
    self.duurGeweld = duurGeweld
    self.vormKindermishandeling = vormKindermishandeling
    self.vormOuderenmishandeling = vormOuderenmishandeling
    self.acuteOnveiligheid = acuteOnveiligheid
    self.structureleOnveiligheid = structureleOnveiligheid
    self.besluit = besluit
    self.besluitdatum = besluitdatum
    self.eersteContactDatum = eersteContactDatum
    self.vervolgmelding = vervolgmelding
    self.radarmelding = radarmelding
  }

  public static let entity = Entity.melding
  public static let stagedColumns = [
    "melding_id", "casus_id", "ontvangstdatum", "gemeente", "rol_melder", "organisatie_melder",
    "aard_geweld", "aanvullende_informatie", "duur_geweld", "vorm_kindermishandeling",
    "vorm_ouderenmishandeling", "acute_onveiligheid", "structurele_onveiligheid", "besluit",
    "besluitdatum", "eerste_contact_datum", "vervolgmelding", "radarmelding",
  ]

  public var stagedFields: [String] {
    [
      id, casusID, Staged.text(ontvangstdatum), gemeente.code, Staged.text(rolMelder),
      Staged.text(organisatieMelder), Staged.text(aardGeweld), Staged.text(aanvullendeInformatie),
      Staged.text(duurGeweld), Staged.text(vormKindermishandeling),
      Staged.text(vormOuderenmishandeling), Staged.text(acuteOnveiligheid),
      Staged.text(structureleOnveiligheid), Staged.text(besluit), Staged.text(besluitdatum),
      Staged.text(eersteContactDatum), Staged.text(vervolgmelding), Staged.text(radarmelding),
    ]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), casusID: try f.id(), ontvangstdatum: try f.day(), gemeente: try f.gemeente(),
      rolMelder: try f.code(), organisatieMelder: try f.optionalCode(), aardGeweld: try f.codes(),
      aanvullendeInformatie: try f.codes(), duurGeweld: try f.optionalCode(),
      vormKindermishandeling: try f.codes(), vormOuderenmishandeling: try f.codes(),
      acuteOnveiligheid: try f.code(), structureleOnveiligheid: try f.code(),
      besluit: try f.optionalCode(), besluitdatum: try f.optionalDay(),
      eersteContactDatum: try f.optionalDay(), vervolgmelding: try f.code(),
      radarmelding: try f.bool())
  }
}
