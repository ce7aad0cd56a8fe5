import Foundation
import Model
import Pipeline

/// Reads an export in a CSV layout (`vt-csv`, `regas-csv`, `jb-csv` or any layout with
/// `reader: csv`): the Kenmerken file first (its rows are joined onto their registration),
/// then one file per entity in `Entity` order, so every melding is known before the
/// betrokkenen, diensten, overdrachten and monitoring that refer to it; once the meldingen
/// and adviezen are read, the Kenmerken rows are decided against the accepted registrations
/// (on one worker while the other reads what remains).
struct CSVExportReader {
  let settings: Layout.CSVSettings
  /// Decompressed chunk size (tests make it tiny to exercise the boundaries).
  var chunkSize = 1 << 18
  /// Files read at once.
  var workers = 2

  /// Rows per batch handed from a reading thread to the one that stages them (Kenmerken,
  /// betrokkenen): 4096, fewer with the tiny chunks of the tests, so that they cross batch
  /// boundaries too.
  var batchRows: Int { max(1, min(4096, chunkSize >> 6)) }

  /// The files this reader will read, for the warnings about the rest.
  func claimedFiles(_ layout: Layout, _ folder: ExportFolder) throws -> [String] {
    var out: [String] = []
    if let k = layout.kenmerken { out += try folder.matching(k.file) }
    for e in layout.entities { out += try folder.matching(e.file!) }
    return out
  }

  func read(_ run: SourceExtraction, folder: ExportFolder) throws {
    let layout = run.layout
    var order = 0
    var joins: KenmerkenJoin? = nil
    if let k = layout.kenmerken {
      let lane = try run.lane(order)
      order += 1
      let join = try KenmerkenJoin(layout: k, parser: lane.parser)
      for name in try folder.matching(k.file) {
        try readKenmerken(name, folder: folder, run: run, join: join, lane: lane)
      }
      joins = join
    }
    let shared = joins
    // One task per entity: the files of an entity are read in order, by one worker, so
    // the first occurrence of an id is the first in byte-wise file order.
    var tasks: [FileTasks.Task] = []
    for e in layout.entities {
      let files = try folder.matching(e.file!)
      if files.isEmpty {
        run.log.info("\(run.settings.folder): no \(e.file!) — no records of \(e.entity.rawValue)")
        continue
      }
      let taskOrder = order
      order += 1
      let indexed = files.map { ($0, run.file($0)) }
      let entity = e.entity
      tasks.append(
        FileTasks.Task(
          order: taskOrder, reads: entity,
          needs: [.betrokkene, .dienst, .overdracht, .monitoring].contains(entity) ? [.melding] : []
        ) {
          let lane = try run.lane(taskOrder)
          for (name, fileIndex) in indexed {
            try self.readFile(entity, name, fileIndex, folder, run, shared, lane)
          }
          // What the tasks that wait for this one look up, read-only from now on.
          if entity == .melding || entity == .advies { run.freezeLookups(of: entity) }
        })
    }
    // The Kenmerken rows, held until the registrations they belong to are decided: a task of
    // its own once the meldingen and adviezen are read, beside the files that remain (the
    // betrokkenen, mostly), instead of on one core after all of them. Same lane order as
    // before, so the same rejects file.
    let replayOrder = order
    if shared != nil {
      tasks.append(
        FileTasks.Task(order: replayOrder, reads: nil, needs: [.melding, .advies]) {
          try run.replayDeferred(lane: try run.lane(replayOrder))
        })
    }
    try FileTasks.run(tasks, workers: workers)
    run.otherIdBytes = joins?.memoryBytes ?? 0
    if shared == nil { try run.replayDeferred(lane: try run.lane(replayOrder)) }
  }

  // MARK: Header

