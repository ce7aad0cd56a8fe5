import Model
import Pipeline

/// Reads an export in an XML layout (`vt-xml`, `reader: xml`): one or more documents, each
/// a root element holding records, records of a casus nested in a casus element, the
/// betrokkenen of a melding nested in it. Element and attribute names come from the layout.
///
/// Records that refer to nothing (melding, advies, activiteit, huisverbod) are staged at
/// their end tag; a betrokkene, dienst, overdracht or monitoring waits in the spool until
/// every document has been read, because the melding it refers to may come later (or be
/// rejected at its own end tag). Unknown elements are transparent (their content is read as
/// if it stood in their parent) and, like unknown attributes, warned about once per name.
///
/// Each document is parsed by libxml2 on a thread of its own (`PipelinedXMLReader`) while
/// this thread maps the records; the chunk size is also the size of the node batches.
struct XMLExportReader {
  let settings: Layout.XMLSettings
  var chunkSize = 1 << 18

  func claimedFiles(_ layout: Layout, _ folder: ExportFolder) throws -> [String] {
    try folder.matching(settings.files)
  }

  func read(_ run: SourceExtraction, folder: ExportFolder) throws {
    let names = XMLNames(layout: run.layout, settings: settings)
    run.pathRenderer = { XMLDocumentReader.render($0, names) }
    let files = try folder.matching(settings.files)
    let lane = try run.lane(0)
    if files.isEmpty {
      run.warn("no documents matching \(settings.files) — no records", lane: lane)
    }
    for name in files {
      let input = try InputReader(path: folder.file(name), chunkSize: chunkSize)
      defer { input.close() }
      // libxml2 parses on its own thread; stopped and joined before the input closes (the
      // defers run in reverse), also when the document throws.
      let nodes = try PipelinedXMLReader(input: input, path: folder.file(name), batchSize: chunkSize)
      defer { nodes.close() }
      let document = try XMLDocumentReader(
        reader: nodes, names: names, run: run, file: run.file(name), fileName: name, lane: lane)
      try document.read()
      nodes.close()
      input.close()
      run.addInput(name: name, bytes: input.fileBytes, sha256: input.sha256)
    }
    try run.replayDeferred(lane: lane) { XMLDocumentReader.render($0, names) }
  }
}

/// The names of an XML layout as small integers, and what each means.
final class XMLNames {
  enum Role {
    case root
    case casus
    case record(Int)
    case other
  }

  private let map = ByteMap(capacity: 64)
  @exclusivity(unchecked) private(set) var strings: [String] = []
  let root: Int32
  let casus: Int32
  let casusID: Int32
  let peildatum: Int32?
  let rootAttributes: Set<Int32>
  /// The entities of the layout, by record index.
  let records: [Layout.EntityLayout]
  /// Per record: field index by attribute name id (-1: none).
  @exclusivity(unchecked) private(set) var attributeFields: [[Int]] = []
  /// Per record: field index by child element name id (-1: none).
  @exclusivity(unchecked) private(set) var childFields: [[Int]] = []
  @exclusivity(unchecked) private var roles: [Role] = []
  static let unknownLimit = 4096

  /// The field of record `r` an attribute fills, or nil.
  @inline(__always)
  func attributeField(_ r: Int, _ name: Int32) -> Int? {
    let a = attributeFields[r]
    guard name >= 0, Int(name) < a.count, a[Int(name)] >= 0 else { return nil }
    return a[Int(name)]
  }

  /// The field of record `r` a child element fills, or nil.
  @inline(__always)
  func childField(_ r: Int, _ name: Int32) -> Int? {
    let c = childFields[r]
    guard name >= 0, Int(name) < c.count, c[Int(name)] >= 0 else { return nil }
    return c[Int(name)]
  }

