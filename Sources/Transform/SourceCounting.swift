import Foundation
import Model
import Pipeline

/// What the counting of one source shares: where its staged files are, the counters, the
/// gemeente resolver with its warnings, and what was read.
///
/// Two threads may count one source side by side (`VeiligThuisCounting`): they use disjoint
/// counters, only one of them the resolver, and `read` is locked.
final class SourceCounting: @unchecked Sendable {
  let export: SourceExport
  /// `staged/<folder>`.
  let directory: String
  let tally: Tally
  /// What the resolvers resolve by (for a resolver of one's own).
  let reference: ReferenceData
  let vtregio: String
  @exclusivity(unchecked) var resolver: GemeenteResolver
  /// The resolver of the records counted on their own thread (huisverboden, adviezen,
  /// activiteiten).
  @exclusivity(unchecked) var standaloneResolver: GemeenteResolver
  /// Records read per staged file, in entity order.
  var counts: [StageReport.RecordCount] {
    lock.lock()
    defer { lock.unlock() }
    return readCounts.sorted { a, b in
      (Entity(rawValue: a.entity) ?? .maatregel, a.file) < (
        Entity(rawValue: b.entity) ?? .maatregel, b.file
      )
    }
  }
  private var readCounts: [StageReport.RecordCount] = []
  private let lock = NSLock()

  init(export: SourceExport, stagedDirectory: String, reference: ReferenceData, vtregio: String)
    throws
  {
    self.export = export
    self.reference = reference
    self.vtregio = vtregio
    directory = stagedDirectory + "/" + export.folder
    tally = try Tally(kind: export.kind, vtregio: vtregio)
    resolver = GemeenteResolver(reference: reference, vtregio: vtregio)
    standaloneResolver = resolver
  }

  /// The warnings of both resolvers.
  var warnings: [String] {
    var all = resolver
    all.absorb(standaloneResolver)
    return all.warnings(source: export.folder)
  }

  /// The staged file of `entity`.
  func path(_ entity: Entity) -> String { directory + "/" + entity.stagedFileName }

  /// Notes that `rows` records of `entity` were read.
  func read(_ entity: Entity, rows: Int) {
    lock.lock()
    defer { lock.unlock() }
    readCounts.append(
      StageReport.RecordCount(
        file: export.folder + "/" + entity.stagedFileName, entity: entity.rawValue, read: rows,
        accepted: rows, rejected: 0, rejectedByRule: [:]))
  }

  /// The position of `column` among `R.stagedColumns`.
  static func column<R: StagedRecord>(_ column: String, of _: R.Type) throws -> Int {
    guard let i = R.stagedColumns.firstIndex(of: column) else {
      throw PipelineError.internal("\(R.entity.rawValue) has no staged column \(column)")
    }
    return i
  }

  /// Counts the source's records by the counter of its kind.
  func run() throws {
    switch export.kind {
    case .veiligThuis: try VeiligThuisCounting(self).run()
    case .jeugdbescherming: try MaatregelCounting(self).run()
    }
  }
}
