import Model
import Testing

@testable import Transform

/// `ontvangen_meldingen` with every split but melding_historie (see MeldingHistorieCountingTests).
@Suite struct MeldingCountingTests {
  /// Four meldingen, four casussen, no betrokkenen:
  /// - M1 2021-03-10 Groningen (GM0014): aard kindermishandeling + partnergeweld +
  ///   geweld_tegen_ouders (three categories), aanvullend conflictscheiding, beroepsmatig
  ///   huisarts, duur 1_6_maanden, vorm_km fysieke_mishandeling, acute ja / structureel
  ///   onbekend, besluit vervolg_vt;
  /// - M2 2021-03-20 Groningen: partnergeweld, niet beroepsmatig without organisatie, no duur,
  ///   acute nee / structureel nee, no besluit;
  /// - M3 2021-04-01 Stadskanaal (GM0037): ouderenmishandeling with vorm_om
  ///   financiele_uitbuiting, politie_melding_aangifte, acute onbekend / structureel ja,
  ///   besluit overdracht;
  /// - M4 2021-04-02 Stadskanaal: kindermishandeling, acute nee / structureel onbekend.
  static let fixture = TransformFixture(meldingen: [
    melding(
      "M1", casus: "C1", "2021-03-10", "GM0014",
      aard: [.kindermishandeling, .partnergeweld, .geweld_tegen_ouders],
      aanvullend: [.conflictscheiding], rol: .beroepsmatig, organisatie: .huisarts,
      duur: .`1_6_maanden`, vormKM: [.fysieke_mishandeling], acute: .ja, structureel: .onbekend,
      besluit: .vervolg_vt),
    melding(
      "M2", casus: "C2", "2021-03-20", "GM0014", aard: [.partnergeweld], acute: .nee,
      structureel: .nee),
    melding(
      "M3", casus: "C3", "2021-04-01", "GM0037", aard: [.ouderenmishandeling],
      rol: .beroepsmatig, organisatie: .politie_melding_aangifte, vormOM: [.financiele_uitbuiting],
      acute: .onbekend, structureel: .ja, besluit: .overdracht),
    melding(
      "M4", casus: "C4", "2021-04-02", "GM0037", acute: .nee, structureel: .onbekend),
  ])

  @Test func totalsPerPeriodAndLevel() throws {
    let f = try Self.fixture.run()
    let m = "ontvangen_meldingen"
    // March: M1 and M2 in Groningen; April: M3 and M4 in Stadskanaal.
    #expect(f.value(m, "2021MM03", "GM0014") == 2)
    #expect(f.value(m, "2021MM04", "GM0037") == 2)
    #expect(f.value(m, "2021MM03", "GM0037") == 0)
    #expect(f.value(m, "2021MM03", "VT08") == 2)
    // Q1 = March only (2); Q2 = April (2); H1 and the year hold all four.
    #expect(f.value(m, "2021KW01", "GM0014") == 2)
    #expect(f.value(m, "2021KW02", "GM0037") == 2)
    #expect(f.value(m, "2021KW01", "VT08") == 2)
    #expect(f.value(m, "2021KW02", "VT08") == 2)
    #expect(f.value(m, "2021HJ01", "VT08") == 4)
    #expect(f.value(m, "2021HJ02", "VT08") == 0)
    #expect(f.value(m, "2021JJ00", "GM0014") == 2)
    #expect(f.value(m, "2021JJ00", "GM0037") == 2)
    #expect(f.value(m, "2021JJ00", "VT08") == 4)
  }

