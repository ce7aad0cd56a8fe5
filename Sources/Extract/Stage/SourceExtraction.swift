import Foundation
import Model
import Pipeline

/// read = accepted + rejected, for one file and entity (or `kenmerk`).
final class RecordTally {
  @exclusivity(unchecked) var read = 0
  @exclusivity(unchecked) var accepted = 0
  @exclusivity(unchecked) var rejected = 0
  @exclusivity(unchecked) var byRule: [RejectRule: Int] = [:]
}

/// The slot of an entity in per-entity arrays (`kenmerk`, the Kenmerken rows, is the last).
enum EntitySlot {
  static let count = Entity.allCases.count + 1
  static let kenmerk = Entity.allCases.count

  @inline(__always)
  static func of(_ e: Entity) -> Int {
    switch e {
    case .melding: 0
    case .betrokkene: 1
    case .dienst: 2
    case .overdracht: 3
    case .monitoring: 4
    case .huisverbod: 5
    case .advies: 6
    case .activiteit: 7
    case .maatregel: 8
    }
  }

  static func of(_ name: String) -> Int {
    Entity(rawValue: name).map(of) ?? kenmerk
  }

  static func name(_ slot: Int) -> String {
    slot == kenmerk ? "kenmerk" : Entity.allCases.first { of($0) == slot }!.rawValue
  }
}

/// Anything that takes pre-encoded staged rows: the `StagedWriter` of an entity.
protocol EncodedRowSink: AnyObject {
  func write(encodedRow: UnsafeRawBufferPointer) throws
  func close() throws
}

extension StagedWriter: EncodedRowSink {}

/// One source folder during one run: the id tables, the staged writers, the counts, the
/// warnings and the deferred records. The layout's reader (`CSVExportReader`,
/// `XMLExportReader`) feeds it records through `Lane`s; it validates, resolves references
/// and stages them.
///
/// Two tasks may run at once on different files (different entities): everything an entity
/// owns (its staged writer, its id claims, its files' counts) is touched by one task at a
/// time; what tasks share (file registry, counts registry, inputs) is behind `lock`; the
/// meldingen and their casussen are read only after every melding task has finished.
final class SourceExtraction: @unchecked Sendable {
  let settings: PipelineConfig.SourceSettings
  let layout: Layout
  /// `inputs/<region>/<folder>`.
  let folder: String
  let reference: ReferenceData
  let pseudonymKey: [UInt8]
  let log: Log
  private let stagingFolder: String
  private let lock = NSLock()

  private var writers = [EncodedRowSink?](repeating: nil, count: EntitySlot.count)
  private var claimSlots = [IdClaims?](repeating: nil, count: EntitySlot.count)
  /// Casus ids with at least one accepted melding.
  let casusWithMelding = IdTable(valueSize: 0)
  /// Accepted meldingen by their ordinal in the export (XML: nested betrokkenen refer to
  /// their enclosing melding, which may be a rejected duplicate of an accepted id).
  @exclusivity(unchecked) private var acceptedOrdinals: [UInt64] = []
  @exclusivity(unchecked) private(set) var meldingOrdinals = 0
  @exclusivity(unchecked) private var spoolFile: Spool?

  /// Files in the order registered, relative to the source folder.
  @exclusivity(unchecked) private(set) var files: [String] = []
  /// Per file, per entity slot.
  @exclusivity(unchecked) private var tallySlots: [RecordTally?] = []
  @exclusivity(unchecked) private(set) var inputs: [StageReport.InputFile] = []
  @exclusivity(unchecked) private var lanes: [Lane] = []
  /// The peildatum the export states (XML attribute), the latest of its files.
  @exclusivity(unchecked) var statedPeildatum: Day?

  init(
    settings: PipelineConfig.SourceSettings, layout: Layout, folder: String,
    reference: ReferenceData, pseudonymKey: [UInt8], log: Log, stagingFolder: String
  ) throws {
    self.settings = settings
    self.layout = layout
    self.folder = folder
    self.reference = reference
    self.pseudonymKey = pseudonymKey
    self.log = log
    self.stagingFolder = stagingFolder
    let dir = stagingFolder + "/" + settings.folder
    try FileSystem.makeDirectory(dir)
    for entity in settings.kind.entities {
      let path = StagedIndex.file(stagingFolder, source: settings.folder, entity: entity)
      writers[EntitySlot.of(entity)] = try Self.writer(entity, path: path)
      if EntitySchema.of(entity).idField != nil { claimSlots[EntitySlot.of(entity)] = IdClaims() }
    }
  }

