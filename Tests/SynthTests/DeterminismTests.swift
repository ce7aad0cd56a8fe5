import Model
import Testing

@testable import Synth

@Suite("Determinism")
struct DeterminismTests {
  @Test("the same arguments give the same bytes, in every layout", arguments: ExportLayout.allCases)
  func sameSeedSameBytes(layout: ExportLayout) throws {
    let options = SynthOptions(
      layout: layout, region: "groningen", firstYear: 2020, lastYear: 2021, seed: 42, volume: 0.02,
      badRate: 0.01, gzipOnly: ["meldingen.csv", "Kenmerken.csv", "vtexport-2020-001.xml"])
    let a = try Support.run(options)
    let b = try Support.run(options)
    #expect(a.names == b.names)
    #expect(!a.files.isEmpty)
    for (x, y) in zip(a.files, b.files) {
      #expect(x.bytes == y.bytes, "\(x.name) differs between two runs")
    }
  }

  @Test("another seed gives other bytes", arguments: ExportLayout.allCases)
  func otherSeedOtherBytes(layout: ExportLayout) throws {
    var options = SynthOptions(
      layout: layout, region: "nog", firstYear: 2021, lastYear: 2021, seed: 1, volume: 0.02)
    let a = try Support.run(options)
    options.seed = 2
    let b = try Support.run(options)
    #expect(a.names == b.names)
    let differing = zip(a.files, b.files).filter { $0.bytes != $1.bytes }
    #expect(!differing.isEmpty)
  }
}
