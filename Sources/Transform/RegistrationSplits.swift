import Model

/// The splits adviezen and meldingen share (`measures.md`): aard_geweld,
/// aanvullende_informatie, vorm_km and vorm_om (multi-valued), rol, organisatie and its
/// organisatie_groep (an empty organisatie falls in neither) and duur_geweld (empty =
/// onbekend). Holds where each dimension's counters start in a row of `gestarte_adviezen`
/// or `ontvangen_meldingen`.
struct RegistrationSplits {
  private let aard: Int
  private let aanvullend: Int
  private let vormKM: Int
  private let vormOM: Int
  private let rol: Int
  private let organisatie: Int
  private let groep: Int
  private let duur: Int

  init(_ layout: SlotLayout) throws {
    aard = try layout.offset(.aardGeweld)
    aanvullend = try layout.offset(.aanvullendeInformatie)
    vormKM = try layout.offset(.vormKM)
    vormOM = try layout.offset(.vormOM)
    rol = try layout.offset(.rol)
    organisatie = try layout.offset(.organisatie)
    groep = try layout.offset(.organisatieGroep)
    duur = try layout.offset(.duurGeweld)
  }

  /// Counts one registration in every shared split of the row at `base` of `tally` (the
  /// code sets as `CodeSet` bits).
  @inline(__always)
  func count(
    into tally: MeasureTally, row base: Int, aard aardBits: UInt64, aanvullend aanvullendBits: UInt64,
    vormKM vormKMBits: UInt64, vormOM vormOMBits: UInt64, rol rolCode: Rol,
    organisatie organisatieCode: Organisatie?, duur duurCode: DuurGeweld?
  ) {
    tally.bump(base + aard, bits: aardBits)
    tally.bump(base + aanvullend, bits: aanvullendBits)
    tally.bump(base + vormKM, bits: vormKMBits)
    tally.bump(base + vormOM, bits: vormOMBits)
    tally.bump(base + rol + Int(rolCode.rawValue))
    if let o = organisatieCode {
      tally.bump(base + organisatie + Int(o.rawValue))
      tally.bump(base + groep + Int(o.organisatieGroep.rawValue))
    }
    tally.bump(base + duur + Int((duurCode ?? .onbekend).rawValue))
  }
}