  private static func writer(_ entity: Entity, path: String) throws -> EncodedRowSink {
    switch entity {
    case .melding: try StagedWriter<Melding>(path: path)
    case .betrokkene: try StagedWriter<Betrokkene>(path: path)
    case .dienst: try StagedWriter<Dienst>(path: path)
    case .overdracht: try StagedWriter<Overdracht>(path: path)
    case .monitoring: try StagedWriter<Monitoring>(path: path)
    case .huisverbod: try StagedWriter<Huisverbod>(path: path)
    case .advies: try StagedWriter<Advies>(path: path)
    case .activiteit: try StagedWriter<Activiteit>(path: path)
    case .maatregel: try StagedWriter<Maatregel>(path: path)
    }
  }

  /// A lane for the task at `order` (tasks are numbered in read order).
  func lane(_ order: Int) throws -> Lane {
    let parser = try ValueParser(layout: layout, reference: reference, aliases: settings.gemeenteAliases)
    let lane = try Lane(
      order: order, layout: layout, parser: parser, pseudonymiser: Pseudonymiser(key: pseudonymKey),
      rejectsPath: stagingFolder + "/.rejects-\(settings.folder)-\(order)")
    lock.lock()
    lanes.append(lane)
    lock.unlock()
    return lane
  }

  /// Closes the staged files and appends every lane's rejects, in task order, to `rejects`;
  /// returns the warnings in task order, each once.
  func finish(into rejects: RejectWriter) throws -> [String] {
    for e in settings.kind.entities { try writers[EntitySlot.of(e)]?.close() }
    var seen = Set<String>()
    var warnings: [String] = []
    for lane in lanes.sorted(by: { $0.order < $1.order }) {
      lane.progress.flush()
      try lane.rejects.close()
      try rejects.append(partAt: lane.rejects.path)
      for (key, text) in lane.warnings where !seen.contains(key) {
        seen.insert(key)
        warnings.append(text)
      }
    }
    if warnings.count > 200 {
      warnings = Array(warnings.prefix(200)) + ["\(settings.folder): \(warnings.count - 200) more warnings not shown"]
    }
    return warnings
  }

  /// The latest date of any accepted record.
  var latestDate: Day? { lanes.compactMap(\.latestDate).max() }

  // MARK: Files, counts, warnings

  /// Registers a file (relative to the source folder); returns its index.
  func file(_ name: String) -> Int {
    lock.lock()
    defer { lock.unlock() }
    if let i = files.firstIndex(of: name) { return i }
    files.append(name)
    return files.count - 1
  }

  func addInput(name: String, bytes: Int, sha256: String) {
    lock.lock()
    inputs.append(StageReport.InputFile(path: settings.folder + "/" + name, bytes: bytes, sha256: sha256))
    lock.unlock()
  }

  /// The counts of `file` and entity slot `slot` (created on first use).
  func tally(_ file: Int, slot: Int) -> RecordTally {
    lock.lock()
    defer { lock.unlock() }
    let i = file * EntitySlot.count + slot
    if i < tallySlots.count, let t = tallySlots[i] { return t }
    while tallySlots.count <= i { tallySlots.append(nil) }
    let t = RecordTally()
    tallySlots[i] = t
    return t
  }

  func tally(_ file: Int, _ entity: String) -> RecordTally { tally(file, slot: EntitySlot.of(entity)) }

  /// Every (file, entity) with a count, in file order then entity order.
  var countedPairs: [(file: Int, entity: String, tally: RecordTally)] {
    var out: [(Int, String, RecordTally)] = []
    for (i, t) in tallySlots.enumerated() {
      if let t { out.append((i / EntitySlot.count, EntitySlot.name(i % EntitySlot.count), t)) }
    }
    return out
  }

  /// The id claims of `entity` (nil for betrokkene).
  func claims(_ entity: Entity) -> IdClaims? { claimSlots[EntitySlot.of(entity)] }

  /// Ends the inserting into what other tasks look up once every record of `entity` is read:
  /// the accepted ids of `entity` and, for meldingen, the casussen with a melding. From then
  /// on several tasks may look them up at once (each through its lane's cursors).
  func freezeLookups(of entity: Entity) {
    claims(entity)?.table.freeze()
    if entity == .melding { casusWithMelding.freeze() }
  }

