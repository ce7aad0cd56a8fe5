/// Monitoring: checking later that safety holds (`model.md`).
public struct Monitoring: StagedRecord, Hashable {
  public var id: String
  public var casusID: String
  public var startdatum: Day
  public var einddatum: Day?
  /// More than the two standard contact moments.
  public var extraInterventie: Bool

  public init(
    id: String, casusID: String, startdatum: Day, einddatum: Day? = nil,
    extraInterventie: Bool = false
  ) {
    self.id = id
    self.casusID = casusID
    self.startdatum = startdatum
    self.einddatum = einddatum
    self.extraInterventie = extraInterventie
  }

  public static let entity = Entity.monitoring
  public static let stagedColumns = [
    "monitoring_id", "casus_id", "startdatum", "einddatum", "extra_interventie",
  ]

  public var stagedFields: [String] {
    [
      id, casusID, Staged.text(startdatum), Staged.text(einddatum),
      Staged.text(extraInterventie),
    ]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), casusID: try f.id(), startdatum: try f.day(),
      einddatum: try f.optionalDay(), extraInterventie: try f.bool())
  }
}
