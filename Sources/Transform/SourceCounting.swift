import Model
import Pipeline

/// What the counting of one source shares: where its staged files are, the counters, the
/// gemeente resolver with its warnings, and what was read.
final class SourceCounting {
  let export: SourceExport
  /// `staged/<folder>`.
  let directory: String
  let tally: Tally
  @exclusivity(unchecked) var resolver: GemeenteResolver
  /// Records read per staged file.
  private(set) var counts: [StageReport.RecordCount] = []

  init(export: SourceExport, stagedDirectory: String, reference: ReferenceData, vtregio: String)
    throws
  {
    self.export = export
    directory = stagedDirectory + "/" + export.folder
    tally = try Tally(kind: export.kind, vtregio: vtregio)
    resolver = GemeenteResolver(reference: reference, vtregio: vtregio)
  }

  /// The staged file of `entity`.
  func path(_ entity: Entity) -> String { directory + "/" + entity.stagedFileName }

  /// Notes that `rows` records of `entity` were read.
  func read(_ entity: Entity, rows: Int) {
    counts.append(
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
