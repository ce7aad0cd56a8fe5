/// An overdracht: responsibility handed to others (`model.md`).
public struct Overdracht: StagedRecord, Hashable {
  public var id: String
  public var casusID: String
  public var datum: Day
  public var moment: OverdrachtMoment
  public var ontvanger: Ontvanger
  /// Veilig Thuis keeps monitoring after the hand-over.
  public var monitoring: Bool

  public init(
    id: String, casusID: String, datum: Day, moment: OverdrachtMoment, ontvanger: Ontvanger,
    monitoring: Bool
  ) {
    self.id = id
    self.casusID = casusID
    self.datum = datum
    self.moment = moment
    self.ontvanger = ontvanger
    self.monitoring = monitoring
  }

  public static let entity = Entity.overdracht
  public static let stagedColumns = [
    "overdracht_id", "casus_id", "datum", "moment", "ontvanger", "monitoring",
  ]

  public var stagedFields: [String] {
    [
      id, casusID, Staged.text(datum), Staged.text(moment), Staged.text(ontvanger),
      Staged.text(monitoring),
    ]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), casusID: try f.id(), datum: try f.day(), moment: try f.code(),
      ontvanger: try f.code(), monitoring: try f.bool())
  }
}
