import Foundation
import Model
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// The benchmark behind `make bench`: generates a national-size synthetic export once (with
/// `vt-synth`), runs the built stages on it as child processes and measures wall time, CPU
/// time and peak memory next to baselines measured in the same run (`gzip -dc` of the same
/// gzipped CSV files, `xmllint --stream --noout` of the same XML), then the in-process probes
/// the stage libraries offer. Prints tables with throughput and ratios.
///
/// Generic over the stages: `StageSteps.all` lists what runs on each region's export (the
/// extract stage today; later stages add their steps there).
public final class BenchRunner {
  let options: BenchOptions
  let probes: [Probe]
  private var output = ""

  public init(options: BenchOptions, probes: [Probe]) {
    self.options = options
    self.probes = probes
  }

  /// One size of the benchmark's exports.
  struct Size {
    let name: String
    let scale: Double?
    /// `<inputs>/<region>/<source>/`.
    let inputs: String
    let work: String
  }

  /// Runs everything; returns the printed report. Throws when a step fails.
  @discardableResult
  public func run() throws -> String {
    let regions = try loadRegions()
    var sizes: [Size] = []
    if let given = options.inputs {
      sizes.append(Size(name: "given", scale: nil, inputs: given, work: options.work + "/given"))
    } else {
      if options.smallScale > 0 && options.smallScale < options.scale {
        sizes.append(Size(name: "small", scale: options.smallScale, inputs: "", work: options.work + "/scale-\(options.smallScale)"))
      }
      sizes.append(Size(name: "full", scale: options.scale, inputs: "", work: options.work + "/scale-\(options.scale)"))
      sizes = sizes.map { Size(name: $0.name, scale: $0.scale, inputs: $0.work + "/inputs", work: $0.work) }
    }
    print("vt-bench: \(regions.map(\.name).joined(separator: ", ")); sizes: \(sizes.map { "\($0.name)\($0.scale.map { " (scale \($0))" } ?? "")" }.joined(separator: ", "))")
    for size in sizes where size.scale != nil {
      for region in regions { try generate(region, size) }
    }

    var results: [StepResult] = []
    for size in sizes {
      for region in regions {
        results += try measure(region, size)
      }
    }
    report(results, sizes: sizes)
    reportProbes()
    try? FileSystem.makeDirectory(options.work)
    try? AtomicFile.write(output, to: options.work + "/results.txt")
    return output
  }

  private func print(_ line: String) {
    Swift.print(line)
    fflush(nil)
    output += line + "\n"
  }

  // MARK: Regions

  /// A region of the benchmark: its pipeline and its sources.
  struct Region {
    let name: String
    let pipeline: String
    let sources: [(folder: String, layout: String, kind: SourceKind)]
  }

