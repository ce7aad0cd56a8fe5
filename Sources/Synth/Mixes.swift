import Model

/// The distributions records are drawn from, read off the seeds (NOG's halfjaarverslag 2019
/// chapter 6, the NOG jaarverslagen 2020 and 2021) and shared by all regions.
enum Mixes {
  // MARK: Who calls

  /// Adviezen: 57,2 % beroepsmatig in the first half of 2019 (001_ §6.1), 51 % in 2020 (000_).
  static let rolAdvies = Weighted<Rol>([
    (.beroepsmatig, 0.53), (.niet_beroepsmatig, 0.46), (.onbekend, 0.01),
  ])
  /// Meldingen: 88,6 % beroepsmatig (001_ §6.2).
  static let rolMelding = Weighted<Rol>([
    (.beroepsmatig, 0.886), (.niet_beroepsmatig, 0.110), (.onbekend, 0.004),
  ])

  /// "Organisatie type adviesaanvrager", 001_ §6.1, in per mille of professional adviezen.
  static let organisatieAdvies = Weighted<Organisatie>([
    (.jeugdhulpaanbieder, 115), (.anders, 94), (.basisonderwijs, 92), (.wijkteam, 80),
    (.volwassen_ggz, 70), (.cjg, 66), (.voortgezet_onderwijs, 39), (.huisarts, 39),
    (.politie_melding_aangifte, 38), (.jeugd_ggz, 35), (.andere_vt_regio, 35), (.amw, 31),
    (.ziekenhuis, 30), (.beschermd_wonen, 29), (.kinderopvang, 28), (.sociaal_team, 26),
    (.gecertificeerde_instelling, 17), (.ggd, 17), (.reclassering, 16),
    (.jeugdgezondheidszorg, 13), (.verpleeghuis, 11), (.speciaal_onderwijs, 11),
    (.maatschappelijke_opvang, 10), (.speciaal_voortgezet_onderwijs, 7), (.verslavingszorg, 7),
    (.hg_hulpverlening, 7), (.coa, 5), (.gehandicaptenzorg, 5), (.mbo, 5), (.verloskundige, 4),
    (.onbekend, 4), (.ambulancedienst, 3), (.anders_justitie, 3), (.raad_kinderbescherming, 2),
    (.kraamzorg, 2), (.vt_regionaal_maatwerk, 2), (.leerplicht, 1), (.halt, 1),
    (.politie_overig, 1), (.centrum_seksueel_geweld, 1), (.hbo, 1),
  ])

  /// "Organisatie type melder", 001_ §6.2 (67 % politie), with politie raised to ≈ 73 % of
  /// the professional meldingen: ≈ 64 % of all meldingen (000_: 73 % in 2020; 002_: 63 % in
  /// 2021; 001_: 67 % in the first half of 2019).
  static let organisatieMelding = Weighted<Organisatie>([
    (.politie_melding_aangifte, 800), (.vt_regionaal_maatwerk, 36), (.jeugdhulpaanbieder, 28),
    (.basisonderwijs, 26), (.ziekenhuis, 25), (.volwassen_ggz, 19), (.ambulancedienst, 19),
    (.anders, 18), (.voortgezet_onderwijs, 16), (.cjg, 15), (.wijkteam, 15), (.huisarts, 15),
    (.andere_vt_regio, 13), (.jeugd_ggz, 12), (.sociaal_team, 8), (.beschermd_wonen, 7),
    (.jeugdgezondheidszorg, 6), (.gecertificeerde_instelling, 6), (.amw, 6), (.reclassering, 6),
    (.hg_hulpverlening, 4), (.speciaal_onderwijs, 4), (.ggd, 4), (.verslavingszorg, 3),
    (.maatschappelijke_opvang, 3), (.verloskundige, 2), (.kinderopvang, 2), (.politie_overig, 2),
    (.gehandicaptenzorg, 2), (.onbekend, 2), (.speciaal_voortgezet_onderwijs, 1), (.leerplicht, 1),
    (.raad_kinderbescherming, 1), (.halt, 1), (.kraamzorg, 1), (.hbo, 1), (.anders_justitie, 1),
    (.coa, 1), (.centrum_seksueel_geweld, 1), (.verpleeghuis, 1), (.mbo, 0.5),
  ])

  /// The contactvorm of an advies: chat grows (000_: 408 chats of 6.524 in 2020, 002_: 620 of
  /// 5.898 in 2021).
  static func contactvorm(year: Int) -> Weighted<Contactvorm> {
    let chat: Double =
      switch year {
      case ..<2019: 0.02
      case 2019: 0.03
      case 2020: 0.063
      case 2021: 0.105
      default: 0.11
      }
    return Weighted([(.telefoon, 0.93 - chat), (.chat, chat), (.email, 0.05), (.overig, 0.02)])
  }

  // MARK: What it is about

  /// The main aard of an advies (001_ §6.1: 49,4 % of mentions kindermishandeling, 21,5 %
  /// partnergeweld; 000_: 57 % and 23 % of adviezen). With the second aard below this
  /// gives ≈ 54 % and ≈ 23 % of adviezen.
  static let aardAdvies = Weighted<AardGeweld>([
    (.kindermishandeling, 0.50), (.partnergeweld, 0.18), (.andere_problematiek, 0.21),
    (.huiselijk_geweld_overig, 0.04), (.ouderenmishandeling, 0.03),
    (.geweld_tegen_ouders, 0.02), (.geen, 0.01), (.onbekend, 0.01),
  ])
  /// The main aard of a melding (001_ §6.2: 43,3 % of mentions kindermishandeling, 28,8 %
  /// partnergeweld; 000_/002_: 52 % and 33–34 % of meldingen). With the second aard: ≈ 54 %
  /// and ≈ 32 % of meldingen.
  static let aardMelding = Weighted<AardGeweld>([
    (.kindermishandeling, 0.48), (.partnergeweld, 0.27), (.andere_problematiek, 0.13),
    (.huiselijk_geweld_overig, 0.055), (.geweld_tegen_ouders, 0.045),
    (.ouderenmishandeling, 0.012), (.geen, 0.005), (.onbekend, 0.005),
  ])
  static let secondAardAdvies = 0.15
  static let secondAardMelding = 0.18