  /// The value (`IdClaims`' `UInt16`: for a melding the year of its ontvangstdatum) of the
  /// accepted `entity` with `id`, nil when there is none: through `lane`'s cursor, so that
  /// tasks may ask at once once the table is frozen.
  @inline(__always)
  func acceptedValue(_ entity: Entity, _ id: UnsafeRawBufferPointer, lane: Lane) -> UInt16? {
    let slot = EntitySlot.of(entity)
    guard let table = claimSlots[slot]?.table, let e = table.find(id, &lane.claimCursors[slot])
    else { return nil }
    let v = table.uint16(e)
    return v != 0 ? v : nil
  }

  func acceptedValue(_ entity: Entity, _ id: String, lane: Lane) -> UInt16? {
    var k = id
    return k.withUTF8 { acceptedValue(entity, UnsafeRawBufferPointer($0), lane: lane) }
  }

  /// True when casus `id` has an accepted melding (through `lane`'s cursor).
  func casusHasMelding(_ id: String, lane: Lane) -> Bool {
    casusWithMelding.find(id, &lane.casusCursor) != nil
  }

  /// A warning, once per `key` (a name, a column); logged at once, reported in task order.
  func warn(_ message: String, key: String? = nil, lane: Lane) {
    let k = key ?? message
    guard !lane.warnings.contains(where: { $0.key == k }) else { return }
    let text = Redaction.redact("\(settings.folder): \(message)")
    lane.warnings.append((k, text))
    if lane.warnings.count <= 50 { log.warning(text) }
  }

  // MARK: Records

  /// Writes a rejection into the lane's rejects and counts it.
  func reject(
    _ r: Rejection, entity: String, id: String?, file: Int, line: Int?, element: String?, lane: Lane
  ) throws {
    let location = RejectWriter.Location(
      source: settings.folder, file: files[file], line: line, element: element)
    try lane.rejects.write(location, entity: entity, id: id, r)
    let t = tally(file, entity)
    t.rejected += 1
    lane.progress.tick()
    t.byRule[r.rule, default: 0] += 1
  }

  /// Counts a record read (every record read is then accepted or rejected).
  func countRead(_ file: Int, _ entity: String) { tally(file, entity).read += 1 }

