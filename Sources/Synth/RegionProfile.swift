import Model
import Pipeline

/// One Veilig Thuis organisation as the generator sees it: its Veilig Thuis-regio, the
/// yearly volumes of its export and how its casussen flow (besluit, diensten, monitoring).
///
/// Volumes and flows come from the seeds (docs/synth.md says which figure from where).
struct RegionProfile: Sendable {
  let name: String
  let vtregio: String
  /// The `organisatie` attribute of a vt-xml `vtExport`.
  let organisatie: String
  let volume: YearlyVolume
  /// The besluit of the veiligheidsbeoordeling of a casus's first melding.
  let besluit: Weighted<Besluit>
  /// The dienst type when the besluit is `vervolg_vt`.
  let dienst: Weighted<DienstType>
  /// Chance an overdracht right after the veiligheidsbeoordeling keeps monitoring.
  let monitoringAfterVeiligheidsbeoordeling: Double
  /// Chance an afgeronde dienst ends in an overdracht, and that it keeps monitoring.
  let overdrachtAfterDienst: Double
  let monitoringAfterDienst: Double
  /// How long monitoring lasts, in days.
  let monitoringDays: ClosedRange<Int>
  let extraInterventie: Double
  /// Share of beoordeelde huisverboden the burgemeester imposes.
  let opgelegd: Double
  /// Per-capita rates per gemeente from the seeds: (adviezen, meldingen) per inwoner.
  let seedRates: [GemeenteCode: (advies: Double, melding: Double)]

  /// The three regions the project runs, by their pipeline name.
  static func named(_ name: String, reference: ReferenceData) -> RegionProfile? {
    switch name {
    case "nog": return nog(reference)
    case "groningen": return groningen(reference)
    case "rotterdam-rijnmond": return rotterdamRijnmond(reference)
    default: return nil
    }
  }

  static let knownNames = ["groningen", "nog", "rotterdam-rijnmond"]

  /// Veilig Thuis Noord Oost Gelderland (VT14): seeds 000_, 001_, 002_.
  static func nog(_ reference: ReferenceData) -> RegionProfile {
    RegionProfile(
      name: "nog", vtregio: "VT14", organisatie: "VT-NOG",
      // 6.524 adviezen and 3.205 meldingen in 2020 (000_), 5.898 and 3.023 in 2021 (002_);
      // huisverboden beoordeeld 123 (2020) and 103 (2021).
      volume: YearlyVolume(
        adviezen: 6_500, meldingen: 3_200, huisverboden: 120,
        activiteiten: SeedFigures.nogActiviteitenPerYear),
      // 001_: overdracht na veiligheidsbeoordeling 488 and V&V 1154 of 1659 meldingen in
      // the first half of 2019; 000_: 790 V&V and 141 onderzoeken of 3.205 meldingen (2020).
      besluit: Weighted([
        (.vervolg_vt, 0.33), (.overdracht, 0.40), (.geen_vervolg, 0.22),
        (.regionaal_maatwerk, 0.05),
      ]),
      dienst: Weighted([
        (.voorwaarden_en_vervolg, 0.80), (.onderzoek, 0.15), (.onderzoek_multiprobleem, 0.05),
      ]),
      // 000_: 1.600 monitoring in 2020, half the meldingen; monitoring lasts a year in NOG.
      monitoringAfterVeiligheidsbeoordeling: 0.7, overdrachtAfterDienst: 0.9,
      monitoringAfterDienst: 0.9, monitoringDays: 300...380, extraInterventie: 0.07,
      opgelegd: 0.62,
      seedRates: rates(SeedFigures.nogFirstHalf2019, year: 2019, reference))
  }

