import Model
import Pipeline

/// The accepted records of one period that go into the CBS submission, in file order.
///
/// A record belongs to the period holding its counting date: an advies its startdatum, a
/// melding its ontvangstdatum, a betrokkene the ontvangstdatum of its melding, a dienst and
/// monitoring their startdatum, an overdracht its datum, a huisverbod its beoordelingsdatum.
/// It carries its state on the peildatum (an einddatum or uitkomst known by then).
/// Each kind is sorted byte-wise by id (betrokkenen by melding_id, keeping file order
/// within a melding), so the file depends on the records, not on how the export was split.
public struct SubmissionRecords: Sendable {
  public let period: Period
  public var adviezen: [Advies] = []
  public var meldingen: [Melding] = []
  public var betrokkenen: [Betrokkene] = []
  public var diensten: [Dienst] = []
  public var overdrachten: [Overdracht] = []
  public var monitoring: [Monitoring] = []
  public var huisverboden: [Huisverbod] = []

  public init(period: Period) { self.period = period }

  /// The number of records of each body record type, in layout order.
  public var counts: [Int] {
    [
      adviezen.count, meldingen.count, betrokkenen.count, diensten.count, overdrachten.count,
      monitoring.count, huisverboden.count,
    ]
  }

  /// The staged fields of every record of `entity`, in file order.
  public func rows(_ entity: Entity) -> [[String]] {
    switch entity {
    case .advies: return adviezen.map(\.stagedFields)
    case .melding: return meldingen.map(\.stagedFields)
    case .betrokkene: return betrokkenen.map(\.stagedFields)
    case .dienst: return diensten.map(\.stagedFields)
    case .overdracht: return overdrachten.map(\.stagedFields)
    case .monitoring: return monitoring.map(\.stagedFields)
    case .huisverbod: return huisverboden.map(\.stagedFields)
    case .activiteit, .maatregel: return []
    }
  }

  /// The ontvangstdatum of each melding of the period, by melding_id.
  public var meldingDates: [String: Day] {
    Dictionary(meldingen.map { ($0.id, $0.ontvangstdatum) }, uniquingKeysWith: { a, _ in a })
  }

  mutating func sort() {
    func before(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
    adviezen.sort { before($0.id, $1.id) }
    meldingen.sort { before($0.id, $1.id) }
    // Stable: betrokkenen of one melding keep their file order.
    betrokkenen = betrokkenen.enumerated().sorted {
      before($0.element.meldingID, $1.element.meldingID)
        || ($0.element.meldingID == $1.element.meldingID && $0.offset < $1.offset)
    }.map(\.element)
    diensten.sort { before($0.id, $1.id) }
    overdrachten.sort { before($0.id, $1.id) }
    monitoring.sort { before($0.id, $1.id) }
    huisverboden.sort { before($0.id, $1.id) }
  }

  /// Reads the staged Veilig Thuis records of `periods` from the staged folder `directory`,
  /// with the casus index over every record. Streams each file once.
  public static func read(
    stagedDirectory directory: String, periods: [Period]
  ) throws -> (records: [SubmissionRecords], casussen: CasusIndex, index: StagedIndex) {
    let index = try JSONFiles.read(StagedIndex.self, from: directory + "/index.json")
    guard index.format == StagedIndex.format, index.version == StagedFormat.version else {
      throw PipelineError.internal(
        "\(directory)/index.json: format \(index.format)/\(index.version), expected "
          + "\(StagedIndex.format)/\(StagedFormat.version) (rerun vt-extract)")
    }
    let sources = index.sources.filter { $0.kind == .veiligThuis }
    guard !sources.isEmpty else {
      throw PipelineError.config(
        "\(directory)/index.json: no veilig-thuis source: the CBS submission needs one")
    }
    var records = periods.map { SubmissionRecords(period: $0) }
    var casussen = CasusIndex()
    func slot(_ day: Day) -> Int? { periods.firstIndex { $0.contains(day) } }
    var meldingSlot: [String: Int] = [:]
    for source in sources {
      func file(_ e: Entity) -> String {
        StagedIndex.file(directory, source: source.folder, entity: e)
      }
      try StagedReader<Melding>(path: file(.melding)).forEach { m in
        casussen.add(m)
        if let s = slot(m.ontvangstdatum) {
          records[s].meldingen.append(m)
          meldingSlot[m.id] = s
        }
      }
      try StagedReader<Betrokkene>(path: file(.betrokkene)).forEach { b in
        if let s = meldingSlot[b.meldingID] { records[s].betrokkenen.append(b) }
      }
      try StagedReader<Dienst>(path: file(.dienst)).forEach { d in
        casussen.add(d)
        if let s = slot(d.startdatum) { records[s].diensten.append(d) }
      }
      try StagedReader<Overdracht>(path: file(.overdracht)).forEach { o in
        casussen.add(o)
        if let s = slot(o.datum) { records[s].overdrachten.append(o) }
      }
      try StagedReader<Monitoring>(path: file(.monitoring)).forEach { m in
        casussen.add(m)
        if let s = slot(m.startdatum) { records[s].monitoring.append(m) }
      }
      try StagedReader<Huisverbod>(path: file(.huisverbod)).forEach { h in
        if let s = slot(h.beoordelingsdatum) { records[s].huisverboden.append(h) }
      }
      try StagedReader<Advies>(path: file(.advies)).forEach { a in
        if let s = slot(a.startdatum) { records[s].adviezen.append(a) }
      }
    }
    for i in records.indices { records[i].sort() }
    return (records, casussen, index)
  }
}
