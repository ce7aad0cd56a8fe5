import ArgumentParser
import Bench
import Extract
import Pipeline

/// `vt-bench`: the benchmark runner behind `make bench`.
public struct BenchCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-bench",
    abstract: "Run the stages on a national-size synthetic export and print throughput and peak memory next to baselines.",
    discussion: "Generates the exports once with vt-synth into --work; see Sources/Bench/README.md.")

  @Option(help: "The folder of the built executables (vt-extract, vt-synth, …).")
  var bin: String

  @Option(help: "The benchmark's folder: generated exports, work folders, results.txt.")
  var work = "bench"

  @Option(help: "The folder of the pipeline configurations.")
  var pipelines = "pipelines"

  @Option(help: "vt-synth --scale of the full-size export (1 = one year of the whole country).")
  var scale = 1.0

  @Option(help: "The scale of the smaller export that shows memory does not grow with size (0: none).")
  var smallScale = 0.25

  @Option(help: "The years the exports cover.")
  var years = "2019-2023"

  @Option(help: "The seed of the synthetic exports.")
  var seed = 1

  @Option(help: "Benchmark exports already on disk (<inputs>/<region>/<source>/) instead.")
  var inputs: String?

  @Option(parsing: .upToNextOption, help: "Only these regions.")
  var region: [String] = []

  @Option(help: "Runs of each command; the fastest counts.")
  var repeats = 1

  @Flag(help: "Generate the exports again.")
  var regenerate = false

  @Flag(help: "Run vt-emit all after the chain too (minutes per region at scale 1).")
  var emit = false

  @Flag(help: "Skip the in-process probes.")
  var noProbes = false

  public init() {}

  public func run() throws {
    try runStage("vt-bench") {
      let options = BenchOptions(
        bin: bin, work: work, pipelines: pipelines, regions: region, scale: scale,
        smallScale: smallScale, years: years, seed: seed, inputs: inputs, regenerate: regenerate,
        repeats: repeats, emit: emit)
      try BenchRunner(options: options, probes: noProbes ? [] : Self.probes).run()
    }
  }

  /// The stage libraries' in-process measurements.
  static let probes: [Probe] = [
    Probe(name: "CSV reader (extract)", unit: "MB/s") {
      let r = try ExtractBenchmarks.csvScan()
      return (r.megabytesPerSecond, "\(r.records) records in memory")
    },
    Probe(name: "HMAC-SHA256 pseudonym, fast path", unit: "µs/call") {
      let h = ExtractBenchmarks.hmac()
      return (
        h.fastPath,
        String(format: "naive authenticationCode %.2f µs, prepared HMAC copied %.2f µs", h.naive, h.preparedCopy)
      )
    },
    Probe(name: "id table, short ids (M0001234)", unit: "bytes/id") {
      let m = ExtractBenchmarks.idMemory()
      return (m[0].idTable, String(format: "Set<String> %.1f bytes/id; long ids (MELDING-2021-0001234): %.1f vs %.1f", m[0].setOfStrings, m[1].idTable, m[1].setOfStrings))
    },
  ]
}
