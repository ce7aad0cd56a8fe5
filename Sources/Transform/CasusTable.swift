import Model

/// What the counting keeps per casus, in parallel arrays indexed by casus number:
/// - its earliest accepted melding (lowest ontvangstdatum, ties by lowest melding_id
///   byte-wise) and that melding's gemeente as registered: the **gemeente of the casus**
///   (`model.md`), where its diensten, overdrachten and monitoring count;
/// - the union of aard_geweld and aanvullende_informatie over all its meldingen, whatever
///   their period: the categories of casus-based measures (`measures.md`);
/// - the distinct (month, gemeente) pairs where it had a melding, and where one of its
///   meldingen had its eerste contact: enough to count distinct casussen per period and
///   level without keeping the meldingen.
struct CasusTable {
  var ids = IDTable()
  private(set) var firstDay: [Int32] = []
  private(set) var firstMelding: [Int32] = []
  private(set) var gemeente: [GemeenteCode] = []
  private(set) var aard: [UInt32] = []
  private(set) var aanvullend: [UInt32] = []
  /// First entry of the casus's list of (month, region, kind), or -1.
  private(set) var head: [Int32] = []
  private var entryValue: [UInt64] = []
  private var entryNext: [Int32] = []

  var count: Int { firstDay.count }

  /// The kinds of (month, region) entries.
  enum EntryKind: UInt64 {
    /// A melding received in that month, in that gemeente.
    case melding = 0
    /// A melding whose eerste_contact_datum lies in that month, counted in that gemeente.
    case eersteContact = 1
  }

  /// Registers melding `melding` (its id `meldingID`) of the casus `casusID`; returns the
  /// casus number.
  mutating func add(
    casusID: UnsafeRawBufferPointer, melding: Int, meldingID: UnsafeRawBufferPointer,
    meldingIDs: IDTable, day: Day, gemeente code: GemeenteCode, aard aardBits: UInt64,
    aanvullend aanvullendBits: UInt64
  ) -> Int {
    let (c, isNew) = ids.intern(casusID)
    if isNew {
      firstDay.append(day.ordinal)
      firstMelding.append(Int32(truncatingIfNeeded: melding))
      gemeente.append(code)
      aard.append(UInt32(truncatingIfNeeded: aardBits))
      aanvullend.append(UInt32(truncatingIfNeeded: aanvullendBits))
      head.append(-1)
      return c
    }
    if day.ordinal < firstDay[c]
      || (day.ordinal == firstDay[c]
        && meldingIDs.compare(Int(firstMelding[c]), meldingID) > 0)
    {
      firstDay[c] = day.ordinal
      firstMelding[c] = Int32(truncatingIfNeeded: melding)
      gemeente[c] = code
    }
    aard[c] |= UInt32(truncatingIfNeeded: aardBits)
    aanvullend[c] |= UInt32(truncatingIfNeeded: aanvullendBits)
    return c
  }

  /// Notes that casus `c` counts in `month` and `region` as `kind` (once, however often).
  mutating func note(_ c: Int, _ month: PeriodKey, _ region: UInt16, _ kind: EntryKind) {
    let value = UInt64(month.packed) << 17 | UInt64(region) << 1 | kind.rawValue
    var e = head[c]
    while e >= 0 {
      if entryValue[Int(e)] == value { return }
      e = entryNext[Int(e)]
    }
    entryValue.append(value)
    entryNext.append(head[c])
    head[c] = Int32(truncatingIfNeeded: entryValue.count - 1)
  }

  /// Calls `body` with every (month, region) entry of casus `c` of `kind`.
  @inline(__always)
  func forEachEntry(_ c: Int, _ kind: EntryKind, _ body: (PeriodKey, UInt16) -> Void) {
    var e = head[c]
    while e >= 0 {
      let v = entryValue[Int(e)]
      if v & 1 == kind.rawValue {
        body(PeriodKey(packed: UInt32(v >> 17)), UInt16(truncatingIfNeeded: v >> 1))
      }
      e = entryNext[Int(e)]
    }
  }

  /// Drops the (month, region) lists once the casus measures are counted.
  mutating func dropEntries() {
    entryValue = []
    entryNext = []
    head = []
  }
}
