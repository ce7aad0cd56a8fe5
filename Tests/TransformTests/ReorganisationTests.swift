import Model
import Testing

@testable import Transform

/// Merged and not-yet-valid gemeente codes, and gemeenten outside the region.
@Suite struct ReorganisationTests {
  /// Delfzijl (GM0010) merged into Eemsdelta (GM1979) on 2021-01-01.
  /// - R1 2020-06-01 under Delfzijl: 2020 tables → GM0010.
  /// - R2 2021-02-01 under Delfzijl: merged by then → GM1979, with a warning.
  /// - R3 2021-03-01 under Eemsdelta → GM1979.
  /// - R4 2020-07-01 under Eemsdelta: not yet valid → counted under GM1979, with a warning.
  /// - R5 2021-04-01 under Rotterdam (GM0599, VT18): outside VT08 → GM0599 and the VT08 total.
  /// - Casus R1 (first melding in Delfzijl, 2020) has a dienst started 2020-12-20 and
  ///   finished 2021-02-01 (V&V): started in GM0010, finished in GM1979.
  static let fixture = TransformFixture(
    meldingen: [
      melding("R1", casus: "R1", "2020-06-01", "GM0010"),
      melding("R2", casus: "R2", "2021-02-01", "GM0010"),
      melding("R3", casus: "R3", "2021-03-01", "GM1979"),
      melding("R4", casus: "R4", "2020-07-01", "GM1979"),
      melding("R5", casus: "R5", "2021-04-01", "GM0599"),
    ],
    diensten: [
      Dienst(
        id: "V1", casusID: "R1", type: .voorwaarden_en_vervolg, startdatum: day("2020-12-20"),
        einddatum: day("2021-02-01"))
    ])

  @Test func delfzijlIn2020AndEemsdeltaIn2021() throws {
    let f = try Self.fixture.run()
    let m = "ontvangen_meldingen"
    // 2020: R1 under Delfzijl, R4 under Eemsdelta (not yet valid, kept).
    #expect(f.value(m, "2020JJ00", "GM0010") == 1)
    #expect(f.value(m, "2020JJ00", "GM1979") == 1)
    #expect(f.value(m, "2020JJ00", "VT08") == 2)
    // 2021: R2 (Delfzijl → Eemsdelta) + R3 = 2 in Eemsdelta; nothing left under Delfzijl.
    #expect(f.value(m, "2021JJ00", "GM1979") == 2)
    #expect(f.value(m, "2021JJ00", "GM0010") == 0)
    #expect(f.value(m, "2021MM02", "GM1979") == 1)
    // Rotterdam counts under its own code and in the VT08 total: 2 + 1 = 3.
    #expect(f.value(m, "2021JJ00", "GM0599") == 1)
    #expect(f.value(m, "2021JJ00", "VT08") == 3)
    #expect(f.regions(m, "2021JJ00") == ["GM0599", "GM1979"])
    // The dienst of casus R1: started 2020 in Delfzijl, finished 2021 in Eemsdelta.
    #expect(f.value("gestarte_diensten", "2020MM12", "GM0010") == 1)
    #expect(f.value("afgeronde_vv", "2021MM02", "GM1979") == 1)
    #expect(f.value("afgeronde_vv", "2021MM02", "GM0010") == 0)
  }

  @Test func warningsNameTheCodeAndTheCount() throws {
    let f = try Self.fixture.run()
    let w = f.report.warnings
    // R2 (melding) and V1's einddatum (dienst): two records merged.
    #expect(
      w.contains(
        "veilig-thuis: GM0010 (Delfzijl) had merged into GM1979 (Eemsdelta) by the counting date of 2 records (1 melding, 1 dienst): counted in GM1979"
      ))
    #expect(
      w.contains(
        "veilig-thuis: GM1979 (Eemsdelta) was not yet valid on the counting date of 1 record (1 melding): counted under GM1979"
      ))
    #expect(
      w.contains(
        "veilig-thuis: GM0599 (Rotterdam) lies in VT18, outside VT08: 1 record (1 melding) counted under GM0599 and in the VT08 total"
      ))
    #expect(w.count == 3)
  }

  @Test func resolverCountsARecordOnceForSeveralDates() throws {
    let pipeline = try TransformFixture.pipeline("groningen")
    var r = GemeenteResolver(reference: try pipeline.loadReference(), vtregio: "VT08")
    // One advies started and finished after the merger: one record, two dates.
    r.begin(.advies)
    #expect(r.region(gm("GM0010"), on: day("2021-01-05")) == 1979)
    #expect(r.region(gm("GM0010"), on: day("2021-02-05")) == 1979)
    r.begin(.advies)
    #expect(r.region(gm("GM0010"), on: day("2020-12-31")) == 10)
    #expect(r.region(.unknown, on: day("2020-12-31")) == RegionKey.onbekend)
    #expect(
      r.warnings(source: "vt") == [
        "vt: GM0010 (Delfzijl) had merged into GM1979 (Eemsdelta) by the counting date of 1 record (1 advies): counted in GM1979"
      ])
  }
}
