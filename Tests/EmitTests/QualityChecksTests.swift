import Foundation
import Testing

@testable import Emit
@testable import Model
@testable import Pipeline

/// Every check of the kwaliteitsrapport, triggered by one change to a clean fixture.
@Suite struct QualityChecksTests {
  typealias E = CBSStagedExport

  /// The golden fixture with a bsn for M3-é's betrokkene: no check finds anything.
  static var clean: E {
    var e = E.fixture
    e.betrokkenen[3].pseudonym = E.pseudonym(5)
    return e
  }

  static func report(_ e: E) throws -> Kwaliteitsrapport {
    let dir = try CBSFixtures.temporaryDirectory()
    defer { CBSFixtures.remove(dir) }
    try e.write(work: dir)
    let (records, casussen, _) = try SubmissionRecords.read(
      stagedDirectory: dir + "/staged", periods: [Period(code: "2021KW03")!])
    return Kwaliteitsrapport(input: QualityInput(records: records[0], casussen: casussen))
  }

  @Test func theCleanFixtureHasNoFindings() throws {
    let r = try Self.report(Self.clean)
    #expect(r.results.count == QualityChecks.all.count)
    for result in r.results { #expect(result.findings.isEmpty, "\(result.check.id)") }
    #expect(QualityChecks.all.count >= 10)
    #expect(Set(QualityChecks.all.map(\.id)).count == QualityChecks.all.count)
  }

  /// One change and the one finding it must cause.
  struct Case: Sendable, CustomTestStringConvertible {
    let check: String
    let expected: String
    let change: @Sendable (inout E) -> Void
    var testDescription: String { check }
  }

  static let cases: [Case] = [
    Case(check: "besluit_zonder_besluitdatum", expected: "melding:M1") {
      $0.meldingen[0].besluitdatum = nil
    },
    Case(check: "besluitdatum_zonder_besluit", expected: "melding:M3-é") {
      $0.meldingen[2].besluitdatum = E.day("2021-10-01")
    },
    Case(check: "vorm_km_zonder_kindermishandeling", expected: "advies:A;2") {
      $0.adviezen[1].vormKindermishandeling = CodeSet([.getuige_geweld])
    },
    Case(check: "vorm_om_zonder_ouderenmishandeling", expected: "melding:M2") {
      $0.meldingen[1].vormOuderenmishandeling = CodeSet([.financiele_uitbuiting])
    },
    Case(check: "organisatie_ontbreekt_bij_beroepsmatig", expected: "advies:A1") {
      $0.adviezen[0].organisatieAdviesvrager = nil
    },
    Case(check: "organisatie_bij_niet_beroepsmatig", expected: "melding:M2") {
      $0.meldingen[1].organisatieMelder = .huisarts
    },
    Case(check: "melding_zonder_betrokkene", expected: "melding:M2") {
      $0.betrokkenen.removeAll { $0.meldingID == "M2" }
    },
    Case(check: "melding_zonder_bsn", expected: "melding:M2") { $0.betrokkenen[2].pseudonym = nil },
    Case(check: "besluit_overdracht_zonder_overdracht", expected: "melding:M1") {
      $0.meldingen[0].besluit = .overdracht
    },
    Case(check: "besluit_vervolg_zonder_dienst", expected: "melding:M2") {
      $0.meldingen[1].besluit = .vervolg_vt
    },
    Case(check: "dienst_voor_eerste_melding", expected: "dienst:D1") {
      $0.diensten[0].startdatum = E.day("2021-07-01")  // M1, the casus's first, is of 07-05
    },
    Case(check: "einddatum_voor_startdatum", expected: "monitoring:T1") {
      $0.monitoring[0].einddatum = E.day("2021-08-31")
    },
    Case(check: "uitkomst_bij_geen_onderzoek", expected: "dienst:D2") {
      $0.diensten.append(
        Dienst(
          id: "D2", casusID: "C1", type: .voorwaarden_en_vervolg, startdatum: E.day("2021-08-01"),
          einddatum: E.day("2021-09-01"), uitkomst: .weerlegd))
    },
    Case(check: "uitkomst_bij_lopende_dienst", expected: "dienst:D1") {
      $0.diensten[0].einddatum = nil
    },
    Case(check: "afgerond_onderzoek_zonder_uitkomst", expected: "dienst:D1") {
      $0.diensten[0].uitkomst = nil
    },
    Case(check: "overdracht_voor_eerste_melding", expected: "overdracht:O1") {
      $0.overdrachten[0].datum = E.day("2021-08-01")  // M2, the casus's first, is of 08-12
    },
    Case(check: "overdracht_na_dienst_zonder_dienst", expected: "overdracht:O1") {
      $0.overdrachten[0].moment = .na_dienst  // casus C2 has no dienst
    },
    Case(check: "overdracht_met_monitoring_zonder_monitoring", expected: "overdracht:O1") {
      $0.monitoring = []
    },
    Case(check: "monitoring_zonder_overdracht", expected: "monitoring:T1") {
      $0.overdrachten[0].monitoring = false
    },
    Case(check: "verlengd_zonder_opgelegd", expected: "huisverbod:H1") {
      $0.huisverboden[0].opgelegd = false
      $0.huisverboden[0].verlengd = true
    },
    Case(check: "huisverbod_onbekende_casus", expected: "huisverbod:H1") {
      $0.huisverboden[0].casusID = "C9"
    },
  ]

  @Test func everyCheckHasACase() {
    #expect(Set(Self.cases.map(\.check)) == Set(QualityChecks.all.map(\.id)))
  }

  @Test(arguments: cases)
  func theChangeTriggersItsCheckAndNoOther(_ c: Case) throws {
    var e = Self.clean
    c.change(&e)
    let r = try Self.report(e)
    for result in r.results {
      if result.check.id == c.check {
        #expect(result.findings.map(Kwaliteitsrapport.example) == [c.expected])
      } else {
        #expect(result.findings.isEmpty, "\(result.check.id) also found \(result.findings)")
      }
    }
  }

  @Test func aMonitoringBeforeItsOverdrachtCountsAsWithout() throws {
    // The overdracht with monitoring comes after the monitoring started: not before it.
    var e = Self.clean
    e.monitoring[0].startdatum = E.day("2021-08-15")  // O1 is of 08-20
    let r = try Self.report(e)
    #expect(r.result("monitoring_zonder_overdracht")?.findings.map(\.id) == ["T1"])
  }

  @Test func examplesStopAtFiveAndCountsGoOn() throws {
    var e = Self.clean
    for i in 1...7 {
      e.huisverboden.append(
        Huisverbod(
          id: "H\(i + 1)", gemeente: E.gm("GM0197"), beoordelingsdatum: E.day("2021-08-0\(i)"),
          opgelegd: false, verlengd: true))
    }
    let r = try Self.report(e)
    let result = try #require(r.result("verlengd_zonder_opgelegd"))
    #expect(result.findings.count == 7)
    #expect(result.examples.map(\.id) == ["H2", "H3", "H4", "H5", "H6"])
    #expect(r.count(.fout) == 7)
    #expect(r.failedChecks(.fout) == 1)
  }
}
