import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

@Suite struct LayoutTests {
  static let layouts = Fixture.repository + "/pipelines/layouts"

  @Test(arguments: ["vt-csv", "regas-csv", "vt-xml", "jb-csv"])
  func theFourLayoutsLoad(name: String) throws {
    let layout = try Layout.load(name: name, directory: Self.layouts, askedBy: "test")
    #expect(layout.name == name)
    #expect(layout.warnings.isEmpty)
    switch (name, layout.format) {
    case ("vt-xml", .xml(let x)):
      #expect(x.root == "vtExport")
      #expect(x.casusElement == "casus")
    case ("regas-csv", .csv(let c)):
      #expect(c.encoding == .windows1252)
      #expect(c.dialect.delimiter == UInt8(ascii: ";"))
      #expect(layout.kenmerken?.file == "Kenmerken.csv")
      #expect(layout.values.labels && layout.values.gemeenteByName && layout.values.match == .loose)
    case ("vt-csv", .csv(let c)):
      #expect(c.encoding == .utf8 && c.dialect.delimiter == UInt8(ascii: ","))
      #expect(layout.entities.count == 8)
    case ("jb-csv", .csv):
      #expect(layout.entities.map(\.entity) == [.maatregel])
    default:
      Issue.record("unexpected format for \(name)")
    }
  }

  /// Writes a layout and loads it; returns the configuration error message.
  func failure(_ yaml: String) throws -> String? {
    let f = try Fixture()
    try f.write("l/bad.yaml", yaml)
    do {
      _ = try Layout.load(path: f.root + "/l/bad.yaml")
      return nil
    } catch let e as PipelineError {
      #expect(e.status == .config)
      return e.message
    }
  }

  static let minimal = """
    version: 1
    name: bad
    reader: csv
    csv: { encoding: utf-8, delimiter: ";" }
    values: { dates: yyyy-MM-dd, codes: code, match: exact, booleans: { ja: ja, nee: nee }, gemeente: code }
    entities:
      maatregel:
        file: m.csv
        columns: { maatregel_id: id, gemeente: gm, type: type, soort: soort, startdatum: start }
    """

  @Test func minimalLayoutLoads() throws {
    #expect(try failure(Self.minimal) == nil)
  }

  @Test func errorsNameTheKeyPath() throws {
    let cases: [(String, String)] = [
      (Self.minimal.replacingOccurrences(of: "version: 1", with: "version: 2"), "version: version 2 is not supported"),
      (Self.minimal.replacingOccurrences(of: "delimiter: \";\"", with: "delimiter: \";;\""), "csv.delimiter: \";;\" must be one ASCII character"),
      (Self.minimal.replacingOccurrences(of: "dates: yyyy-MM-dd", with: "dates: yyyy-MM"), "values.dates: \"yyyy-MM\" is not a date pattern"),
      (Self.minimal.replacingOccurrences(of: "encoding: utf-8", with: "encoding: latin-9"), "csv.encoding: \"latin-9\" is not one of"),
      (Self.minimal.replacingOccurrences(of: "type: type,", with: "tipe: type,"), "entities.maatregel.columns.tipe: not a field of maatregel"),
      (Self.minimal.replacingOccurrences(of: " soort: soort,", with: ""), "entities.maatregel.columns.soort: missing (a required field of maatregel)"),
      (Self.minimal.replacingOccurrences(of: "maatregel:\n", with: "maatregels:\n"), "entities.maatregels: not an entity"),
      (Self.minimal.replacingOccurrences(of: "name: bad", with: "name: other"), "name: \"other\" does not match the file name bad.yaml"),
      (Self.minimal.replacingOccurrences(of: "codes: code", with: "codes: kode"), "values.codes: \"kode\" is not one of code, label"),
      (Self.minimal.replacingOccurrences(of: "values: {", with: "valuez: {"), "values: missing"),
      (Self.minimal.replacingOccurrences(of: "entities:", with: "entities: ["), "not valid YAML"),
      (Self.minimal.replacingOccurrences(of: "match: exact,", with: "match: exact, labels: { maatregel: { OTS: otz } },"), "values.labels.maatregel.OTS: \"otz\" is not a code of maatregel"),
      (Self.minimal.replacingOccurrences(of: "columns: { maatregel_id: id, gemeente: gm,", with: "columns: { maatregel_id: id, gemeente: id,"), "\"id\" is also given for"),
    ]
    for (yaml, expected) in cases {
      let message = try failure(yaml)
      #expect(message?.contains(expected) == true, "expected \(expected), got \(message ?? "no error")")
      #expect(message?.contains("bad.yaml") == true)
    }
  }

  @Test func unknownKeysWarn() throws {
    let f = try Fixture()
    try f.write("l/bad.yaml", Self.minimal + "\ncolour: blue\n")
    let layout = try Layout.load(path: f.root + "/l/bad.yaml")
    #expect(layout.warnings == ["\(f.root)/l/bad.yaml: colour: unknown key, ignored"])
  }

  @Test func unknownLayoutNamesTheOnesThereAre() throws {
    #expect {
      _ = try Layout.load(name: "acme", directory: Self.layouts, askedBy: "pipelines/x.yaml: sources[0].layout")
    } throws: { error in
      guard let e = error as? PipelineError else { return false }
      return e.status == .config && e.message.hasPrefix("pipelines/x.yaml: sources[0].layout: unknown layout \"acme\"")
        && e.message.contains("jb-csv, regas-csv, vt-csv, vt-xml")
    }
  }
}
