import Model

/// The kwaliteitsrapport of a submission (`outputs.md` §3): every check of `QualityChecks`
/// with its severity, the number of records that break it and up to five example ids.
public struct Kwaliteitsrapport: Sendable {
  /// One check's outcome.
  public struct Result: Sendable {
    public let check: any QualityCheck
    public let findings: [QualityFinding]
    /// The first findings in submission order.
    public var examples: [QualityFinding] { Array(findings.prefix(Kwaliteitsrapport.exampleCount)) }
  }

  static let exampleCount = 5

  public let results: [Result]

  public init(input: QualityInput, checks: [any QualityCheck] = QualityChecks.all) {
    results = checks.map { Result(check: $0, findings: $0.findings(input)) }
  }

  /// Findings of severity `severity`, over all checks.
  public func count(_ severity: QualitySeverity) -> Int {
    results.filter { $0.check.severity == severity }.reduce(0) { $0 + $1.findings.count }
  }

  /// Checks of severity `severity` with at least one finding.
  public func failedChecks(_ severity: QualitySeverity) -> Int {
    results.filter { $0.check.severity == severity && !$0.findings.isEmpty }.count
  }

  /// The result of the check with `id`.
  public func result(_ id: String) -> Result? { results.first { $0.check.id == id } }

  static func example(_ f: QualityFinding) -> String { "\(f.entity.rawValue):\(f.id)" }

  /// `controle;ernst;records;aantal;omschrijving;voorbeeld_1;…;voorbeeld_5`.
  func csv() -> String {
    var text = SemicolonCSV.line(
      ["controle", "ernst", "records", "aantal", "omschrijving"]
        + (1...Self.exampleCount).map { "voorbeeld_\($0)" })
    for r in results {
      var examples = r.examples.map(Self.example)
      examples += Array(repeating: "", count: Self.exampleCount - examples.count)
      text += SemicolonCSV.line(
        [
          r.check.id, r.check.severity.rawValue,
          r.check.entities.map(\.rawValue).joined(separator: ","),
          String(r.findings.count), r.check.title,
        ] + examples)
    }
    return text
  }

  func html(heading: ReportHeading, counts: [Int]) -> String {
    var page = ReportPage(title: "Kwaliteitsrapport \(heading.period.code) \(heading.organisation)")
    heading.open(&page, title: "Kwaliteitsrapport \(heading.period.label)")
    let fouten = count(.fout)
    let waarschuwingen = count(.waarschuwing)
    page.paragraph(
      "Deze controles vergelijken velden binnen en tussen records van de aanlevering, zoals "
        + "het CBS doet na het uploaden. Een fout spreekt het Informatieprotocol tegen: het "
        + "CBS vraagt daarvoor een correctie. Een waarschuwing is ongebruikelijk maar kan "
        + "kloppen. Verwijzingen naar andere records van de casus (eerste melding, diensten, "
        + "overdrachten, monitoring) worden in de hele export gezocht.")
    page.heading(2, "Samenvatting")
    page.table(
      caption: "Bevindingen per ernst", header: ["Ernst", "Records", "Controles"],
      rows: [
        ["Fout", String(fouten), String(failedChecks(.fout))],
        ["Waarschuwing", String(waarschuwingen), String(failedChecks(.waarschuwing))],
      ], numeric: [1, 2],
      rowClasses: [fouten > 0 ? "fout" : "schoon", waarschuwingen > 0 ? "waarschuwing" : "schoon"],
      compact: true)
    page.table(
      caption: "Records in de aanlevering", header: ["Recordsoort", "Aantal"],
      rows: zip(SubmissionLayout.recordTypes, counts).map { [$0.entity.rawValue, String($1)] },
      numeric: [1], compact: true)
    page.heading(2, "Controles")
    page.paragraph(
      "Eerst de controles met bevindingen (fouten voor waarschuwingen), dan de controles "
        + "zonder bevindingen. De sleutel is de naam van de controle in kwaliteitsrapport.csv.")
    let ordered = results.enumerated().sorted { a, b in
      func key(_ r: Result) -> Int { r.findings.isEmpty ? 2 : r.check.severity == .fout ? 0 : 1 }
      return (key(a.element), a.offset) < (key(b.element), b.offset)
    }.map(\.element)
    page.table(
      caption: "Alle controles, met het aantal records en tot vijf voorbeelden",
      header: ["Controle", "Ernst", "Aantal", "Voorbeelden", "Records", "Sleutel"],
      rows: ordered.map { r in
        [
          r.check.title, r.check.severity.rawValue,
          r.findings.isEmpty ? "0 (in orde)" : String(r.findings.count),
          r.examples.map { "\($0.entity.rawValue) \($0.id)" }.joined(separator: "; "),
          r.check.entities.map(\.rawValue).joined(separator: ", "), r.check.id,
        ]
      }, numeric: [2], keys: [5],
      rowClasses: ordered.map { $0.findings.isEmpty ? "schoon" : $0.check.severity.rawValue })
    return page.html
  }
}