  init(layout: Layout, settings: Layout.XMLSettings) {
    records = layout.entities
    var map = [String: Int32]()
    func id(_ s: String) -> Int32 {
      if let i = map[s] { return i }
      let i = Int32(map.count)
      map[s] = i
      return i
    }
    root = id(settings.root)
    casus = id(settings.casusElement)
    casusID = id(settings.casusID)
    peildatum = settings.peildatum.map(id)
    rootAttributes = Set(settings.rootAttributes.map(id))
    var roleOf: [Int32: Role] = [root: .root, casus: .casus]
    var attributes: [[(Int32, Int)]] = []
    var children: [[(Int32, Int)]] = []
    for (r, e) in layout.entities.enumerated() {
      roleOf[id(e.element!)] = .record(r)
      attributes.append(e.attributes.map { (id($0.value), $0.key) })
      children.append(e.children.map { (id($0.value), $0.key) })
    }
    let known = map.count
    attributeFields = attributes.map { pairs in
      var a = [Int](repeating: -1, count: known)
      for (n, f) in pairs { a[Int(n)] = f }
      return a
    }
    childFields = children.map { pairs in
      var c = [Int](repeating: -1, count: known)
      for (n, f) in pairs { c[Int(n)] = f }
      return c
    }
    roles = (0..<known).map { roleOf[Int32($0)] ?? .other }
    strings = Array(repeating: "", count: map.count)
    for (s, i) in map {
      strings[Int(i)] = s
      self.map.set(Array(s.utf8), i)
    }
  }

  /// The id of a name, registering unknown names (up to a limit; beyond it -1).
  func id(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    if let i = map.get(bytes) { return i }
    guard strings.count < Self.unknownLimit else { return -1 }
    let i = Int32(strings.count)
    strings.append(String(decoding: bytes, as: UTF8.self))
    map.set(Array(bytes), i)
    return i
  }

  @inline(__always)
  func role(_ id: Int32) -> Role { id >= 0 && Int(id) < roles.count ? roles[Int(id)] : .other }

  func name(_ id: Int32) -> String { id >= 0 ? strings[Int(id)] : "?" }
}

/// A table from libxml2's interned name pointers to name ids: one multiply and one compare
/// per element or attribute, instead of hashing the name's bytes.
struct InternedNames {
  private var keys = [UInt](repeating: 0, count: 1024)
  private var values = [Int32](repeating: 0, count: 1024)
  private var used = 0

  mutating func id(_ p: UnsafePointer<UInt8>, _ names: XMLNames) -> Int32 {
    let k = UInt(bitPattern: p)
    var i = Int(truncatingIfNeeded: (k >> 3) &* 0x9E37_79B9) & 1023
    while true {
      let s = keys[i]
      if s == k { return values[i] }
      if s == 0 { break }
      i = (i + 1) & 1023
    }
    let v = names.id(nameBytes(p))
    if used < 768 {
      keys[i] = k
      values[i] = v
      used += 1
    }
    return v
  }
}

/// One XML document being read into a `SourceExtraction`.
final class XMLDocumentReader {
  private let reader: PipelinedXMLReader
  private let names: XMLNames
  private let run: SourceExtraction
  private let file: Int
  private let fileName: String
  @exclusivity(unchecked) private var interned = InternedNames()

  private enum Kind {
    case root
    case casus
    case record(Int)
    case child(Int)
    case unknown
  }

  private struct Frame {
    var name: Int32
    var index: Int
    var kind: Kind
  }

  @exclusivity(unchecked) private var frames: [Frame] = []
  /// Per depth: how many children of each name the open element at that depth has seen
  /// (by name id), and which names were touched (to clear them for the next element).
  @exclusivity(unchecked) private var childCounts: [[Int32]] = []
  @exclusivity(unchecked) private var touched: [[Int32]] = []

  /// Counts a child called `name` of the innermost open element; returns its position.
  @inline(__always)
  private func countChild(_ name: Int32) -> Int {
    let depth = frames.count - 1
    guard name >= 0 else { return 0 }
    let i = Int(name)
    if childCounts[depth].count <= i {
      childCounts[depth] += [Int32](repeating: 0, count: i + 1 - childCounts[depth].count + 16)
    }
    if childCounts[depth][i] == 0 { touched[depth].append(name) }
    childCounts[depth][i] += 1
    return Int(childCounts[depth][i])
  }

