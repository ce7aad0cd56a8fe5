import Model
import Testing

@testable import Transform

/// casussen_met_melding and eerste_contact: distinct casussen per period, per gemeente and
/// once in the region; categories the union over all the casus's meldingen.
@Suite struct CasusCountingTests {
  /// Casus X: X1 2021-03-15 Groningen (kindermishandeling, eerste contact 03-16);
  /// X2 2021-03-20 Stadskanaal (partnergeweld, eerste contact 04-01); X3 2021-05-02
  /// Groningen (ouderenmishandeling, stalking; no contact). Casus Y: Y1 2021-03-01
  /// Groningen (partnergeweld, eerste contact 03-02).
  static let fixture = TransformFixture(meldingen: [
    melding(
      "X1", casus: "X", "2021-03-15", "GM0014", aard: [.kindermishandeling],
      eersteContact: "2021-03-16"),
    melding(
      "X2", casus: "X", "2021-03-20", "GM0037", aard: [.partnergeweld], eersteContact: "2021-04-01"),
    melding(
      "X3", casus: "X", "2021-05-02", "GM0014", aard: [.ouderenmishandeling],
      aanvullend: [.stalking]),
    melding(
      "Y1", casus: "Y", "2021-03-01", "GM0014", aard: [.partnergeweld], eersteContact: "2021-03-02"),
  ])

  @Test func distinctCasussenPerGemeenteAndRegion() throws {
    let f = try Self.fixture.run()
    let m = "casussen_met_melding"
    // March: X and Y in Groningen, X in Stadskanaal; the region counts X once: 2, not 3.
    #expect(f.value(m, "2021MM03", "GM0014") == 2)
    #expect(f.value(m, "2021MM03", "GM0037") == 1)
    #expect(f.value(m, "2021MM03", "VT08") == 2)
    // May: X (X3) in Groningen.
    #expect(f.value(m, "2021MM05", "GM0014") == 1)
    #expect(f.value(m, "2021MM05", "VT08") == 1)
    #expect(f.value(m, "2021MM04", "VT08") == 0)
    // Q1 as March; Q2 as May.
    #expect(f.value(m, "2021KW01", "GM0014") == 2)
    #expect(f.value(m, "2021KW01", "VT08") == 2)
    #expect(f.value(m, "2021KW02", "GM0014") == 1)
    #expect(f.value(m, "2021KW02", "GM0037") == 0)
    // H1 and the year: X counts once in Groningen although it has two meldingen there in two
    // quarters; X and Y → 2 in Groningen, X → 1 in Stadskanaal, 2 in the region.
    #expect(f.value(m, "2021HJ01", "GM0014") == 2)
    #expect(f.value(m, "2021HJ01", "GM0037") == 1)
    #expect(f.value(m, "2021HJ01", "VT08") == 2)
    #expect(f.value(m, "2021JJ00", "VT08") == 2)
    // ontvangen_meldingen of the same year counts meldingen: X1, X2, X3, Y1 = 4.
    #expect(f.value("ontvangen_meldingen", "2021JJ00", "VT08") == 4)
  }

  @Test func categoriesAreTheUnionOverAllMeldingen() throws {
    let f = try Self.fixture.run()
    let m = "casussen_met_melding"
    // May, Groningen: only X3 (ouderenmishandeling, stalking) lies in May, but X carries the
    // union of X1, X2 and X3.
    #expect(
      f.split(m, "2021MM05", "GM0014") == [
        "aard_geweld/kindermishandeling": 1, "aard_geweld/partnergeweld": 1,
        "aard_geweld/ouderenmishandeling": 1, "aanvullende_informatie/stalking": 1,
      ])
    // March, region: X (union) and Y (partnergeweld): partnergeweld 2.
    #expect(
      f.split(m, "2021MM03", "VT08") == [
        "aard_geweld/kindermishandeling": 1, "aard_geweld/partnergeweld": 2,
        "aard_geweld/ouderenmishandeling": 1, "aanvullende_informatie/stalking": 1,
      ])
  }

  @Test func eersteContact() throws {
    let f = try Self.fixture.run()
    let m = "eerste_contact"
    // March: X1 (X, Groningen, 03-16), Y1 (Y, Groningen, 03-02).
    #expect(f.value(m, "2021MM03", "GM0014") == 2)
    #expect(f.value(m, "2021MM03", "VT08") == 2)
    // April: X2 (X, Stadskanaal, 04-01), counted by its contact date, not its ontvangstdatum.
    #expect(f.value(m, "2021MM04", "GM0037") == 1)
    #expect(f.value(m, "2021MM03", "GM0037") == 0)
    #expect(f.value(m, "2021KW01", "VT08") == 2)
    #expect(f.value(m, "2021KW02", "VT08") == 1)
    // Half-year: X and Y once each in the region; X in both gemeenten.
    #expect(f.value(m, "2021HJ01", "VT08") == 2)
    #expect(f.value(m, "2021HJ01", "GM0014") == 2)
    #expect(f.value(m, "2021HJ01", "GM0037") == 1)
    // Not split.
    #expect(f.split(m, "2021HJ01", "VT08").isEmpty)
  }
}
