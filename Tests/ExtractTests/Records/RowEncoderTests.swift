import Model
import Testing

@testable import Extract

/// The fast encoder writes exactly what the Model's `stagedFields` joined by tabs says.
@Suite struct RowEncoderTests {
  func encoded<M: EntityMapping>(_: M.Type, _ r: M.Record) -> String {
    let e = RowEncoder(capacity: 8)  // tiny: exercises growth
    M.encode(r, e)
    return String(decoding: e.bytes, as: UTF8.self)
  }

  func joined(_ r: some StagedRecord) -> String { r.stagedFields.joined(separator: "\t") }

  let d1 = Day(year: 2021, month: 1, day: 4)!
  let d2 = Day(year: 987, month: 12, day: 31)!

  @Test func melding() {
    let full = Melding(
      id: "M1", casusID: "C-é", ontvangstdatum: d1, gemeente: GemeenteCode(number: 14)!,
      rolMelder: .beroepsmatig, organisatieMelder: .huisarts,
      aardGeweld: CodeSet([.ouderenmishandeling, .kindermishandeling, .onbekend]),
      aanvullendeInformatie: CodeSet([.stalking]), duurGeweld: .onbekend,
      vormKindermishandeling: CodeSet([.andere_km, .pcf]), vormOuderenmishandeling: CodeSet([.andere_om]),
      acuteOnveiligheid: .ja, structureleOnveiligheid: .onbekend, besluit: .regionaal_maatwerk,
      besluitdatum: d1, eersteContactDatum: d2, vervolgmelding: .tijdens_monitoring, radarmelding: true)
    let sparse = Melding(
      id: "x", casusID: "y", ontvangstdatum: d2, gemeente: GemeenteCode(number: 9999)!,
      rolMelder: .onbekend, aardGeweld: CodeSet([.geen]))
    for m in [full, sparse] { #expect(encoded(MeldingMapping.self, m) == joined(m)) }
  }

  @Test func everyOtherEntity() {
    let a = Advies(
      id: "A1", startdatum: d1, einddatum: nil, gemeente: .unknown, contactvorm: .chat,
      rolAdviesvrager: .niet_beroepsmatig, aardGeweld: CodeSet([.partnergeweld]),
      vormOuderenmishandeling: CodeSet([.financiele_uitbuiting, .emotionele_mishandeling]))
    #expect(encoded(AdviesMapping.self, a) == joined(a))
    let b1 = Betrokkene(meldingID: "M1", pseudonym: Pseudonym(high: 1, low: .max), geboortejaar: 1985, geslacht: .vrouw, rol: .pleger)
    let b2 = Betrokkene(meldingID: "M1", pseudonym: nil, rol: .getuige)
    for b in [b1, b2] { #expect(encoded(BetrokkeneMapping.self, b) == joined(b)) }
    let d = Dienst(id: "D", casusID: "C", type: .onderzoek_multiprobleem, startdatum: d1, einddatum: d2, uitkomst: .weerlegd)
    #expect(encoded(DienstMapping.self, d) == joined(d))
    let o = Overdracht(id: "O", casusID: "C", datum: d1, moment: .na_dienst, ontvanger: .anders, monitoring: false)
    #expect(encoded(OverdrachtMapping.self, o) == joined(o))
    let mo = Monitoring(id: "MO", casusID: "C", startdatum: d1, extraInterventie: true)
    #expect(encoded(MonitoringMapping.self, mo) == joined(mo))
    let h = Huisverbod(id: "H", casusID: nil, gemeente: GemeenteCode(number: 599)!, beoordelingsdatum: d1, opgelegd: true)
    #expect(encoded(HuisverbodMapping.self, h) == joined(h))
    let act = Activiteit(id: "ACT", type: .casusoverleg, datum: d1, gemeente: .known(GemeenteCode(number: 1979)!))
    #expect(encoded(ActiviteitMapping.self, act) == joined(act))
    let mr = Maatregel(id: "J", gemeente: GemeenteCode(number: 14)!, type: .jeugdreclassering, soort: .verlenging, startdatum: d1)
    #expect(encoded(MaatregelMapping.self, mr) == joined(mr))
  }
}
