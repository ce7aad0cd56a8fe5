import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// A region's staged folder written the way vt-extract writes it (`StagedWriter`,
/// `index.json`), for the submission tests.
struct CBSStagedExport {
  var adviezen: [Advies] = []
  var meldingen: [Melding] = []
  var betrokkenen: [Betrokkene] = []
  var diensten: [Dienst] = []
  var overdrachten: [Overdracht] = []
  var monitoring: [Monitoring] = []
  var huisverboden: [Huisverbod] = []
  var demoKey = false

  static func day(_ iso: String) -> Day { Day.parseISO(iso)! }
  static func gm(_ code: String) -> GemeenteCode { GemeenteCode(code)! }
  static func pseudonym(_ n: UInt64) -> Pseudonym { Pseudonym(high: 0x1234_5678_9abc_def0, low: n) }

  /// The small fixture of the golden files: 2021KW03 (and a little of 2021KW02) of NOG.
  static var fixture: CBSStagedExport {
    var e = CBSStagedExport()
    e.adviezen = [
      Advies(
        id: "A1", startdatum: day("2021-07-01"), einddatum: day("2021-07-02"),
        gemeente: .known(gm("GM0197")), contactvorm: .telefoon, rolAdviesvrager: .beroepsmatig,
        organisatieAdviesvrager: .huisarts, aardGeweld: CodeSet([.kindermishandeling]),
        vormKindermishandeling: CodeSet([.emotionele_verwaarlozing])),
      Advies(
        id: "A;2", startdatum: day("2021-09-15"), gemeente: .unknown, contactvorm: .chat,
        rolAdviesvrager: .niet_beroepsmatig, aardGeweld: CodeSet([.partnergeweld]),
        aanvullendeInformatie: CodeSet([.stalking]), duurGeweld: .langer_5_jaar),
      Advies(
        id: "A0", startdatum: day("2021-04-10"), gemeente: .known(gm("GM0222")),
        contactvorm: .telefoon, rolAdviesvrager: .niet_beroepsmatig,
        aardGeweld: CodeSet([.partnergeweld])),
    ]
    e.meldingen = [
      Melding(
        id: "M1", casusID: "C1", ontvangstdatum: day("2021-07-05"), gemeente: gm("GM0197"),
        rolMelder: .beroepsmatig, organisatieMelder: .huisarts,
        aardGeweld: CodeSet([.kindermishandeling]),
        vormKindermishandeling: CodeSet([.fysieke_verwaarlozing]), acuteOnveiligheid: .nee,
        structureleOnveiligheid: .ja, besluit: .vervolg_vt, besluitdatum: day("2021-07-09"),
        eersteContactDatum: day("2021-07-07")),
      Melding(
        id: "M2", casusID: "C2", ontvangstdatum: day("2021-08-12"), gemeente: gm("GM0222"),
        rolMelder: .niet_beroepsmatig, aardGeweld: CodeSet([.partnergeweld]),
        duurGeweld: .max_1_week,
        acuteOnveiligheid: .ja, structureleOnveiligheid: .nee, besluit: .overdracht,
        besluitdatum: day("2021-08-13"), radarmelding: true),
      Melding(
        id: "M3-é", casusID: "C3", ontvangstdatum: day("2021-09-30"), gemeente: gm("GM0200"),
        rolMelder: .beroepsmatig, organisatieMelder: .politie_melding_aangifte,
        aardGeweld: CodeSet([.kindermishandeling, .partnergeweld]),
        vervolgmelding: .tijdens_monitoring),
      Melding(
        id: "M0", casusID: "C0", ontvangstdatum: day("2021-05-03"), gemeente: gm("GM0197"),
        rolMelder: .onbekend, aardGeweld: CodeSet([.onbekend])),
    ]
    e.betrokkenen = [
      Betrokkene(
        meldingID: "M1", pseudonym: pseudonym(1), geboortejaar: 2015, geslacht: .vrouw,
        rol: .slachtoffer),
      Betrokkene(
        meldingID: "M1", pseudonym: pseudonym(2), geboortejaar: 1985, geslacht: .man, rol: .pleger),
      Betrokkene(
        meldingID: "M2", pseudonym: pseudonym(3), geboortejaar: 1990, geslacht: .vrouw,
        rol: .slachtoffer),
      Betrokkene(meldingID: "M3-é", pseudonym: nil, geboortejaar: 1950, rol: .slachtoffer),
      Betrokkene(meldingID: "M0", pseudonym: pseudonym(4), geboortejaar: 2010, rol: .slachtoffer),
    ]
    e.diensten = [
      Dienst(
        id: "D1", casusID: "C1", type: .onderzoek, startdatum: day("2021-07-12"),
        einddatum: day("2021-09-20"), uitkomst: .bevestigd)
    ]
    e.overdrachten = [
      Overdracht(
        id: "O1", casusID: "C2", datum: day("2021-08-20"), moment: .na_veiligheidsbeoordeling,
        ontvanger: .lokaal_team, monitoring: true)
    ]
    e.monitoring = [Monitoring(id: "T1", casusID: "C2", startdatum: day("2021-09-01"))]
    e.huisverboden = [
      Huisverbod(
        id: "H1", casusID: "C1", gemeente: gm("GM0197"), beoordelingsdatum: day("2021-07-20"),
        opgelegd: true)
    ]
    return e
  }

