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
/// The second pass is skipped when no pseudonym occurs in two casussen; it only reads what
/// the first one learnt, so it reads the file in two parts at once, one per core (by then the
/// other line of work of `VeiligThuisCounting` is done or nearly), each marking the
/// hermeldingen it finds in a bit set of its own.
struct MeldingHistorieCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run(_ meldingen: inout MeldingTable) throws {
    let meldingColumn = try SourceCounting.column("melding_id", of: Betrokkene.self)
    let pseudonymColumn = try SourceCounting.column("pseudonym", of: Betrokkene.self)
    let table = StagedTable<Betrokkene>(path: context.path(.betrokkene))
    var history = PseudonymHistory()

    var last = -1
    let rows = try table.forEachRow { row in
      let m = try Self.melding(row, meldingColumn, meldingen.ids, last: &last)
      guard let p = try row.optionalPseudonym(pseudonymColumn) else { return }
      meldingen.flags[m] |= 1
      history.record(p, casus: meldingen.casus[m], day: meldingen.day[m])
    }
    context.read(.betrokkene, rows: rows)

    if history.someOccurInSeveralCasussen {
      history.seal()
      let (ids, casus, day, count) = (meldingen.ids, meldingen.casus, meldingen.day, meldingen.count)
      let sealed = history
      @Sendable func hermeldingen(part: Int) throws -> [UInt64] {
        var found = [UInt64](repeating: 0, count: (count + 63) / 64)
        var last = -1
        try table.forEachRow(part: part, of: 2) { row in
          // A pseudonym seen in one casus only cannot make any melding a hermelding.
          guard let p = try row.optionalPseudonym(pseudonymColumn),
            let entry = sealed.severalCasussen(p)
          else { return }
          let m = try Self.melding(row, meldingColumn, ids, last: &last)
          let bit: UInt64 = 1 << UInt64(m & 63)
          if found[m >> 6] & bit == 0
            && PseudonymHistory.occursEarlier(entry, inCasusOtherThan: casus[m], before: day[m])
          {
            found[m >> 6] |= bit
          }
        }
        return found
      }
      let second = BackgroundValue { try hermeldingen(part: 1) }
      let first = Result { try hermeldingen(part: 0) }
      let other = try second.wait()
      let mine = try first.get()
      for w in 0..<mine.count {
        var word = mine[w] | other[w]
        while word != 0 {
          meldingen.flags[w << 6 | word.trailingZeroBitCount] |= 2
          word &= word - 1
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

  /// The number of the melding of betrokkene `row`. Betrokkenen usually follow their melding:
  /// the previous row's melding and the next are tried first (`last`).
  static func melding(_ row: StagedRow, _ column: Int, _ ids: IDTable, last: inout Int) throws
    -> Int
  {
    let id = try row.id(column)
    guard let m = ids.find(id, hint: last) else {
      throw PipelineError.internal(
        "\(row.path):\(row.number): melding_id \"\(String(decoding: id, as: UTF8.self))\" is not among the meldingen"
      )
    }
    last = m
    return m
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
