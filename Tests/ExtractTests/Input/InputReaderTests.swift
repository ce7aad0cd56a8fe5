import Foundation
import Pipeline
import Testing

@testable import Extract

@Suite struct InputReaderTests {
  /// Everything the reader hands out, concatenated.
  func readAll(_ path: String, chunkSize: Int = 1 << 18) throws -> (bytes: [UInt8], reader: InputReader) {
    let r = try InputReader(path: path, chunkSize: chunkSize)
    var out: [UInt8] = []
    while let c = try r.next() { out += c }
    return (out, r)
  }

  func text(_ n: Int) -> String {
    (0..<n).map { "line \($0);é;\($0 * 7)\n" }.joined()
  }

  @Test func plainFileAsRead() throws {
    let f = try Fixture()
    try f.write("a.csv", text(1000))
    let (bytes, r) = try readAll(f.root + "/a.csv", chunkSize: 4096)
    #expect(bytes == Array(text(1000).utf8))
    #expect(!r.isGzip)
    #expect(r.fileBytes == text(1000).utf8.count)
    // The SHA-256 of the file on disk, as sha256sum would print it.
    #expect(r.sha256 == (try Checksum.sha256(file: f.root + "/a.csv")))
  }

  @Test func gzipDetectedByMagicWithOrWithoutItsName() throws {
    let f = try Fixture()
    try f.write("a.csv", text(5000))
    try f.gzip("a.csv")
    // Compressed under a name without .gz: still inflated (the magic decides).
    try FileManager.default.copyItem(atPath: f.root + "/a.csv.gz", toPath: f.root + "/b.csv")
    // Plain text under a .gz name: read as it is.
    try f.write("c.csv.gz", text(10))
    for (name, expected) in [("a.csv.gz", text(5000)), ("b.csv", text(5000)), ("c.csv.gz", text(10))] {
      let (bytes, r) = try readAll(f.root + "/" + name, chunkSize: 1000)
      #expect(bytes == Array(expected.utf8), "\(name)")
      #expect(r.isGzip == (name != "c.csv.gz"))
    }
    // The digest is of the compressed file on disk.
    let (_, r) = try readAll(f.root + "/a.csv.gz")
    #expect(r.sha256 == (try Checksum.sha256(file: f.root + "/a.csv.gz")))
  }

  @Test func concatenatedGzipMembersAreOneStream() throws {
    let f = try Fixture()
    try f.write("x", "first\n")
    try f.write("y", "second\n")
    try f.gzip("x")
    try f.gzip("y")
    try f.write("xy.gz", bytes: try f.read("x.gz") + f.read("y.gz"))
    let (bytes, _) = try readAll(f.root + "/xy.gz", chunkSize: 7)
    #expect(String(decoding: bytes, as: UTF8.self) == "first\nsecond\n")
  }

  @Test func truncatedGzipFailsWithItsOffset() throws {
    let f = try Fixture()
    try f.write("a.csv", text(20000))
    try f.gzip("a.csv")
    let whole = try f.read("a.csv.gz")
    try f.write("t.csv.gz", bytes: Array(whole[0..<(whole.count / 2)]))
    #expect {
      _ = try readAll(f.root + "/t.csv.gz", chunkSize: 4096)
    } throws: { error in
      guard let e = error as? PipelineError else { return false }
      return e.status == .unreadableInput && e.message.contains("t.csv.gz")
        && e.message.contains("truncated gzip") && e.message.contains("byte \(whole.count / 2)")
    }
  }

  @Test func gzipOfGarbageFailsWithItsOffset() throws {
    let f = try Fixture()
    // The magic bytes, then bytes that are no deflate stream.
    var bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]
    bytes += (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }
    try f.write("g.csv.gz", bytes: bytes)
    #expect {
      _ = try readAll(f.root + "/g.csv.gz")
    } throws: { error in
      guard let e = error as? PipelineError else { return false }
      return e.status == .unreadableInput && e.message.contains("g.csv.gz")
        && e.message.contains("corrupt gzip data near byte")
    }
  }

  @Test func trailingGarbageAfterAMemberFails() throws {
    let f = try Fixture()
    try f.write("x", "first\n")
    try f.gzip("x")
    try f.write("z.gz", bytes: try f.read("x.gz") + Array("not gzip".utf8))
    #expect(throws: PipelineError.self) { _ = try readAll(f.root + "/z.gz") }
  }

  @Test func emptyFileGivesNothing() throws {
    let f = try Fixture()
    try f.write("e.csv", bytes: [])
    let (bytes, r) = try readAll(f.root + "/e.csv")
    #expect(bytes.isEmpty)
    #expect(r.fileBytes == 0)
  }

  @Test func missingFileIsNoInput() throws {
    #expect {
      _ = try InputReader(path: "/nonexistent/file.csv")
    } throws: { ($0 as? PipelineError)?.status == .noInput }
  }

  @Test func closingEarlyStopsTheProducer() throws {
    let f = try Fixture()
    try f.write("a.csv", text(50000))
    let r = try InputReader(path: f.root + "/a.csv", chunkSize: 1024, buffers: 2)
    _ = try r.next()
    r.close()  // must not hang with the producer blocked on a full queue
    r.close()
  }
}
