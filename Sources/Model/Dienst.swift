/// A dienst: a service Veilig Thuis carries out itself after a melding (`model.md`).
public struct Dienst: StagedRecord, Hashable {
  public var id: String
  public var casusID: String
  public var type: DienstType
  public var startdatum: Day
  /// Present = afgerond.
  public var einddatum: Day?
  public var uitkomst: UitkomstOnderzoek?

  public init(
    id: String, casusID: String, type: DienstType, startdatum: Day, einddatum: Day? = nil,
    uitkomst: UitkomstOnderzoek? = nil
  ) {
    self.id = id
    self.casusID = casusID
    self.type = type
    self.startdatum = startdatum
    self.einddatum = einddatum
    self.uitkomst = uitkomst
  }

  /// True for the onderzoek types (`onderzoek_multiprobleem` is NOG's variant of onderzoek).
  public var isOnderzoek: Bool { type == .onderzoek || type == .onderzoek_multiprobleem }

  public static let entity = Entity.dienst
  public static let stagedColumns = [
    "dienst_id", "casus_id", "type", "startdatum", "einddatum", "uitkomst",
  ]

  public var stagedFields: [String] {
    [
      id, casusID, Staged.text(type), Staged.text(startdatum), Staged.text(einddatum),
      Staged.text(uitkomst),
    ]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), casusID: try f.id(), type: try f.code(), startdatum: try f.day(),
      einddatum: try f.optionalDay(), uitkomst: try f.optionalCode())
  }
}