  /// Opens a frame: the new element's children start uncounted.
  @inline(__always)
  private func push(_ frame: Frame) {
    frames.append(frame)
    let depth = frames.count - 1
    if childCounts.count <= depth {
      childCounts.append([])
      touched.append([])
    } else {
      for n in touched[depth] { childCounts[depth][Int(n)] = 0 }
      touched[depth].removeAll(keepingCapacity: true)
    }
  }
  /// Open records, innermost last (pooled by depth).
  /// Open records, innermost last.
  @exclusivity(unchecked) private var contexts: [RecordContext] = []
  /// Contexts to reuse, by nesting depth and record type (so their buffers fit).
  @exclusivity(unchecked) private var pool: [[RecordContext?]] = []
  @exclusivity(unchecked) private var steps: [UInt64] = []
  @exclusivity(unchecked) private var openRecords = 0
  @exclusivity(unchecked) private var casusIDs: [[UInt8]?] = []

  private let lane: Lane
  /// The counts of this file, per entity slot.
  @exclusivity(unchecked) private var tallies: [RecordTally?] = Array(repeating: nil, count: EntitySlot.count)

  init(
    reader: PipelinedXMLReader, names: XMLNames, run: SourceExtraction, file: Int, fileName: String,
    lane: Lane
  ) throws {
    self.reader = reader
    self.names = names
    self.run = run
    self.file = file
    self.fileName = fileName
    self.lane = lane
  }

  private func tally(_ e: Entity) -> RecordTally {
    let slot = EntitySlot.of(e)
    if let t = tallies[slot] { return t }
    let t = run.tally(file, slot: slot)
    tallies[slot] = t
    return t
  }

  private func warn(_ message: String, key: String) { run.warn(message, key: key, lane: lane) }

  func read() throws {
    while let node = try reader.next() {
      switch node {
      case .start(let empty):
        try start()
        if empty { try end() }
      case .end:
        try end()
      case .text:
        text()
      case .other:
        break
      }
    }
  }

  // MARK: Elements

  private func start() throws {
    guard let namePointer = reader.localName else { return }
    let name = interned.id(namePointer, names)
    let index = frames.isEmpty ? 1 : countChild(name)
    let kind: Kind
    if frames.isEmpty {
      guard case .root = names.role(name) else {
        throw PipelineError.unreadable(
          "\(reader.path):\(reader.line): the root element is <\(names.name(name))>, expected <\(names.name(names.root))>")
      }
      kind = .root
      try rootAttributes()
    } else if case .record(let r) = currentRecordFrame, let field = names.childField(r, name) {
      kind = .child(field)
      contexts[openRecords - 1].childText.removeAll(keepingCapacity: true)
      reader.forEachAttribute { attr, _ in
        let a = names.name(interned.id(attr, names))
        warn("\(fileName): attribute \(a) of <\(names.name(name))> is not in the layout; ignored", key: "attr \(name) \(a)")
      }
    } else {
      switch names.role(name) {
      case .casus:
        kind = .casus
        var id: [UInt8]? = nil
        reader.forEachAttribute { attr, value in
          let a = interned.id(attr, names)
          if a == names.casusID {
            id = Array(value)
          } else {
            warnAttribute(a, of: name)
          }
        }
        casusIDs.append(id)
      case .record(let r):
        kind = .record(r)
        try openRecord(r, element: name)
      case .root:
        kind = .unknown
        warn("\(fileName):\(reader.line): a nested <\(names.name(name))> element; read as an unknown element", key: "nested root")
      case .other:
        kind = .unknown
        warn("\(fileName): element <\(names.name(name))> is not in the layout; ignored (its content is read)", key: "element \(name)")
      }
    }
    push(Frame(name: name, index: index, kind: kind))
  }

