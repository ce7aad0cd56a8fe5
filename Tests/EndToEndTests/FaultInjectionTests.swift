import Foundation
import Pipeline
import Testing

/// Faults a night can meet, each one done for real (`make faults`, not `make test`: slower,
/// and it needs root for chattr and mount namespaces): kill -9 of every stage midway, a
/// broken export, an output folder that cannot be written, a full disk, two nightlies at
/// once, an export replaced while it is read. After each, what was published is either the
/// previous outputs, untouched, or — after a clean rerun — byte for byte what an undisturbed
/// run publishes.
@Suite(.serialized) struct FaultInjectionTests {
  /// The files compared between runs: outputs and work folders, without the logs and with the
  /// stage timings (`"seconds"`: wall-clock durations, the only bytes that differ between
  /// runs of the same inputs under SOURCE_DATE_EPOCH) blanked.
  static func published(_ f: NightlyFixture) throws -> [String: String] {
    var files: [String: String] = [:]
    guard let walker = FileManager.default.enumerator(atPath: f.outputs) else { return files }
    while let relative = walker.nextObject() as? String {
      let path = f.outputs + "/" + relative
      var st = stat()
      guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, !relative.hasPrefix("logs/"),
        !relative.hasSuffix(".lock"), !relative.hasSuffix("inputs.list")
      else { continue }
      if relative.hasSuffix(".json") {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        files[relative] = Checksum.sha256(Array(Self.withoutTimings(text).utf8))
      } else {
        files[relative] = try Checksum.sha256(file: path)
      }
    }
    return files
  }

