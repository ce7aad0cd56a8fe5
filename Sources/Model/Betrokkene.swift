/// A directbetrokkene of a melding (`model.md`). The bsn never gets this far: the extract
/// stage replaced it by its keyed pseudonym.
public struct Betrokkene: StagedRecord, Hashable {
  public var meldingID: String
  /// The keyed pseudonym of the bsn; nil when no bsn was registered.
  public var pseudonym: Pseudonym?
  public var geboortejaar: Int?
  public var geslacht: Geslacht
  public var rol: RolBetrokkene

  public init(
    meldingID: String, pseudonym: Pseudonym?, geboortejaar: Int? = nil,
    geslacht: Geslacht = .onbekend, rol: RolBetrokkene
  ) {
    self.meldingID = meldingID
    self.pseudonym = pseudonym
    self.geboortejaar = geboortejaar
    self.geslacht = geslacht
    self.rol = rol
  }

  public static let entity = Entity.betrokkene
  public static let stagedColumns = ["melding_id", "pseudonym", "geboortejaar", "geslacht", "rol"]

  public var stagedFields: [String] {
    [meldingID, pseudonym?.hex ?? "", Staged.text(geboortejaar), Staged.text(geslacht), Staged.text(rol)]
  }

  public init(stagedFields f: StagedFields) throws(StagedFormatError) {
    var f = f
    self.init(
      meldingID: try f.id(), pseudonym: try f.optionalPseudonym(),
      geboortejaar: try f.optionalInt(), geslacht: try f.code(), rol: try f.code())
  }
}