  /// The header row: the column of every mapped field (-1 when absent), after checking that
  /// every required column is there.
  private func header(
    _ csv: CSVReader, titles: [(field: Int, title: String, required: Bool)], run: SourceExtraction,
    name: String, lane: Lane
  ) throws -> (columns: [Int: Int], count: Int) {
    guard try csv.next() else {
      throw PipelineError.unreadable("\(csv.path): the file is empty (not even a header row)")
    }
    var byTitle: [[UInt8]: Int] = [:]
    var headerTitles: [String] = []
    for i in 0..<csv.fieldCount {
      let t = csv.fieldText(i)
      headerTitles.append(t)
      let key = LooseText.folded(t)
      if byTitle[key] != nil {
        throw PipelineError.unreadable("\(csv.path):\(csv.line): the column \"\(Redaction.redact(t))\" appears twice")
      }
      byTitle[key] = i
    }
    var columns: [Int: Int] = [:]
    var used = Set<Int>()
    for (field, title, required) in titles {
      if let c = byTitle[LooseText.folded(title)] {
        columns[field] = c
        used.insert(c)
      } else if required {
        var hint = ""
        if csv.fieldCount == 1 {
          let d = String(UnicodeScalar(settings.dialect.delimiter))
          hint = " (the header has a single column: is the delimiter really \"\(d == "\t" ? "tab" : d)\"?)"
        }
        throw PipelineError.unreadable(
          "\(csv.path):\(csv.line): the required column \"\(title)\" is missing\(hint)")
      }
    }
    for (i, t) in headerTitles.enumerated() where !used.contains(i) {
      run.warn(
        "\(name): the column \"\(t)\" is not in the layout \(run.layout.name); ignored",
        key: "column \(name) \(t)", lane: lane)
    }
    return (columns, csv.fieldCount)
  }

  private func openCSV(_ name: String, _ folder: ExportFolder) throws -> (InputReader, CSVReader) {
    let input = try InputReader(path: folder.file(name), chunkSize: chunkSize)
    let csv = CSVReader(
      input: input, path: folder.file(name), dialect: settings.dialect, encoding: settings.encoding)
    return (input, csv)
  }

  private func finishFile(
    _ input: InputReader, _ csv: CSVReader, name: String, run: SourceExtraction, lane: Lane
  ) {
    input.close()
    run.addInput(name: name, bytes: input.fileBytes, sha256: input.sha256)
    if let stated = settings.lineEnding {
      let other = stated == "crlf" ? csv.lineEndings.lf : csv.lineEndings.crlf
      if other > 0 {
        run.warn(
          "\(name): \(other) lines end in \(stated == "crlf" ? "LF" : "CRLF"), the layout says \(stated.uppercased()) (read anyway)",
          lane: lane)
      }
    }
  }

  // MARK: Entity files

  private func readFile(
    _ entity: Entity, _ name: String, _ fileIndex: Int, _ folder: ExportFolder,
    _ run: SourceExtraction, _ joins: KenmerkenJoin?, _ lane: Lane
  ) throws {
    switch entity {
    case .melding: try readFile(MeldingMapping.self, name, fileIndex, folder, run, joins, lane)
    case .betrokkene: try readFile(BetrokkeneMapping.self, name, fileIndex, folder, run, joins, lane)
    case .dienst: try readFile(DienstMapping.self, name, fileIndex, folder, run, joins, lane)
    case .overdracht: try readFile(OverdrachtMapping.self, name, fileIndex, folder, run, joins, lane)
    case .monitoring: try readFile(MonitoringMapping.self, name, fileIndex, folder, run, joins, lane)
    case .huisverbod: try readFile(HuisverbodMapping.self, name, fileIndex, folder, run, joins, lane)
    case .advies: try readFile(AdviesMapping.self, name, fileIndex, folder, run, joins, lane)
    case .activiteit: try readFile(ActiviteitMapping.self, name, fileIndex, folder, run, joins, lane)
    case .maatregel: try readFile(MaatregelMapping.self, name, fileIndex, folder, run, joins, lane)
    }
  }

