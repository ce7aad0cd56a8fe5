import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// Runs the built `vt-extract` on exports with known bsn's (valid, invalid, with a leading
/// zero, and misplaced in other columns) and proves that none of them appears in any file
/// the stage wrote or in its standard error.
@Suite struct LeakTests {
  /// The built executable: `$VT_BIN/vt-extract` (set by `make test`) or the debug build.
  static var executable: String {
    if let bin = ProcessInfo.processInfo.environment["VT_BIN"], !bin.isEmpty {
      return bin + "/vt-extract"
    }
    return Fixture.repository + "/.build/debug/vt-extract"
  }

  static let bsns = ["111222333", "123456782", "010015838", "123456789"]

  func files(under root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    return e.compactMap { $0 as? String }.map { root + "/" + $0 }.filter { !FileSystem.isDirectory($0) }
  }

  func run(_ f: Fixture, production: Bool = false, key: String? = nil) throws -> (Int32, String) {
    #expect(FileManager.default.isExecutableFile(atPath: Self.executable), "build vt-extract first (\(Self.executable))")
    var environment = ProcessInfo.processInfo.environment
    environment["VT_PSEUDONYM_KEY_FILE"] = key
    let r = try Fixture.run(
      Self.executable,
      [
        "--pipeline", f.root + "/pipelines/test.yaml", "--inputs", f.inputs, "--work", f.work,
        "--outputs", f.root + "/outputs/test",
      ] + (production ? ["--production"] : []), environment: environment)
    return (r.status, r.stderr)
  }

  func expectNoBsn(_ f: Fixture, stderr: String) throws {
    let written = files(under: f.root + "/work") + files(under: f.root + "/outputs")
    #expect(!written.isEmpty)
    for path in written {
      let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
      for bsn in Self.bsns {
        #expect(!text.contains(bsn), "\(bsn) in \(path)")
        #expect(!text.contains(String(bsn.dropFirst())), "\(bsn) without its first digit in \(path)")
      }
    }
    for bsn in Self.bsns { #expect(!stderr.contains(bsn), "\(bsn) in stderr") }
  }

  @Test func noBsnLeavesTheStageInCSV() throws {
    let f = try Fixture()
    try f.pipeline(layout: "vt-csv")
    try f.write(
      "inputs/test/veilig-thuis/meldingen.csv",
      """
      melding_id,casus_id,ontvangstdatum,gemeente,rol_melder,organisatie_melder,aard_geweld,aanvullende_informatie,duur_geweld,vorm_kindermishandeling,vorm_ouderenmishandeling,acute_onveiligheid,structurele_onveiligheid,besluit,besluitdatum,eerste_contact_datum,vervolgmelding,radarmelding
      M1,C1,2021-01-04,GM0200,beroepsmatig,,partnergeweld,,,,,nee,ja,,,,nee,nee
      M2,C2,2021-01-04,GM0200,beroepsmatig,,111222333,,,,,nee,ja,,,,nee,nee

      """)
    try f.write(
      "inputs/test/veilig-thuis/betrokkenen.csv",
      """
      melding_id,bsn,geboortejaar,geslacht,rol
      M1,111222333,1985,vrouw,slachtoffer
      M1,123456782,1990,man,pleger
      M1,010015838,1990,man,getuige
      M1,123456789,1990,man,pleger
      M1,,111222333,man,pleger
      M1,"111222333,x",,man,pleger
      M9,123456782,1990,man,pleger
      M1,1234.56.782,1990,man,pleger

      """)
    let (status, stderr) = try run(f)
    #expect(status == 0, "\(stderr)")
    #expect(try f.staged(Melding.self).count == 1)
    // 3 valid bsn's staged as pseudonyms; the other 5 rejected, none with its digits.
    #expect(try f.staged(Betrokkene.self).compactMap(\.pseudonym).count == 3)
    #expect(try f.rejects().count == 6)
    try expectNoBsn(f, stderr: stderr)
  }

  @Test func noBsnLeavesTheStageInXMLOrWhenTheStageFails() throws {
    let f = try Fixture()
    try f.pipeline(layout: "vt-xml", maxRejectRate: 0.1)
    try f.write(
      "inputs/test/veilig-thuis/a.xml",
      """
      <vtExport peildatum="2022-01-05">
        <casus id="C1">
          <melding id="M1" ontvangst="2021-01-04" gemeente="GM0014" rol="beroepsmatig" acuut="nee"
                   structureel="ja" vervolgmelding="nee" radar="nee">
            <aard>partnergeweld</aard>
            <betrokkene bsn="111222333" geslacht="vrouw" rol="slachtoffer"/>
            <betrokkene bsn="123456789" geslacht="man" rol="pleger"/>
            <betrokkene bsn="010015838" geboortejaar="123456782" geslacht="man" rol="pleger"/>
          </melding>
        </casus>
      </vtExport>
      """)
    // 2 of 3 betrokkenen rejected: above 10 %, exit 3, rejects in extract-failed.
    let (status, stderr) = try run(f)
    #expect(status == 3, "\(stderr)")
    try expectNoBsn(f, stderr: stderr)
  }

  @Test func productionRunRefusesTheDemoKey() throws {
    let f = try Fixture()
    try f.pipeline(layout: "vt-csv")
    try FileManager.default.createDirectory(atPath: f.inputs + "/veilig-thuis", withIntermediateDirectories: true)
    let (status, stderr) = try run(f, production: true)
    #expect(status == 78)
    #expect(stderr.contains("--production needs a real pseudonym key: set VT_PSEUDONYM_KEY_FILE"))
    #expect(!FileManager.default.fileExists(atPath: f.staged))
    // With a key file it runs, and index.json says which kind of key.
    try f.write("key", String(repeating: "5a", count: 32))
    let (ok, err) = try run(f, production: true, key: f.root + "/key")
    #expect(ok == 0, "\(err)")
    #expect(try f.index().pseudonymKey.kind == "file")
  }
}