  /// The record the innermost frame is, if it is one.
  private var currentRecordFrame: Kind? {
    guard let last = frames.last, case .record = last.kind else { return nil }
    return last.kind
  }

  private func warnAttribute(_ a: Int32, of element: Int32) {
    warn(
      "\(fileName): attribute \(names.name(a)) of <\(names.name(element))> is not in the layout; ignored",
      key: "attr \(element) \(a)")
  }

  private func rootAttributes() throws {
    var found: Day? = nil
    try reader.forEachAttribute { attr, value in
      let a = interned.id(attr, names)
      if let p = names.peildatum, a == p {
        let v = lane.parser.loose ? LooseText.trim(value) : value
        guard let day = lane.parser.dates.parse(bytes: v) else {
          throw PipelineError.unreadable(
            "\(reader.path):\(reader.line): peildatum \"\(Redaction.redact(String(decoding: value, as: UTF8.self)))\" is not a date in the format \(lane.parser.dates.pattern)")
        }
        found = day
      } else if !names.rootAttributes.contains(a) {
        warnAttribute(a, of: names.root)
      }
    }
    if let found, found > (run.statedPeildatum ?? Day(ordinal: .min)) { run.statedPeildatum = found }
  }

  private func end() throws {
    guard let frame = frames.last else { return }
    switch frame.kind {
    case .record(let r):
      try closeRecord(r)
      openRecords -= 1
    case .child(let field):
      let ctx = contexts[openRecords - 1]
      ctx.addMember(field)
    case .casus:
      casusIDs.removeLast()
    case .root, .unknown:
      break
    }
    frames.removeLast()
  }

