import Model

/// Maps a gemeente as registered onto the gemeente it counts in on a counting date, and keeps
/// the warnings that go with it (`model.md`, "Gezag"; `docs/decisions.md` entry 3):
/// - a code that had merged by the date counts in its successor valid on that date;
/// - a code not yet valid on the date counts under itself;
/// - a gemeente outside the pipeline's Veilig Thuis-regio counts under its own code (and in
///   the region total);
/// - an empty optional gemeente counts as `onbekend`.
///
/// Each warning names the code and how many records it concerned (a record counted on
/// several dates the same way is one record).
struct GemeenteResolver {
  let reference: ReferenceData
  let vtregio: String

  /// What happened to a registered code, per record.
  enum Outcome: Int, Comparable {
    case merged, notYetValid, outsideRegion, notInReference
    static func < (a: Outcome, b: Outcome) -> Bool { a.rawValue < b.rawValue }
  }

  struct Note: Hashable, Comparable {
    let outcome: Outcome
    let registered: GemeenteCode
    let counted: GemeenteCode
    let entity: Entity
    static func < (a: Note, b: Note) -> Bool {
      (a.outcome, a.registered, a.counted, a.entity) < (
        b.outcome, b.registered, b.counted, b.entity
      )
    }
  }

  /// Per code number: 0 not seen yet, 1 inside the region (counted under itself without a
  /// note on the days from `validFrom` to `validTo`), 2 anything else (resolved and cached
  /// per day).
  private var fast: [UInt8]
  private var validFrom: [Int32]
  private var validTo: [Int32]
  private var cache: [UInt64: (code: GemeenteCode, notes: [Outcome])] = [:]
  private var notes: [Note: (records: Int, lastRecord: Int)] = [:]
  private var record = 0
  private var entity = Entity.melding

  init(reference: ReferenceData, vtregio: String) {
    self.reference = reference
    self.vtregio = vtregio
    fast = [UInt8](repeating: 0, count: 10_000)
    validFrom = [Int32](repeating: 0, count: 10_000)
    validTo = [Int32](repeating: 0, count: 10_000)
  }

  /// Starts the next record (of `entity`): its notes count once however many dates it has.
  @inline(__always)
  mutating func begin(_ entity: Entity) {
    record &+= 1
    self.entity = entity
  }

  /// The region key `ref` counts in on `day`.
  @inline(__always)
  mutating func region(_ ref: GemeenteRef, on day: Day) -> UInt16 {
    switch ref {
    case .known(let code): region(code, on: day)
    case .unknown: RegionKey.onbekend
    }
  }

  /// The region key `code` counts in on `day`.
  @inline(__always)
  mutating func region(_ code: GemeenteCode, on day: Day) -> UInt16 {
    let n = Int(code.number)
    if fast[n] == 0 { classify(code) }
    if fast[n] == 1 && day.ordinal >= validFrom[n] && day.ordinal <= validTo[n] {
      return code.number
    }
    return resolveSlowly(code, on: day)
  }

  private mutating func classify(_ code: GemeenteCode) {
    let n = Int(code.number)
    guard let g = reference.gemeente(code), g.vtregio == vtregio else {
      fast[n] = 2
      return
    }
    fast[n] = 1
    validFrom[n] = g.geldigVan?.ordinal ?? .min
    validTo[n] = g.geldigTot?.ordinal ?? .max
  }

  private mutating func resolveSlowly(_ code: GemeenteCode, on day: Day) -> UInt16 {
    let key = UInt64(code.number) << 32 | UInt64(UInt32(bitPattern: day.ordinal))
    let resolved: (code: GemeenteCode, notes: [Outcome])
    if let c = cache[key] {
      resolved = c
    } else {
      var outcomes: [Outcome] = []
      let r = reference.resolve(code, on: day)
      switch r.status {
      case .valid: break
      case .merged: outcomes.append(.merged)
      case .notYetValid: outcomes.append(.notYetValid)
      }
      if let g = reference.gemeente(r.code) {
        if g.vtregio != vtregio { outcomes.append(.outsideRegion) }
      } else {
        outcomes.append(.notInReference)
      }
      resolved = (r.code, outcomes)
      cache[key] = resolved
    }
    for outcome in resolved.notes {
      let note = Note(outcome: outcome, registered: code, counted: resolved.code, entity: entity)
      let old = notes[note] ?? (0, 0)
      if old.lastRecord != record { notes[note] = (old.records + 1, record) }
    }
    return resolved.code.number
  }

  /// Adds the notes of `other` (a resolver of other records) to these.
  mutating func absorb(_ other: GemeenteResolver) {
    for (note, value) in other.notes {
      notes[note, default: (0, 0)].records += value.records
    }
  }

  /// The warnings, one per (outcome, registered code, counted code), in a stable order.
  func warnings(source: String) -> [String] {
    var grouped: [Note: [(Entity, Int)]] = [:]
    for (note, value) in notes {
      let key = Note(
        outcome: note.outcome, registered: note.registered, counted: note.counted,
        entity: .melding)
      grouped[key, default: []].append((note.entity, value.records))
    }
    return grouped.keys.sorted().map { note in
      let parts = grouped[note]!.sorted { $0.0 < $1.0 }
      let total = parts.reduce(0) { $0 + $1.1 }
      let detail = parts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
      let records = "\(total) record\(total == 1 ? "" : "s") (\(detail))"
      let registered = name(note.registered)
      let counted = name(note.counted)
      switch note.outcome {
      case .merged:
        return
          "\(source): \(registered) had merged into \(counted) by the counting date of \(records): counted in \(note.counted)"
      case .notYetValid:
        return
          "\(source): \(registered) was not yet valid on the counting date of \(records): counted under \(note.counted)"
      case .outsideRegion:
        let other = reference.gemeente(note.counted)?.vtregio ?? "?"
        return
          "\(source): \(counted) lies in \(other), outside \(vtregio): \(records) counted under \(note.counted) and in the \(vtregio) total"
      case .notInReference:
        return
          "\(source): \(note.counted) is not in the reference data: \(records) counted under \(note.counted) and in the \(vtregio) total"
      }
    }
  }

  private func name(_ code: GemeenteCode) -> String {
    reference.gemeente(code).map { "\(code) (\($0.naam))" } ?? code.code
  }
}
