import Foundation
import Model

/// How the pseudonyms of a run were keyed (recorded, never the key itself).
public struct PseudonymKeyInfo: Codable, Hashable, Sendable {
  /// `demo` (the built-in, clearly labelled sample key) or `file` (from VT_PSEUDONYM_KEY_FILE).
  public var kind: String
  /// The first 16 hex digits of SHA-256 over the key: tells keys apart, reveals nothing.
  public var fingerprint: String
  public init(kind: String, fingerprint: String) {
    self.kind = kind
    self.fingerprint = fingerprint
  }
  public var isDemo: Bool { kind == "demo" }
}

/// One export (a source folder) as the extract stage found it.
public struct SourceExport: Codable, Hashable, Sendable {
  /// The folder under `inputs/<region>/` (`veilig-thuis`).
  public var folder: String
  public var kind: SourceKind
  public var organisation: String
  public var layout: String
  /// SHA-256 over the export's files: of the lines `<name>\t<bytes>\t<file SHA-256>\n`, in
  /// byte-wise name order (docs/decisions.md, entry 40).
  public var exportSHA256: String
  /// The day the export was taken (see docs/handover.md for how it is found).
  public var peildatum: String?
  /// Where the peildatum came from: `xml`, `file` or `latest-date`.
  public var peildatumSource: String?
  /// Accepted records per entity.
  public var accepted: [String: Int]

  enum CodingKeys: String, CodingKey {
    case folder, kind, organisation, layout, peildatum, accepted
    case exportSHA256 = "export_sha256"
    case peildatumSource = "peildatum_source"
  }

  public init(
    folder: String, kind: SourceKind, organisation: String, layout: String, exportSHA256: String,
    peildatum: String?, peildatumSource: String?, accepted: [String: Int]
  ) {
    self.folder = folder
    self.kind = kind
    self.organisation = organisation
    self.layout = layout
    self.exportSHA256 = exportSHA256
    self.peildatum = peildatum
    self.peildatumSource = peildatumSource
    self.accepted = accepted
  }
}

/// `staged/index.json`: what the extract stage handed over. Written last, inside the
/// staged folder, which is published as a whole.
public struct StagedIndex: Codable, Sendable {
  public static let format = "vtcijfers-staged"
  public var format: String
  public var version: Int
  public var region: String
  public var pseudonymKey: PseudonymKeyInfo
  public var sources: [SourceExport]

  enum CodingKeys: String, CodingKey {
    case format, version, region, sources
    case pseudonymKey = "pseudonym_key"
  }

  public init(region: String, pseudonymKey: PseudonymKeyInfo, sources: [SourceExport]) {
    format = Self.format
    version = StagedFormat.version
    self.region = region
    self.pseudonymKey = pseudonymKey
    self.sources = sources
  }

  /// The staged file of `entity` from source `folder`, inside the staged folder `dir`.
  public static func file(_ dir: String, source folder: String, entity: Entity) -> String {
    "\(dir)/\(folder)/\(entity.stagedFileName)"
  }
}

/// A period as the facts hand it over: its code and whether it was still open.
public struct PeriodStatus: Codable, Hashable, Sendable {
  public var code: String
  public var provisional: Bool
  public init(code: String, provisional: Bool) {
    self.code = code
    self.provisional = provisional
  }
}

/// `facts/index.json`: what the transform stage handed over to load.
public struct FactsIndex: Codable, Sendable {
  public static let format = "vtcijfers-facts"
  public static let version = 1
  public var format: String
  public var version: Int
  public var region: String
  public var vtregio: String
  public var pseudonymKey: PseudonymKeyInfo
  public var sources: [FactsSource]

  /// The facts of one source: its export and the file with its aggregate rows.
  public struct FactsSource: Codable, Hashable, Sendable {
    public var export: SourceExport
    /// `facts/<folder>.tsv`.
    public var file: String
    public var rows: Int
    /// Every period that has a figure, with its provisional flag on the export's peildatum.
    public var periods: [PeriodStatus]
    public init(export: SourceExport, file: String, rows: Int, periods: [PeriodStatus]) {
      self.export = export
      self.file = file
      self.rows = rows
      self.periods = periods
    }
  }

  enum CodingKeys: String, CodingKey {
    case format, version, region, vtregio, sources
    case pseudonymKey = "pseudonym_key"
  }

  public init(region: String, vtregio: String, pseudonymKey: PseudonymKeyInfo, sources: [FactsSource]) {
    format = Self.format
    version = Self.version
    self.region = region
    self.vtregio = vtregio
    self.pseudonymKey = pseudonymKey
    self.sources = sources
  }
}

/// Reads and writes the JSON documents of the pipeline: sorted keys, pretty, stable bytes.
public enum JSONFiles {
  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
      throw PipelineError.internal("cannot encode \(T.self): \(error)")
    }
  }

  public static func write<T: Encodable>(_ value: T, to path: String, mode: mode_t = 0o644)
    throws
  {
    let file = try BufferedWriter(creating: path, mode: mode)
    try file.write(try encode(value))
    try file.close()
  }

  public static func writeAtomically<T: Encodable>(_ value: T, to path: String, mode: mode_t = 0o644)
    throws
  {
    try AtomicFile.write(try encode(value), to: path, mode: mode)
  }

  public static func read<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.noInput("\(path): missing (run the previous stage first)")
    }
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch {
      throw PipelineError.internal("\(path): not a valid \(T.self): \(error)")
    }
  }
}