  private func text() {
    guard let frame = frames.last else { return }
    if case .child = frame.kind {
      contexts[openRecords - 1].childText.append(contentsOf: reader.value)
      return
    }
    let v = reader.value
    if v.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) {
      warn("\(fileName): text inside <\(names.name(frame.name))> is not in the layout; ignored", key: "text \(frame.name)")
    }
  }

  // MARK: Records

  private func openRecord(_ r: Int, element: Int32) throws {
    while pool.count <= openRecords { pool.append(Array(repeating: nil, count: names.records.count)) }
    let ctx: RecordContext
    if let reused = pool[openRecords][r] {
      ctx = reused
    } else {
      ctx = RecordContext()
      pool[openRecords][r] = ctx
    }
    if contexts.count == openRecords { contexts.append(ctx) } else { contexts[openRecords] = ctx }
    openRecords += 1
    let layout = names.records[r]
    ctx.begin(record: r, layout: layout, line: reader.nodeLine)
    // Context from the enclosing elements.
    if Layout.contextual(layout.entity, field: "casus_id"), let casus = casusIDs.last ?? nil {
      ctx.setContext(field: layout.schema.index(of: "casus_id")!, bytes: casus)
    }
    if layout.entity == .betrokkene,
      let melding = contexts[..<(openRecords - 1)].last(where: { names.records[$0.record].entity == .melding })
    {
      ctx.setContext(field: 0, bytes: melding.idBytes)
      ctx.enclosing = SourceExtraction.EnclosingMelding(ordinal: melding.ordinal, year: melding.year)
    }
    reader.forEachAttribute { attr, value in
      let a = interned.id(attr, names)
      if let field = names.attributeField(r, a) {
        ctx.setAttribute(field: field, bytes: value)
      } else {
        warnAttribute(a, of: element)
      }
    }
    if layout.entity == .melding {
      ctx.ordinal = run.nextMeldingOrdinal()
      ctx.idBytes = ctx.attributeBytes(field: 0) ?? []
      if let raw = ctx.attributeBytes(field: 2) {
        let v = raw.withUnsafeBytes { lane.parser.loose ? Array(LooseText.trim($0)) : Array($0) }
        ctx.year = v.withUnsafeBytes { lane.parser.dates.parse(bytes: $0)?.year } ?? 0
      } else {
        ctx.year = 0
      }
    }
  }

  /// `/vtExport/casus[3]/melding[1]`: each element with its position among the siblings
  /// of the same name.
  private func path() -> String { Self.render(pathSteps(), names) }

  /// The path as steps (name id << 32 | position), for records that wait in the spool:
  /// rendered as text only if the record is rejected.
  private func pathSteps() -> [UInt64] {
    steps.removeAll(keepingCapacity: true)
    for f in frames { steps.append(UInt64(UInt32(bitPattern: f.name)) << 32 | UInt64(UInt32(truncatingIfNeeded: f.index))) }
    return steps
  }

  static func render(_ steps: [UInt64], _ names: XMLNames) -> String {
    var s = ""
    for (i, step) in steps.enumerated() {
      let name = Int32(bitPattern: UInt32(step >> 32))
      s += i == 0 ? "/\(names.name(name))" : "/\(names.name(name))[\(UInt32(truncatingIfNeeded: step))]"
    }
    return s
  }

  private func closeRecord(_ r: Int) throws {
    let ctx = contexts[openRecords - 1]
    let layout = names.records[r]
    let compiled = lane.compiled(layout.entity)
    let element = { self.path() }
    let steps = { self.pathSteps() }
    try ctx.withValues(compiled: compiled, separator: lane.parser.settings.separator ?? 0x7C) { values in
      let p = RecordParser(values: values, entity: compiled, parser: lane.parser)
      let line = ctx.line
      switch layout.entity {
      case .melding:
        try run.takeDirect(MeldingMapping.self, p, file: file, line: line, element: element, ordinal: ctx.ordinal, tally: tally(layout.entity), lane: lane)
      case .advies:
        try run.takeDirect(AdviesMapping.self, p, file: file, line: line, element: element, ordinal: nil, tally: tally(layout.entity), lane: lane)
      case .activiteit:
        try run.takeDirect(ActiviteitMapping.self, p, file: file, line: line, element: element, ordinal: nil, tally: tally(layout.entity), lane: lane)
      case .huisverbod:
        try run.takeDirect(HuisverbodMapping.self, p, file: file, line: line, element: element, ordinal: nil, tally: tally(layout.entity), lane: lane)
      case .maatregel:
        try run.takeDirect(MaatregelMapping.self, p, file: file, line: line, element: element, ordinal: nil, tally: tally(layout.entity), lane: lane)
      case .betrokkene:
        try run.takeDeferred(BetrokkeneMapping.self, p, file: file, line: line, path: steps(), enclosing: ctx.enclosing, tally: tally(layout.entity), lane: lane)
      case .dienst:
        try run.takeDeferred(DienstMapping.self, p, file: file, line: line, path: steps(), enclosing: nil, tally: tally(layout.entity), lane: lane)
      case .overdracht:
        try run.takeDeferred(OverdrachtMapping.self, p, file: file, line: line, path: steps(), enclosing: nil, tally: tally(layout.entity), lane: lane)
      case .monitoring:
        try run.takeDeferred(MonitoringMapping.self, p, file: file, line: line, path: steps(), enclosing: nil, tally: tally(layout.entity), lane: lane)
      }
    }
  }
}

/// The fields of one open XML record, collected until its end tag, in one byte arena.
final class RecordContext {
  @exclusivity(unchecked) var record = 0
  @exclusivity(unchecked) var line: Int? = nil
  @exclusivity(unchecked) var ordinal = 0
  @exclusivity(unchecked) var year = 0
  @exclusivity(unchecked) var idBytes: [UInt8] = []
  @exclusivity(unchecked) var enclosing: SourceExtraction.EnclosingMelding? = nil
  @exclusivity(unchecked) var childText: [UInt8] = []
  @exclusivity(unchecked) private var arena = UnsafeMutableRawPointer.allocate(byteCount: 1024, alignment: 8)
  @exclusivity(unchecked) private var arenaCapacity = 1024
  @exclusivity(unchecked) private var arenaUsed = 0
  /// Per field: (start, length) in the arena, or start -1 when absent.
  @exclusivity(unchecked) private var starts: [Int] = []
  @exclusivity(unchecked) private var lengths: [Int] = []
  @exclusivity(unchecked) private var contextual: [Bool] = []
  @exclusivity(unchecked) private var members: [[UInt8]] = []
  @exclusivity(unchecked) private var hasMembers: [Bool] = []
  @exclusivity(unchecked) private var values: FieldValues? = nil
  @exclusivity(unchecked) private var fieldCount = 0

