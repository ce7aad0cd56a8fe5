import Testing

@testable import Synth

@Suite("GzipSink")
struct GzipSinkTests {
  @Test(
    "gzipped files decompress (zlib) to the plain files of the same run",
    arguments: [ExportLayout.regasCSV, .vtXML])
  func roundTrip(layout: ExportLayout) throws {
    var options = SynthOptions(
      layout: layout, region: "nog", firstYear: 2020, lastYear: 2021, seed: 11, volume: 0.03,
      badRate: 0.01)
    let plain = try Support.run(options)
    options.gzipAll = true
    let zipped = try Support.run(options)
    #expect(zipped.names == plain.names.map { $0 + ".gz" })
    for (p, z) in zip(plain.files, zipped.files) {
      // Header: magic 1f 8b, deflate, no flags, mtime 0 (so reruns give the same bytes).
      #expect(Array(z.bytes.prefix(8)) == [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0])
      #expect(Support.gunzip(z.bytes) == p.bytes, "\(z.name)")
      #expect(z.bytes.count < p.bytes.count)
    }
  }

  @Test("an empty stream is a valid gzip member")
  func empty() throws {
    let memory = MemorySink()
    let sink = GzipSink(over: memory)
    _ = try sink.close()
    #expect(Support.gunzip(memory.data) == [])
  }
}

@Suite("ExportFile")
struct ExportFileTests {
  /// A file whose sink is only referenced by the file itself.
  static func file(watching watch: inout MemorySink?) -> ExportFile {
    let sink = MemorySink()
    watch = sink
    return ExportFile(name: "x.csv", sink: GzipSink(over: sink))
  }

  @Test("a closed file lets go of its sink and buffers (vt-xml writes many files)")
  func releasesOnClose() throws {
    var strong: MemorySink? = nil
    let file = Self.file(watching: &strong)
    weak var sink = strong
    strong = nil
    try file.write("a;b\n")
    #expect(sink != nil)
    try file.close()
    #expect(sink == nil)
    #expect(file.plainBytes == 4 && file.diskBytes > 18)
    #expect(throws: (any Error).self) { try file.write(Array(repeating: 0x41, count: 1 << 17)) }
  }
}