  private func readFile<M: EntityMapping>(
    _: M.Type, _ name: String, _ fileIndex: Int, _ folder: ExportFolder, _ run: SourceExtraction,
    _ joins: KenmerkenJoin?, _ lane: Lane
  ) throws {
    let compiled = lane.compiled(M.entity)
    let schema = compiled.schema
    let fed = joins?.fields(of: M.entity) ?? []
    let titles = compiled.layout.columns.sorted { $0.key < $1.key }.map { (field, title) in
      (field, title, schema.fields[field].required && !fed.contains(field))
    }
    let (input, csv) = try openCSV(name, folder)
    defer { input.close() }
    let tally = run.tally(fileIndex, slot: EntitySlot.of(M.entity))
    let (columns, headerCount) = try header(csv, titles: titles, run: run, name: name, lane: lane)
    let mapped = columns.sorted { $0.key < $1.key }
    let values = FieldValues(count: schema.fields.count, separator: lane.parser.settings.separator ?? 0x7C)
    let p = RecordParser(values: values, entity: compiled, parser: lane.parser)
    let idColumn = columns[0]
    func rejectStructure(_ rejection: Rejection, id: String?, line: Int) throws {
      run.countRead(fileIndex, M.entity.rawValue)
      try run.reject(
        rejection, entity: M.entity.rawValue, id: id, file: fileIndex, line: line, element: nil,
        lane: lane)
    }

    // The betrokkenen (the largest file, read last) on two threads; the other files gained
    // nothing from it when measured (`docs/decisions.md` 64).
    if M.entity == .betrokkene, let bsnColumn = columns[1] {
      let idField = mapped.firstIndex { $0.key == 0 }
      try readAhead(
        csv, mapped: mapped, bsnColumn: bsnColumn, headerCount: headerCount,
        structural: { Self.structuralRejection($0, columns: columns, headerCount: headerCount, schema: schema) },
        lane: lane
      ) { rows, r, buffer in
        if let (rejection, id) = rows.structural[r] {
          try rejectStructure(rejection, id: id, line: rows.lines[r])
          return
        }
        values.clear()
        for (k, (field, column)) in mapped.enumerated() where column != bsnColumn {
          values.set(field, rows.field(r, k, in: buffer))
        }
        values.bsn = rows.bsn[r]
        if let joins, let k = idField {
          joins.preset(M.entity, id: rows.field(r, k, in: buffer), into: values)
        }
        try run.take(M.self, p, file: fileIndex, line: rows.lines[r], tally: tally, lane: lane)
      }
      finishFile(input, csv, name: name, run: run, lane: lane)
      return
    }

    while try csv.next() {
      if csv.fieldCount != headerCount || csv.malformedField >= 0 {
        let (rejection, id) = Self.structuralRejection(
          csv, columns: columns, headerCount: headerCount, schema: schema)
        try rejectStructure(rejection, id: id, line: csv.line)
        continue
      }
      values.clear()
      for (field, column) in mapped { values.set(field, csv.field(column)) }
      if let joins, let idColumn { joins.preset(M.entity, id: csv.field(idColumn), into: values) }
      try run.take(M.self, p, file: fileIndex, line: csv.line, tally: tally, lane: lane)
    }
    finishFile(input, csv, name: name, run: run, lane: lane)
  }

  /// The rows of an entity file with a bsn column on two threads: a thread of its own reads
  /// them, copies their fields and decides their bsn (`EntityRowReader`); this one takes them
  /// in batches, in file order, and maps, counts and stages each (`body`), so the staged
  /// file, the counts and the rejects are those one thread would write.
  private func readAhead(
    _ csv: CSVReader, mapped: [(key: Int, value: Int)], bsnColumn: Int,
    headerCount: Int, structural: @escaping (CSVReader) -> (Rejection, String?), lane: Lane,
    _ body: (EntityRows, Int, UnsafeRawBufferPointer) throws -> Void
  ) throws {
    let reader = EntityRowReader(
      csv: csv, headerCount: headerCount, batchRows: batchRows, columns: mapped.map(\.value),
      bsnColumn: bsnColumn, loose: lane.parser.loose, pseudonymiser: lane.pseudonymiser,
      structural: structural)
    try HandOff<EntityRows>().pump(reader.run) { rows in
      try rows.withBytes { buffer in
        for r in 0..<rows.count { try body(rows, r, buffer) }
      }
      return rows.emptied()
    }
  }

