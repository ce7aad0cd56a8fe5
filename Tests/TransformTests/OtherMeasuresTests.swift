import Model
import Testing

@testable import Transform

/// Overdrachten, monitoring, huisverboden, adviezen, activiteiten and maatregelen.
@Suite struct OtherMeasuresTests {
  /// One casus O (first melding 2021-01-05 in Groningen) with its overdrachten and monitoring.
  static let casus = [melding("O1", casus: "O", "2021-01-05", "GM0014")]

  @Test func overdrachten() throws {
    let f = try TransformFixture(
      meldingen: Self.casus,
      overdrachten: [
        Overdracht(
          id: "T1", casusID: "O", datum: day("2021-01-20"), moment: .na_veiligheidsbeoordeling,
          ontvanger: .lokaal_team, monitoring: false),
        Overdracht(
          id: "T2", casusID: "O", datum: day("2021-02-10"), moment: .na_dienst,
          ontvanger: .lopende_hulpverlening, monitoring: true),
        Overdracht(
          id: "T3", casusID: "O", datum: day("2021-02-11"), moment: .na_veiligheidsbeoordeling,
          ontvanger: .anders, monitoring: true),
      ]
    ).run()
    // Q1, Groningen: na_vb T1, T3 = 2; na_dienst T2 = 1; without monitoring T1 = 1;
    // with monitoring T2, T3 = 2.
    #expect(f.value("overdrachten_na_vb", "2021KW01", "GM0014") == 2)
    #expect(f.value("overdrachten_na_dienst", "2021KW01", "GM0014") == 1)
    #expect(f.value("overdrachten_lokaal", "2021KW01", "GM0014") == 1)
    #expect(f.value("overdrachten_lokaal_monitoring", "2021KW01", "GM0014") == 2)
    #expect(f.value("overdrachten_na_vb", "2021MM02", "VT08") == 1)
  }

  @Test func monitoring() throws {
    let f = try TransformFixture(
      meldingen: Self.casus,
      monitoring: [
        Monitoring(
          id: "W1", casusID: "O", startdatum: day("2021-03-01"), einddatum: day("2021-06-30"),
          extraInterventie: true),
        Monitoring(id: "W2", casusID: "O", startdatum: day("2021-03-15")),
        Monitoring(
          id: "W3", casusID: "O", startdatum: day("2020-12-31"), einddatum: day("2021-01-01")),
      ]
    ).run()
    // Started: W1, W2 in March 2021; W3 in December 2020.
    #expect(f.value("gestarte_monitoring", "2021MM03", "GM0014") == 2)
    #expect(f.value("gestarte_monitoring", "2020MM12", "GM0014") == 1)
    #expect(f.value("gestarte_monitoring", "2021JJ00", "VT08") == 2)
    // Extra interventie: W1, by startdatum.
    #expect(f.value("monitoring_extra_interventie", "2021MM03", "GM0014") == 1)
    #expect(f.value("monitoring_extra_interventie", "2021MM06", "GM0014") == 0)
    // Finished: W1 on 30 June, W3 on 1 January.
    #expect(f.value("afgeronde_monitoring", "2021HJ01", "GM0014") == 2)
    #expect(f.value("afgeronde_monitoring", "2021MM06", "GM0014") == 1)
    #expect(f.value("afgeronde_monitoring", "2021MM01", "GM0014") == 1)
    #expect(f.value("afgeronde_monitoring", "2020JJ00", "VT08") == 0)
  }

  @Test func huisverboden() throws {
    let f = try TransformFixture(
      huisverboden: [
        Huisverbod(
          id: "HV1", gemeente: gm("GM0037"), beoordelingsdatum: day("2021-05-05"), opgelegd: true,
          verlengd: true),
        Huisverbod(
          id: "HV2", casusID: "no-such-casus", gemeente: gm("GM0037"),
          beoordelingsdatum: day("2021-05-06"), opgelegd: false),
        Huisverbod(
          id: "HV3", gemeente: gm("GM0010"), beoordelingsdatum: day("2021-01-10"), opgelegd: true),
      ]
    ).run()
    // Stadskanaal, May: beoordeeld HV1, HV2; opgelegd HV1.
    #expect(f.value("huisverbod_beoordeeld", "2021MM05", "GM0037") == 2)
    #expect(f.value("huisverbod_opgelegd", "2021MM05", "GM0037") == 1)
    // HV3 under Delfzijl in 2021: Eemsdelta.
    #expect(f.value("huisverbod_opgelegd", "2021MM01", "GM1979") == 1)
    #expect(f.value("huisverbod_beoordeeld", "2021JJ00", "VT08") == 3)
    #expect(f.value("huisverbod_opgelegd", "2021JJ00", "VT08") == 2)
  }