  deinit { arena.deallocate() }

  func begin(record: Int, layout: Layout.EntityLayout, line: Int?) {
    self.record = record
    self.line = line
    enclosing = nil
    ordinal = 0
    year = 0
    let n = layout.schema.fields.count
    if fieldCount != n || values == nil {
      fieldCount = n
      starts = Array(repeating: -1, count: n)
      lengths = Array(repeating: 0, count: n)
      contextual = Array(repeating: false, count: n)
      members = Array(repeating: [], count: n)
      hasMembers = Array(repeating: false, count: n)
      values = FieldValues(count: n, separator: 0)
    } else {
      for i in 0..<n {
        starts[i] = -1
        contextual[i] = false
        if hasMembers[i] {
          members[i].removeAll(keepingCapacity: true)
          hasMembers[i] = false
        }
      }
    }
    arenaUsed = 0
  }

  @inline(__always)
  private func append(_ bytes: UnsafeRawBufferPointer) -> Int {
    let start = arenaUsed
    growRawBuffer(
      &arena, capacity: &arenaCapacity, used: arenaUsed, needed: arenaUsed + bytes.count,
      alignment: 8)
    if bytes.count > 0 { (arena + arenaUsed).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
    arenaUsed += bytes.count
    return start
  }

  func setAttribute(field: Int, bytes: UnsafeRawBufferPointer) {
    guard !contextual[field] else { return }
    starts[field] = append(bytes)
    lengths[field] = bytes.count
  }

  /// A field given by the structure (the enclosing casus or melding); it wins over an
  /// attribute of the same field.
  func setContext(field: Int, bytes: [UInt8]) {
    starts[field] = bytes.withUnsafeBytes { append($0) }
    lengths[field] = bytes.count
    contextual[field] = true
  }

  func attributeBytes(field: Int) -> [UInt8]? {
    guard starts[field] >= 0 else { return nil }
    return Array(UnsafeRawBufferPointer(start: arena + starts[field], count: lengths[field]))
  }

  /// Ends a child element: its text (surrounding white space removed) is one member.
  func addMember(_ field: Int) {
    var t = childText[...]
    while let f = t.first, f == 0x20 || f == 0x0A || f == 0x0D || f == 0x09 { t.removeFirst() }
    while let l = t.last, l == 0x20 || l == 0x0A || l == 0x0D || l == 0x09 { t.removeLast() }
    if hasMembers[field] { members[field].append(0) }
    members[field].append(contentsOf: t)
    hasMembers[field] = true
  }

  /// Lends the record's fields as `FieldValues`.
  func withValues(
    compiled: CompiledEntity, separator: UInt8, _ body: (FieldValues) throws -> Void
  ) throws {
    let values = self.values!
    // Members of child elements go to the arena, joined with NUL (never in XML text).
    for f in 0..<fieldCount where hasMembers[f] {
      let start = members[f].withUnsafeBytes { append($0) }
      members[f].removeAll(keepingCapacity: true)
      hasMembers[f] = false
      starts[f] = start
      lengths[f] = arenaUsed - start
      contextual[f] = true  // marks a members field: NUL separated
    }
    values.clear()
    for f in 0..<fieldCount {
      values.separators[f] = separator
      if starts[f] >= 0 {
        values.set(f, UnsafeRawBufferPointer(start: arena + starts[f], count: lengths[f]))
      }
    }
    for f in 0..<fieldCount where contextual[f] && compiled.schema.fields[f].isMultiValued {
      values.separators[f] = 0
    }
    try body(values)
  }
}
