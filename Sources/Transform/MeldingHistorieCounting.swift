import Foundation
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
/// The second pass is skipped when no pseudonym occurs in two casussen. Both passes read the
/// file in parts (`StagedTable.parts`) on two threads: in the first, the thread that counted
/// the casussen takes the parts that are left once it is done (`FirstPass.help`) and what it
/// learnt is merged into the rest (`PseudonymHistory.absorb`); the second only reads what the
/// first learnt, so it reads half the parts on each core, each thread marking the
/// hermeldingen it finds in a bit set of its own.
struct MeldingHistorieCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  /// Parts the betrokkenen file is read in: enough for the helper to join late.
  static let parts = 8

  /// The first pass over the betrokkenen, in parts taken by whichever thread is free: the
  /// melding history's own thread and, once it is done with its own work, a helper.
  final class FirstPass: @unchecked Sendable {
    let table: StagedTable<Betrokkene>
    let parts: [LineReader.Part]
    let meldingColumn: Int
    let pseudonymColumn: Int
    private let ids: IDTable
    private let casus: [Int32]
    private let day: [Int32]
    private let condition = NSCondition()
    private var nextPart = 0
    private var helpers = 0
    private var learntByHelpers: [Learnt] = []
    private var failure: Error?

    /// What the parts a thread read taught it.
    struct Learnt {
      var history = PseudonymHistory()
      /// Bit m: melding m has a betrokkene with a pseudonym.
      var withPseudonym: [UInt64]
      var rows = 0
    }

    init(_ context: SourceCounting, _ meldingen: MeldingTable) throws {
      meldingColumn = try SourceCounting.column("melding_id", of: Betrokkene.self)
      pseudonymColumn = try SourceCounting.column("pseudonym", of: Betrokkene.self)
      table = StagedTable<Betrokkene>(path: context.path(.betrokkene))
      parts = try table.parts(MeldingHistorieCounting.parts)
      ids = meldingen.ids
      casus = meldingen.casus
      day = meldingen.day
    }

    /// For a thread done with its own work: reads the parts that are left, if any, for
    /// `learnt()` to merge.
    func help() {
      condition.lock()
      guard nextPart < parts.count && failure == nil else {
        condition.unlock()
        return
      }
      helpers += 1
      condition.unlock()
      var learnt = Learnt(withPseudonym: [UInt64](repeating: 0, count: (casus.count + 63) / 64))
      read(into: &learnt)
      condition.lock()
      learntByHelpers.append(learnt)
      helpers -= 1
      condition.broadcast()
      condition.unlock()
    }

    /// Reads parts until none is left, then waits for the helpers: everything learnt.
    func learnt() throws -> Learnt {
      var learnt = Learnt(withPseudonym: [UInt64](repeating: 0, count: (casus.count + 63) / 64))
      read(into: &learnt)
      condition.lock()
      while helpers > 0 { condition.wait() }
      let failure = failure
      let others = learntByHelpers
      condition.unlock()
      if let failure { throw failure }
      for other in others {
        learnt.history.absorb(other.history)
        for w in learnt.withPseudonym.indices { learnt.withPseudonym[w] |= other.withPseudonym[w] }
        learnt.rows += other.rows
      }
      return learnt
    }

    /// Reads the parts this thread can claim, until none is left or one failed.
    private func read(into learnt: inout Learnt) {
      while true {
        condition.lock()
        guard nextPart < parts.count && failure == nil else {
          condition.unlock()
          return
        }
        let part = parts[nextPart]
        nextPart += 1
        condition.unlock()
        do {
          var last = -1
          learnt.rows += try table.forEachRow(in: part) { row in
            let m = try MeldingHistorieCounting.melding(row, meldingColumn, ids, last: &last)
            guard let p = try row.optionalPseudonym(pseudonymColumn) else { return }
            learnt.withPseudonym[m >> 6] |= 1 << UInt64(m & 63)
            learnt.history.record(p, casus: casus[m], day: day[m])
          }
        } catch {
          condition.lock()
          if self.failure == nil { self.failure = error }
          condition.unlock()
          return
        }
      }
    }
  }

  /// The melding history of `meldingen`, with `firstPass` (made for them) perhaps helped by
  /// another thread; `historie` gives `MeldingTable.historie` (`countOntvangen`, perhaps
  /// still being counted on another thread) when it is needed, at the end.
  func run(
    _ meldingen: inout MeldingTable, _ firstPass: FirstPass, historie: () throws -> [Int32]
  ) throws {
    let learnt = try firstPass.learnt()
    for w in learnt.withPseudonym.indices {
      var word = learnt.withPseudonym[w]
      while word != 0 {
        meldingen.flags[w << 6 | word.trailingZeroBitCount] |= 1
        word &= word - 1
      }
    }
    context.read(.betrokkene, rows: learnt.rows)
    var history = learnt.history

    if history.someOccurInSeveralCasussen {
      history.seal()
      let (ids, casus, day, count) = (meldingen.ids, meldingen.casus, meldingen.day, meldingen.count)
      let sealed = history
      let (table, parts) = (firstPass.table, firstPass.parts)
      let (meldingColumn, pseudonymColumn) = (firstPass.meldingColumn, firstPass.pseudonymColumn)
      @Sendable func hermeldingen(_ range: Range<Int>) throws -> [UInt64] {
        var found = [UInt64](repeating: 0, count: (count + 63) / 64)
        for part in parts[range] {
          var last = -1
          try table.forEachRow(in: part) { row in
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
        }
        return found
      }
      let half = parts.count / 2
      let second = BackgroundValue { try hermeldingen(half..<parts.count) }
      let first = Result { try hermeldingen(0..<half) }
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

    meldingen.historie = try historie()
    guard meldingen.historie.count == meldingen.count else {
      throw PipelineError.internal(
        "\(context.path(.melding)): \(meldingen.historie.count) meldingen counted, \(meldingen.count) read")
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
