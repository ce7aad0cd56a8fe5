import Foundation
import Pipeline
import Testing

/// `make nightly` as cron runs it, on two regions' fresh vt-synth exports: incremental, one
/// failing region does not stop the others, one run at a time; and no bsn anywhere.
@Suite(.serialized) struct NightlyTests {
  /// Everything under outputs but the logs: what a run publishes or leaves in work folders.
  /// (The lock file is not: a nightly writes its holder into it; nor the night's own status
  /// notes, made again every night.)
  static func notLogs(_ relative: String) -> Bool {
    relative.hasPrefix("logs/") || relative == ".nightly.lock"
      || relative.hasPrefix("work/.nightly-status/")
  }

  /// The paths whose entries differ between two listings.
  static func differences(_ a: [String: String], _ b: [String: String]) -> [String] {
    Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
  }

  @Test func incrementalAndAFailingRegionLeavesItsPreviousOutputs() throws {
    let f = try NightlyFixture("nightly", regions: ["groningen", "rotterdam-rijnmond"])
    defer { f.remove() }

    // 1. The first night does everything: 4 stages per region, then roll-up and its emit.
    let first = try f.make(["nightly"])
    try #require(first.status == 0, "\(first.output)")
    #expect(f.stagesDone("groningen") == ["extract", "transform", "load", "emit"])
    #expect(f.stagesDone("rotterdam-rijnmond") == ["extract", "transform", "load", "emit"])
    #expect(f.stagesDone("nederland") == ["rollup", "emit"])
    for region in f.regions + ["nederland"] {
      #expect(FileManager.default.fileExists(atPath: f.outputs + "/\(region)/run/manifest.json"))
    }
    #expect(f.summaryLines().last?.contains("msg=finished status=0") == true)
    // The summary names the stages each region ran.
    for region in f.regions {
      #expect(f.summaryLines().contains {
        $0.contains("region=\(region) msg=ok stages=\"extract transform load emit\"")
      }, "\(f.summaryLines())")
    }
    #expect(f.summaryLines().contains {
      $0.contains("region=nederland msg=ok stages=\"rollup emit\"")
    }, "\(f.summaryLines())")
    // The run manifest: every export file with its size and SHA-256 (checked against the
    // file itself), the counts per file, every stage's timing, tool version, git revision.
    let manifestData = try #require(
      FileManager.default.contents(atPath: f.outputs + "/groningen/run/manifest.json"))
    let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
    #expect(manifest["git_revision"] as? String == "test")
    #expect((manifest["tool_version"] as? String)?.isEmpty == false)
    // The export files (relative to the export folder; the later stages list their own
    // inputs, the hand-over files, by full path).
    let inputs = (manifest["inputs"] as? [[String: Any]] ?? []).filter {
      ($0["path"] as? String)?.hasPrefix("/") == false
    }
    #expect(Set(inputs.compactMap { $0["path"] as? String })
      == ["jeugdbescherming/maatregelen.csv.gz", "veilig-thuis/vtexport-2021-001.xml"])
    for input in inputs {
      let path = f.inputs + "/groningen/" + (input["path"] as? String ?? "")
      #expect(input["sha256"] as? String == (try Checksum.sha256(file: path)))
      #expect(input["bytes"] as? Int == FileSystem.size(path))
    }
    let counts = manifest["counts"] as? [[String: Any]] ?? []
    #expect(counts.contains { $0["file"] as? String == "veilig-thuis/vtexport-2021-001.xml" })
    for count in counts {
      #expect((count["read"] as? Int) == (count["accepted"] as? Int ?? -1) + (count["rejected"] as? Int ?? -1))
    }
    let stages = (manifest["stages"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String }
    #expect(stages == ["extract", "transform", "load", "emit"])
    let stamps = NightlyFixture.stamps(f.outputs, skip: Self.notLogs)

    // 2. The second night does no stage work: no stage log line, not one file rewritten.
    let second = try f.make(["nightly"])
    #expect(second.status == 0, "\(second.output)")
    #expect(f.stagesDone("groningen").count == 4)
    #expect(f.stagesDone("rotterdam-rijnmond").count == 4)
    #expect(f.stagesDone("nederland").count == 2)
    #expect(Self.differences(NightlyFixture.stamps(f.outputs, skip: Self.notLogs), stamps) == [])
    // … and says so: the second night's summary lines (after its "started").
    let secondNight = Array(
      f.summaryLines().drop { !$0.contains("msg=started") }.dropFirst().drop { !$0.contains("msg=started") })
    for region in f.regions + ["nederland"] {
      #expect(secondNight.contains {
        $0.contains("region=\(region) msg=\"up to date: nothing changed since the last run\"")
      }, "\(secondNight)")
    }

    // 3. A broken export in groningen (truncated gzip) and a replaced export file in
    // rotterdam-rijnmond (same bytes, new inode, its old modification time kept, as cp -p
    // does): rotterdam-rijnmond is redone and the roll-up with it; groningen fails and keeps
    // its previous outputs byte for byte; the night's status is extract's 65.
    let groningenBefore = try NightlyFixture.tree(f.outputs + "/groningen")
    let gz = f.inputs + "/groningen/jeugdbescherming/maatregelen.csv.gz"
    let bytes = try #require(FileManager.default.contents(atPath: gz))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: gz))
    let meldingen = f.inputs + "/rotterdam-rijnmond/veilig-thuis/meldingen.csv"
    let (copied, _) = try OracleAgreementTests.shell(
      "/bin/sh", ["-c", "cp -p '\(meldingen)' '\(meldingen).new' && mv '\(meldingen).new' '\(meldingen)'"])
    try #require(copied == 0)
    let third = try f.make(["nightly"])
    #expect(third.status == 65, "\(third.output)")
    #expect(Self.differences(try NightlyFixture.tree(f.outputs + "/groningen"), groningenBefore) == [])
    #expect(f.stagesDone("groningen").count == 4)
    #expect(f.stagesDone("rotterdam-rijnmond").count == 8)
    #expect(f.stagesDone("nederland").count == 4)
    let failure = f.logLines("groningen").filter { $0.contains("level=error") }
    #expect(failure.contains {
      $0.contains("stage=extract") && $0.contains("vt-extract: error:") && $0.contains("maatregelen.csv.gz")
    }, "\(failure)")
    #expect(failure.contains { $0.contains("vt-extract failed") && $0.contains("status=65") })
    let summary = f.summaryLines()
    #expect(summary.contains {
      $0.contains("region=groningen") && $0.contains("failed in extract") && $0.contains("status=65")
    }, "\(summary)")
    #expect(summary.contains {
      $0.contains("region=nederland") && $0.contains("last good aggregates of groningen")
    }, "\(summary)")
    #expect(summary.last?.contains("msg=finished status=65") == true)

    // No bsn of the exports in any file the nights left: outputs, work folders, logs.
    let bsns = try f.bsns()
    #expect(bsns.count > 100)
    let leaks = try NightlyFixture.leaks(of: bsns, under: f.outputs)
    #expect(leaks.isEmpty, "\(leaks.prefix(10))")
  }

  /// A second nightly while one holds the lock exits 75 at once (or after NIGHTLY_WAIT).
  @Test func aSecondNightlyExits75() throws {
    let f = try NightlyFixture("nightly-lock", regions: ["groningen"])
    defer { f.remove() }
    try FileManager.default.createDirectory(atPath: f.outputs, withIntermediateDirectories: true)
    // The lock held as a running nightly holds it (scripts/nightly.sh: flock on LOCK).
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = [f.lock, "sleep", "60"]
    try holder.run()
    defer { holder.terminate() }
    var held = false
    for _ in 0..<100 where !held {
      let (status, _) = try OracleAgreementTests.shell("/usr/bin/flock", ["-n", f.lock, "true"])
      held = status != 0
      if !held { usleep(50_000) }
    }
    try #require(held)
    let now = try f.make(["nightly"])
    #expect(now.status == 75, "\(now.output)")
    #expect(now.output.contains("another nightly run holds the lock"), "\(now.output)")
    let start = Date()
    let waited = try f.make(["nightly"], ["NIGHTLY_WAIT=2"])
    #expect(waited.status == 75, "\(waited.output)")
    #expect(Date().timeIntervalSince(start) >= 1.9)
    // Nothing was run.
    #expect(f.stagesDone("groningen").isEmpty)
    #expect(!FileManager.default.fileExists(atPath: f.outputs + "/groningen"))
  }

  /// The four layouts, every output a region makes and a CBS submission, with the stage
  /// logs: none of the exports' bsn's appears in any file, read raw, gunzipped or dumped.
  @Test func noBsnInAnyFileOfARun() throws {
    let f = try NightlyFixture(
      "leak", regions: ["nog", "groningen", "rotterdam-rijnmond"],
      emit: "[cbs-tables, kernprestaties, jaarverslag, factsheets]")
    defer { f.remove() }
    let run = try f.make(["nog", "groningen", "rotterdam-rijnmond"])
    try #require(run.status == 0, "\(run.output)")
    let cbs = try f.make(["cbs", "PERIOD=2021KW02"])
    try #require(cbs.status == 0, "\(cbs.output)")
    let bsns = try f.bsns()
    // Every layout with a bsn contributes: regas-csv, vt-xml, vt-csv (jb-csv has none).
    #expect(bsns.count > 100)
    for region in f.regions {
      let submission = (try? FileManager.default.subpathsOfDirectory(atPath: f.outputs + "/" + region)) ?? []
      #expect(submission.contains { $0.contains("2021KW02") }, "\(region): no CBS submission")
    }
    #expect(!f.logLines("nog").isEmpty)
    let leaks = try NightlyFixture.leaks(of: bsns, under: f.outputs)
    #expect(leaks.isEmpty, "\(leaks.prefix(10))")
    // The scan itself finds a bsn where there is one.
    let planted = f.outputs + "/work/planted.txt.gz"
    let one = try #require(bsns.first)
    try Data("x\(one)y".utf8).write(to: URL(fileURLWithPath: f.outputs + "/work/planted.txt"))
    _ = try OracleAgreementTests.shell("/bin/gzip", [f.outputs + "/work/planted.txt"])
    #expect(try NightlyFixture.leaks(of: bsns, under: f.outputs).map(\.1) == [one], "\(planted)")
  }
}