  /// Writes the staged folder under `work` (`<work>/staged/`).
  func write(work: String) throws {
    let dir = work + "/staged"
    try FileSystem.makeDirectory(dir + "/veilig-thuis")
    func file<R: StagedRecord>(_ records: [R]) throws {
      let w = try StagedWriter<R>(
        path: StagedIndex.file(dir, source: "veilig-thuis", entity: R.entity))
      for r in records { try w.write(r) }
      try w.close()
    }
    try file(meldingen)
    try file(betrokkenen)
    try file(diensten)
    try file(overdrachten)
    try file(monitoring)
    try file(huisverboden)
    try file(adviezen)
    let index = StagedIndex(
      region: "nog",
      pseudonymKey: PseudonymKeyInfo(
        kind: demoKey ? "demo" : "file", fingerprint: "0123456789abcdef"),
      sources: [
        SourceExport(
          folder: "veilig-thuis", kind: .veiligThuis,
          organisation: "Veilig Thuis Noord Oost Gelderland",
          layout: "vt-csv", exportSHA256: String(repeating: "ab", count: 32),
          peildatum: "2021-10-15",
          peildatumSource: "file",
          accepted: [
            "advies": adviezen.count, "melding": meldingen.count, "betrokkene": betrokkenen.count,
          ])
      ])
    try JSONFiles.write(index, to: dir + "/index.json")
  }

  /// Writes the staged folder in a new temporary folder and publishes the submission of
  /// `period`; returns the temporary folder and the publication folder.
  func publish(
    period: String = "2021KW03", failOnFout: Bool = false, dir existing: String? = nil
  ) throws -> (dir: String, out: String, kwaliteit: Kwaliteitsrapport) {
    let dir = try existing ?? CBSFixtures.temporaryDirectory()
    if existing == nil { try write(work: dir + "/work") }
    let pipeline = try CBSFixtures.pipeline(in: dir, failOnFout: failOnFout)
    let context = EmitContext(
      pipeline: pipeline, reference: CBSFixtures.reference,
      snapshot: CBSFixtures.snapshot(rows: [], demoKey: demoKey),
      workspace: Workspace(work: dir + "/work", outputs: dir + "/out"))
    var emitter = SubmissionEmitter(context: context, period: Period(code: period)!)
    // 2021-11-23T00:00:00Z, as SOURCE_DATE_EPOCH=1637625600 would give.
    emitter.now = { Date(timeIntervalSince1970: 1_637_625_600) }
    let kwaliteit = try emitter.publish()
    return (dir, dir + "/out/cbs/" + period, kwaliteit)
  }
}
