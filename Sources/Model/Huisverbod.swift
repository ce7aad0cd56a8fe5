/// A tijdelijk huisverbod (THV) assessed by Veilig Thuis (`model.md`).
public struct Huisverbod: StagedRecord, Hashable {
  public var id: String
  /// Optional: a huisverbod may be assessed outside a casus.
  public var casusID: String?
  public var gemeente: GemeenteCode
  public var beoordelingsdatum: Day
  /// Imposed by the burgemeester.
  public var opgelegd: Bool
  public var verlengd: Bool

  public init(
    id: String, casusID: String? = nil, gemeente: GemeenteCode, beoordelingsdatum: Day,
    opgelegd: Bool, verlengd: Bool = false
  ) {
    self.id = id
    self.casusID = casusID
    self.gemeente = gemeente
    self.beoordelingsdatum = beoordelingsdatum
    self.opgelegd = opgelegd
    self.verlengd = verlengd
  }

  public static let entity = Entity.huisverbod
  public static let stagedColumns = [
    "huisverbod_id", "casus_id", "gemeente", "beoordelingsdatum", "opgelegd", "verlengd",
  ]

  public var stagedFields: [String] {
    [
      id, casusID ?? "", gemeente.code, Staged.text(beoordelingsdatum), Staged.text(opgelegd),
      Staged.text(verlengd),
    ]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      id: try f.id(), casusID: try f.optionalId(), gemeente: try f.gemeente(),
      beoordelingsdatum: try f.day(), opgelegd: try f.bool(), verlengd: try f.bool())
  }
}
