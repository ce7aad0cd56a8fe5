import Foundation
import Pipeline
import Testing

/// A scratch installation for `make nightly`: pipelines of the chosen regions (their
/// `outputs` replaced, reference and layouts linked from the repository), fresh vt-synth
/// exports with known bsn's, and `make` run from the repository with everything under the
/// scratch folder and the built executables of `VT_BIN` (`PREBUILT`).
struct NightlyFixture {
  static let repository = TransformLoadCommandTests.root.path

  /// The exports of each region: folder, layout, seed, gzipped — all four layouts.
  static let exports: [String: [(folder: String, layout: String, seed: Int, gzip: Bool)]] = [
    "nog": [("veilig-thuis", "regas-csv", 31, true)],
    "groningen": [("veilig-thuis", "vt-xml", 32, false), ("jeugdbescherming", "jb-csv", 33, true)],
    "rotterdam-rijnmond": [("veilig-thuis", "vt-csv", 34, false)],
  ]

  let root: String
  let regions: [String]
  var inputs: String { root + "/inputs" }
  var outputs: String { root + "/outputs" }
  var work: String { outputs + "/work" }
  var logs: String { outputs + "/logs" }
  var lock: String { outputs + "/.nightly.lock" }
  var pipelines: [String] { regions.map { root + "/pipelines/\($0).yaml" } }

  /// `regions` with `outputs: <emit>` in their pipelines, exports of `years` at `volume`.
  init(
    _ name: String, regions: [String], emit: String = "[cbs-tables]", years: String = "2021",
    volume: Double = 0.02
  ) throws {
    let base =
      ProcessInfo.processInfo.environment["VT_FAULTS_DIR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? NSTemporaryDirectory()
    // A canonical path (NSTemporaryDirectory() ends in "/"): tests compare it with the paths
    // the kernel shows in /proc/<pid>/fd.
    var trimmed = base
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    root = trimmed + "/vt-\(name)-\(UUID().uuidString.prefix(8))"
    self.regions = regions
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/pipelines", withIntermediateDirectories: true)
    for folder in ["reference", "layouts"] {
      try fm.createSymbolicLink(
        atPath: root + "/pipelines/" + folder,
        withDestinationPath: Self.repository + "/pipelines/" + folder)
    }
    for region in regions {
      let yaml = try String(
        contentsOfFile: Self.repository + "/pipelines/\(region).yaml", encoding: .utf8)
      let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.hasPrefix("outputs:") ? "outputs: \(emit)" : String($0)
      }
      try lines.joined(separator: "\n").write(
        toFile: root + "/pipelines/\(region).yaml", atomically: false, encoding: .utf8)
      for export in Self.exports[region] ?? [] {
        var arguments = [
          "--layout", export.layout, "--region", region, "--years", years,
          "--seed", String(export.seed), "--volume", String(volume),
          "--out", inputs + "/\(region)/" + export.folder,
        ]
        if export.gzip { arguments.append("--gzip") }
        let r = try TransformLoadCommandTests.run("vt-synth", arguments)
        try #require(r.status == 0, "vt-synth \(export.layout): \(r.stderr)")
      }
    }
  }

  func remove() { try? FileManager.default.removeItem(atPath: root) }

  /// The folder of the built executables.
  static func bin() throws -> String {
    (try TransformLoadCommandTests.tool("vt-extract") as NSString).deletingLastPathComponent
  }

  /// The make variables of this installation.
  func variables(_ extra: [String] = []) throws -> [String] {
    [
      "PREBUILT=" + (try Self.bin()), "INPUTS=" + inputs, "OUTPUTS=" + outputs,
      "PIPELINES=" + pipelines.joined(separator: " "), "VT_GIT_REVISION=test",
    ] + extra
  }

  /// A started `make <targets>` (`["nightly"]`: `scripts/make-nightly.sh`): its output (both streams) goes to `output`.
  func start(_ targets: [String], _ extra: [String] = [], output: String, environment: [String: String] = [:]) throws -> Process {
    let p = Process()
    if targets == ["nightly"] {
      // As cron runs it: the wrapper that exits with the night's own status.
      p.executableURL = URL(fileURLWithPath: Self.repository + "/scripts/make-nightly.sh")
      p.arguments = try variables(extra)
    } else {
      p.executableURL = URL(fileURLWithPath: "/usr/bin/make")
      p.arguments = ["--no-print-directory"] + targets + (try variables(extra))
    }
    p.currentDirectoryURL = URL(fileURLWithPath: Self.repository)
    var env = ProcessInfo.processInfo.environment
    // Not the jobserver of an outer `make test`.
    for name in ["MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"] { env[name] = nil }
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    for (k, v) in environment { env[k] = v }
    p.environment = env
    FileManager.default.createFile(atPath: output, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    p.standardOutput = handle
    p.standardError = handle
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return p
  }

  /// Runs `make <targets>`; its status and output.
  @discardableResult
  func make(_ targets: [String], _ extra: [String] = [], environment: [String: String] = [:])
    throws -> (status: Int32, output: String)
  {
    let out = root + "/make-\(UUID().uuidString.prefix(8)).txt"
    let p = try start(targets, extra, output: out, environment: environment)
    p.waitUntilExit()
    let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: out)
    return (p.terminationStatus, text)
  }