  /// `"seconds" : 1.23` → `"seconds" : -`.
  static func withoutTimings(_ json: String) -> String {
    json.replacingOccurrences(
      of: #""seconds"\s*:\s*[0-9.eE+-]+"#, with: "\"seconds\":-", options: .regularExpression)
  }

  /// The targets that build everything a stage reads, and the stage's own target.
  static func targets(_ stage: String) -> (before: [String], stage: [String], tool: String) {
    let w = "outputs/work/groningen"
    switch stage {
    case "extract": return ([], ["\(w)/staged/index.json"], "vt-extract")
    case "transform": return (["\(w)/staged/index.json"], ["\(w)/facts/index.json"], "vt-transform")
    case "load": return (["\(w)/facts/index.json"], ["outputs/groningen/aggregates.sqlite"], "vt-load")
    case "emit": return (["outputs/groningen/aggregates.sqlite"], ["groningen"], "vt-emit")
    default: return (["groningen"], ["outputs/nederland/aggregates.sqlite"], "vt-load")
    }
  }

  /// The pids of `tool` processes working under `root` (ours alone: the path is unique).
  static func pids(_ tool: String, under root: String) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { pid_t($0) }.filter { pid in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
        return false
      }
      let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      return arguments.first.map { $0.hasSuffix("/" + tool) } == true
        && arguments.contains { $0.contains(root) }
    }
  }

  /// kill -9 of each stage at several points of its run; a clean rerun then publishes
  /// exactly what an undisturbed run does.
  @Test(arguments: ["extract", "transform", "load", "emit", "rollup"])
  func killedMidwayThenRerunGivesTheSameBytes(stage: String) throws {
    let f = try NightlyFixture("kill-\(stage)", regions: ["groningen"], volume: 0.05)
    defer { f.remove() }
    let all = ["groningen", "nederland"]
    let clean = try f.make(all)
    try #require(clean.status == 0, "\(clean.output)")
    let undisturbed = try Self.published(f)
    // The stage's duration in the undisturbed run, from its log line.
    let region = stage == "rollup" ? "nederland" : "groningen"
    let line = f.logLines(region).first { $0.contains("stage=\(stage) ") && $0.contains(" done\"") }
    let seconds = line.flatMap { l in
      l.split(separator: " ").first { $0.hasPrefix("seconds=") }.flatMap { Double($0.dropFirst(8)) }
    } ?? 1
    let (before, target, tool) = Self.targets(stage)
    var killedMidway = 0
    for fraction in [0.2, 0.5, 0.8] {
      try FileManager.default.removeItem(atPath: f.outputs)
      if !before.isEmpty {
        let r = try f.make(before.map { $0.replacingOccurrences(of: "outputs/", with: f.outputs + "/") })
        try #require(r.status == 0, "\(r.output)")
      }
      let out = f.root + "/killed.txt"
      let p = try f.start(
        target.map { $0.replacingOccurrences(of: "outputs/", with: f.outputs + "/") }, output: out)
      // Wait for the stage's process, then for `fraction` of its undisturbed duration.
      var pid: pid_t?
      for _ in 0..<2000 where pid == nil && p.isRunning {
        pid = Self.pids(tool, under: f.root).first
        if pid == nil { usleep(5_000) }
      }
      if let pid {
        usleep(useconds_t(max(0.01, seconds * fraction) * 1_000_000))
        if kill(pid, SIGKILL) == 0 { killedMidway += 1 }
      }
      p.waitUntilExit()
      let log = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
      if p.terminationStatus != 0 {
        #expect(log.contains("killed by signal 9") || f.logLines(region).contains { $0.contains("killed by signal 9") }, "\(log)")
      }
      let rerun = try f.make(all)
      try #require(rerun.status == 0, "\(stage) at \(fraction): \(rerun.output)")
      let now = try Self.published(f)
      let differ = Set(now.keys).union(undisturbed.keys).filter { now[$0] != undisturbed[$0] }
      #expect(differ.isEmpty, "\(stage) killed at \(fraction): \(differ.sorted().prefix(10))")
    }
    #expect(killedMidway > 0, "\(stage) was never caught running")
  }

  /// A truncated gzip fails its region (65) and leaves its previous outputs as they were.
  @Test func aTruncatedGzipLeavesThePreviousOutputs() throws {
    let f = try NightlyFixture("truncated", regions: ["groningen"])
    defer { f.remove() }
    try #require(try f.make(["groningen"]).status == 0)
    let before = try NightlyFixture.tree(f.outputs + "/groningen")
    let staged = try NightlyFixture.tree(f.work + "/groningen/staged")
    let gz = f.inputs + "/groningen/jeugdbescherming/maatregelen.csv.gz"
    let bytes = try #require(FileManager.default.contents(atPath: gz))
    try bytes.prefix(bytes.count - 12).write(to: URL(fileURLWithPath: gz))
    let r = try f.make(["groningen"])
    // make exits 2 for any failed recipe; the stage's own status is in its message.
    #expect(r.status == 2 && r.output.contains("Error 65"), "\(r.output)")
    #expect(r.output.contains("maatregelen.csv.gz"), "\(r.output)")
    #expect(try NightlyFixture.tree(f.outputs + "/groningen") == before)
    #expect(try NightlyFixture.tree(f.work + "/groningen/staged") == staged)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.work + "/groningen")
      .filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  /// An output folder that cannot be written (chattr +i: root ignores file modes) fails the
  /// stage that publishes there with 73 and leaves it as it was; once writable, a rerun works.
  @Test func aReadOnlyOutputFolderFailsCleanly() throws {
    let f = try NightlyFixture("readonly", regions: ["groningen"])
    defer {
      _ = try? OracleAgreementTests.shell("/usr/bin/chattr", ["-i", f.outputs + "/groningen"])
      f.remove()
    }
    try #require(try f.make(["groningen"]).status == 0)
    let before = try NightlyFixture.tree(f.outputs + "/groningen")
    // New data for the region: a changed export.
    let meldingen = f.inputs + "/groningen/veilig-thuis/vtexport-2021-001.xml"
    try #require(FileManager.default.fileExists(atPath: meldingen))
    let r0 = try TransformLoadCommandTests.run(
      "vt-synth",
      [
        "--layout", "vt-xml", "--region", "groningen", "--years", "2021", "--seed", "77",
        "--volume", "0.02", "--out", f.inputs + "/groningen/veilig-thuis",
      ])
    try #require(r0.status == 0)
    let (locked, lockOutput) = try OracleAgreementTests.shell(
      "/usr/bin/chattr", ["+i", f.outputs + "/groningen"])
    try #require(locked == 0, "chattr +i: \(lockOutput)")
    let r = try f.make(["groningen"])
    #expect(r.status == 2 && r.output.contains("Error 73"), "\(r.output)")
    #expect(r.output.contains("cannot"), "\(r.output)")
    #expect(try NightlyFixture.tree(f.outputs + "/groningen") == before)
    #expect(f.logLines("groningen").contains { $0.contains("vt-load failed") && $0.contains("status=73") })
    _ = try OracleAgreementTests.shell("/usr/bin/chattr", ["-i", f.outputs + "/groningen"])
    let again = try f.make(["groningen"])
    #expect(again.status == 0, "\(again.output)")
    #expect(try NightlyFixture.tree(f.outputs + "/groningen") != before)
  }

  /// A full disk (a small tmpfs over the outputs, in a private mount namespace) fails the
  /// region with 74 and leaves what was published as it was.
  @Test func aFullDiskFailsCleanly() throws {
    let f = try NightlyFixture("diskfull", regions: ["groningen"])
    defer { f.remove() }
    try #require(try f.make(["groningen"]).status == 0)
    let before = try NightlyFixture.tree(f.outputs + "/groningen")
    let r0 = try TransformLoadCommandTests.run(
      "vt-synth",
      [
        "--layout", "vt-xml", "--region", "groningen", "--years", "2021", "--seed", "78",
        "--volume", "0.02", "--out", f.inputs + "/groningen/veilig-thuis",
      ])
    try #require(r0.status == 0)
    // Inside the namespace: the outputs copied onto a tmpfs with 64 KiB to spare, the region
    // made there, then the published files hashed (the tmpfs goes with the namespace).
    let variables = try f.variables().map { "'\($0)'" }.joined(separator: " ")
    let script = """
      set -u
      saved=$(mktemp -d)
      cp -a '\(f.outputs)/.' "$saved/"
      used=$(du -sk "$saved" | cut -f1)
      mount -t tmpfs -o size=$((used + 64))k vtfull '\(f.outputs)' || exit 90
      cp -a "$saved/." '\(f.outputs)/' || exit 91
      rm -rf "$saved"
      env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS SOURCE_DATE_EPOCH=1700000000 \
        make --no-print-directory groningen \(variables) >'\(f.root)/full.txt' 2>&1
      echo $? >'\(f.root)/full.status'
      (cd '\(f.outputs)/groningen' && find . -type f -printf '%P\\n' | LC_ALL=C sort | while read -r p; do
        printf '%s %s\\n' "$p" "$(sha256sum "$p" | cut -d' ' -f1)"; done) >'\(f.root)/full.tree'
      cp -a '\(f.outputs)/logs' '\(f.root)/full-logs' 2>/dev/null
      exit 0
      """
    let (status, output) = try OracleAgreementTests.shell(
      "/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", "-c", script])
    try #require(status == 0, "unshare: \(output)")
    let made = try String(contentsOfFile: f.root + "/full.status", encoding: .utf8)
    let log = (try? String(contentsOfFile: f.root + "/full.txt", encoding: .utf8)) ?? ""
    #expect(made.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "\(log)")
    #expect(log.contains("Error 74"), "\(log)")
    #expect(log.lowercased().contains("no space left on device"), "\(log)")
    let after = try String(contentsOfFile: f.root + "/full.tree", encoding: .utf8)
      .split(separator: "\n").reduce(into: [String: String]()) { d, line in
        let parts = line.split(separator: " ")
        if parts.count == 2 { d[String(parts[0])] = String(parts[1]) }
      }
    #expect(after == before)
  }

  /// Two `make nightly` at once: the second exits 75 at once, saying why; the first finishes.
  @Test func twoNightliesAtOnce() throws {
    let f = try NightlyFixture("concurrent", regions: ["groningen"])
    defer { f.remove() }
    let first = try f.start(["nightly"], output: f.root + "/first.txt")
    var held = false
    for _ in 0..<2000 where !held && first.isRunning {
      let (s, _) = try OracleAgreementTests.shell("/usr/bin/flock", ["-n", f.lock, "true"])
      held = s != 0
      if !held { usleep(10_000) }
    }
    try #require(held, "the first nightly never held the lock")
    let second = try f.make(["nightly"])
    #expect(second.status == 75, "\(second.output)")
    #expect(second.output.contains("another nightly run holds the lock"), "\(second.output)")
    #expect(first.isRunning)
    first.waitUntilExit()
    #expect(first.terminationStatus == 0)
    #expect(f.stagesDone("groningen") == ["extract", "transform", "load", "emit"])
  }

  /// An export file replaced while extract reads it: exit 75, nothing published, the
  /// previous staged records stay.
  @Test func anExportReplacedWhileReadPublishesNothing() throws {
    let f = try NightlyFixture("replaced", regions: ["groningen"], volume: 0.6)
    defer { f.remove() }
    let staged = f.work + "/groningen/staged/index.json"
    try #require(try f.make([staged]).status == 0)
    var before = try NightlyFixture.tree(f.work + "/groningen/staged")
    let export = f.inputs + "/groningen/veilig-thuis/vtexport-2021-001.xml"
    let copy = f.root + "/replacement.xml"
    try FileManager.default.copyItem(atPath: export, toPath: copy)
    var replacedWhileRead = false
    for _ in 0..<5 where !replacedWhileRead {
      before = try NightlyFixture.tree(f.work + "/groningen/staged")
      let p = Process()
      p.executableURL = URL(fileURLWithPath: try TransformLoadCommandTests.tool("vt-extract"))
      p.arguments = [
        "--pipeline", f.pipelines[0], "--inputs", f.inputs + "/groningen",
        "--work", f.work + "/groningen", "--outputs", f.outputs + "/groningen",
      ]
      p.currentDirectoryURL = URL(fileURLWithPath: NightlyFixture.repository)
      let err = Pipe()
      p.standardError = err
      p.standardOutput = FileHandle.nullDevice
      try p.run()
      // Wait until the export is open, then put another file in its place.
      var open = false
      while p.isRunning && !open {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(p.processIdentifier)/fd")) ?? []
        open = fds.contains {
          (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(p.processIdentifier)/fd/\($0)")) == export
        }
        if !open { usleep(1_000) }
      }
      if open {
        _ = try? FileManager.default.removeItem(atPath: copy + ".2")
        try FileManager.default.copyItem(atPath: copy, toPath: copy + ".2")
        replacedWhileRead = rename(copy + ".2", export) == 0
      }
      let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      if replacedWhileRead && p.terminationStatus == 0 {
        // The file was read whole before the replacement: try again.
        replacedWhileRead = false
        continue
      }
      if replacedWhileRead {
        #expect(p.terminationStatus == 75, "\(text)")
        #expect(text.contains("changed while it was being read"), "\(text)")
        #expect(text.contains("vtexport-2021-001.xml was replaced"), "\(text)")
      }
    }
    #expect(replacedWhileRead, "the export was never replaced while it was read")
    #expect(try NightlyFixture.tree(f.work + "/groningen/staged") == before)
  }
}
