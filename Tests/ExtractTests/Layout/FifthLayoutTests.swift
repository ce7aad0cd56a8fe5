import Foundation
import Model
import Pipeline
import Testing

@testable import Extract

/// A registration system the project has never seen, added by writing one layout file:
/// its own column titles, English labels, `|` as delimiter, `+` between multiple values,
/// dates as dd/MM/yyyy, Windows-1252, Y/N booleans, municipalities by name.
@Suite struct FifthLayoutTests {
  static let layout = """
    version: 1
    name: acme-pipe
    description: The Acme case system (a test)
    reader: csv
    csv:
      encoding: windows-1252
      delimiter: "|"
      line_ending: crlf
    values:
      dates: dd/MM/yyyy
      codes: label
      match: loose
      booleans: { ja: [Y, yes], nee: [N, "no"] }
      gemeente: name
      separator: "+"
      labels:
        rol: { Professional: beroepsmatig, Privé: niet_beroepsmatig }
        aard_geweld: { Partner: partnergeweld, Child abuse: kindermishandeling }
        janeeonbekend: { "Yes": ja, "No": nee }
        vervolgmelding: { None: nee }
        geslacht: { Female: vrouw, Male: man }
        rol_betrokkene: { Victim: slachtoffer, Offender: pleger }
    entities:
      melding:
        file: cases*.txt
        columns:
          melding_id: Case
          casus_id: Dossier
          ontvangstdatum: Received
          gemeente: Municipality
          rol_melder: Reporter
          aard_geweld: Violence
          acute_onveiligheid: Acute
          structurele_onveiligheid: Structural
          vervolgmelding: Follow-up
          radarmelding: Radar
      betrokkene:
        file: persons.txt
        columns:
          melding_id: Case
          bsn: Citizen number
          geslacht: Sex
          rol: Role
          geboortejaar: Born
    """

  @Test func readsFromConfigurationAlone() throws {
    let f = try Fixture()
    try f.write("pipelines/layouts/acme-pipe.yaml", Self.layout)
    try f.pipeline(layout: "acme-pipe")
    try f.writeWindows1252(
      "inputs/test/veilig-thuis/cases-2021.txt",
      [
        "Case|Dossier|Received|Municipality|Reporter|Violence|Acute|Structural|Follow-up|Radar",
        "K1|D1|04/01/2021|zutphen|Professional|Partner + Child abuse|No|Yes|None|N",  // accepted
        "K2|D2|2021-01-04|Zutphen|Professional|Partner|No|Yes|None|N",  // bad_date
        "K3|D3|05/01/2021|Brummen|Privé|Partner|no|YES|None|yes",  // accepted (é, case)
        "K4|D4|05/01/2021|Brummen|Professional|Partner+Burglary|No|Yes|None|N",  // unknown member
      ])
    try f.writeWindows1252(
      "inputs/test/veilig-thuis/cases-2022.txt",
      [
        "Case|Dossier|Received|Municipality|Reporter|Violence|Acute|Structural|Follow-up|Radar",
        "K1|D9|04/01/2022|Zutphen|Professional|Partner|No|Yes|None|N",  // duplicate_id
      ])
    try f.writeWindows1252(
      "inputs/test/veilig-thuis/persons.txt",
      [
        "Case|Citizen number|Sex|Role|Born",
        "K1|111222333|Female|Victim|1985",
        "K3||Male|Offender|",
        "K4||Male|Offender|",  // dangling_melding
      ])
    let report = try f.extract()

    // cases-2021.txt: 4 read, K1 and K3 accepted; cases-2022.txt: K1 again, a duplicate.
    #expect(Fixture.count(report, file: "veilig-thuis/cases-2021.txt", entity: "melding")! == (4, 2, 2))
    #expect(Fixture.count(report, file: "veilig-thuis/cases-2022.txt", entity: "melding")! == (1, 0, 1))
    #expect(Fixture.count(report, file: "veilig-thuis/persons.txt", entity: "betrokkene")! == (3, 2, 1))
    let rules = try f.rejects().map { "\($0["file"]!):\($0["line"]!) \($0["field"]!) \($0["rule"]!)" }
    #expect(
      rules == [
        "cases-2021.txt:3 ontvangstdatum bad_date",
        "cases-2021.txt:5 aard_geweld unknown_code",
        "cases-2022.txt:2 melding_id duplicate_id",
        "persons.txt:4 melding_id dangling_melding",
      ])

    let m = try f.staged(Melding.self)
    #expect(m.map(\.id) == ["K1", "K3"])
    #expect(m[0].gemeente == GemeenteCode(number: 301))  // Zutphen
    #expect(m[0].aardGeweld == CodeSet([.kindermishandeling, .partnergeweld]))
    #expect(m[0].ontvangstdatum == Day(year: 2021, month: 1, day: 4))
    #expect(m[0].structureleOnveiligheid == .ja)
    #expect(!m[0].radarmelding)
    #expect(m[1].rolMelder == .niet_beroepsmatig)
    #expect(m[1].radarmelding)
    #expect(m[1].gemeente == GemeenteCode(number: 213))  // Brummen
    let b = try f.staged(Betrokkene.self)
    #expect(b.map(\.geslacht) == [.vrouw, .man])
    #expect(b[0].pseudonym != nil && b[1].pseudonym == nil)
    #expect(try f.index().sources[0].layout == "acme-pipe")
  }
}
