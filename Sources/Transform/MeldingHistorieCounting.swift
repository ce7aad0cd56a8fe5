import Model
import Pipeline

/// The melding_historie split of `ontvangen_meldingen` (`measures.md`; CBS 85361NED), decided
/// per melding in this order:
/// 1. a registered vervolgmelding other than `nee`: `vervolgmelding_<phase>`;
/// 2. no betrokkene of the melding has a bsn pseudonym: `niet_ingedeeld`;
/// 3. a betrokkene's pseudonym occurs in a melding of **another** casus with an **earlier**
///    ontvangstdatum: `hermelding`;
/// 4. otherwise `eerste_melding`.
///
/// The betrokkenen are read twice: first to learn, per pseudonym, the earliest date per
/// casus (`PseudonymHistory`), then to test every betrokkene of every melding against it.
/// The second pass is skipped when no pseudonym occurs in two casussen.
struct MeldingHistorieCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run(_ meldingen: inout MeldingTable) throws {
    let meldingColumn = try SourceCounting.column("melding_id", of: Betrokkene.self)
    let pseudonymColumn = try SourceCounting.column("pseudonym", of: Betrokkene.self)
    let table = StagedTable<Betrokkene>(path: context.path(.betrokkene))
    var history = PseudonymHistory()

    // Betrokkenen usually follow their melding: try the previous row's melding and the next.
    var last = -1
    func melding(_ row: StagedRow) throws -> Int {
      let id = try row.id(meldingColumn)
      guard let m = meldingen.ids.find(id, hint: last) else {
        throw PipelineError.internal(
          "\(row.path):\(row.number): melding_id \"\(String(decoding: id, as: UTF8.self))\" is not among the meldingen"
        )
      }
      last = m
      return m
    }

    let rows = try table.forEachRow { row in
      let m = try melding(row)
      guard let p = try row.optionalPseudonym(pseudonymColumn) else { return }
      meldingen.flags[m] |= 1
      history.record(p, casus: meldingen.casus[m], day: meldingen.day[m])
    }
    context.read(.betrokkene, rows: rows)

    if history.someOccurInSeveralCasussen {
      history.seal()
      last = -1
      try table.forEachRow { row in
        // A pseudonym seen in one casus only cannot make any melding a hermelding.
        guard let p = try row.optionalPseudonym(pseudonymColumn),
          let entry = history.severalCasussen(p)
        else { return }
        let m = try melding(row)
        if meldingen.flags[m] & 2 == 0
          && PseudonymHistory.occursEarlier(
            entry, inCasusOtherThan: meldingen.casus[m], before: meldingen.day[m])
        {
          meldingen.flags[m] |= 2
        }
      }
    }

    let ontvangen = try context.tally(Measures.ontvangenMeldingen)
    for m in 0..<meldingen.count {
      let category = Self.category(
        vervolgmelding: meldingen.vervolgmelding[m], hasPseudonym: meldingen.flags[m] & 1 != 0,
        hermelding: meldingen.flags[m] & 2 != 0)
      ontvangen.bump(Int(meldingen.historie[m]) + Int(category.rawValue))
    }
  }

  /// The melding_historie category of one melding.
  static func category(vervolgmelding: Vervolgmelding, hasPseudonym: Bool, hermelding: Bool)
    -> MeldingHistorie
  {
    switch vervolgmelding {
    case .tijdens_veiligheidsbeoordeling: return .vervolgmelding_tijdens_veiligheidsbeoordeling
    case .na_veiligheidsbeoordeling: return .vervolgmelding_na_veiligheidsbeoordeling
    case .tijdens_monitoring: return .vervolgmelding_tijdens_monitoring
    case .nee: break
    }
    if !hasPseudonym { return .niet_ingedeeld }
    return hermelding ? .hermelding : .eerste_melding
  }
}
