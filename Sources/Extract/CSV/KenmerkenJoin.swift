import Model

/// The rows of a Regas-style `Kenmerken.csv` (`Soort;Registratie ID;Kenmerk;Waarde`, one row
/// per value) joined onto their registrations: per advies or melding id, one bit mask per
/// multi-valued field, kept in an `IdTable` (memory by distinct registrations).
///
/// A row with an unknown soort, kenmerk or waarde is rejected alone (`model.md`); a row that
/// repeats a value already given for its registration is rejected as `bad_value`.
/// Filled by the Kenmerken pass alone; read-only (and shared by the file tasks) after it.
/// During the pass, `classify` (the lookups of the layout's lists) and `join` (the join tables)
/// may run on two threads, one each.
final class KenmerkenJoin: @unchecked Sendable {
  let layout: Layout.KenmerkenLayout
  private let loose: Bool
  private let soorten: TextMap
  private let soortEntities: [Entity]
  private let kenmerken: TextMap
  /// The multi-valued fields the Kenmerken fill, by slot.
  private let slotFields: [String]
  private let slotTables: [CodeTable]
  /// Per entity slot (`EntitySlot`): the join table and the schema field of each kenmerk slot.
  @exclusivity(unchecked) private var tables = [IdTable?](repeating: nil, count: EntitySlot.count)
  @exclusivity(unchecked) private var slotIndex = [[Int]](repeating: [], count: EntitySlot.count)

  init(layout: Layout.KenmerkenLayout, parser: ValueParser) throws {
    self.layout = layout
    loose = parser.loose
    soorten = TextMap(loose: loose, capacity: 8)
    kenmerken = TextMap(loose: loose, capacity: 16)
    let entities = Array(Set(layout.soorten.values)).sorted()
    soortEntities = entities
    for (text, e) in layout.soorten {
      soorten.set(text, Int32(entities.firstIndex(of: e)!))
    }
    let fields = Array(Set(layout.kenmerken.values)).sorted {
      (EntitySchema.melding.index(of: $0) ?? 0) < (EntitySchema.melding.index(of: $1) ?? 0)
    }
    slotFields = fields
    for (text, field) in layout.kenmerken {
      kenmerken.set(text, Int32(fields.firstIndex(of: field)!))
    }
    var tables: [CodeTable] = []
    for f in fields {
      let list = EntitySchema.melding.fields[EntitySchema.melding.index(of: f)!].codeList!
      tables.append(try parser.makeTable(list)!)
    }
    slotTables = tables
    for e in entities {
      self.tables[EntitySlot.of(e)] = IdTable(valueSize: 8 * fields.count)
      slotIndex[EntitySlot.of(e)] = fields.map { EntitySchema.of(e).index(of: $0)! }
    }
  }

  /// The schema fields of `entity` the Kenmerken fill.
  func fields(of entity: Entity) -> Set<Int> { Set(slotIndex[EntitySlot.of(entity)]) }

  /// Copies the joined values of registration `id` into `values`.
  @inline(__always)
  func preset(_ entity: Entity, id: UnsafeRawBufferPointer, into values: FieldValues) {
    let slot = EntitySlot.of(entity)
    guard let table = tables[slot], let e = table.find(id) else { return }
    let v = table.value(e)
    for (k, field) in slotIndex[slot].enumerated() {
      values.preset[field] = v.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
    }
  }

  struct Row {
    let soort: Entity
    let field: String
  }


  private func text(_ b: UnsafeRawBufferPointer) -> String { String(decoding: b, as: UTF8.self) }

  private func empty(_ b: UnsafeRawBufferPointer) -> Bool {
    (loose ? LooseText.trim(b) : b).count == 0
  }

  /// What `classify` finds of a row: the entity of its registration, the slot of its kenmerk
  /// and the code of its waarde.
  struct Classified: Sendable {
    let entity: Entity
    let slot: Int
    let raw: Int
  }

  /// Checks one row on its own (soort, registratie, kenmerk, waarde, in column order) against
  /// the layout's lists (lookups only); `join` then joins its value. Whether its registration
  /// exists is decided at the end.
  func classify(
    soort: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, kenmerk: UnsafeRawBufferPointer,
    waarde: UnsafeRawBufferPointer
  ) -> Result<Classified, Rejection> {
    if empty(soort) {
      return .failure(Rejection(.missingRequired, field: "soort", value: "", "soort is empty"))
    }
    guard let s = soorten.get(soort) else {
      return .failure(
        Rejection(
          .unknownCode, field: "soort", value: text(soort),
          "not one of \(layout.soorten.keys.sorted().joined(separator: ", "))"))
    }
    let entity = soortEntities[Int(s)]
    if id.count == 0 {
      return .failure(Rejection(.missingRequired, field: "registratie_id", value: "", "registratie_id is empty"))
    }
    var characters = 0
    for b in id {
      if b < 0x20 || b == 0x7F {
        return .failure(
          Rejection(.badValue, field: "registratie_id", value: text(id), "an id may not hold control characters"))
      }
      if b & 0xC0 != 0x80 { characters += 1 }
    }
    if characters > 64 {
      return .failure(Rejection(.badValue, field: "registratie_id", value: text(id), "an id has at most 64 characters"))
    }
    if empty(kenmerk) {
      return .failure(Rejection(.missingRequired, field: "kenmerk", value: "", "kenmerk is empty"))
    }
    guard let slot = kenmerken.get(kenmerk).map(Int.init) else {
      return .failure(
        Rejection(
          .unknownCode, field: "kenmerk", value: text(kenmerk),
          "not one of \(layout.kenmerken.keys.sorted().joined(separator: ", "))"))
    }
    if empty(waarde) {
      return .failure(Rejection(.missingRequired, field: "waarde", value: "", "waarde is empty"))
    }
    guard let raw = slotTables[slot].lookup(waarde) else {
      return .failure(
        Rejection(
          .unknownCode, field: "waarde", value: text(waarde),
          "not a label of the list \(slotTables[slot].list.name)"))
    }
    return .success(Classified(entity: entity, slot: slot, raw: Int(raw)))
  }

  /// Joins the value of a classified row onto its registration; a rejection when the
  /// registration already has that value for that kenmerk.
  func join(_ c: Classified, id: UnsafeRawBufferPointer, waarde: UnsafeRawBufferPointer)
    -> Result<Row, Rejection>
  {
    let (entity, slot, raw) = (c.entity, c.slot, c.raw)
    let table = tables[EntitySlot.of(entity)]!
    let (e, _) = table.insert(id)
    let p = table.value(e) + 8 * slot
    let bits = p.loadUnaligned(as: UInt64.self)
    let bit: UInt64 = 1 << UInt64(raw)
    if bits & bit != 0 {
      return .failure(
        Rejection(
          .badValue, field: "waarde", value: text(waarde),
          "repeats a value already given for this registration and kenmerk"))
    }
    p.storeBytes(of: bits | bit, as: UInt64.self)
    return .success(Row(soort: entity, field: slotFields[slot]))
  }

  var memoryBytes: Int { tables.compactMap { $0 }.reduce(0) { $0 + $1.memoryBytes } }
}
