import Foundation
import Model
import Pipeline

/// A fuzz target of the extract stage: which layout the fuzzed bytes are read in.
public enum ExtractFuzzTarget: String, CaseIterable, Sendable {
  /// `vt-csv`: canonical CSV, one file per entity.
  case csvVT = "csv-vt"
  /// `regas-csv`: Windows-1252, semicolons, Dutch labels, a Kenmerken file.
  case csvRegas = "csv-regas"
  /// `jb-csv`: the Jeugdbescherming maatregelen file.
  case csvJB = "csv-jb"
  /// `vt-xml`: one nested XML document, through libxml2.
  case xml
  /// The gzip layer: the bytes are a `maatregelen.csv.gz` of a `jb-csv` export.
  case gzip

  /// The layout the export is read in.
  var layout: String {
    switch self {
    case .csvVT: "vt-csv"
    case .csvRegas: "regas-csv"
    case .csvJB, .gzip: "jb-csv"
    case .xml: "vt-xml"
    }
  }

  /// The source kind (and folder) of the export.
  var kind: String { self == .csvJB || self == .gzip ? "jeugdbescherming" : "veilig-thuis" }

  /// Gemeente aliases of the source (those of `pipelines/nog.yaml` for Regas).
  var aliases: String {
    guard self == .csvRegas else { return "" }
    return """
          gemeente_aliases:
            Oldenbroek: Oldebroek
            Oost-Gelre: Oost Gelre
            Oude-IJsselstreek: Oude IJsselstreek
      """
  }
}

/// Runs fuzzed bytes through the whole extract stage, exactly as `vt-extract` reads an
/// export: the bytes become the export's files in a scratch folder, `ExtractStage.run`
/// reads, validates and stages them, and the scratch work folder is emptied again.
///
/// A multi-file layout takes its files from the bytes split at every 0x1E byte (ASCII
/// record separator): the first part is the Kenmerken file when the layout has one, then one
/// part per entity in layout order; missing parts are absent files, extra parts are ignored.
///
/// The stage may succeed or fail with a located `PipelineError`; anything else (an internal
/// error, another error type, a trap) is a finding: `run` returns it as `.finding`, and the
/// fuzzer entry point traps on it so that libFuzzer saves the input.
public final class ExtractFuzzHarness {
  /// What one input did.
  public enum Outcome: Equatable, Sendable {
    /// The stage published: records read, rejected.
    case staged(read: Int, rejected: Int)
    /// The stage failed with a located error (exit status, message).
    case located(ExitStatus, String)
    /// A bug: an internal error or an error that is not a `PipelineError`.
    case finding(String)
  }

  /// The byte that separates the files of a multi-file layout in one input.
  public static let fileSeparator: UInt8 = 0x1E

  public let target: ExtractFuzzTarget
  /// The scratch root (removed by `close`).
  public let scratch: String
  private let pipeline: LoadedPipeline
  private let reference: ReferenceData
  private let fileNames: [String]

  /// Sets up a scratch folder under `temporary` (a tmpfs such as /dev/shm keeps it fast)
  /// with a one-source pipeline in the target's layout, reading the layouts and reference
  /// data of the repository at `repository` (through symbolic links; never written).
  public init(target: ExtractFuzzTarget, repository: String, temporary: String) throws {
    self.target = target
    scratch = temporary + "/vt-fuzz-\(target.rawValue)-\(getpid())-" + UUID().uuidString.prefix(8)
    let fm = FileManager.default
    try fm.createDirectory(atPath: scratch + "/pipelines", withIntermediateDirectories: true)
    for sub in ["layouts", "reference"] {
      try fm.createSymbolicLink(
        atPath: scratch + "/pipelines/" + sub, withDestinationPath: repository + "/pipelines/" + sub)
    }
    let yaml = """
      version: 1
      region:
        name: fuzz
        title: Fuzz
        vtregio: VT14
      sources:
        - kind: \(target.kind)
          organisation: Fuzz
          layout: \(target.layout)
      \(target.aliases)
      extract:
        max_reject_rate: 1
      outputs: [cbs-tables]

      """
    try Data(yaml.utf8).write(to: URL(fileURLWithPath: scratch + "/pipelines/fuzz.yaml"))
    pipeline = try LoadedPipeline.load(path: scratch + "/pipelines/fuzz.yaml")
    reference = try pipeline.loadReference()
    let layout = try Layout.load(
      name: target.layout, directory: pipeline.layoutsDirectory, askedBy: "fuzz")
    var names: [String] = []
    if let k = layout.kenmerken { names.append(k.file) }
    for e in layout.entities { names.append(e.file ?? "") }
    if case .xml(let settings) = layout.format { names = [settings.files] }
    // A pattern (`*.xml`) becomes a name it matches.
    names = names.map { $0.replacingOccurrences(of: "*", with: "fuzz") }
    if target == .gzip { names = names.map { $0 + ".gz" } }
    fileNames = names
  }

  deinit { close() }

  /// Removes the scratch folder.
  public func close() { try? FileManager.default.removeItem(atPath: scratch) }

  private var inputs: String { scratch + "/inputs" }
  private var work: String { scratch + "/work" }

  /// The files of one input: (name, bytes) in layout order.
  func files(_ bytes: UnsafeRawBufferPointer) -> [(String, UnsafeRawBufferPointer)] {
    guard fileNames.count > 1 else { return [(fileNames[0], bytes)] }
    var out: [(String, UnsafeRawBufferPointer)] = []
    var start = 0
    for i in 0...bytes.count where out.count < fileNames.count {
      if i == bytes.count || bytes[i] == Self.fileSeparator {
        out.append((fileNames[out.count], UnsafeRawBufferPointer(rebasing: bytes[start..<i])))
        start = i + 1
      }
    }
    return out
  }

  /// Reads one input through the stage.
  public func run(_ bytes: UnsafeRawBufferPointer) -> Outcome {
    let fm = FileManager.default
    try? fm.removeItem(atPath: inputs)
    try? fm.removeItem(atPath: work)
    defer {
      try? fm.removeItem(atPath: inputs)
      try? fm.removeItem(atPath: work)
    }
    let folder = inputs + "/" + target.kind
    do {
      try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for (name, part) in files(bytes) {
        try Data(part).write(to: URL(fileURLWithPath: folder + "/" + name))
      }
    } catch {
      return .finding("the scratch export could not be written: \(error)")
    }
    let stage = ExtractStage(
      pipeline: pipeline, reference: reference, inputs: inputs,
      workspace: Workspace(work: work, outputs: scratch + "/outputs"),
      options: ExtractOptions(environment: [:]))
    do {
      let report = try stage.run()
      let read = report.counts.reduce(0) { $0 + $1.read }
      let rejected = report.counts.reduce(0) { $0 + $1.rejected }
      return .staged(read: read, rejected: rejected)
    } catch let e as PipelineError {
      if e.status == .internalError || e.message.isEmpty { return .finding("\(e.status): \(e.message)") }
      return .located(e.status, e.message)
    } catch {
      return .finding("not a PipelineError: \(error)")
    }
  }

  public func run(_ bytes: [UInt8]) -> Outcome { bytes.withUnsafeBytes { run($0) } }
}
