import Foundation
import Testing

@testable import Pipeline

@Suite struct PublishTests {
  @Test func atomicFileAppearsOnlyOnCommit() throws {
    let dir = TemporaryDirectory()
    let path = dir.file("figures.csv")
    dir.write("figures.csv", "old\n")
    let file = try AtomicFile(path: path)
    try file.writer.write("new\n")
    try file.writer.flush()
    #expect(dir.read("figures.csv") == "old\n")
    try file.commit()
    #expect(dir.read("figures.csv") == "new\n")
    #expect(dir.list() == ["figures.csv"])
  }

  @Test func anAbandonedAtomicFileLeavesNothing() throws {
    let dir = TemporaryDirectory()
    do {
      let file = try AtomicFile(path: dir.file("x.txt"))
      try file.writer.write("half")
    }
    #expect(dir.list().isEmpty)
  }

  @Test func aStagingDirectoryReplacesTheFolderWhole() throws {
    let dir = TemporaryDirectory()
    let final = dir.file("staged")
    try FileManager.default.createDirectory(atPath: final, withIntermediateDirectories: true)
    dir.write("staged/old.tsv", "old")
    let staging = try StagingDirectory(final: final)
    try "new".write(toFile: staging.file("new.tsv"), atomically: false, encoding: .utf8)
    // Before publishing, the old folder is untouched.
    #expect(dir.read("staged/old.tsv") == "old")
    try staging.publish()
    #expect(dir.read("staged/new.tsv") == "new")
    #expect(dir.read("staged/old.tsv") == nil)
    #expect(dir.list() == ["staged"])
  }

  @Test func leftoversOfAKilledRunAreRemovedByTheNextOne() throws {
    let dir = TemporaryDirectory()
    try FileManager.default.createDirectory(atPath: dir.file(".facts.tmp-99999"), withIntermediateDirectories: true)
    dir.write(".facts.tmp-99999/half.tsv", "half")
    let staging = try StagingDirectory(final: dir.file("facts"))
    try staging.publish()
    #expect(dir.list() == ["facts"])
  }

  @Test func writingIntoAReadOnlyFolderIsCannotCreate() throws {
    guard getuid() != 0 else { return }  // root writes anywhere; covered by the fault suite
    let dir = TemporaryDirectory()
    chmod(dir.path, 0o500)
    defer { chmod(dir.path, 0o700) }
    #expect(throws: PipelineError.self) { _ = try AtomicFile(path: dir.file("x")) }
  }

  @Test func aFullDiskIsAnIOErrorNamingTheFile() throws {
    // /dev/full accepts the open and fails every write with ENOSPC.
    guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
    let writer = try BufferedWriter(appendingTo: "/dev/full")
    try writer.write(String(repeating: "x", count: 1000))
    do {
      try writer.close()
      Issue.record("writing to /dev/full succeeded")
    } catch let error as PipelineError {
      #expect(error.status == .ioError)
      #expect(error.message.contains("/dev/full"))
      #expect(error.message.contains("disk full"))
    }
  }
}