  /// A second aard beside `first`: children witness partnergeweld, partners fight where
  /// children are maltreated.
  static func secondAard(after first: AardGeweld) -> Weighted<AardGeweld> {
    switch first {
    case .partnergeweld: secondAfterPartner
    case .kindermishandeling: secondAfterKindermishandeling
    default: secondAfterOther
    }
  }
  private static let secondAfterPartner = Weighted<AardGeweld>([
    (.kindermishandeling, 0.6), (.andere_problematiek, 0.25), (.huiselijk_geweld_overig, 0.15),
  ])
  private static let secondAfterKindermishandeling = Weighted<AardGeweld>([
    (.partnergeweld, 0.5), (.andere_problematiek, 0.3), (.huiselijk_geweld_overig, 0.1),
    (.geweld_tegen_ouders, 0.1),
  ])
  private static let secondAfterOther = Weighted<AardGeweld>([
    (.kindermishandeling, 0.5), (.partnergeweld, 0.3), (.andere_problematiek, 0.2),
  ])

  /// Vorm kindermishandeling, 001_ §6.2 (meldingen) and §6.1 (adviezen).
  static let vormKMMelding = Weighted<VormKM>([
    (.getuige_geweld, 28.8), (.emotionele_verwaarlozing, 25.5), (.emotionele_mishandeling, 22.0),
    (.fysieke_mishandeling, 12.1), (.fysieke_verwaarlozing, 8.0), (.andere_km, 1.7),
    (.seksueel_misbruik, 1.5), (.pcf, 0.1), (.genitale_verminking, 0.1), (.shaken_baby, 0.1),
  ])
  static let vormKMAdvies = Weighted<VormKM>([
    (.emotionele_verwaarlozing, 29.3), (.emotionele_mishandeling, 25.3), (.getuige_geweld, 17.3),
    (.fysieke_mishandeling, 13.3), (.fysieke_verwaarlozing, 7.0), (.seksueel_misbruik, 4.0),
    (.andere_km, 3.5), (.pcf, 0.3), (.genitale_verminking, 0.1), (.shaken_baby, 0.05),
  ])
  /// Vorm ouderenmishandeling, 001_ §6.2 (48 meldingen) and §6.1 (134 adviezen).
  static let vormOMMelding = Weighted<VormOM>([
    (.emotionele_mishandeling, 41.7), (.fysieke_mishandeling, 27.1),
    (.financiele_uitbuiting, 16.7), (.andere_om, 8.3), (.fysieke_verwaarlozing, 6.3),
  ])
  static let vormOMAdvies = Weighted<VormOM>([
    (.emotionele_mishandeling, 36.6), (.financiele_uitbuiting, 34.3),
    (.fysieke_mishandeling, 17.2), (.fysieke_verwaarlozing, 6.7), (.andere_om, 5.2),
  ])
  /// How many vormen a record names when it names any.
  static let vormCount = Weighted<Int>([(1, 0.65), (2, 0.28), (3, 0.07)])

  /// Duur van het geweld; empty (not asked) and `onbekend` are common.
  static let duur = Weighted<DuurGeweld?>([
    (nil, 0.22), (.onbekend, 0.10), (.max_1_week, 0.10), (.`1_week_1_maand`, 0.07),
    (.`1_6_maanden`, 0.13), (.`6_12_maanden`, 0.09), (.`1_5_jaar`, 0.18), (.langer_5_jaar, 0.11),
  ])

  // MARK: The veiligheidsbeoordeling

  static let acuut = Weighted<JaNeeOnbekend>([(.ja, 0.15), (.nee, 0.75), (.onbekend, 0.10)])
  static let structureel = Weighted<JaNeeOnbekend>([(.ja, 0.45), (.nee, 0.45), (.onbekend, 0.10)])
  /// 001_: 54 radarmeldingen of 1.659 meldingen in the first half of 2019.
  static let radar = 0.033

  // MARK: After the melding

  static let uitkomst = Weighted<UitkomstOnderzoek>([
    (.bevestigd, 0.45), (.niet_bevestigd, 0.25), (.weerlegd, 0.10), (.voortijdig_afgesloten, 0.20),
  ])
  static let ontvanger = Weighted<Ontvanger>([
    (.lokaal_team, 0.55), (.lopende_hulpverlening, 0.33), (.directbetrokkenen, 0.08),
    (.anders, 0.04),
  ])

  /// The maatregelen of Jeugdbescherming, per 100.000 inwoners: the sums of seed 003_ over
  /// the nine fact sheets with figures (353.664 inwoners, 2021).
  static let maatregelenPerHundredThousand: [(MaatregelType, MaatregelSoort, Double)] = [
    (.ots, .nieuw, 104.3),  // 369 ondertoezichtstellingen
    (.voogdij, .nieuw, 54.0),  // 191
    (.muhp, .nieuw, 22.6),  // 80
    (.muhp, .verlenging, 6.2),  // 22
    (.jeugdreclassering, .nieuw, 26.6),  // 94
    (.jeugdreclassering, .verlenging, 12.2),  // 43
  ]
}
