/// An advies: a request for advice or support (`model.md`).
public struct Advies: StagedRecord, Hashable {
  public var id: String
  public var startdatum: Day
  /// Present = afgerond.
  public var einddatum: Day?
  public var gemeente: GemeenteRef
  public var contactvorm: Contactvorm
  public var rolAdviesvrager: Rol
  public var organisatieAdviesvrager: Organisatie?
  public var aardGeweld: CodeSet<AardGeweld>
  public var aanvullendeInformatie: CodeSet<AanvullendeInformatie>
  /// Nil = onbekend.
  public var duurGeweld: DuurGeweld?
  public var vormKindermishandeling: CodeSet<VormKM>
  public var vormOuderenmishandeling: CodeSet<VormOM>

  public init(
    id: String, startdatum: Day, einddatum: Day? = nil, gemeente: GemeenteRef,
    contactvorm: Contactvorm, rolAdviesvrager: Rol, organisatieAdviesvrager: Organisatie? = nil,
    aardGeweld: CodeSet<AardGeweld>,
    aanvullendeInformatie: CodeSet<AanvullendeInformatie> = CodeSet(),
    duurGeweld: DuurGeweld? = nil, vormKindermishandeling: CodeSet<VormKM> = CodeSet(),
    vormOuderenmishandeling: CodeSet<VormOM> = CodeSet()
  ) {
    self.id = id
    self.startdatum = startdatum
    self.einddatum = einddatum
    self.gemeente = gemeente
    self.contactvorm = contactvorm
    self.rolAdviesvrager = rolAdviesvrager
    self.organisatieAdviesvrager = organisatieAdviesvrager
    self.aardGeweld = aardGeweld
    self.aanvullendeInformatie = aanvullendeInformatie
    self.duurGeweld = duurGeweld
    self.vormKindermishandeling = vormKindermishandeling
    self.vormOuderenmishandeling = vormOuderenmishandeling
  }

  public static let entity = Entity.advies
  public static let stagedColumns = [
    "advies_id", "startdatum", "einddatum", "gemeente", "contactvorm", "rol_adviesvrager",
    "organisatie_adviesvrager", "aard_geweld", "aanvullende_informatie", "duur_geweld",
    "vorm_kindermishandeling", "vorm_ouderenmishandeling",
  ]

  public var stagedFields: [String] {
    [
      id, Staged.text(startdatum), Staged.text(einddatum), Staged.text(gemeente),
      Staged.text(contactvorm), Staged.text(rolAdviesvrager), Staged.text(organisatieAdviesvrager),
      Staged.text(aardGeweld), Staged.text(aanvullendeInformatie), Staged.text(duurGeweld),
      Staged.text(vormKindermishandeling), Staged.text(vormOuderenmishandeling),
    ]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), startdatum: try f.day(), einddatum: try f.optionalDay(),
      gemeente: try f.optionalGemeente(), contactvorm: try f.code(),
      rolAdviesvrager: try f.code(), organisatieAdviesvrager: try f.optionalCode(),
      aardGeweld: try f.codes(), aanvullendeInformatie: try f.codes(),
      duurGeweld: try f.optionalCode(), vormKindermishandeling: try f.codes(),
      vormOuderenmishandeling: try f.codes())
  }
}
