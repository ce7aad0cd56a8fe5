/// A reader of one kind of export layout: one variant per file (`CSVExportReader`,
/// `XMLExportReader`), chosen by `ExportReaders.reader(for:)` from the layout's `reader` key.
protocol ExportReader {
  /// The files of the folder the reader will read (the rest is warned about).
  func claimedFiles(_ layout: Layout, _ folder: ExportFolder) throws -> [String]
  /// Reads every record of the export into `run`.
  func read(_ run: SourceExtraction, folder: ExportFolder) throws
}

extension CSVExportReader: ExportReader {}
extension XMLExportReader: ExportReader {}

/// The factory of export readers.
enum ExportReaders {
  static func reader(for layout: Layout, chunkSize: Int = 1 << 18, workers: Int = 2) -> ExportReader {
    switch layout.format {
    case .csv(let settings): CSVExportReader(settings: settings, chunkSize: chunkSize, workers: workers)
    case .xml(let settings): XMLExportReader(settings: settings, chunkSize: chunkSize)
    }
  }
}
