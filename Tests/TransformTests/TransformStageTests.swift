import Foundation
import Model
import Pipeline
import Testing

@testable import Transform

/// The facts folder as a whole: format, order, provisional periods, report, refusals.
@Suite struct TransformStageTests {
  static let fixture = TransformFixture(
    peildatum: "2021-06-30",
    meldingen: [
      melding("P1", casus: "P", "2021-05-31", "GM0014"),
      melding("P2", casus: "Q", "2021-06-30", "GM0037"),
    ],
    adviezen: [
      Advies(
        id: "A", startdatum: day("2021-06-01"), gemeente: .unknown, contactvorm: .telefoon,
        rolAdviesvrager: .onbekend, aardGeweld: CodeSet([.onbekend]))
    ],
    maatregelen: [
      Maatregel(
        id: "J", gemeente: gm("GM0047"), type: .muhp, soort: .nieuw, startdatum: day("2020-11-30"))
    ])

  @Test func factsFilesAreSortedByteWiseWithoutZeros() throws {
    var f = Self.fixture
    f.jeugdbeschermingPeildatum = "2020-12-15"
    let facts = try f.run()
    for (folder, text) in facts.text {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines[0] == "#vtcijfers-facts/1")
      #expect(lines[1] == "measure\tperiod\tregion_level\tregion_code\tdimension\tcategory\tvalue")
      #expect(lines.last == "")
      let rows = lines.dropFirst(2).dropLast()
      let keys = rows.map {
        Array($0.split(separator: "\t").prefix(6).joined(separator: "\t").utf8)
      }
      // Strictly increasing byte-wise: sorted and no key twice.
      #expect(
        zip(keys, keys.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }, "\(folder)")
      #expect(rows.allSatisfy { !$0.hasSuffix("\t0") })
      #expect(facts.index.sources.first { $0.export.folder == folder }?.rows == rows.count)
    }
    // Levels gemeente and vtregio only, under the region's VT code.
    #expect(Set(facts.all.map(\.regionLevel)) == [.gemeente, .vtregio])
    #expect(Set(facts.all.filter { $0.regionLevel == .vtregio }.map(\.regionCode)) == ["VT08"])
    // Every total has its split rows only for categories, never a (dimension, totaal) row.
    #expect(facts.all.allSatisfy { ($0.dimension == "totaal") == ($0.category == "totaal") })
  }

  @Test func provisionalPeriodsFollowEachSourcesPeildatum() throws {
    var f = Self.fixture
    f.jeugdbeschermingPeildatum = "2020-12-15"
    let facts = try f.run()
    func periods(_ folder: String) -> [String: Bool] {
      let s = facts.index.sources.first { $0.export.folder == folder }!
      return Dictionary(uniqueKeysWithValues: s.periods.map { ($0.code, $0.provisional) })
    }
    // Veilig Thuis, peildatum 2021-06-30: a period is provisional when its last day is on or
    // after it. May and June's meldingen and the June advies.
    #expect(
      periods("veilig-thuis") == [
        "2021MM05": false, "2021MM06": true, "2021KW02": true, "2021HJ01": true, "2021JJ00": true,
      ])
    // Jeugdbescherming, peildatum 2020-12-15: its November maatregel's month is closed, the
    // quarter, half-year and year are not.
    #expect(
      periods("jeugdbescherming") == [
        "2020MM11": false, "2020KW04": true, "2020HJ02": true, "2020JJ00": true,
      ])
    // Without a peildatum nothing is provisional.
    f.peildatum = nil
    let none = try f.run()
    #expect(
      none.index.sources.flatMap(\.periods).filter { $0.provisional && $0.code.hasPrefix("2021") }
        .isEmpty)
  }

  @Test func indexAndReport() throws {
    let facts = try Self.fixture.run()
    #expect(facts.index.format == "vtcijfers-facts")
    #expect(facts.index.version == 1)
    #expect(facts.index.region == "groningen")
    #expect(facts.index.vtregio == "VT08")
    #expect(facts.index.pseudonymKey.isDemo)
    #expect(facts.index.sources.map(\.file) == ["jeugdbescherming.tsv", "veilig-thuis.tsv"])
    #expect(facts.report.stage == "transform")
    let read = Dictionary(uniqueKeysWithValues: facts.report.counts.map { ($0.file, $0.read) })
    #expect(read["veilig-thuis/melding.tsv"] == 2)
    #expect(read["veilig-thuis/advies.tsv"] == 1)
    #expect(read["jeugdbescherming/maatregel.tsv"] == 1)
    // transform.json is in the published folder.
    let report = try JSONFiles.read(
      StageReport.self, from: facts.directory.path + "/facts/transform.json")
    #expect(report.counts == facts.report.counts)
  }

  @Test func sameInputsGiveTheSameFacts() throws {
    let a = try Self.fixture.run()
    let b = try Self.fixture.run()
    #expect(a.text == b.text)
  }

  @Test func refusesAStagedFolderOfAnotherVersion() throws {
    let dir = try TemporaryDirectory()
    try Self.fixture.writeStaged(into: dir.path)
    let path = dir.path + "/staged/index.json"
    var index = try JSONFiles.read(StagedIndex.self, from: path)
    index.version = 2
    try FileManager.default.removeItem(atPath: path)
    try JSONFiles.write(index, to: path)
    let pipeline = try TransformFixture.pipeline("groningen")
    let stage = TransformStage(
      pipeline: pipeline, reference: try pipeline.loadReference(),
      workspace: Workspace(work: dir.path, outputs: dir.path + "/out"))
    #expect {
      try stage.run()
    } throws: { error in
      (error as? PipelineError)?.status == .internalError
        && "\(error)".contains("rerun the extract stage")
    }
    #expect(!FileSystem.exists(dir.path + "/facts"))
  }

  @Test func aMalformedStagedRowIsALocatedInternalError() throws {
    let dir = try TemporaryDirectory()
    try Self.fixture.writeStaged(into: dir.path)
    // Corrupt the date of the second melding (line 4).
    let path = dir.path + "/staged/veilig-thuis/melding.tsv"
    let text = try String(contentsOfFile: path, encoding: .utf8)
      .replacingOccurrences(of: "2021-06-30", with: "2021-06-31")
    try FileManager.default.removeItem(atPath: path)
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    let pipeline = try TransformFixture.pipeline("groningen")
    let stage = TransformStage(
      pipeline: pipeline, reference: try pipeline.loadReference(),
      workspace: Workspace(work: dir.path, outputs: dir.path + "/out"))
    #expect {
      try stage.run()
    } throws: { error in
      "\(error)".hasSuffix(
        "staged/veilig-thuis/melding.tsv:4: ontvangstdatum: \"2021-06-31\" is not a date")
        && (error as? PipelineError)?.status == .internalError
    }
    // Nothing published: the facts folder does not exist.
    #expect(!FileSystem.exists(dir.path + "/facts"))
  }

  @Test func refusesTwoSourcesOfOneKind() throws {
    let dir = try TemporaryDirectory()
    try Self.fixture.writeStaged(into: dir.path)
    let path = dir.path + "/staged/index.json"
    var index = try JSONFiles.read(StagedIndex.self, from: path)
    var second = index.sources[1]
    second.folder = "veilig-thuis-2"
    index.sources.append(second)
    try FileManager.default.removeItem(atPath: path)
    try JSONFiles.write(index, to: path)
    let pipeline = try TransformFixture.pipeline("groningen")
    let stage = TransformStage(
      pipeline: pipeline, reference: try pipeline.loadReference(),
      workspace: Workspace(work: dir.path, outputs: dir.path + "/out"))
    #expect {
      try stage.run()
    } throws: { error in
      (error as? PipelineError)?.status == .config
        && "\(error)".contains("two sources of kind veilig-thuis")
    }
  }
}
