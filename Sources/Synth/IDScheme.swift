/// How a registration system numbers its records: Regas plain numbers, the canonical CSV
/// prefixed serials, the XML short ids of the `exports.md` example.
///
/// Every id is a pure function of the entity and a serial, so records keep their ids when only
/// the layout changes. Ids used for flaws (a casus that does not exist) come from a shape
/// the normal ids never take.
struct IDScheme: Sendable {
  let layout: ExportLayout

  func advies(_ n: Int) -> String { make(n, regas: 2_000_000, csv: "ADV", xml: "A") }
  func casus(_ n: Int) -> String { make(n, regas: 3_000_000, csv: "CAS", xml: "C") }
  func melding(_ n: Int) -> String { make(n, regas: 5_000_000, csv: "MLD", xml: "M") }
  func dienst(_ n: Int) -> String { make(n, regas: 7_000_000, csv: "DNS", xml: "D") }
  func overdracht(_ n: Int) -> String { make(n, regas: 8_000_000, csv: "OVD", xml: "O") }
  func monitoring(_ n: Int) -> String { make(n, regas: 9_000_000, csv: "MON", xml: "MO") }
  func huisverbod(_ n: Int) -> String { make(n, regas: 4_000_000, csv: "THV", xml: "H") }
  func activiteit(_ n: Int) -> String { make(n, regas: 6_000_000, csv: "ACT", xml: "ACT") }
  func maatregel(_ n: Int) -> String { "JBN" + pad(n, 6) }

  /// A casus id no casus has (for a dangling casus_id).
  func missingCasus(_ n: Int) -> String { missing(n, csv: "CAS", xml: "C") }
  /// A melding id no melding has (for a dangling melding_id).
  func missingMelding(_ n: Int) -> String { missing(n, csv: "MLD", xml: "M") }
  /// A registration id neither an advies nor a melding has (a dangling Kenmerken row).
  func missingRegistration(_ n: Int) -> String { missing(n, csv: "REG", xml: "R") }

  private func make(_ n: Int, regas: Int, csv: String, xml: String) -> String {
    switch layout {
    case .regasCSV: String(regas + n)
    case .vtCSV, .jbCSV: csv + pad(n, 7)
    case .vtXML: xml + String(n)
    }
  }

  private func missing(_ n: Int, csv: String, xml: String) -> String {
    switch layout {
    // Ten digits starting 99: the plain serials stay far below.
    case .regasCSV: "99" + pad(n, 8)
    case .vtCSV, .jbCSV: csv + "-X" + pad(n, 5)
    // A leading zero, which the plain serials never have.
    case .vtXML: xml + "0" + String(n)
    }
  }

  private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }
}
