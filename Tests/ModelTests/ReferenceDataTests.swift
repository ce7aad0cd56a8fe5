import Foundation
import Testing

@testable import Model

@Suite struct ReferenceDataTests {
  static func load() throws -> ReferenceData {
    let dir = CodeListTests.root.appendingPathComponent("pipelines/reference")
    func text(_ name: String) throws -> String {
      try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
    return try ReferenceData(
      gemeentenTSV: try text("gemeenten.tsv"), herindelingenTSV: try text("herindelingen.tsv"),
      vtregiosTSV: try text("vtregios.tsv"), provinciesTSV: try text("provincies.tsv"),
      populationTSV: try text("population.tsv"))
  }

  static func day(_ s: String) -> Day { Day.parseISO(s)! }

  @Test func theThreeRegions() throws {
    let ref = try Self.load()
    #expect(ref.gemeenten(inVTRegio: "VT14", on: Self.day("2021-06-30")).count == 22)
    // Groningen 2021: ten municipalities (Eemsdelta instead of its three predecessors).
    #expect(ref.gemeenten(inVTRegio: "VT08", on: Self.day("2021-06-30")).count == 10)
    #expect(ref.gemeenten(inVTRegio: "VT08", on: Self.day("2020-06-30")).count == 12)
    #expect(ref.gemeenten(inVTRegio: "VT18", on: Self.day("2021-06-30")).count == 15)
    #expect(ref.gemeenten(inVTRegio: "VT18", on: Self.day("2023-06-30")).count == 13)
    #expect(ref.provincie(ofVTRegio: "VT14") == "PV25")
    #expect(ref.landsdeel(ofProvincie: "PV25") == "LD02")
  }

  @Test func delfzijlBeforeAndAfterEemsdelta() throws {
    let ref = try Self.load()
    let delfzijl = GemeenteCode("GM0010")!
    let eemsdelta = GemeenteCode("GM1979")!
    #expect(ref.resolve(delfzijl, on: Self.day("2020-12-31")) == .init(code: delfzijl, status: .valid))
    #expect(
      ref.resolve(delfzijl, on: Self.day("2021-01-01"))
        == .init(code: eemsdelta, status: .merged(from: delfzijl)))
    #expect(ref.resolve(eemsdelta, on: Self.day("2020-06-01")).status == .notYetValid)
    #expect(ref.resolve(GemeenteCode("GM0017")!, on: Self.day("2019-05-01")).code == GemeenteCode("GM0014"))
    #expect(ref.resolve(GemeenteCode("GM0017")!, on: Self.day("2018-05-01")).status == .valid)
  }

  @Test func namesAsRegistrationSystemsWriteThem() throws {
    let ref = try Self.load()
    let index = GemeenteNameIndex(reference: ref, aliases: ["Oldenbroek": "Oldebroek"])
    #expect(index.code(forName: "Oost-Gelre") == GemeenteCode("GM1586"))
    #expect(index.code(forName: "  oost   gelre ") == GemeenteCode("GM1586"))
    #expect(index.code(forName: "OUDE IJSSELSTREEK") == GemeenteCode("GM1509"))
    #expect(index.code(forName: "Oldenbroek") == GemeenteCode("GM0269"))
    #expect(index.code(forName: "Capelle a/d IJssel") == nil)
    #expect(index.code(forName: "Delfzijl") == GemeenteCode("GM0010"))
    #expect(
      GemeenteNameIndex.unknownAliasTargets(["X": "Atlantis", "Y": "Putten"], reference: ref) == ["X"])
  }

  @Test func population() throws {
    let ref = try Self.load()
    #expect(ref.inwoners(GemeenteCode("GM0197")!, year: 2019) == 27011)
    // The NOG sum of 2019 in population-notes.md.
    let nog = ref.gemeenten(inVTRegio: "VT14", on: Self.day("2019-01-01"))
    #expect(nog.compactMap { ref.inwoners($0.code, year: 2019) }.reduce(0, +) == 824_213)
  }
}