  private func loadRegions() throws -> [Region] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: options.pipelines)) ?? []
    var regions: [Region] = []
    for file in files.sorted() where file.hasSuffix(".yaml") {
      let loaded = try LoadedPipeline.load(path: options.pipelines + "/" + file)
      let name = loaded.config.region.name
      if !options.regions.isEmpty && !options.regions.contains(name) { continue }
      regions.append(
        Region(
          name: name, pipeline: loaded.path,
          sources: loaded.config.sources.map { ($0.folder, $0.layout, $0.kind) }))
    }
    guard !regions.isEmpty else {
      throw PipelineError.config("\(options.pipelines): no pipeline configurations to benchmark")
    }
    return regions
  }

  // MARK: Generation

  private func generate(_ region: Region, _ size: Size) throws {
    guard let scale = size.scale else { return }
    let synth = options.bin + "/vt-synth"
    for source in region.sources {
      let out = "\(size.inputs)/\(region.name)/\(source.folder)"
      let marker = out + "/.vt-bench"
      let stamp = "vt-synth --layout \(source.layout) --region \(region.name) --years \(options.years) --seed \(options.seed) --scale \(scale) --gzip\n"
      if !options.regenerate, let existing = try? String(contentsOfFile: marker, encoding: .utf8), existing == stamp {
        continue
      }
      try? FileManager.default.removeItem(atPath: out)
      try FileSystem.makeDirectory(out)
      print("generating \(region.name)/\(source.folder) (\(source.layout), scale \(scale)) …")
      let m = try ChildProcess.run(
        synth,
        [
          "--layout", source.layout, "--region", region.name, "--years", options.years, "--seed",
          String(options.seed), "--scale", String(scale), "--gzip", "--out", out,
        ])
      guard m.status == 0 else {
        throw PipelineError.io(
          "\(synth) failed (exit \(m.status)) for \(region.name)/\(source.folder): \(m.stderr.suffix(600))")
      }
      try Self.flatten(out, source: source.folder)
      let files = Self.exportFiles(out)
      guard !files.isEmpty else {
        throw PipelineError.io("\(synth) wrote no export files into \(out)")
      }
      try AtomicFile.write(stamp, to: marker)
    }
  }

  /// vt-synth may write `<out>/<source>/…` instead of `<out>/…`: bring the files up.
  static func flatten(_ out: String, source: String) throws {
    let nested = out + "/" + source
    guard FileSystem.isDirectory(nested), exportFiles(out).isEmpty else { return }
    for name in try FileManager.default.contentsOfDirectory(atPath: nested) {
      try FileManager.default.moveItem(atPath: nested + "/" + name, toPath: out + "/" + name)
    }
    try FileManager.default.removeItem(atPath: nested)
  }

  /// The export files of a folder, byte-wise ordered (not the benchmark's own files).
  static func exportFiles(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
      .filter { !$0.hasPrefix(".") && !FileSystem.isDirectory(dir + "/" + $0) }
      .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      .map { dir + "/" + $0 }
  }

  // MARK: Measuring

  struct StepResult {
    let size: String
    let region: String
    let name: String
    let isBaseline: Bool
    let m: Measurement
    /// Decompressed bytes the step reads.
    let bytes: Int
    let records: Int?
    /// What `records` counts ("records", "rows").
    var unit: String = "records"
    /// Bytes held by the id tables (extract's log).
    let idBytes: Int?
    /// The baseline this step is compared with (sum of the named baselines).
    let baselines: [String]
  }

  /// The fastest of `options.repeats` runs.
  private func best(_ run: () throws -> Measurement) throws -> Measurement {
    var best: Measurement? = nil
    for _ in 0..<max(1, options.repeats) {
      let m = try run()
      if best == nil || m.wallSeconds < best!.wallSeconds { best = m }
      if m.status != 0 { return m }
    }
    return best!
  }

  private func measure(_ region: Region, _ size: Size) throws -> [StepResult] {
    var results: [StepResult] = []
    var csvFiles: [String] = []
    var xmlFiles: [String] = []
    for source in region.sources {
      let files = Self.exportFiles("\(size.inputs)/\(region.name)/\(source.folder)")
        .filter { !$0.hasSuffix("/peildatum") && !$0.hasSuffix("/peildatum.txt") }
      if source.layout.contains("xml") { xmlFiles += files } else { csvFiles += files }
    }
    guard !csvFiles.isEmpty || !xmlFiles.isEmpty else {
      print("\(region.name) (\(size.name)): no export files under \(size.inputs)/\(region.name); skipped")
      return []
    }
    var baselines: [String] = []
    if !csvFiles.isEmpty {
      let gz = csvFiles.filter(Self.isGzip)
      if !gz.isEmpty {
        let m = try best { try ChildProcess.run("gzip", ["-dc"] + gz) }
        results.append(
          StepResult(
            size: size.name, region: region.name, name: "gzip -dc (csv)", isBaseline: true, m: m,
            bytes: try decompressedSize(gz), records: nil, idBytes: nil, baselines: []))
        baselines.append("gzip -dc (csv)")
      }
    }
    if !xmlFiles.isEmpty {
      if ChildProcess.available("xmllint") {
        let m = try best { try ChildProcess.run("xmllint", ["--stream", "--noout"] + xmlFiles) }
        results.append(
          StepResult(
            size: size.name, region: region.name, name: "xmllint --stream (xml)", isBaseline: true,
            m: m, bytes: try decompressedSize(xmlFiles), records: nil, idBytes: nil, baselines: []))
        baselines.append("xmllint --stream (xml)")
      } else {
        print("xmllint not found (Debian: libxml2-utils): no XML baseline")
      }
    }
    let inputBytes = results.reduce(0) { $0 + $1.bytes }
    for step in options.emit ? StageSteps.withEmit : StageSteps.all {
      let work = "\(size.work)/work/\(region.name)"
      let outputs = "\(size.work)/outputs/\(region.name)"
      let args = step.arguments(region.pipeline, "\(size.inputs)/\(region.name)", work, outputs)
      let executable = options.bin + "/" + step.executable
      var environment = ProcessInfo.processInfo.environment
      environment.removeValue(forKey: "VT_PSEUDONYM_KEY_FILE")
      let m = try best {
        for path in step.stale(work, outputs) { try? FileManager.default.removeItem(atPath: path) }
        return try ChildProcess.run(executable, args, environment: environment)
      }
      if m.status != 0 {
        print("\(step.name) \(region.name) (\(size.name)) failed with exit \(m.status):\n\(m.stderr.suffix(1500))")
      }
      results.append(
        StepResult(
          size: size.name, region: region.name, name: step.name, isBaseline: false, m: m,
          bytes: inputBytes, records: step.records?(work), unit: step.unit,
          idBytes: Self.logged("id_bytes", m.stderr), baselines: baselines))
    }
    // The chain extract → load: the stages' wall and CPU times summed, the largest peak.
    let chain = results.filter { r in
      !r.isBaseline && StageSteps.withEmit.contains { $0.name == r.name && $0.inChain }
    }
    if !chain.isEmpty {
      let failed = chain.first { $0.m.status != 0 }
      let m = Measurement(
        command: chain.map(\.name).joined(separator: " → "),
        status: failed?.m.status ?? 0,
        wallSeconds: chain.reduce(0) { $0 + $1.m.wallSeconds },
        userSeconds: chain.reduce(0) { $0 + $1.m.userSeconds },
        systemSeconds: chain.reduce(0) { $0 + $1.m.systemSeconds },
        peakRSS: chain.map(\.m.peakRSS).max() ?? 0, stderr: "")
      results.append(
        StepResult(
          size: size.name, region: region.name, name: Self.chainName, isBaseline: false, m: m,
          bytes: inputBytes, records: chain.first?.records, unit: "records", idBytes: nil,
          baselines: baselines))
    }
    return results
  }

  /// The row of the chain extract → transform → load.
  static let chainName = "chain extract→load"

  /// The wall-time ratio a row must stay within (issues 3 and 4): extract 2× its baselines,
  /// the chain 3×.
  static func target(_ name: String) -> Double? {
    name == StageSteps.extract.name ? 2 : name == chainName ? 3 : nil
  }

  static func isGzip(_ path: String) -> Bool {
    guard let h = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? h.close() }
    let b = [UInt8](h.readData(ofLength: 2))
    return b == [0x1F, 0x8B]
  }

  /// The decompressed size of files (gzip's trailer for gzipped files, which is exact below
  /// 4 GiB per member; the file size otherwise).
  private func decompressedSize(_ files: [String]) throws -> Int {
    var total = 0
    for f in files {
      if Self.isGzip(f) {
        let m = try ChildProcess.run("sh", ["-c", "gzip -dc \"$0\" | wc -c > \"$0.size.tmp\"", f])
        let text = (try? String(contentsOfFile: f + ".size.tmp", encoding: .utf8)) ?? "0"
        unlink(f + ".size.tmp")
        if m.status == 0 { total += Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }
      } else {
        total += FileSystem.size(f) ?? 0
      }
    }
    return total
  }

  /// The sum of `key=value` fields in structured log lines.
  static func logged(_ key: String, _ log: String) -> Int? {
    var total = 0
    var found = false
    for part in log.split(whereSeparator: { $0 == " " || $0 == "\n" }) where part.hasPrefix(key + "=") {
      if let n = Int(part.dropFirst(key.count + 1).trimmingCharacters(in: CharacterSet(charactersIn: "\""))) {
        total += n
        found = true
      }
    }
    return found ? total : nil
  }

  // MARK: Report

  private func report(_ results: [StepResult], sizes: [Size]) {
    var table = BenchTable([
      "size", "region", "step", "wall s", "cpu s", "MB (text)", "MB/s", "records", "records/s",
      "peak RSS", "vs baseline", "target",
    ])
    for r in results {
      let baseline = results.filter { $0.size == r.size && $0.region == r.region && r.baselines.contains($0.name) }
      let baseWall = baseline.reduce(0) { $0 + $1.m.wallSeconds }
      let baseCPU = baseline.reduce(0) { $0 + $1.m.cpuSeconds }
      let failed = r.m.status != 0
      table.add([
        r.size, r.region, r.name + (failed ? " FAILED (\(r.m.status))" : ""),
        BenchTable.seconds(r.m.wallSeconds), BenchTable.seconds(r.m.cpuSeconds),
        String(format: "%.1f", Double(r.bytes) / 1e6),
        String(format: "%.0f", Double(r.bytes) / 1e6 / max(r.m.wallSeconds, 1e-9)),
        r.records.map { String($0) + (r.unit == "records" ? "" : " " + r.unit) } ?? "",
        r.records.map { BenchTable.rate(Double($0) / max(r.m.wallSeconds, 1e-9)) } ?? "",
        BenchTable.megabytes(r.m.peakRSS),
        baseWall > 0 && !r.isBaseline
          ? "\(BenchTable.ratio(r.m.wallSeconds / baseWall)) wall, \(BenchTable.ratio(r.m.cpuSeconds / max(baseCPU, 1e-9))) cpu"
          : "",
        Self.target(r.name).map { t in
          baseWall > 0 ? "≤ \(BenchTable.ratio(t)) \(r.m.wallSeconds / baseWall <= t ? "met" : "MISSED")" : ""
        } ?? "",
      ])
    }
    print("")
    print("Stages against their baselines (\(r0(sizes)))")
    print(table.render())

    // Peak memory at two sizes: extract's may grow with the distinct ids, transform's and
    // load's with the distinct keys (aggregate rows), none with the records.
    if Set(results.map(\.size)).count > 1 {
      var mem = BenchTable([
        "step", "region", "size", "records", "peak RSS", "id tables", "RSS − id tables",
        "full ÷ small",
      ])
      let steps = results.filter { !$0.isBaseline && $0.name != Self.chainName && $0.m.status == 0 }
      var names: [String] = []
      for r in steps where !names.contains(r.name) { names.append(r.name) }
      for name in names {
        for r in steps where r.name == name {
          let small = steps.first { $0.name == name && $0.region == r.region && $0.size == "small" }
          let growth = r.size == "small" || small == nil
            ? "" : BenchTable.ratio(Double(r.m.peakRSS) / Double(max(small!.m.peakRSS, 1)))
          mem.add([
            r.name, r.region, r.size,
            r.records.map { String($0) + (r.unit == "records" ? "" : " " + r.unit) } ?? "",
            BenchTable.megabytes(r.m.peakRSS), r.idBytes.map(BenchTable.megabytes) ?? "",
            r.idBytes.map { BenchTable.megabytes(r.m.peakRSS - $0) } ?? "", growth,
          ])
        }
      }
      print("Peak memory of each stage at two sizes (what may grow: extract's id tables, the distinct keys of transform and load)")
      print(mem.render())
    }
  }

  private func r0(_ sizes: [Size]) -> String {
    "fastest of \(max(1, options.repeats)) run\(options.repeats == 1 ? "" : "s"); ratios: wall and cpu time against the baselines of the same region and size"
  }

  private func reportProbes() {
    guard !probes.isEmpty else { return }
    var t = BenchTable(["probe", "value", "unit", "note"])
    for p in probes {
      do {
        let (v, note) = try p.run()
        t.add([p.name, v >= 100 ? String(format: "%.0f", v) : String(format: "%.3f", v), p.unit, note])
      } catch {
        t.add([p.name, "failed", p.unit, "\(error)"])
      }
    }
    print("In-process probes")
    print(t.render())
  }
}
