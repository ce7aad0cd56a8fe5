import Model

/// Per-gemeente figures read from the seed reports, used as relative per-capita rates.
///
/// A gemeente's share of its region's volume is its seed count per inwoner times its
/// population in the year generated; gemeenten the seeds do not list get the region's
/// average rate. The counts are copied from the reports as printed.
enum SeedFigures {
  /// Seed `001_…` (halfjaarverslag 2019 NOG), chapter 14–15: "1. Advies & Ondersteuning"
  /// and "2. Meldingen & Veiligheidsbeoordeling", realisatie 1e helft 2019 (population 2019).
  static let nogFirstHalf2019: [(code: String, adviezen: Int, meldingen: Int)] = [
    ("GM0200", 764, 359),  // Apeldoorn
    ("GM0213", 54, 23),  // Brummen
    ("GM0232", 93, 55),  // Epe
    ("GM0244", 40, 18),  // Hattem
    ("GM0246", 47, 27),  // Heerde
    ("GM0262", 67, 33),  // Lochem
    ("GM0285", 51, 23),  // Voorst
    ("GM0301", 231, 115),  // Zutphen
    ("GM0197", 73, 49),  // Aalten
    ("GM1859", 137, 76),  // Berkelland
    ("GM1876", 45, 33),  // Bronckhorst
    ("GM0222", 258, 217),  // Doetinchem
    ("GM1955", 82, 80),  // Montferland
    ("GM1586", 50, 20),  // Oost Gelre
    ("GM1509", 116, 92),  // Oude IJsselstreek
    ("GM0294", 81, 80),  // Winterswijk
    ("GM0230", 96, 60),  // Elburg
    ("GM0233", 80, 38),  // Ermelo
    ("GM0243", 194, 116),  // Harderwijk
    ("GM0302", 73, 34),  // Nunspeet
    ("GM0269", 55, 43),  // Oldebroek ("Oldenbroek" in the report)
    ("GM0273", 74, 45),  // Putten
  ]

  /// Seed `003_…` ("Ons werk in cijfers 2021", Groningen): ADVIES and MELDING 2021
  /// (population 2021). The fact sheet of the city of Groningen carries no figures.
  static let groningen2021: [(code: String, adviezen: Int, meldingen: Int)] = [
    ("GM1979", 186, 328),  // Eemsdelta
    ("GM1966", 136, 224),  // Het Hogeland
    ("GM1952", 290, 392),  // Midden-Groningen
    ("GM1895", 192, 277),  // Oldambt
    ("GM0765", 59, 104),  // Pekela
    ("GM0037", 153, 226),  // Stadskanaal
    ("GM0047", 175, 262),  // Veendam
    ("GM1969", 179, 286),  // Westerkwartier
    ("GM1950", 105, 182),  // Westerwolde
  ]

  /// Seed `003_…`: Jeugdbescherming Noord 2021 per gemeente, read in the order the fact
  /// sheet prints them (ondertoezichtstelling, voogdij, machtiging uithuisplaatsing,
  /// jeugdreclassering), "+ n verlenging" attached to the figure it follows.
  static let jeugdbescherming2021:
    [(
      code: String, ots: Int, voogdij: Int, muhp: Int, muhpVerlenging: Int, jr: Int,
      jrVerlenging: Int
    )] = [
      ("GM1979", 50, 14, 27, 0, 13, 9),  // Eemsdelta
      ("GM1966", 39, 26, 22, 0, 14, 6),  // Het Hogeland
      ("GM1952", 67, 32, 8, 10, 23, 0),  // Midden-Groningen
      ("GM1895", 47, 16, 1, 7, 16, 0),  // Oldambt
      ("GM0765", 30, 7, 1, 2, 4, 0),  // Pekela
      ("GM0037", 31, 36, 9, 0, 5, 20),  // Stadskanaal
      ("GM0047", 51, 13, 2, 0, 6, 8),  // Veendam
      ("GM1969", 32, 30, 5, 3, 10, 0),  // Westerkwartier
      ("GM1950", 22, 17, 5, 0, 3, 0),  // Westerwolde
    ]

  /// Seed `001_…`, "Totaal realisatie 1e helft 2019" ×2: activiteiten a year in NOG.
  static let nogActiviteitenPerYear: [(ActiviteitType, Double)] = [
    (.veiligheidstoezicht_maatregel, 78),  // 9. Zicht op veiligheid: 39 in H1
    (.jeugdprostitutie_melding, 26),  // 12. Meldingen jeugdprostitutie: 13
    (.jeugdprostitutie_triage, 26),  // 13. Triage: 13
    (.casusoverleg, 58),  // 14. Casusoverleg + MDO: 29
    (.ondersteuning_professional, 222),  // 15. Ondersteuning professionals: 111
    (.voorlichting, 68),  // 16. Overleggen lokale veld en voorlichtingen: 34
  ]
}
