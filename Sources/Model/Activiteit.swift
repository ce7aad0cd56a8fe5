/// An activiteit: regional work counted as events (maatwerk) (`model.md`).
public struct Activiteit: StagedRecord, Hashable {
  public var id: String
  public var type: ActiviteitType
  public var datum: Day
  public var gemeente: GemeenteRef

  public init(id: String, type: ActiviteitType, datum: Day, gemeente: GemeenteRef) {
    self.id = id
    self.type = type
    self.datum = datum
    self.gemeente = gemeente
  }

  public static let entity = Entity.activiteit
  public static let stagedColumns = ["activiteit_id", "type", "datum", "gemeente"]

  public var stagedFields: [String] {
    [id, Staged.text(type), Staged.text(datum), Staged.text(gemeente)]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), type: try f.code(), datum: try f.day(), gemeente: try f.optionalGemeente())
  }
}
