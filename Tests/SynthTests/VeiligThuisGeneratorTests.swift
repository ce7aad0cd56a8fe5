import Model
import Testing

@testable import Synth

/// The mixes and flows of a full NOG year (volume 1), read back from the canonical CSV.
@Suite("VeiligThuisGenerator")
struct VeiligThuisGeneratorTests {
  struct Year {
    let run: Support.Run
    let t: [String: Support.Table]
  }

  static let nog2020: Year = {
    // A full year at the seeds' volume; the ranges below allow for the year's trend (± 4 %)
    // and for chance.
    let run = try! Support.run(
      SynthOptions(layout: .vtCSV, region: "nog", firstYear: 2020, lastYear: 2020, seed: 2020))
    return Year(run: run, t: VTCSVWriterTests.tables(run))
  }()

  static func share(_ values: [String], _ predicate: (String) -> Bool) -> Double {
    Double(values.filter(predicate).count) / Double(max(1, values.count))
  }

  @Test("NOG's yearly volume: ≈ 6.500 adviezen, ≈ 3.200 meldingen, 2–3 betrokkenen each")
  func volume() throws {
    let t = Self.nog2020.t
    let adviezen = try #require(t["adviezen.csv"]).rows.count
    let meldingen = try #require(t["meldingen.csv"]).rows.count
    let betrokkenen = try #require(t["betrokkenen.csv"]).rows.count
    #expect((6_000...7_000).contains(adviezen), "\(adviezen)")
    #expect((2_900...3_500).contains(meldingen), "\(meldingen)")
    let perMelding = Double(betrokkenen) / Double(meldingen)
    #expect(perMelding > 2 && perMelding < 3.5, "\(perMelding)")
    // 000_: 123 huisverboden beoordeeld in 2020, 74 opgelegd.
    let huisverboden = try #require(t["huisverboden.csv"])
    #expect((90...150).contains(huisverboden.rows.count))
    let opgelegd = Self.share(huisverboden.values("opgelegd")) { $0 == "ja" }
    #expect(opgelegd > 0.5 && opgelegd < 0.75)
  }

  @Test("the mixes of the seeds: aard geweld, organisatie, rol")
  func mixes() throws {
    let t = Self.nog2020.t
    let melding = try #require(t["meldingen.csv"])
    let advies = try #require(t["adviezen.csv"])
    func has(_ code: String) -> (String) -> Bool {
      { $0.split(separator: "|").contains(Substring(code)) }
    }
    // 000_/002_: 52 % of meldingen about kindermishandeling, 33–34 % partnergeweld.
    let km = Self.share(melding.values("aard_geweld"), has("kindermishandeling"))
    let partner = Self.share(melding.values("aard_geweld"), has("partnergeweld"))
    #expect(km > 0.47 && km < 0.61, "\(km)")
    #expect(partner > 0.26 && partner < 0.39, "\(partner)")
    // Some meldingen name more than one aard.
    #expect(melding.values("aard_geweld").contains { $0.contains("|") })
    // 000_: 57 % of adviezen about kindermishandeling, 23 % partnergeweld.
    let kmAdvies = Self.share(advies.values("aard_geweld"), has("kindermishandeling"))
    #expect(kmAdvies > 0.5 && kmAdvies < 0.62, "\(kmAdvies)")
    // Politie 60–70 % of meldingen.
    let politie = Self.share(melding.values("organisatie_melder")) {
      $0 == "politie_melding_aangifte"
    }
    #expect(politie > 0.58 && politie < 0.71, "\(politie)")
    // About half the adviezen are asked by professionals (51–57 %).
    let beroeps = Self.share(advies.values("rol_adviesvrager")) { $0 == "beroepsmatig" }
    #expect(beroeps > 0.47 && beroeps < 0.6, "\(beroeps)")
    // Some adviezen without gemeente, a few meldingen outside VT14.
    #expect(advies.values("gemeente").contains(""))
    let outside = melding.values("gemeente").filter {
      GemeenteCode($0).flatMap { Support.reference.gemeente($0) }?.vtregio != "VT14"
    }
    #expect(!outside.isEmpty && outside.count < melding.rows.count / 50)
    // Every activiteit type.
    #expect(
      Set(try #require(t["activiteiten.csv"]).values("type"))
        == Set(ActiviteitType.allCases.map(\.code)))
  }

