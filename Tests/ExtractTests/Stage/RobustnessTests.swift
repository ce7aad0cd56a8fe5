import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// Mutated exports (bytes flipped, cut, duplicated) go through the whole stage: each run
/// ends in success or a located `PipelineError`, never a crash, a hang or another error.
@Suite struct RobustnessTests {
  struct Random {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int(state >> 33) % max(n, 1)
    }
  }

  func mutate(_ bytes: [UInt8], _ r: inout Random) -> [UInt8] {
    var b = bytes
    for _ in 0..<(1 + r.next(6)) {
      guard !b.isEmpty else { break }
      switch r.next(5) {
      case 0: b[r.next(b.count)] = UInt8(r.next(256))
      case 1: b.removeSubrange(r.next(b.count)..<b.count)
      case 2:
        let i = r.next(b.count)
        b.insert(contentsOf: b[i..<min(b.count, i + r.next(40))], at: r.next(b.count))
      case 3: b.insert([0x22, 0x3C, 0x3E, 0x26, 0x0D, 0x00, 0xFF, 0x7C, 0x3B, 0x2C][r.next(10)], at: r.next(b.count))
      default: b.remove(at: r.next(b.count))
      }
    }
    return b
  }

  func survive(layout: String, file: String, original: String, seed: UInt64, runs: Int) throws {
    var r = Random(state: seed)
    for n in 0..<runs {
      let f = try Fixture()
      try f.pipeline(layout: layout)
      try f.write("inputs/test/veilig-thuis/" + file, bytes: mutate(Array(original.utf8), &r))
      do {
        let report = try f.extract(chunkSize: 1 + r.next(64))
        for c in report.counts { #expect(c.read == c.accepted + c.rejected) }
      } catch let e as PipelineError {
        #expect([.unreadableInput, .rejectThreshold].contains(e.status), "run \(n): \(e.message)")
      } catch {
        Issue.record("run \(n): \(error)")
      }
    }
  }

  @Test func mutatedCSV() throws {
    let csv = """
      melding_id,casus_id,ontvangstdatum,gemeente,rol_melder,organisatie_melder,aard_geweld,aanvullende_informatie,duur_geweld,vorm_kindermishandeling,vorm_ouderenmishandeling,acute_onveiligheid,structurele_onveiligheid,besluit,besluitdatum,eerste_contact_datum,vervolgmelding,radarmelding
      M1,C1,2021-01-04,GM0200,beroepsmatig,huisarts,kindermishandeling|partnergeweld,,1_5_jaar,,,nee,ja,overdracht,2021-01-10,,nee,nee
      M2,"C,2",2021-01-05,GM0200,beroepsmatig,,"partnergeweld",,,,,nee,ja,,,,nee,nee
      M3,C3,2021-01-06,GM0213,niet_beroepsmatig,,geen,,,,,nee,nee,,,,nee,ja

      """
    try survive(layout: "vt-csv", file: "meldingen.csv", original: csv, seed: 42, runs: 60)
  }

  @Test func mutatedXML() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <vtExport peildatum="2022-01-05">
        <casus id="C1">
          <melding id="M1" ontvangst="2021-01-04" gemeente="GM0014" rol="beroepsmatig" acuut="nee" structureel="ja" vervolgmelding="nee" radar="nee">
            <aard>partnergeweld</aard>
            <betrokkene bsn="111222333" geboortejaar="1985" geslacht="vrouw" rol="slachtoffer"/>
          </melding>
          <dienst id="D1" type="onderzoek" start="2021-01-10"/>
        </casus>
        <advies id="A1" start="2021-03-01" contactvorm="chat" rol="onbekend"><aard>geen</aard></advies>
      </vtExport>
      """
    try survive(layout: "vt-xml", file: "a.xml", original: xml, seed: 7, runs: 60)
  }
}
