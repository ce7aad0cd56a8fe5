import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// The spiegelrapport of the golden fixture, 2021KW03 beside 2021KW02, counted by hand.
@Suite struct SubmissionSpiegelrapportTests {
  static func spiegel() throws -> Spiegelrapport {
    let dir = try CBSFixtures.temporaryDirectory()
    defer { CBSFixtures.remove(dir) }
    try CBSStagedExport.fixture.write(work: dir)
    let (records, _, _) = try SubmissionRecords.read(
      stagedDirectory: dir + "/staged",
      periods: [Period(code: "2021KW03")!, Period(code: "2021KW02")!])
    return Spiegelrapport(
      current: records[0], previous: records[1], reference: CBSFixtures.reference)
  }

  func row(_ s: Spiegelrapport, _ record: Entity, _ field: String, _ category: String)
    -> Spiegelrapport.Row?
  {
    s.rows.first { $0.record == record && $0.field == field && $0.category == category }
  }

  @Test func fillRatesAndDistributionsBesideThePreviousQuarter() throws {
    let s = try Self.spiegel()
    // Meldingen: M1, M2, M3-é in 2021KW03; M0 in 2021KW02.
    #expect(s.recordCounts[1] == (3, 1))
    // organisatie_melder: M1 huisarts, M3-é politie; M0 none.
    let org = try #require(row(s, .melding, "organisatie_melder", "(gevuld)"))
    #expect((org.current, org.previous) == (2, 0))
    #expect(row(s, .melding, "organisatie_melder", "huisarts")?.current == 1)
    // rol_melder: beroepsmatig M1, M3-é; niet M2; M0 onbekend.
    #expect(
      row(s, .melding, "rol_melder", "beroepsmatig").map { ($0.current, $0.previous) } ?? (-1, -1)
        == (2, 0))
    #expect(
      row(s, .melding, "rol_melder", "onbekend").map { ($0.current, $0.previous) } ?? (-1, -1) == (
        0, 1
      ))
    // Multi-valued aard_geweld: kindermishandeling M1, M3-é; partnergeweld M2, M3-é.
    #expect(row(s, .melding, "aard_geweld", "kindermishandeling")?.current == 2)
    #expect(row(s, .melding, "aard_geweld", "partnergeweld")?.current == 2)
    // Dates by month.
    #expect(row(s, .melding, "ontvangstdatum", "2021-08")?.current == 1)
    #expect(row(s, .melding, "ontvangstdatum", "2021-05")?.previous == 1)
    // Betrokkenen at their melding: 2021 − 2015 = 6, − 1985 = 36, − 1990 = 31, − 1950 = 71;
    // before: M0's betrokkene 2021 − 2010 = 11.
    #expect(
      row(s, .betrokkene, "geboortejaar", "4-11 jaar").map { ($0.current, $0.previous) } ?? (-1, -1)
        == (1, 1))
    #expect(row(s, .betrokkene, "geboortejaar", "25-64 jaar")?.current == 2)
    #expect(row(s, .betrokkene, "geboortejaar", "65 jaar of ouder")?.current == 1)
    // Pseudonyms: 3 of 4 given, 3 distinct; never a value in the report.
    #expect(row(s, .betrokkene, "pseudonym", "(gevuld)")?.current == 3)
    #expect(row(s, .betrokkene, "pseudonym", "(verschillend)")?.current == 3)
    #expect(!s.rows.contains { $0.category.count == 32 })
    // Gemeenten with their names: A1 Aalten; A;2 none; before A0 Doetinchem.
    #expect(row(s, .advies, "gemeente", "GM0197")?.label == "Aalten")
    #expect(row(s, .advies, "gemeente", "GM0222")?.previous == 1)
  }

  @Test func theCSVHasPercentagesOfAllRecordsAndTheHTMLTheDifference() throws {
    let s = try Self.spiegel()
    let csv = s.csv()
    #expect(
      csv.hasPrefix(
        "record;veld;categorie;omschrijving;aantal;percentage;aantal_vorige;percentage_vorige\n"))
    #expect(csv.contains("\nmelding;;(records);records in de periode;3;;1;\n"))
    // 2 / 3 = 66,7 %; 0 / 1 = 0,0 %.
    #expect(
      csv.contains("\nmelding;organisatie_melder;(gevuld);records met een waarde;2;66,7;0;0,0\n"))
    // 1 / 4 = 25,0 %, 1 / 1 = 100,0 %.
    #expect(csv.contains("\nbetrokkene;geboortejaar;4-11 jaar;4-11 jaar;1;25,0;1;100,0\n"))
    // Distinct counts have no percentage.
    #expect(csv.contains("\nbetrokkene;pseudonym;(verschillend);verschillende waarden;3;;1;\n"))
    let html = s.html(
      heading: ReportHeading(
        organisation: "VT NOG", vtregio: "VT14", period: s.period, previous: s.previousPeriod,
        created: "2021-11-23", demoKey: false, submissionFile: "VT14_2021KW03.txt"))
    // rol onbekend: 0,0 % now, 100,0 % before: −100,0 points.
    #expect(
      html.contains(
        "<th scope=\"row\">onbekend</th><td>Onbekend</td><td class=\"num\">0</td><td class=\"num\">0,0</td><td class=\"num\">1</td><td class=\"num\">100,0</td><td class=\"num\">-100,0</td>"
      ))
    #expect(!html.contains("Let op:"))
  }
}