  /// - A1 2021-02-01 without gemeente, chat, finished 2021-02-05, partnergeweld;
  /// - A2 2021-02-10 Groningen, telefoon, beroepsmatig (ggd), kindermishandeling and
  ///   ouderenmishandeling with a vorm of each, eergerelateerd_geweld, langer_5_jaar,
  ///   finished 2021-03-02;
  /// - A3 2021-02-11 Groningen, email, rol onbekend with organisatie onbekend, aard geen,
  ///   not finished.
  @Test func adviezen() throws {
    let f = try TransformFixture(
      adviezen: [
        Advies(
          id: "A1", startdatum: day("2021-02-01"), einddatum: day("2021-02-05"), gemeente: .unknown,
          contactvorm: .chat, rolAdviesvrager: .niet_beroepsmatig,
          aardGeweld: CodeSet([.partnergeweld])),
        Advies(
          id: "A2", startdatum: day("2021-02-10"), einddatum: day("2021-03-02"),
          gemeente: .known(gm("GM0014")),
          contactvorm: .telefoon, rolAdviesvrager: .beroepsmatig, organisatieAdviesvrager: .ggd,
          aardGeweld: CodeSet([.kindermishandeling, .ouderenmishandeling]),
          aanvullendeInformatie: CodeSet([.eergerelateerd_geweld]), duurGeweld: .langer_5_jaar,
          vormKindermishandeling: CodeSet([.emotionele_verwaarlozing]),
          vormOuderenmishandeling: CodeSet([.emotionele_mishandeling])),
        Advies(
          id: "A3", startdatum: day("2021-02-11"), gemeente: .known(gm("GM0014")),
          contactvorm: .email,
          rolAdviesvrager: .onbekend, organisatieAdviesvrager: .onbekend,
          aardGeweld: CodeSet([.geen])),
      ]
    ).run()
    // February: A1 onbekend; A2, A3 Groningen; region 3.
    #expect(f.value("gestarte_adviezen", "2021MM02", "onbekend") == 1)
    #expect(f.value("gestarte_adviezen", "2021MM02", "GM0014") == 2)
    #expect(f.value("gestarte_adviezen", "2021MM02", "VT08") == 3)
    #expect(f.value("chatgesprekken", "2021MM02", "onbekend") == 1)
    #expect(f.value("chatgesprekken", "2021MM02", "VT08") == 1)
    #expect(f.value("chatgesprekken", "2021MM02", "GM0014") == 0)
    // Finished: A1 in February (onbekend), A2 in March (Groningen).
    #expect(f.value("afgeronde_adviezen", "2021MM02", "onbekend") == 1)
    #expect(f.value("afgeronde_adviezen", "2021MM03", "GM0014") == 1)
    #expect(f.value("afgeronde_adviezen", "2021KW01", "VT08") == 2)
    #expect(
      f.split("gestarte_adviezen", "2021MM02", "GM0014") == [
        "aard_geweld/kindermishandeling": 1, "aard_geweld/ouderenmishandeling": 1,
        "aard_geweld/geen": 1, "aanvullende_informatie/eergerelateerd_geweld": 1,
        "vorm_km/emotionele_verwaarlozing": 1, "vorm_om/emotionele_mishandeling": 1,
        "rol/beroepsmatig": 1, "rol/onbekend": 1,
        "organisatie/ggd": 1, "organisatie/onbekend": 1,
        "organisatie_groep/gezondheidszorg": 1, "organisatie_groep/onbekend": 1,
        // A3 has no duur: onbekend.
        "duur_geweld/langer_5_jaar": 1, "duur_geweld/onbekend": 1,
      ])
    #expect(
      f.split("gestarte_adviezen", "2021MM02", "onbekend") == [
        "aard_geweld/partnergeweld": 1, "rol/niet_beroepsmatig": 1, "duur_geweld/onbekend": 1,
      ])
  }

  @Test func activiteiten() throws {
    let f = try TransformFixture(
      activiteiten: [
        Activiteit(id: "AC1", type: .voorlichting, datum: day("2021-05-05"), gemeente: .unknown),
        Activiteit(
          id: "AC2", type: .casusoverleg, datum: day("2021-05-06"), gemeente: .known(gm("GM0014"))),
        Activiteit(
          id: "AC3", type: .voorlichting, datum: day("2021-06-01"), gemeente: .known(gm("GM0014"))),
      ]
    ).run()
    #expect(f.value("activiteit_voorlichting", "2021MM05", "onbekend") == 1)
    #expect(f.value("activiteit_voorlichting", "2021MM06", "GM0014") == 1)
    // Q2, region: AC1 + AC3.
    #expect(f.value("activiteit_voorlichting", "2021KW02", "VT08") == 2)
    #expect(f.value("activiteit_casusoverleg", "2021KW02", "VT08") == 1)
    #expect(f.value("activiteit_casusoverleg", "2021KW02", "onbekend") == 0)
  }

  @Test func maatregelenInTheirOwnSource() throws {
    let f = try TransformFixture(
      meldingen: Self.casus,
      maatregelen: [
        Maatregel(
          id: "MR1", gemeente: gm("GM0014"), type: .ots, soort: .nieuw,
          startdatum: day("2021-02-01")),
        Maatregel(
          id: "MR2", gemeente: gm("GM0014"), type: .ots, soort: .verlenging,
          startdatum: day("2021-02-03")),
        Maatregel(
          id: "MR3", gemeente: gm("GM0037"), type: .voogdij, soort: .nieuw,
          startdatum: day("2021-08-01")),
        Maatregel(
          id: "MR4", gemeente: gm("GM0010"), type: .jeugdreclassering, soort: .nieuw,
          startdatum: day("2020-12-31")),
      ]
    ).run()
    #expect(f.value("maatregel_nieuw_ots", "2021MM02", "GM0014") == 1)
    #expect(f.value("maatregel_verlenging_ots", "2021MM02", "GM0014") == 1)
    #expect(f.value("maatregel_nieuw_voogdij", "2021HJ02", "GM0037") == 1)
    #expect(f.value("maatregel_nieuw_jeugdreclassering", "2020JJ00", "GM0010") == 1)
    #expect(f.value("maatregel_nieuw_jeugdreclassering", "2020JJ00", "VT08") == 1)
    // Each source's facts hold its own measures only.
    #expect(f.rows["jeugdbescherming"]!.allSatisfy { $0.measure.hasPrefix("maatregel_") })
    #expect(f.rows["veilig-thuis"]!.allSatisfy { !$0.measure.hasPrefix("maatregel_") })
    #expect(f.index.sources.map(\.export.folder) == ["jeugdbescherming", "veilig-thuis"])
  }
}