  @Test("casussen: vervolgmeldingen in a phase, hermeldingen with the same bsn in a later casus")
  func casussen() throws {
    let t = Self.nog2020.t
    let melding = try #require(t["meldingen.csv"])
    let (id, casus, datum, vervolg) = (
      melding.column("melding_id"), melding.column("casus_id"), melding.column("ontvangstdatum"),
      melding.column("vervolgmelding")
    )
    var firstOf: [String: Day] = [:]
    var casusOf: [String: String] = [:]
    var dateOf: [String: Day] = [:]
    for r in melding.rows {
      let d = try #require(Day.parseISO(r[datum]))
      casusOf[r[id]] = r[casus]
      dateOf[r[id]] = d
      if r[vervolg] == "nee" { firstOf[r[casus]] = min(firstOf[r[casus]] ?? d, d) }
    }
    // Every phase occurs; a vervolgmelding comes after its casus's first melding.
    let phases = Set(melding.values("vervolgmelding"))
    #expect(phases == Set(Vervolgmelding.allCases.map(\.code)))
    for r in melding.rows where r[vervolg] != "nee" {
      let first = try #require(firstOf[r[casus]])
      #expect(Day.parseISO(r[datum])! > first)
    }
    // Hermeldingen: a bsn in meldingen of two casussen, the second received later.
    let betrokkenen = try #require(t["betrokkenen.csv"])
    var casussenOf: [String: [(String, Day)]] = [:]
    for r in betrokkenen.rows where !r[1].isEmpty {
      if let c = casusOf[r[0]], let d = dateOf[r[0]] {
        casussenOf[r[1], default: []].append((c, d))
      }
    }
    let hermeld = casussenOf.values.filter { Set($0.map(\.0)).count > 1 }
    #expect(hermeld.count > 100)
    #expect(
      Double(betrokkenen.values("bsn").filter(\.isEmpty).count) / Double(betrokkenen.rows.count)
        < 0.15)
    // Geboortejaar never after the year of the melding.
    for r in betrokkenen.rows where !r[2].isEmpty {
      #expect(Int(r[2])! <= 2020 && Int(r[2])! >= 1900)
    }
  }

  @Test("after the melding: diensten, overdrachten, monitoring as the Informatieprotocol has them")
  func flows() throws {
    let t = Self.nog2020.t
    let ledger = Self.nog2020.run.summary.ledger
    let melding = try #require(t["meldingen.csv"])
    var first: [String: Day] = [:]
    for (c, d) in zip(melding.values("casus_id"), melding.values("ontvangstdatum")) {
      let day = Day.parseISO(d)!
      first[c] = min(first[c] ?? day, day)
    }
    let diensten = try #require(t["diensten.csv"])
    // NOG has onderzoek_multiprobleem too.
    #expect(Set(diensten.values("type")) == Set(DienstType.allCases.map(\.code)))
    var uitkomstSlips = 0
    for r in diensten.rows {
      let start = Day.parseISO(r[3])!
      #expect(start > first[r[1]]!, "dienst \(r[0]) starts before its casus")
      if let end = Day.parseISO(r[4]) { #expect(end >= start) }
      let onderzoek = r[2] != "voorwaarden_en_vervolg"
      if !r[5].isEmpty && !(onderzoek && !r[4].isEmpty) { uitkomstSlips += 1 }
      if onderzoek && !r[4].isEmpty { #expect(!r[5].isEmpty) }
    }
    #expect(
      uitkomstSlips == (ledger.slips[.uitkomstNietOnderzoek] ?? 0)
        + (ledger.slips[.uitkomstNietAfgerond] ?? 0))
    let overdrachten = try #require(t["overdrachten.csv"])
    let kinds = Set(
      zip(overdrachten.values("moment"), overdrachten.values("monitoring")).map { "\($0) \($1)" })
    #expect(
      kinds == [
        "na_veiligheidsbeoordeling ja", "na_veiligheidsbeoordeling nee", "na_dienst ja",
        "na_dienst nee",
      ])
    let monitoring = try #require(t["monitoring.csv"])
    #expect(Set(monitoring.values("extra_interventie")) == ["ja", "nee"])
    // ◇ slips are written and counted, and only those.
    let besluitZonderDatum = zip(melding.values("besluit"), melding.values("besluitdatum")).filter {
      !$0.isEmpty && $1.isEmpty
    }.count
    #expect(besluitZonderDatum == ledger.slips[.besluitZonderDatum] ?? 0 && besluitZonderDatum > 0)
    let organisatieZonderBeroep =
      zip(melding.values("rol_melder"), melding.values("organisatie_melder")).filter {
        $0 != "beroepsmatig" && !$1.isEmpty
      }.count
      + zip(
        Self.nog2020.t["adviezen.csv"]!.values("rol_adviesvrager"),
        Self.nog2020.t["adviezen.csv"]!.values("organisatie_adviesvrager")
      ).filter { $0 != "beroepsmatig" && !$1.isEmpty }.count
    #expect(organisatieZonderBeroep == ledger.slips[.organisatieNietBeroepsmatig] ?? 0)
  }

  @Test("memory is bounded: one casus at a time, a capped pool of households")
  func bounded() throws {
    // Structural bound: the largest unit in memory is one casus, and the hermelding pool keeps
    // at most `poolCapacity` households per gemeente, whatever the scale.
    var options = SynthOptions(
      layout: .vtCSV, region: "groningen", firstYear: 2021, lastYear: 2021, seed: 5, scale: 0.005)
    let small = try Synthesizer.generate(options, reference: Support.reference) { _ in
      CountingSink()
    }
    options.scale = 0.05
    let large = try Synthesizer.generate(options, reference: Support.reference) { _ in
      CountingSink()
    }
    #expect(large.records > 8 * small.records)
    let gemeenten = Support.reference.gemeenten.count
    #expect(large.stats.householdsRetained <= VeiligThuisGenerator.poolCapacity * gemeenten)
    #expect(large.stats.largestCasus < 60 && small.stats.largestCasus < 60)
  }
}
