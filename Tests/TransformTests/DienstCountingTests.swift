import Model
import Testing

@testable import Transform

/// Diensten count in the gemeente of their casus: the gemeente of its earliest melding.
@Suite struct DienstCountingTests {
  /// - Casus D1: "M9" 2020-11-05 Stadskanaal and "M10" 2020-11-05 Groningen (same day: the
  ///   lowest melding_id byte-wise, "M10" < "M9", decides: Groningen), "M0" 2021-01-10
  ///   Veendam (later). Its meldingen carry kindermishandeling, partnergeweld, stalking.
  /// - Casus D2: one melding 2020-12-15 Veendam (GM0047), ouderenmishandeling: its diensten
  ///   lie in 2021, the first melding in 2020.
  static let meldingen = [
    melding("M9", casus: "D1", "2020-11-05", "GM0037", aard: [.kindermishandeling]),
    melding("M10", casus: "D1", "2020-11-05", "GM0014", aard: [.partnergeweld]),
    melding(
      "M0", casus: "D1", "2021-01-10", "GM0047", aard: [.kindermishandeling],
      aanvullend: [.stalking]),
    melding("N1", casus: "D2", "2020-12-15", "GM0047", aard: [.ouderenmishandeling]),
  ]

  /// - E1 (D1) onderzoek_multiprobleem 2021-02-01 → 2021-02-20, no uitkomst;
  /// - E2 (D2) onderzoek 2021-01-05 → 2021-03-01, bevestigd;
  /// - E3 (D2) voorwaarden_en_vervolg 2021-03-05 → 2021-04-10;
  /// - E4 (D1) onderzoek 2021-03-02, not finished;
  /// - E5 (D2) onderzoek 2021-02-01 → 2021-03-31, weerlegd.
  static let fixture = TransformFixture(
    meldingen: meldingen,
    diensten: [
      Dienst(
        id: "E1", casusID: "D1", type: .onderzoek_multiprobleem, startdatum: day("2021-02-01"),
        einddatum: day("2021-02-20")),
      Dienst(
        id: "E2", casusID: "D2", type: .onderzoek, startdatum: day("2021-01-05"),
        einddatum: day("2021-03-01"), uitkomst: .bevestigd),
      Dienst(
        id: "E3", casusID: "D2", type: .voorwaarden_en_vervolg, startdatum: day("2021-03-05"),
        einddatum: day("2021-04-10")),
      Dienst(id: "E4", casusID: "D1", type: .onderzoek, startdatum: day("2021-03-02")),
      Dienst(
        id: "E5", casusID: "D2", type: .onderzoek, startdatum: day("2021-02-01"),
        einddatum: day("2021-03-31"), uitkomst: .weerlegd),
    ])

  @Test func gestarteDienstenInTheGemeenteOfTheCasus() throws {
    let f = try Self.fixture.run()
    let m = "gestarte_diensten"
    // D1 → Groningen (M10 beats M9 byte-wise; M0 in Veendam is later): E1 (Feb), E4 (Mar).
    #expect(f.value(m, "2021MM02", "GM0014") == 1)
    #expect(f.value(m, "2021MM03", "GM0014") == 1)
    #expect(f.value(m, "2021JJ00", "GM0037") == 0)
    // D2 → Veendam although its melding lies in 2020: E2 (Jan), E5 (Feb), E3 (Mar).
    #expect(f.value(m, "2021MM01", "GM0047") == 1)
    #expect(f.value(m, "2021KW01", "GM0047") == 3)
    // Region, year: 5 diensten.
    #expect(f.value(m, "2021JJ00", "VT08") == 5)
    #expect(f.value(m, "2020JJ00", "VT08") == 0)
  }

  @Test func afgerondeOnderzoeken() throws {
    let f = try Self.fixture.run()
    // E1 (multiprobleem, D1, Groningen, Feb); E2 (regulier, D2, Veendam, Mar, bevestigd);
    // E5 (regulier, D2, Veendam, Mar, weerlegd). E4 is not finished.
    #expect(f.value("afgeronde_onderzoeken", "2021MM02", "GM0014") == 1)
    #expect(f.value("afgeronde_onderzoeken", "2021MM03", "GM0047") == 2)
    #expect(f.value("afgeronde_onderzoeken", "2021KW01", "VT08") == 3)
    #expect(f.value("afgeronde_onderzoeken_regulier", "2021KW01", "VT08") == 2)
    #expect(f.value("afgeronde_onderzoeken_multiprobleem", "2021KW01", "VT08") == 1)
    #expect(f.value("afgeronde_onderzoeken_multiprobleem", "2021MM02", "GM0014") == 1)
    // Groningen, Feb: D1's union (kindermishandeling, partnergeweld, stalking); E1 has no
    // uitkomst, so no uitkomst category.
    #expect(
      f.split("afgeronde_onderzoeken", "2021MM02", "GM0014") == [
        "aard_geweld/kindermishandeling": 1, "aard_geweld/partnergeweld": 1,
        "aanvullende_informatie/stalking": 1,
      ])
    // Veendam, Mar: E2 and E5 of D2 (ouderenmishandeling), bevestigd and weerlegd.
    #expect(
      f.split("afgeronde_onderzoeken", "2021MM03", "GM0047") == [
        "aard_geweld/ouderenmishandeling": 2, "uitkomst/bevestigd": 1, "uitkomst/weerlegd": 1,
      ])
  }

  @Test func afgerondeVV() throws {
    let f = try Self.fixture.run()
    // E3 (D2, Veendam) ends in April.
    #expect(f.value("afgeronde_vv", "2021MM04", "GM0047") == 1)
    #expect(f.value("afgeronde_vv", "2021KW01", "VT08") == 0)
    #expect(f.split("afgeronde_vv", "2021KW02", "VT08") == ["aard_geweld/ouderenmishandeling": 1])
  }

  @Test func aDienstOfAnUnknownCasusIsAnInternalError() throws {
    var fixture = Self.fixture
    fixture.diensten.append(
      Dienst(id: "E9", casusID: "nope", type: .onderzoek, startdatum: day("2021-01-01")))
    #expect {
      try fixture.run()
    } throws: { error in
      "\(error)".contains("dienst.tsv:8: casus_id \"nope\" has no melding")
    }
  }
}