  /// Every regular file under `folder` (relative path → SHA-256), skipping paths for which
  /// `skip` is true.
  static func tree(_ folder: String, skip: (String) -> Bool = { _ in false }) throws -> [String: String] {
    var files: [String: String] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
    while let relative = walker.nextObject() as? String {
      let path = folder + "/" + relative
      var st = stat()
      guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, !skip(relative) else {
        continue
      }
      files[relative] = try Checksum.sha256(file: path)
    }
    return files
  }

  /// Every regular file under `folder` with its inode and modification time.
  static func stamps(_ folder: String, skip: (String) -> Bool = { _ in false }) -> [String: String] {
    var files: [String: String] = [:]
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return files }
    while let relative = walker.nextObject() as? String {
      var st = stat()
      guard lstat(folder + "/" + relative, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG,
        !skip(relative)
      else { continue }
      files[relative] = "\(st.st_ino) \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }
    return files
  }

  /// The lines of the logs of `region` (all days; `nightly`: the summaries).
  func logLines(_ region: String) -> [String] {
    let folder = logs + "/" + region
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".log") }.sorted().flatMap { name in
      ((try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? "")
        .split(separator: "\n").map(String.init)
    }
  }

  /// The stages that finished (`<tool> done`) in the stage logs of `region`.
  func stagesDone(_ region: String) -> [String] {
    logLines(region).filter { $0.contains(" done\" status=0") }.compactMap { line in
      line.split(separator: " ").first { $0.hasPrefix("stage=") }.map { String($0.dropFirst(6)) }
    }
  }

  /// The lines of the nightly summary logs.
  func summaryLines() -> [String] { logLines("nightly").filter { $0.hasPrefix("time=") } }

  // ---- Bytes of a file, decompressed -------------------------------------------------------

  /// The content of `path`, gunzipped when it is gzip, plus the SQL dump of a SQLite file.
  static func contents(_ path: String) throws -> [Data] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    var parts = [data]
    if data.starts(with: [0x1F, 0x8B]) {
      parts.append(try output(of: "/bin/gzip", ["-dc", path]))
    }
    if data.starts(with: Array("SQLite format 3".utf8)) {
      parts.append(try output(of: "/usr/bin/sqlite3", [path, ".dump"]))
    }
    return parts
  }

  static func output(of tool: String, _ arguments: [String]) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return data
  }

  /// The bsn's written into the exports of this installation (8 or 9 digits: vt-synth also
  /// writes broken ones, which extract rejects), read from the files themselves: the `bsn`
  /// column of the CSV layouts, the `bsn` attribute of vt-xml.
  func bsns() throws -> Set<String> {
    var found = Set<String>()
    guard let walker = FileManager.default.enumerator(atPath: inputs) else { return found }
    while let relative = walker.nextObject() as? String {
      let path = inputs + "/" + relative
      guard !FileSystem.isDirectory(path) else { continue }
      let data = try Self.contents(path).last ?? Data()
      let text = String(decoding: data, as: UTF8.self)
      if text.hasPrefix("<?xml") || text.hasPrefix("<") {
        for part in text.components(separatedBy: "bsn=\"").dropFirst() {
          let value = part.prefix { $0 != "\"" }
          if Self.isBsnLike(value) { found.insert(String(value)) }
        }
        continue
      }
      var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
      guard let header = lines.next() else { continue }
      let separator: Character = header.contains(";") ? ";" : ","
      let names = header.split(separator: separator, omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r ")).lowercased()
      }
      guard let column = names.firstIndex(of: "bsn") else { continue }
      while let line = lines.next() {
        let fields = line.split(separator: separator, omittingEmptySubsequences: false)
        guard column < fields.count else { continue }
        let value = fields[column].trimmingCharacters(in: CharacterSet(charactersIn: "\"\r "))
        if Self.isBsnLike(Substring(value)) { found.insert(value) }
      }
    }
    return found
  }

  static func isBsnLike(_ s: Substring) -> Bool {
    (8...9).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// Every (file, bsn) where one of `bsns` occurs in a file under `folder` — in its bytes,
  /// its gunzipped content or its SQL dump.
  static func leaks(of bsns: Set<String>, under folder: String) throws -> [(String, String)] {
    var leaks: [(String, String)] = []
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return leaks }
    while let relative = walker.nextObject() as? String {
      let path = folder + "/" + relative
      guard !FileSystem.isDirectory(path) else { continue }
      for data in try contents(path) {
        for bsn in digitWindows(data).intersection(bsns) { leaks.append((relative, bsn)) }
      }
    }
    return leaks
  }

  /// Every run of 8 and of 9 consecutive ASCII digits in `data` (also inside longer runs).
  static func digitWindows(_ data: Data) -> Set<String> {
    var windows = Set<String>()
    let bytes = [UInt8](data)
    var start = 0
    var i = 0
    while i <= bytes.count {
      let isDigit = i < bytes.count && (0x30...0x39).contains(bytes[i])
      if !isDigit {
        if i - start >= 8 {
          for length in 8...9 where i - start >= length {
            for s in start...(i - length) {
              windows.insert(String(decoding: bytes[s..<(s + length)], as: UTF8.self))
            }
          }
        }
        start = i + 1
      }
      i += 1
    }
    return windows
  }
}