  /// The id shown with a rejection: the record's first field (its id, or a betrokkene's
  /// melding_id), unless that field is what is wrong.
  private func rejectID(_ p: RecordParser, _ r: Rejection) -> String? {
    if r.field == p.name(0) && (r.rule == .missingRequired || r.rule == .badValue) { return nil }
    return p.raw(0).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Maps, checks and stages one record read from a file whose references are all known
  /// (CSV: meldingen are read before what refers to them).
  @inline(__always)
  func take<M: EntityMapping>(
    _: M.Type, _ p: RecordParser, file: Int, line: Int?, tally: RecordTally, lane: Lane
  ) throws {
    tally.read += 1
    let claims = claimSlots[EntitySlot.of(M.entity)]
    let record: M.Record
    do throws(Rejection) {
      record = try M.map(p, MappingContext(claims: claims, pseudonymiser: lane.pseudonymiser))
      switch M.reference(record) {
      case .none:
        break
      case .melding(let id):
        guard let year = acceptedValue(.melding, id, lane: lane) else {
          throw Rejection(.danglingMelding, field: "melding_id", value: id, "no accepted melding with this id")
        }
        try M.check(record, meldingYear: Int(year))
      case .casus(let id):
        guard casusHasMelding(id, lane: lane) else {
          throw Rejection(.danglingCasus, field: "casus_id", value: id, "no accepted melding of this casus")
        }
      }
    } catch {
      try reject(
        error, entity: M.entity.rawValue, id: rejectID(p, error), file: file, line: line,
        element: nil, lane: lane)
      return
    }
    try stage(M.self, record, tally: tally, lane: lane)
  }

  @inline(__always)
  private func stage<M: EntityMapping>(
    _: M.Type, _ record: M.Record, tally: RecordTally, lane: Lane, ordinal: Int? = nil
  ) throws {
    let encoder = lane.encoder
    encoder.reset()
    M.encode(record, encoder)
    encoder.newline()
    let slot = EntitySlot.of(M.entity)
    try writers[slot]!.write(encodedRow: encoder.bytes)
    claimSlots[slot]?.accept(M.claimValue(record))
    if let casus = M.casus(record) {
      _ = casusWithMelding.insert(casus)
      if let ordinal { markAccepted(ordinal: ordinal) }
    }
    lane.accepted(tally, latest: M.latestDate(record))
  }

  // MARK: XML: direct and deferred records

  /// A new melding ordinal (XML).
  func nextMeldingOrdinal() -> Int {
    meldingOrdinals += 1
    return meldingOrdinals - 1
  }

  private func markAccepted(ordinal: Int) {
    let word = ordinal >> 6
    while acceptedOrdinals.count <= word { acceptedOrdinals.append(0) }
    acceptedOrdinals[word] |= 1 << UInt64(ordinal & 63)
  }

  private func isAccepted(ordinal: Int) -> Bool {
    let word = ordinal >> 6
    return word < acceptedOrdinals.count && acceptedOrdinals[word] & (1 << UInt64(ordinal & 63)) != 0
  }

  /// Maps and stages a record that refers to nothing (XML melding, advies, activiteit,
  /// huisverbod); a melding keeps its ordinal.
  func takeDirect<M: EntityMapping>(
    _: M.Type, _ p: RecordParser, file: Int, line: Int?, element: () -> String, ordinal: Int?,
    tally: RecordTally, lane: Lane
  ) throws {
    tally.read += 1
    let record: M.Record
    do throws(Rejection) {
      record = try M.map(p, MappingContext(claims: claims(M.entity), pseudonymiser: lane.pseudonymiser))
    } catch {
      try reject(
        error, entity: M.entity.rawValue, id: rejectID(p, error), file: file, line: line,
        element: element(), lane: lane)
      return
    }
    try stage(M.self, record, tally: tally, lane: lane, ordinal: ordinal)
  }

  /// Where a deferred XML record's melding is: its enclosing melding (by ordinal, with the
  /// year of its ontvangstdatum when that was a date), or none.
  struct EnclosingMelding {
    var ordinal: Int
    var year: Int
  }

  private func spool() throws -> Spool {
    if let s = spoolFile { return s }
    let s = try Spool(path: stagingFolder + "/.spool-\(settings.folder)")
    spoolFile = s
    return s
  }

  /// Maps a record whose references are known only at the end of the export and keeps it
  /// (encoded) until `replayDeferred`.
  func takeDeferred<M: EntityMapping>(
    _: M.Type, _ p: RecordParser, file: Int, line: Int?, path: [UInt64],
    enclosing: EnclosingMelding?, tally: RecordTally, lane: Lane
  ) throws {
    tally.read += 1
    let record: M.Record
    do throws(Rejection) {
      record = try M.map(p, MappingContext(claims: claims(M.entity), pseudonymiser: lane.pseudonymiser))
    } catch {
      try reject(
        error, entity: M.entity.rawValue, id: rejectID(p, error), file: file, line: line,
        element: pathRenderer?(path), lane: lane)
      return
    }
    let encoder = lane.encoder
    encoder.reset()
    M.encode(record, encoder)
    encoder.newline()
    let reference = M.reference(record)
    let latest = M.latestDate(record)
    let geboortejaar = M.geboortejaar(record)
    try spool().append { w in
      w.u8(0)
      w.u8(UInt8(EntitySlot.of(M.entity)))
      w.u32(UInt32(file))
      w.u32(UInt32(line ?? 0))
      switch (reference, enclosing) {
      case (.melding(let id), let enclosing?):
        w.u8(1)
        w.text(id)
        w.u64(UInt64(enclosing.ordinal))
        w.u32(UInt32(enclosing.year))
      case (.melding(let id), nil):
        w.u8(2)
        w.text(id)
      case (.casus(let id), _):
        w.u8(3)
        w.text(id)
      case (.none, _):
        w.u8(0)
      }
      w.i32(Int32(geboortejaar))
      w.i32(latest.ordinal)
      w.u32(UInt32(path.count))
      for step in path { w.u64(step) }
      w.data(p.raw(0) ?? UnsafeRawBufferPointer(start: nil, count: 0))
      w.data(encoder.bytes)
    }
  }

  /// A Kenmerken row that is valid on its own; accepted at the end when its registration is.
  func deferKenmerk(
    file: Int, line: Int, soort: Entity, registratie: UnsafeRawBufferPointer, field: String,
    waarde: UnsafeRawBufferPointer
  ) throws {
    try spool().append { w in
      w.u8(1)
      w.u8(UInt8(EntitySlot.of(soort)))
      w.u32(UInt32(file))
      w.u32(UInt32(line))
      w.data(registratie)
      w.text(field)
      w.data(waarde)
    }
  }

  /// Decides every deferred record, in the order read, now that every melding, advies and
  /// casus of the export is known.
  /// Renders a spooled element path (set by the XML reader).
  var pathRenderer: (([UInt64]) -> String)?

  func replayDeferred(lane: Lane, renderPath: (([UInt64]) -> String)? = nil) throws {
    guard let s = spoolFile else { return }
    spoolFile = nil
    let entities = Entity.allCases.sorted { EntitySlot.of($0) < EntitySlot.of($1) }
    try s.replay { r in
      let kind = r.u8()
      let entity = entities[Int(r.u8())]
      let file = Int(r.u32())
      let lineValue = Int(r.u32())
      let line: Int? = lineValue == 0 ? nil : lineValue
      if kind == 1 {
        let registratie = r.data()
        // Bytes: a `String` is made only for a rejection (most rows are accepted).
        let fieldBytes = r.data()
        let waarde = r.data()
        if acceptedValue(entity, registratie, lane: lane) != nil {
          lane.accepted(tally(file, slot: EntitySlot.kenmerk), latest: nil)
        } else {
          let registratie = String(decoding: registratie, as: UTF8.self)
          let field = String(decoding: fieldBytes, as: UTF8.self)
          let waarde = String(decoding: waarde, as: UTF8.self)
          try reject(
            Rejection(
              .danglingRegistration, field: "registratie_id", value: registratie,
              "no accepted \(entity.rawValue) with this id (kenmerk \(field) = \"\(waarde)\")"),
            entity: "kenmerk", id: registratie, file: file, line: line, element: nil, lane: lane)
        }
        return
      }
      let refKind = r.u8()
      var rejection: Rejection? = nil
      var meldingYear: Int? = nil
      switch refKind {
      case 1:
        let id = r.text()
        let ordinal = Int(r.u64())
        let year = Int(r.u32())
        if isAccepted(ordinal: ordinal) {
          meldingYear = year
        } else {
          rejection = Rejection(.danglingMelding, field: "melding_id", value: id, "its melding was not accepted")
        }
      case 2:
        let id = r.text()
        if let y = acceptedValue(.melding, id, lane: lane) {
          meldingYear = Int(y)
        } else {
          rejection = Rejection(.danglingMelding, field: "melding_id", value: id, "no accepted melding with this id")
        }
      case 3:
        let id = r.text()
        if !casusHasMelding(id, lane: lane) {
          rejection = Rejection(.danglingCasus, field: "casus_id", value: id, "no accepted melding of this casus")
        }
      default:
        break
      }
      let geboortejaar = Int(r.i32())
      let latest = Day(ordinal: r.i32())
      let stepCount = Int(r.u32())
      let stepBytes = r.skip(8 * stepCount)
      let id = r.text()
      let row = r.data()
      func element() -> String {
        var steps: [UInt64] = []
        for k in 0..<stepCount { steps.append(UInt64(littleEndian: stepBytes.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self))) }
        return renderPath?(steps) ?? ""
      }
      if rejection == nil, let year = meldingYear, geboortejaar != 0, geboortejaar > year {
        rejection = Rejection(
          .badValue, field: "geboortejaar", value: String(geboortejaar),
          "after the year of the melding (\(year))")
      }
      if let rejection {
        try reject(rejection, entity: entity.rawValue, id: id, file: file, line: line, element: element(), lane: lane)
      } else {
        try writers[EntitySlot.of(entity)]!.write(encodedRow: row)
        lane.accepted(tally(file, slot: EntitySlot.of(entity)), latest: latest.ordinal == Int32.min ? nil : latest)
      }
    }
  }

  /// Bytes of other tables by id (the Kenmerken join), for the log.
  @exclusivity(unchecked) var otherIdBytes = 0

  /// Bytes held by the id tables (for the log and the benchmark).
  var idTableBytes: Int {
    claimSlots.compactMap { $0 }.reduce(casusWithMelding.memoryBytes) { $0 + $1.table.memoryBytes }
      + acceptedOrdinals.count * 8 + otherIdBytes
  }

  var idCount: Int { claimSlots.compactMap { $0 }.reduce(casusWithMelding.count) { $0 + $1.table.count } }
}
