import Model

/// Writes generated records in one export layout of `exports.md`, streaming: every record is
/// written when handed over, nothing is kept.
protocol ExportWriter: AnyObject {
  /// A new year starts (vt-xml starts a new file).
  func begin(year: Int) throws
  func write(advies: Flawed<Advies>) throws
  func write(casus: SynthCasus) throws
  func write(activiteit: Flawed<Activiteit>) throws
  func write(maatregel: Flawed<Maatregel>) throws
  /// Closes every file.
  func finish() throws
  /// The files written, in the order of their names.
  var files: [ExportFile] { get }
  /// Records written per entity (`melding`, `betrokkene`, …, Regas's `kenmerk`).
  var recordsPerEntity: [(String, Int)] { get }
}

/// Makes the writer of a layout.
enum ExportWriterFactory {
  static func make(
    _ layout: ExportLayout, options: SynthOptions, profile: RegionProfile,
    reference: ReferenceData, breaker: Breaker, opener: FileOpener
  ) throws -> ExportWriter {
    switch layout {
    case .vtCSV: try VTCSVWriter(options: options, opener: opener)
    case .regasCSV:
      try RegasCSVWriter(options: options, reference: reference, breaker: breaker, opener: opener)
    case .vtXML: VTXMLWriter(options: options, profile: profile, opener: opener)
    case .jbCSV: try JBCSVWriter(opener: opener)
    }
  }
}

/// Counts records per entity, in first-seen order.
struct EntityCounter {
  private(set) var names: [String] = []
  private var counts: [String: Int] = [:]

  mutating func add(_ entity: String, _ n: Int = 1) {
    if counts[entity] == nil { names.append(entity) }
    counts[entity, default: 0] += n
  }

  var all: [(String, Int)] { names.map { ($0, counts[$0] ?? 0) } }
}
