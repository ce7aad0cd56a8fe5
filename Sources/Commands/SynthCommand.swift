import ArgumentParser
import Foundation
import Model
import Pipeline
import Synth

/// `vt-synth`: synthetic exports.
public struct SynthCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-synth",
    abstract: "Write a deterministic synthetic export in any layout of exports.md.",
    discussion: """
      The same arguments give byte-identical files. The export folder (--out) is replaced \
      as a whole; it must be absent, empty or hold only export files. See docs/synth.md.
      """)

  @Option(help: "Export layout: vt-csv, regas-csv, vt-xml or jb-csv.")
  var layout: String

  @Option(help: "Region: nog, groningen or rotterdam-rijnmond (picks gemeenten and volume).")
  var region: String

  @Option(help: "Years to cover, e.g. 2019-2023 or 2021.")
  var years: String

  @Option(help: "Seed of the generator (an unsigned 64-bit integer).")
  var seed: UInt64

  @Option(help: "The export folder to write (replaced as a whole).")
  var out: String

  @Option(help: "Multiply the region's yearly volume (the samples use a small value).")
  var volume: Double = 1

  @Option(help: "Write F times one year of the whole country per year, for benchmarks.")
  var scale: Double?

  @Option(help: "Share of records written broken on purpose, for extract's rejects (0 = clean).")
  var badRate: Double = 0

  @Flag(help: "Gzip every file (.gz appended).")
  var gzip = false

  @Option(help: "Gzip only these files, comma-separated plain names (Meldingen.csv,Kenmerken.csv).")
  var gzipOnly: String?

  @Option(
    help:
      "The day the export was taken (YYYY-MM-DD); default the 5th of January after the last year.")
  var peildatum: String?

  @Option(help: "The reference data folder.")
  var reference: String = "pipelines/reference"

  public init() {}

  public func validate() throws {
    guard ExportLayout(rawValue: layout) != nil else {
      let known = ExportLayout.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("--layout: unknown layout \"\(layout)\" (known: \(known))")
    }
    guard SynthOptions.parseYears(years) != nil else {
      throw ValidationError("--years: \"\(years)\" is not YYYY or YYYY-YYYY")
    }
    if let peildatum, Day.parseISO(peildatum) == nil {
      throw ValidationError("--peildatum: \"\(peildatum)\" is not a date YYYY-MM-DD")
    }
    do {
      try options().validate()
    } catch let error as PipelineError {
      throw ValidationError(error.message)
    }
  }

  func options() throws -> SynthOptions {
    guard let layout = ExportLayout(rawValue: layout),
      let (first, last) = SynthOptions.parseYears(years)
    else { throw ValidationError("invalid --layout or --years") }
    let only = Set(
      (gzipOnly ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter
      { !$0.isEmpty })
    return SynthOptions(
      layout: layout, region: region, firstYear: first, lastYear: last, seed: seed, volume: volume,
      scale: scale, badRate: badRate, gzipAll: gzip, gzipOnly: only,
      peildatum: peildatum.flatMap { Day.parseISO($0) })
  }

  public func run() throws {
    try runStage("vt-synth") {
      let reference = try ReferenceFiles.load(directory: self.reference)
      let summary = try Synthesizer.run(try options(), reference: reference, into: out)
      print(summary.text, terminator: "")
    }
  }
}