  /// A record whose fields do not line up with the header, or with text after a closing
  /// quote: its `bad_value` rejection, and the id to show with it.
  static func structuralRejection(
    _ csv: CSVReader, columns: [Int: Int], headerCount: Int, schema: EntitySchema
  ) -> (Rejection, String?) {
    let id = columns[0].flatMap { $0 < csv.fieldCount ? csv.fieldText($0) : nil }
    let rejection: Rejection
    if csv.fieldCount != headerCount {
      rejection = Rejection(
        .badValue, field: "(record)", value: "",
        "the record has \(csv.fieldCount) fields, the header \(headerCount)")
    } else {
      let column = csv.malformedField
      let field = columns.first { $0.value == column }.map { schema.fields[$0.key].name } ?? "(column \(column + 1))"
      let value = field == "bsn" ? "invalid bsn" : csv.fieldText(column)
      rejection = Rejection(.badValue, field: field, value: value, "text after the closing quote of a quoted field")
    }
    return (rejection, id)
  }

  // MARK: Kenmerken

  /// The Kenmerken file on two threads: a thread of its own reads the rows and checks each on
  /// its own against the layout's lists (`KenmerkenJoin.classify`), in batches; this thread
  /// takes the batches in order and does what is shared or counted: joins each value onto its
  /// registration, keeps the row for the end (`deferKenmerk`), counts it and writes the
  /// rejects. Rows and rejects are thus handled in file order, as by one thread, with the
  /// work of the pass (≈ 1 s of nog's extract at national scale, before any other file can
  /// start) on both cores.
  private func readKenmerken(
    _ name: String, folder: ExportFolder, run: SourceExtraction, join: KenmerkenJoin, lane: Lane
  ) throws {
    let k = join.layout
    let (input, csv) = try openCSV(name, folder)
    defer { input.close() }
    let fileIndex = run.file(name)
    let tally = run.tally(fileIndex, slot: EntitySlot.kenmerk)
    let titles = [(0, k.soortColumn, true), (1, k.registratieColumn, true), (2, k.kenmerkColumn, true), (3, k.waardeColumn, true)]
    let (columns, headerCount) = try header(csv, titles: titles, run: run, name: name, lane: lane)
    let reader = KenmerkenRowReader(
      csv: csv, join: join, headerCount: headerCount, batchRows: batchRows,
      columns: (columns[0]!, columns[1]!, columns[2]!, columns[3]!))
    try HandOff<KenmerkenRows>().pump(reader.run) { rows in
      for r in 0..<rows.count {
        tally.read += 1
        let line = rows.lines[r]
        var rejection: (Rejection, String)? = nil
        if let c = rows.classified[r] {
          try rows.withValues(r) { id, waarde in
            switch join.join(c, id: id, waarde: waarde) {
            case .failure(let e):
              rejection = (e, String(decoding: id, as: UTF8.self))
            case .success(let row):
              try run.deferKenmerk(
                file: fileIndex, line: line, soort: row.soort, registratie: id, field: row.field,
                waarde: waarde)
            }
          }
        } else {
          rejection = rows.rejections[r]
        }
        if let (r, id) = rejection {
          try run.reject(
            r, entity: "kenmerk", id: id, file: fileIndex, line: line, element: nil, lane: lane)
        }
      }
      return rows.emptied()
    }
    finishFile(input, csv, name: name, run: run, lane: lane)
  }
}

