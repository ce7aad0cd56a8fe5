import Model
import Testing

@testable import Synth

@Suite("RegionYear")
struct RegionYearTests {
  @Test("gemeenten valid in each year: Eemsdelta from 2021, Voorne aan Zee from 2023")
  func reorganisations() throws {
    let ref = Support.reference
    func codes(_ region: String, _ year: Int) -> Set<String> {
      let profile = RegionProfile.named(region, reference: ref)!
      return Set(
        RegionYear(year: year, profile: profile, reference: ref).gemeenten.map(\.code.code))
    }
    let g2020 = codes("groningen", 2020)
    let g2021 = codes("groningen", 2021)
    #expect(g2020.isSuperset(of: ["GM0003", "GM0010", "GM0024"]) && !g2020.contains("GM1979"))
    #expect(g2021.contains("GM1979") && g2021.isDisjoint(with: ["GM0003", "GM0010", "GM0024"]))
    #expect(g2020.count == 12 && g2021.count == 10)
    let r2023 = codes("rotterdam-rijnmond", 2023)
    #expect(r2023.contains("GM1992") && r2023.isDisjoint(with: ["GM0501", "GM0530", "GM0614"]))
    #expect(codes("rotterdam-rijnmond", 2022).count == 15 && r2023.count == 13)
    #expect(codes("nog", 2021).count == 22)
  }

  @Test("population for a new gemeente is the sum of its predecessors")
  func population() {
    // Voorne aan Zee has no CBS figure in the reference data; 2022 figures of Brielle,
    // Hellevoetsluis and Westvoorne are summed.
    let ref = Support.reference
    let sum = [GemeenteCode("GM0501")!, GemeenteCode("GM0530")!, GemeenteCode("GM0614")!]
      .map { ref.inwoners($0, year: 2022)! }.reduce(0, +)
    #expect(RegionYear.inwoners(GemeenteCode("GM1992")!, year: 2023, reference: ref) == sum)
  }

  @Test("every gemeente has adviezen and meldingen every year, in that year's boundaries")
  func coverage() throws {
    let run = try Support.run(
      SynthOptions(
        layout: .vtXML, region: "groningen", firstYear: 2020, lastYear: 2021, seed: 8, volume: 0.08)
    )
    var meldingen: [Int: Set<String>] = [:]
    var adviezen: [Int: Set<String>] = [:]
    for f in run.files {
      let root = try XMLElement.parse(String(decoding: f.bytes, as: UTF8.self))
      for c in root.all("casus") {
        for m in c.all("melding") {
          let year = Int(m["ontvangst"]!.prefix(4))!
          if m["vervolgmelding"] == "nee" { meldingen[year, default: []].insert(m["gemeente"]!) }
          // Every melding is registered in a gemeente valid on its day.
          let code = GemeenteCode(m["gemeente"]!)!
          #expect(
            Support.reference.gemeente(code)!.isValid(on: Day.parseISO(m["ontvangst"]!)!),
            "\(code) on \(m["ontvangst"]!)")
        }
        for h in c.all("huisverbod") {
          #expect(
            Support.reference.gemeente(GemeenteCode(h["gemeente"]!)!)!.isValid(
              on: Day.parseISO(h["beoordeling"]!)!))
        }
      }
      for a in root.all("advies") {
        if let g = a["gemeente"] { adviezen[Int(a["start"]!.prefix(4))!, default: []].insert(g) }
      }
    }
    for year in [2020, 2021] {
      let expected = Set(
        Support.reference.gemeenten(inVTRegio: "VT08", on: Day(year: year, month: 1, day: 1)!).map(
          \.code.code))
      #expect(meldingen[year, default: []].isSuperset(of: expected), "\(year) meldingen")
      #expect(adviezen[year, default: []].isSuperset(of: expected), "\(year) adviezen")
    }
    #expect(!meldingen[2021, default: []].contains("GM0010"))
    #expect(!meldingen[2020, default: []].contains("GM1979"))
  }
}
