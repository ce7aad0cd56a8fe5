import Foundation
import Model
import Pipeline
import Testing

@testable import Synth

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Synthesizer")
struct SynthesizerTests {
  static func temporaryDirectory(_ tag: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "synth-\(tag)-\(getpid())"
    ).path
    try? FileManager.default.removeItem(atPath: path)
    return path
  }

  static func contents(_ directory: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    }
    return out
  }

  @Test("writes the folder whole; a rerun gives the same bytes; another run replaces every file")
  func folder() throws {
    let root = Self.temporaryDirectory("folder")
    defer { try? FileManager.default.removeItem(atPath: root) }
    let out = root + "/nog/veilig-thuis"
    var options = SynthOptions(
      layout: .regasCSV, region: "nog", firstYear: 2021, lastYear: 2021, seed: 4, volume: 0.02)
    options.gzipOnly = ["Meldingen.csv"]
    let summary = try Synthesizer.run(options, reference: Support.reference, into: out)
    let first = try Self.contents(out)
    #expect(first.keys.contains("Meldingen.csv.gz") && first.keys.contains("Adviezen.csv"))
    #expect(summary.files.map(\.bytes) == summary.files.map { first[$0.name]?.count ?? -1 })
    _ = try Synthesizer.run(options, reference: Support.reference, into: out + "/")
    #expect(try Self.contents(out) == first)
    options.gzipOnly = []
    options.gzipAll = true
    _ = try Synthesizer.run(options, reference: Support.reference, into: out)
    let zipped = try Self.contents(out)
    #expect(zipped.keys.allSatisfy { $0.hasSuffix(".gz") } && zipped.count == first.count)
    // Nothing left beside the folder.
    #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/nog") == ["veilig-thuis"])
  }

  @Test("refuses to replace a folder that holds anything but export files")
  func foreign() throws {
    let out = Self.temporaryDirectory("foreign")
    defer { try? FileManager.default.removeItem(atPath: out) }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
    let options = SynthOptions(
      layout: .vtCSV, region: "nog", firstYear: 2021, lastYear: 2021, seed: 4, volume: 0.01)
    #expect(throws: PipelineError.self) {
      try Synthesizer.run(options, reference: Support.reference, into: out)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["notes.txt"])
  }

  @Test("wrong options fail with the option's name and the usage status")
  func validation() {
    func fails(_ o: SynthOptions, _ option: String) {
      do {
        _ = try Synthesizer.generate(o, reference: Support.reference) { _ in CountingSink() }
        Issue.record("accepted \(option)")
      } catch let e as PipelineError {
        #expect(e.status == .usage && e.message.hasPrefix(option), "\(e.message)")
      } catch { Issue.record("\(error)") }
    }
    fails(
      SynthOptions(layout: .vtCSV, region: "nog", firstYear: 2022, lastYear: 2020, seed: 1),
      "--years")
    fails(
      SynthOptions(
        layout: .vtCSV, region: "nog", firstYear: 2020, lastYear: 2020, seed: 1, badRate: 0.9),
      "--bad-rate")
    fails(
      SynthOptions(
        layout: .vtCSV, region: "nog", firstYear: 2020, lastYear: 2020, seed: 1, volume: 0),
      "--volume")
    fails(
      SynthOptions(layout: .vtCSV, region: "atlantis", firstYear: 2020, lastYear: 2020, seed: 1),
      "--region")
    fails(
      SynthOptions(
        layout: .vtCSV, region: "nog", firstYear: 2020, lastYear: 2020, seed: 1,
        peildatum: Day(year: 2019, month: 12, day: 31)), "--peildatum")
    #expect(SynthOptions.parseYears("2019-2023")! == (2019, 2023))
    #expect(SynthOptions.parseYears("2021")! == (2021, 2021))
    #expect(SynthOptions.parseYears("19-23") == nil)
  }

  @Test("no record date after the peildatum; its default is the 5th of January after the last year")
  func peildatum() throws {
    #expect(SynthOptions.defaultPeildatum(lastYear: 2021) == Day(year: 2022, month: 1, day: 5))
    let peildatum = Day(year: 2021, month: 6, day: 30)!
    let run = try Support.run(
      SynthOptions(
        layout: .vtCSV, region: "nog", firstYear: 2020, lastYear: 2021, seed: 9, volume: 0.05,
        peildatum: peildatum))
    var latest = Day(ordinal: 0)
    for (name, table) in VTCSVWriterTests.tables(run) {
      for column in VTCSVWriterTests.dateColumns where table.header.contains(column) {
        for v in table.values(column) where !v.isEmpty {
          let d = try #require(Day.parseISO(v), "\(name) \(column) \(v)")
          #expect(d <= peildatum, "\(name) \(column): \(v)")
          latest = max(latest, d)
        }
      }
    }
    // The export runs up to its peildatum.
    #expect(latest >= Day(year: 2021, month: 6, day: 20)!)
  }

  // MARK: The executable

  /// The built `vt-synth`: VT_BIN (set by `make test`), else beside the test bundle.
  static func executable() -> String? {
    var candidates: [String] = []
    if let bin = ProcessInfo.processInfo.environment["VT_BIN"] {
      candidates.append(bin + "/vt-synth")
    }
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
    candidates += [bundle + "/vt-synth", Support.root + "/.build/debug/vt-synth"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs `vt-synth` with `arguments`; returns its exit status and peak memory (KiB).
  static func spawn(_ arguments: [String]) throws -> (status: Int32, maxRSS: Int) {
    let path = try #require(executable(), "vt-synth is not built (swift build --build-tests)")
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) }
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, nil, argv + [nil], environ)
    try #require(spawned == 0)
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    return ((status >> 8) & 0xFF, usage.ru_maxrss)
  }

  @Test("two processes write byte-identical exports (no hash-order or clock in the output)")
  func acrossProcesses() throws {
    let root = Self.temporaryDirectory("processes")
    defer { try? FileManager.default.removeItem(atPath: root) }
    for layout in ExportLayout.allCases {
      let common = [
        "--layout", layout.rawValue, "--region", "groningen", "--years", "2020-2021", "--seed",
        "77",
        "--volume", "0.03", "--bad-rate", "0.01", "--gzip-only",
        "meldingen.csv,Kenmerken.csv,vtexport-2021-001.xml",
        "--reference", Support.root + "/pipelines/reference",
      ]
      #expect(try Self.spawn(common + ["--out", root + "/a-" + layout.rawValue]).status == 0)
      #expect(try Self.spawn(common + ["--out", root + "/b-" + layout.rawValue]).status == 0)
      let a = try Self.contents(root + "/a-" + layout.rawValue)
      #expect(!a.isEmpty)
      #expect(a == (try Self.contents(root + "/b-" + layout.rawValue)), "\(layout.rawValue)")
    }
    // A usage error exits 64.
    #expect(
      try Self.spawn([
        "--layout", "xls", "--region", "nog", "--years", "2020", "--seed", "1", "--out",
        root + "/x",
      ]).status == 64)
  }

  @Test("--scale streams: ten times the data does not take more memory")
  func streaming() throws {
    let root = Self.temporaryDirectory("scale")
    defer { try? FileManager.default.removeItem(atPath: root) }
    func run(_ scale: String) throws -> Int {
      let r = try Self.spawn([
        "--layout", "vt-csv", "--region", "rotterdam-rijnmond", "--years", "2021", "--seed", "1",
        "--scale", scale, "--gzip", "--out", root + "/s" + scale, "--reference",
        Support.root + "/pipelines/reference",
      ])
      #expect(r.status == 0)
      return r.maxRSS
    }
    let small = try run("0.01")
    let large = try run("0.2")
    let bytes = { (dir: String) in
      try FileManager.default.contentsOfDirectory(atPath: dir).map {
        Support.gunzip(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))))?.count
          ?? 0
      }.reduce(0, +)
    }
    let largeBytes = try bytes(root + "/s0.2")
    // 0,2 × (140.000 adviezen + 130.000 meldingen): ≈ 150.000 records, ≈ 14 MB of CSV. Held in
    // memory they would take several times that; streamed, the peak stays where it was.
    #expect(largeBytes > 12_000_000)
    #expect(large - small < 8 * 1024, "peak memory grew from \(small) KiB to \(large) KiB")
    print(
      "vt-synth peak memory: scale 0.01 \(small) KiB, scale 0.2 \(large) KiB "
        + "(\(largeBytes) bytes of CSV)")
  }

  @Test("the committed samples in inputs/ are exactly what scripts/make-samples.sh makes")
  func samples() throws {
    let synth = try #require(Self.executable(), "vt-synth is not built")
    let out = Self.temporaryDirectory("samples")
    defer { try? FileManager.default.removeItem(atPath: out) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [Support.root + "/scripts/make-samples.sh", synth, out]
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let committed = Support.root + "/inputs"
    var files: [String] = []
    for region in try FileManager.default.contentsOfDirectory(atPath: committed).sorted() {
      for source in try FileManager.default.contentsOfDirectory(atPath: committed + "/" + region)
        .sorted()
      {
        let dir = "/\(region)/\(source)"
        #expect(
          try Self.contents(out + dir) == (try Self.contents(committed + dir)),
          "\(dir) differs: run make samples")
        files += try FileManager.default.contentsOfDirectory(atPath: committed + dir)
      }
    }
    // Regas 9 files + vt-xml 2 (one per year) + jb-csv 1 + vt-csv 8.
    #expect(files.count == 20)
    // Small, as the repository wants them (well under 2 MB).
    let total = try FileManager.default.subpathsOfDirectory(atPath: committed)
      .compactMap { FileSystem.size(committed + "/" + $0) }.reduce(0, +)
    #expect(total < 1_000_000)
  }
}