/// Kenmerken rows read and checked on their own, in file order: per row its line and either
/// its classification (with its registratie id and waarde bytes) or its rejection.
struct KenmerkenRows {
  private(set) var lines: [Int] = []
  private(set) var classified: [KenmerkenJoin.Classified?] = []
  /// Per classified row: its id, then its waarde.
  private var bytes: [UInt8] = []
  private var ends: [Int] = []
  private var byRow: [Int] = []
  private(set) var rejections: [Int: (Rejection, String)] = [:]

  var count: Int { lines.count }

  /// Calls `body` with the registratie id and waarde of classified row `r`.
  func withValues(
    _ r: Int, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    let k = 2 * byRow[r]
    let start = k == 0 ? 0 : ends[k - 1]
    try bytes.withUnsafeBytes {
      try body(
        UnsafeRawBufferPointer(rebasing: $0[start..<ends[k]]),
        UnsafeRawBufferPointer(rebasing: $0[ends[k]..<ends[k + 1]]))
    }
  }

  mutating func append(
    line: Int, _ c: KenmerkenJoin.Classified, id: UnsafeRawBufferPointer,
    waarde: UnsafeRawBufferPointer
  ) {
    lines.append(line)
    classified.append(c)
    byRow.append(ends.count / 2)
    bytes.append(contentsOf: id)
    ends.append(bytes.count)
    bytes.append(contentsOf: waarde)
    ends.append(bytes.count)
  }

  mutating func append(line: Int, rejected r: Rejection, id: String) {
    rejections[lines.count] = (r, id)
    lines.append(line)
    classified.append(nil)
    byRow.append(-1)
  }

  /// The batch emptied, its buffers kept.
  func emptied() -> KenmerkenRows {
    var e = self
    e.lines.removeAll(keepingCapacity: true)
    e.classified.removeAll(keepingCapacity: true)
    e.bytes.removeAll(keepingCapacity: true)
    e.ends.removeAll(keepingCapacity: true)
    e.byRow.removeAll(keepingCapacity: true)
    e.rejections.removeAll()
    return e
  }
}

/// The reading side of the Kenmerken pass: the CSV rows, each checked on its own, handed
/// over in batches (the CSV reader and the layout's lookups are used by this thread alone
/// until it exits).
final class KenmerkenRowReader: @unchecked Sendable {
  let csv: CSVReader
  let join: KenmerkenJoin
  let headerCount: Int
  let batchRows: Int
  let columns: (soort: Int, id: Int, kenmerk: Int, waarde: Int)

  init(
    csv: CSVReader, join: KenmerkenJoin, headerCount: Int, batchRows: Int,
    columns: (soort: Int, id: Int, kenmerk: Int, waarde: Int)
  ) {
    self.csv = csv
    self.join = join
    self.headerCount = headerCount
    self.batchRows = batchRows
    self.columns = columns
  }

  func run(_ handOff: HandOff<KenmerkenRows>) {
    handOff.produce(rows: batchRows, empty: { KenmerkenRows() }, count: \.count) { rows in
      guard try csv.next() else { return false }
      let line = csv.line
      if csv.fieldCount != headerCount {
        rows.append(
          line: line,
          rejected: Rejection(
            .badValue, field: "(record)", value: "",
            "the record has \(csv.fieldCount) fields, the header \(headerCount)"),
          id: csv.fieldText(min(columns.id, csv.fieldCount - 1)))
      } else if csv.malformedField >= 0 {
        rows.append(
          line: line,
          rejected: Rejection(
            .badValue, field: "(record)", value: csv.fieldText(csv.malformedField),
            "text after the closing quote of a quoted field"),
          id: csv.fieldText(min(columns.id, csv.fieldCount - 1)))
      } else {
        let id = csv.field(columns.id)
        let waarde = csv.field(columns.waarde)
        switch join.classify(
          soort: csv.field(columns.soort), id: id, kenmerk: csv.field(columns.kenmerk),
          waarde: waarde)
        {
        case .failure(let r): rows.append(line: line, rejected: r, id: csv.fieldText(columns.id))
        case .success(let c): rows.append(line: line, c, id: id, waarde: waarde)
        }
      }
      return true
    }
  }
}