  @Test func splitsOfOneGemeente() throws {
    let f = try Self.fixture.run()
    // Groningen, March: M1 and M2. Every category each carries once; totaal 2.
    #expect(
      f.split("ontvangen_meldingen", "2021MM03", "GM0014") == [
        // M1 kindermishandeling, partnergeweld, geweld_tegen_ouders; M2 partnergeweld.
        "aard_geweld/kindermishandeling": 1, "aard_geweld/partnergeweld": 2,
        "aard_geweld/geweld_tegen_ouders": 1,
        "aanvullende_informatie/conflictscheiding": 1,
        "vorm_km/fysieke_mishandeling": 1,
        "rol/beroepsmatig": 1, "rol/niet_beroepsmatig": 1,
        // M2 has no organisatie: it is in no organisatie (groep) category.
        "organisatie/huisarts": 1, "organisatie_groep/gezondheidszorg": 1,
        // M2's empty duur counts as onbekend.
        "duur_geweld/1_6_maanden": 1, "duur_geweld/onbekend": 1,
        // M1 acute ja (structureel onbekend): acute only; M2 nee/nee: geen.
        "veiligheidstaxatie/acute_onveiligheid": 1, "veiligheidstaxatie/geen_onveiligheid": 1,
        "besluit/vervolg_vt": 1, "besluit/nog_niet": 1,
        // No betrokkenen with a pseudonym: both niet ingedeeld.
        "melding_historie/niet_ingedeeld": 2,
      ])
  }

  @Test func splitsOfTheRegionTotal() throws {
    let f = try Self.fixture.run()
    let s = f.split("ontvangen_meldingen", "2021JJ00", "VT08")
    // kindermishandeling: M1, M4 = 2; partnergeweld: M1, M2 = 2; ouderenmishandeling M3;
    // geweld_tegen_ouders M1. The categories add up to 6, not to totaal 4 (multi-valued).
    #expect(s["aard_geweld/kindermishandeling"] == 2)
    #expect(s["aard_geweld/partnergeweld"] == 2)
    #expect(s["aard_geweld/ouderenmishandeling"] == 1)
    #expect(s["aard_geweld/geweld_tegen_ouders"] == 1)
    #expect(s["vorm_om/financiele_uitbuiting"] == 1)
    // M3 onbekend/ja: structurele only; M4 nee/onbekend: onbekend.
    #expect(s["veiligheidstaxatie/structurele_onveiligheid"] == 1)
    #expect(s["veiligheidstaxatie/onbekend"] == 1)
    #expect(s["veiligheidstaxatie/acute_onveiligheid"] == 1)
    #expect(s["veiligheidstaxatie/geen_onveiligheid"] == 1)
    // beroepsmatig: M1 (huisarts), M3 (politie); niet beroepsmatig: M2, M4.
    #expect(s["rol/beroepsmatig"] == 2)
    #expect(s["rol/niet_beroepsmatig"] == 2)
    #expect(s["organisatie/politie_melding_aangifte"] == 1)
    #expect(s["organisatie_groep/justitie_en_veiligheid"] == 1)
    #expect(s["organisatie_groep/gezondheidszorg"] == 1)
    // besluit: vervolg_vt M1, overdracht M3, nog_niet M2 and M4.
    #expect(s["besluit/vervolg_vt"] == 1)
    #expect(s["besluit/overdracht"] == 1)
    #expect(s["besluit/nog_niet"] == 2)
    // duur: 1_6_maanden M1; onbekend M2, M3, M4.
    #expect(s["duur_geweld/onbekend"] == 3)
    #expect(s["melding_historie/niet_ingedeeld"] == 4)
  }

  /// 30 June and 1 July lie in different months, quarters and half-years of the same year.
  @Test func midnightBetweenJuneAndJuly() throws {
    let f = try TransformFixture(meldingen: [
      melding("J", casus: "CJ", "2021-06-30", "GM0014"),
      melding("K", casus: "CK", "2021-07-01", "GM0014"),
    ]).run()
    let m = "ontvangen_meldingen"
    #expect(f.value(m, "2021MM06", "GM0014") == 1)
    #expect(f.value(m, "2021MM07", "GM0014") == 1)
    #expect(f.value(m, "2021KW02", "GM0014") == 1)
    #expect(f.value(m, "2021KW03", "GM0014") == 1)
    #expect(f.value(m, "2021HJ01", "GM0014") == 1)
    #expect(f.value(m, "2021HJ02", "GM0014") == 1)
    #expect(f.value(m, "2021JJ00", "GM0014") == 2)
  }

  @Test func veiligheidstaxatieCategories() {
    func cats(_ a: JaNeeOnbekend, _ s: JaNeeOnbekend) -> [String] {
      CodeSet<Veiligheidstaxatie>(
        bits: MeldingCounting.veiligheidstaxatie(acute: a, structureel: s)
      )
      .map(\.code)
    }
    #expect(cats(.ja, .ja) == ["acute_onveiligheid", "structurele_onveiligheid"])
    #expect(cats(.ja, .nee) == ["acute_onveiligheid"])
    #expect(cats(.nee, .ja) == ["structurele_onveiligheid"])
    #expect(cats(.nee, .nee) == ["geen_onveiligheid"])
    #expect(cats(.nee, .onbekend) == ["onbekend"])
    #expect(cats(.onbekend, .onbekend) == ["onbekend"])
    #expect(cats(.onbekend, .ja) == ["structurele_onveiligheid"])
  }
}
