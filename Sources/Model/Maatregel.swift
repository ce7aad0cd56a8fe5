/// A Jeugdbescherming maatregel (a separate organisation's export) (`model.md`).
public struct Maatregel: StagedRecord, Hashable {
  public var id: String
  public var gemeente: GemeenteCode
  public var type: MaatregelType
  public var soort: MaatregelSoort
  public var startdatum: Day

  public init(
    id: String, gemeente: GemeenteCode, type: MaatregelType, soort: MaatregelSoort,
    startdatum: Day
  ) {
    self.id = id
    self.gemeente = gemeente
    self.type = type
    self.soort = soort
    self.startdatum = startdatum
  }

  public static let entity = Entity.maatregel
  public static let stagedColumns = ["maatregel_id", "gemeente", "type", "soort", "startdatum"]

  public var stagedFields: [String] {
    [id, gemeente.code, Staged.text(type), Staged.text(soort), Staged.text(startdatum)]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), gemeente: try f.gemeente(), type: try f.code(), soort: try f.code(),
      startdatum: try f.day())
  }
}
