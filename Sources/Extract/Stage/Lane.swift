import Model
import Pipeline

/// What one task (one file, or the end-of-export replay) of a source needs for itself and
/// may not share with a task on another thread: its value parser and code tables (they keep
/// scratch buffers), its row encoder, its pseudonymiser, its rejects (a temporary file,
/// merged in task order so `rejects.csv` is the same on every run), its warnings and the
/// latest date it accepted.
final class Lane {
  /// The task's position: rejects and warnings are merged in this order.
  let order: Int
  let parser: ValueParser
  let compiled: [CompiledEntity?]
  let encoder = RowEncoder()
  let pseudonymiser: Pseudonymiser
  let rejects: RejectWriter
  @exclusivity(unchecked) var latestDate: Day?
  @exclusivity(unchecked) var warnings: [(key: String, text: String)] = []
  /// Records decided (accepted or rejected), for the progress line.
  @exclusivity(unchecked) var progress = ProgressBatch()
  /// The task's positions in the id tables other tasks read too (`IdTable.freeze()`): the
  /// accepted ids per entity slot, and the casussen with a melding.
  @exclusivity(unchecked) var claimCursors = [IdTable.Cursor](
    repeating: IdTable.Cursor(), count: EntitySlot.count)
  @exclusivity(unchecked) var casusCursor = IdTable.Cursor()

  init(order: Int, layout: Layout, parser: ValueParser, pseudonymiser: Pseudonymiser, rejectsPath: String) throws {
    self.order = order
    self.parser = parser
    var compiled = [CompiledEntity?](repeating: nil, count: EntitySlot.count)
    for e in layout.entities { compiled[EntitySlot.of(e.entity)] = CompiledEntity(layout: e, parser: parser) }
    self.compiled = compiled
    self.pseudonymiser = pseudonymiser
    rejects = try RejectWriter(path: rejectsPath, header: false)
  }

  func compiled(_ e: Entity) -> CompiledEntity { compiled[EntitySlot.of(e)]! }

  @inline(__always)
  func accepted(_ t: RecordTally, latest: Day?) {
    t.accepted += 1
    progress.tick()
    if let latest, latest > (latestDate ?? Day(ordinal: .min)) { latestDate = latest }
  }
}
