import Foundation
import Testing

@testable import Model
@testable import Pipeline

@Suite struct PipelineConfigTests {
  static let minimal = """
    version: 1
    region: {name: nog, title: Veilig Thuis NOG, vtregio: VT14}
    sources:
      - {kind: veilig-thuis, organisation: Veilig Thuis NOG, layout: regas-csv}
    """

  func decode(_ yaml: String) throws -> (PipelineConfig, [String]) {
    let (value, warnings) = try ConfigLoader.decode(PipelineConfig.self, yaml: yaml, file: "p.yaml")
    return (value, warnings)
  }

  func message(_ yaml: String) -> String? {
    do {
      _ = try decode(yaml)
      return nil
    } catch let error as PipelineError {
      #expect(error.status == .config)
      return error.message
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test func defaultsOfAMinimalConfig() throws {
    let (config, warnings) = try decode(Self.minimal)
    #expect(warnings.isEmpty)
    #expect(config.sources[0].folder == "veilig-thuis")
    #expect(config.extract.maxRejectRate == 0.05)
    #expect(config.disclosure.roundingBase == 5)
    #expect(config.disclosure.threshold == 10)
    #expect(!config.factsheets.publiek)
    #expect(config.outputs.isEmpty)
  }

  @Test func missingKeysNameTheirPath() {
    #expect(
      message(Self.minimal.replacingOccurrences(of: ", layout: regas-csv", with: ""))
        == "p.yaml: sources[0].layout: missing")
    #expect(
      message(Self.minimal.replacingOccurrences(of: "vtregio: VT14", with: "vtregio: [VT14]"))
        == "p.yaml: region.vtregio: expected a single value")
    #expect(message("version: 1\n") == "p.yaml: region: missing")
  }

  @Test func wrongValuesNameTheirPath() {
    #expect(
      message(Self.minimal.replacingOccurrences(of: "version: 1", with: "version: 2"))?
        .hasPrefix("p.yaml: version: version 2 is not supported") == true)
    #expect(
      message(Self.minimal + "\noutputs: [cbs-tables, posters]\n")?
        .hasPrefix("p.yaml: outputs[1]: \"posters\" is not one of") == true)
    #expect(
      message(Self.minimal + "\nextract: {max_reject_rate: 1.5}\n")
        == "p.yaml: extract.max_reject_rate: must lie between 0 and 1")
    #expect(
      message(Self.minimal + "\nbegroting: {2019: {meldingen: 10}}\n")
        == "p.yaml: begroting.2019.meldingen: unknown measure")
    #expect(
      message(Self.minimal.replacingOccurrences(of: "kind: veilig-thuis", with: "kind: politie"))?
        .hasPrefix("p.yaml: sources[0].kind: \"politie\" is not one of") == true)
    #expect(message("region: [\n")?.hasPrefix("p.yaml: not valid YAML") == true)
  }

  @Test func unknownKeysWarnWithTheirPath() throws {
    let (_, warnings) = try decode(
      Self.minimal.replacingOccurrences(of: "vtregio: VT14", with: "vtregio: VT14, colour: red")
        + "\nposters: yes\n")
    #expect(warnings == ["p.yaml: posters: unknown key, ignored", "p.yaml: region.colour: unknown key, ignored"])
  }

  @Test func theCommittedPipelinesLoad() throws {
    for name in ["nog", "groningen", "rotterdam-rijnmond"] {
      let loaded = try LoadedPipeline.load(path: "\(repositoryRoot)/pipelines/\(name).yaml")
      #expect(loaded.warnings.isEmpty, "\(name)")
      #expect(loaded.config.region.name == name)
      _ = try loaded.loadReference()
    }
    let nog = try LoadedPipeline.load(path: "\(repositoryRoot)/pipelines/nog.yaml").config
    // Halfjaarverslag 2019, "Begroot 2019": 3.780 adviezen, 3.442 meldingen.
    #expect(nog.begroting[2019]?["afgeronde_adviezen"] == 3780)
    #expect(nog.begroting[2019]?["ontvangen_meldingen"] == 3442)
    #expect(nog.begroting[2019]?.count == 17)
    let groningen = try LoadedPipeline.load(path: "\(repositoryRoot)/pipelines/groningen.yaml").config
    #expect(groningen.source(.jeugdbescherming)?.layout == "jb-csv")
  }

  @Test func anAliasToAnUnknownGemeenteIsAConfigError() throws {
    let dir = TemporaryDirectory()
    let yaml = Self.minimal.replacingOccurrences(
      of: "layout: regas-csv}", with: "layout: regas-csv, gemeente_aliases: {Apeldorp: Atlantis}}")
    dir.write("x.yaml", yaml)
    try FileManager.default.createSymbolicLink(
      atPath: dir.file("reference"), withDestinationPath: "\(repositoryRoot)/pipelines/reference")
    let loaded = try LoadedPipeline.load(path: dir.file("x.yaml"))
    #expect(throws: PipelineError.self) { _ = try loaded.loadReference() }
  }
}