  /// Veilig Thuis Groningen (VT08): seed 003_ (fact sheets 2021 with 2020 beside them).
  static func groningen(_ reference: ReferenceData) -> RegionProfile {
    RegionProfile(
      name: "groningen", vtregio: "VT08", organisatie: "VT-Groningen",
      // The nine fact sheets with figures: 2.281 meldingen and 1.475 adviezen in 2021 for
      // 353.664 inwoners (645 and 417 per 100.000); × 586.937 inwoners of the provincie.
      // Huisverboden: 52 opgelegd for the same nine (14,7 per 100.000) → 86 opgelegd,
      // ≈ 140 beoordeeld at 62 %.
      volume: YearlyVolume(
        adviezen: 2_450, meldingen: 3_800, huisverboden: 140,
        activiteiten: SeedFigures.nogActiviteitenPerYear.map { ($0.0, $0.1 * 0.706) }),
      // Eemsdelta 2021: 328 meldingen, 46 vervolg binnen Veilig Thuis, 230 overdracht naar
      // lokale hulpverlening, 45 overdracht en monitoring, 88 monitoring.
      besluit: Weighted([
        (.vervolg_vt, 0.15), (.overdracht, 0.66), (.geen_vervolg, 0.16),
        (.regionaal_maatwerk, 0.03),
      ]),
      dienst: Weighted([(.voorwaarden_en_vervolg, 0.75), (.onderzoek, 0.25)]),
      monitoringAfterVeiligheidsbeoordeling: 0.15, overdrachtAfterDienst: 0.85,
      monitoringAfterDienst: 0.7, monitoringDays: 90...270, extraInterventie: 0.1,
      opgelegd: 0.62,
      seedRates: rates(SeedFigures.groningen2021, year: 2021, reference))
  }

  /// Veilig Thuis Rotterdam Rijnmond (VT18): seed 004_ prints no counts, so the volumes are
  /// the national per-capita rates (`YearlyVolume.national`) × 1.323.434 inwoners (2020).
  static func rotterdamRijnmond(_ reference: ReferenceData) -> RegionProfile {
    RegionProfile(
      name: "rotterdam-rijnmond", vtregio: "VT18", organisatie: "VT-Rotterdam-Rijnmond",
      volume: YearlyVolume(
        adviezen: 10_600, meldingen: 9_800, huisverboden: 190,
        activiteiten: SeedFigures.nogActiviteitenPerYear.map { ($0.0, $0.1 * 1.598) }),
      besluit: Weighted([
        (.vervolg_vt, 0.22), (.overdracht, 0.50), (.geen_vervolg, 0.25),
        (.regionaal_maatwerk, 0.03),
      ]),
      dienst: Weighted([(.voorwaarden_en_vervolg, 0.7), (.onderzoek, 0.3)]),
      monitoringAfterVeiligheidsbeoordeling: 0.25, overdrachtAfterDienst: 0.85,
      monitoringAfterDienst: 0.75, monitoringDays: 120...365, extraInterventie: 0.1,
      opgelegd: 0.62, seedRates: [:])
  }

  /// Seed counts per inwoner of `year`, for the gemeenten with a population figure.
  static func rates(
    _ figures: [(code: String, adviezen: Int, meldingen: Int)], year: Int,
    _ reference: ReferenceData
  ) -> [GemeenteCode: (advies: Double, melding: Double)] {
    var out: [GemeenteCode: (advies: Double, melding: Double)] = [:]
    for f in figures {
      guard let code = GemeenteCode(f.code), let inwoners = reference.inwoners(code, year: year),
        inwoners > 0
      else { continue }
      out[code] = (Double(f.adviezen) / Double(inwoners), Double(f.meldingen) / Double(inwoners))
    }
    return out
  }
}

/// What a region registers in one year at `--volume 1`.
struct YearlyVolume: Sendable {
  var adviezen: Double
  var meldingen: Double
  var huisverboden: Double
  var activiteiten: [(ActiviteitType, Double)]

  /// One year of the whole country (≈ 17,5 miljoen inwoners, 26 Veilig Thuis organisaties),
  /// the unit of `--scale`: NOG's advies rate (783 per 100.000) gives ≈ 137.000 adviezen;
  /// meldingen follow the higher rate of Groningen and the big cities (≈ 740 per 100.000);
  /// huisverboden and activiteiten NOG's per-capita rates (× 21,1).
  static let national = YearlyVolume(
    adviezen: 140_000, meldingen: 130_000, huisverboden: 2_540,
    activiteiten: SeedFigures.nogActiviteitenPerYear.map { ($0.0, $0.1 * 21.1) })

  func scaled(by factor: Double) -> YearlyVolume {
    YearlyVolume(
      adviezen: adviezen * factor, meldingen: meldingen * factor,
      huisverboden: huisverboden * factor,
      activiteiten: activiteiten.map { ($0.0, $0.1 * factor) })
  }
}
