import Foundation
import Model
import Pipeline

/// vt-synth: deterministic synthetic exports in every layout of `exports.md`.
///
/// The same options give the same bytes: every random choice comes from the generator's own
/// streams of the seed, files are written in a fixed order, gzip headers carry no time. The
/// export is generated casus by casus and streamed to disk, so memory does not depend on its
/// size; the folder is published whole (written aside, then swapped in).
public enum Synthesizer {
  /// Writes the export into `directory` and returns what was written.
  ///
  /// `directory` is replaced as a whole; it must be absent, empty, or hold only files an
  /// export of some layout consists of (so a mistyped `--out` never wipes anything else).
  public static func run(
    _ options: SynthOptions, reference: ReferenceData, into directory: String
  ) throws -> SynthSummary {
    var target = directory
    while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
    try checkReplaceable(target)
    let staging = try StagingDirectory(final: target)
    let summary = try generate(options, reference: reference) { name in
      try FileSink(path: staging.file(name))
    }
    try staging.publish()
    return summary.placed(in: target)
  }

  /// Generates the export into sinks made by `makeSink` (one per file name).
  static func generate(
    _ options: SynthOptions, reference: ReferenceData,
    makeSink: @escaping (String) throws -> ByteSink
  ) throws -> SynthSummary {
    try options.validate()
    guard let profile = RegionProfile.named(options.region, reference: reference) else {
      let known = RegionProfile.knownNames.joined(separator: ", ")
      throw PipelineError(
        .usage, "--region: unknown region \"\(options.region)\" (known: \(known))")
    }
    guard !reference.gemeenten(inVTRegio: profile.vtregio, on: options.firstDay).isEmpty else {
      throw PipelineError(
        .config,
        "reference data: no gemeenten of \(profile.vtregio) (\(profile.name)) "
          + "in \(options.firstYear)")
    }
    let breaker = Breaker(rate: options.badRate, layout: options.layout, seed: options.seed)
    let opener = FileOpener(options: options, makeSink: makeSink)
    let writer = try ExportWriterFactory.make(
      options.layout, options: options, profile: profile, reference: reference, breaker: breaker,
      opener: opener)
    var stats = VeiligThuisGenerator.Stats()
    if options.layout == .jbCSV {
      try MaatregelGenerator(
        options: options, profile: profile, reference: reference, breaker: breaker
      )
      .run(into: writer)
    } else {
      let generator = VeiligThuisGenerator(
        options: options, profile: profile, reference: reference, breaker: breaker)
      try generator.run(into: writer)
      stats = generator.stats
    }
    return SynthSummary(
      options: options, directory: "",
      files: writer.files.map {
        SynthSummary.File(
          name: $0.name, records: $0.records, bytes: $0.diskBytes, plainBytes: $0.plainBytes)
      },
      entities: writer.recordsPerEntity, ledger: breaker.ledger, stats: stats)
  }

  /// Names an export of any layout consists of (`.gz` allowed).
  static func isExportFile(_ name: String) -> Bool {
    let plain = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
    let known =
      VTCSVWriter.columns.map(\.file) + RegasCSVWriter.columns.map(\.file) + [
        "maatregelen.csv", "peildatum", "peildatum.txt",
      ]
    if known.contains(plain) { return true }
    return plain.hasPrefix("vtexport-") && plain.hasSuffix(".xml")
  }

  private static func checkReplaceable(_ directory: String) throws {
    guard FileSystem.exists(directory) else { return }
    guard FileSystem.isDirectory(directory) else {
      throw PipelineError(.usage, "--out: \(directory) exists and is not a folder")
    }
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    } catch {
      throw PipelineError(.cannotCreate, "--out: \(directory) cannot be read")
    }
    if let foreign = entries.first(where: { !isExportFile($0) }) {
      throw PipelineError(
        .usage,
        "--out: refusing to replace \(directory): it holds \"\(foreign)\", which is no export file "
          + "(vt-synth replaces the whole folder)")
    }
  }
}

/// What one vt-synth run wrote.
public struct SynthSummary: Sendable {
  public struct File: Sendable {
    public let name: String
    public let records: Int
    /// Bytes on disk (compressed, for `.gz`).
    public let bytes: Int
    /// Bytes before compression.
    public let plainBytes: Int
  }

  public let options: SynthOptions
  public let directory: String
  public let files: [File]
  /// Records written per entity, Regas's Kenmerken rows as `kenmerk`.
  public let entities: [(String, Int)]
  let ledger: FlawLedger
  let stats: VeiligThuisGenerator.Stats

  func placed(in directory: String) -> SynthSummary {
    SynthSummary(
      options: options, directory: directory, files: files, entities: entities, ledger: ledger,
      stats: stats)
  }

  /// Records deliberately broken, per rule of `model.md`.
  public var brokenByRule: [(String, Int)] { ledger.byRule.map { ($0.0.rawValue, $0.1) } }
  /// Records deliberately broken in all.
  public var brokenTotal: Int { ledger.total }
  public var records: Int { files.reduce(0) { $0 + $1.records } }
  public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }

  /// The report vt-synth prints: what was written where, per file and entity, and what was
  /// broken on purpose. It never shows a record value.
  public var text: String {
    let o = options
    var lines: [String] = []
    let years = o.firstYear == o.lastYear ? "\(o.firstYear)" : "\(o.firstYear)-\(o.lastYear)"
    var what = "vt-synth: \(o.layout.rawValue) export of \(o.region), \(years), seed \(o.seed)"
    if let scale = o.scale { what += ", scale \(scale)" }
    if o.volume != 1 { what += ", volume \(o.volume)" }
    what += ", peildatum \(o.peildatum.iso)"
    lines.append(what + (directory.isEmpty ? "" : " -> \(directory)"))
    let width = max(12, files.map(\.name.count).max() ?? 0)
    func pad(_ s: String, _ w: Int, right: Bool = false) -> String {
      let fill = String(repeating: " ", count: max(0, w - s.count))
      return right ? fill + s : s + fill
    }
    lines.append(
      "  " + pad("file", width) + pad("records", 12, right: true) + pad("bytes", 14, right: true))
    for f in files {
      lines.append(
        "  " + pad(f.name, width) + pad(String(f.records), 12, right: true)
          + pad(String(f.bytes), 14, right: true))
    }
    lines.append(
      "  " + pad("total", width) + pad(String(records), 12, right: true)
        + pad(String(bytes), 14, right: true))
    lines.append(
      "  records per entity: " + entities.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    if stats.casussen > 0 {
      lines.append(
        "  casussen \(stats.casussen) (hermeldingen \(stats.hermeldingen), "
          + "vervolgmeldingen \(stats.vervolgmeldingen)); largest casus \(stats.largestCasus) "
          + "records; households kept for hermeldingen \(stats.householdsRetained)")
    }
    if stats.bsnOverflow > 0 {
      lines.append(
        "  note: \(stats.bsnOverflow) persons beyond the unique-bsn space were written "
          + "without a bsn")
    }
    let broken = brokenByRule.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    lines.append(
      "  broken on purpose (--bad-rate \(o.badRate)): \(brokenTotal) records"
        + (broken.isEmpty ? "" : " (\(broken))"))
    let slips = ledger.slips.keys.sorted().map { "\($0.rawValue) \(ledger.slips[$0] ?? 0)" }
    let slipCount = ledger.slips.values.reduce(0, +)
    lines.append(
      "  consistency slips (accepted, for the kwaliteitsrapport): \(slipCount)"
        + (slips.isEmpty ? "" : " (\(slips.joined(separator: ", ")))"))
    return lines.joined(separator: "\n") + "\n"
  }
}
