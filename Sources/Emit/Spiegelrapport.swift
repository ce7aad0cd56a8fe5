import Model

/// The spiegelrapport of a submission (`outputs.md` §3): for every field of every record
/// type, its fill rate and the distribution of its values, beside the previous period's.
///
/// Per field: `(gevuld)` — records with a value, as a share of the records; for ids and
/// pseudonyms `(verschillend)` — distinct values; for codes every code used in either
/// period, in list order (for a multi-valued field: records carrying it); for ja/nee both;
/// for gemeenten every gemeente given; for dates the month; for a geboortejaar the age at
/// the melding in bands.
/// Percentages are of all records of the type in that period.
public struct Spiegelrapport: Sendable {
  /// One line of the report.
  public struct Row: Sendable, Hashable {
    public let record: Entity
    public let field: String
    /// `(gevuld)`, `(verschillend)`, a code, a gemeente code, `2021-07` or an age band.
    public let category: String
    public let label: String
    public let current: Int
    public let previous: Int
    /// False for distinct counts (no percentage).
    public let isShare: Bool
  }

  public let period: Period
  public let previousPeriod: Period
  /// Records per type, this period and the previous one (layout order).
  public let recordCounts: [(current: Int, previous: Int)]
  public let rows: [Row]

  static let filled = "(gevuld)"
  static let distinct = "(verschillend)"
  static let ageBands: [(label: String, range: ClosedRange<Int>)] = [
    ("0-3 jaar", 0...3), ("4-11 jaar", 4...11), ("12-17 jaar", 12...17), ("18-24 jaar", 18...24),
    ("25-64 jaar", 25...64), ("65 jaar of ouder", 65...200),
  ]

  public init(current: SubmissionRecords, previous: SubmissionRecords, reference: ReferenceData) {
    period = current.period
    previousPeriod = previous.period
    recordCounts = zip(current.counts, previous.counts).map { ($0, $1) }
    var rows: [Row] = []
    for type in SubmissionLayout.recordTypes {
      let now = current.rows(type.entity)
      let before = previous.rows(type.entity)
      let nowDates = current.meldingDates
      let beforeDates = previous.meldingDates
      for (f, field) in type.fields.enumerated() {
        let kind = type.kinds[f]
        let a = Self.tally(now, field: f, kind: kind, meldingDates: nowDates)
        let b = Self.tally(before, field: f, kind: kind, meldingDates: beforeDates)
        func row(_ category: String, _ label: String, share: Bool = true) {
          rows.append(
            Row(
              record: type.entity, field: field, category: category, label: label,
              current: a[category] ?? 0, previous: b[category] ?? 0, isShare: share))
        }
        row(Self.filled, "records met een waarde")
        switch kind {
        case .id, .pseudonym:
          row(Self.distinct, "verschillende waarden", share: false)
        case .code(let list), .codes(let list):
          // The codes used in either period, in list order.
          if let info = CodeLists.list(named: list) {
            for (code, label) in zip(info.codes, info.labels) where a[code] != nil || b[code] != nil
            {
              row(code, label)
            }
          }
        case .bool:
          row("ja", "Ja")
          row("nee", "Nee")
        case .gemeente, .date:
          let keys = Set(a.keys).union(b.keys).subtracting([Self.filled]).sorted()
          for k in keys {
            let label =
              kind == .gemeente
              ? GemeenteCode(k).flatMap { reference.gemeente($0)?.naam } ?? k : k
            row(k, label)
          }
        case .birthYear:
          for band in Self.ageBands { row(band.label, band.label) }
        }
      }
    }
    self.rows = rows
  }

  /// Counts per category of one field over `rows` (the staged fields of one record type).
  static func tally(
    _ rows: [[String]], field: Int, kind: SubmissionLayout.FieldKind, meldingDates: [String: Day]
  ) -> [String: Int] {
    var counts: [String: Int] = [:]
    var seen = Set<String>()
    for row in rows {
      let value = row[field]
      guard !value.isEmpty else { continue }
      counts[filled, default: 0] += 1
      switch kind {
      case .id, .pseudonym:
        seen.insert(value)
      case .code, .bool, .gemeente:
        counts[value, default: 0] += 1
      case .codes:
        for code in value.split(separator: "|") { counts[String(code), default: 0] += 1 }
      case .date:
        counts[String(value.prefix(7)), default: 0] += 1
      case .birthYear:
        // The betrokkene's melding is its first field.
        guard let year = Int(value), let melding = meldingDates[row[0]] else { continue }
        let age = melding.year - year
        if let band = ageBands.first(where: { $0.range.contains(age) }) {
          counts[band.label, default: 0] += 1
        }
      }
    }
    if !seen.isEmpty { counts[distinct] = seen.count }
    return counts
  }

  /// A percentage with one decimal and a decimal comma, or empty without records.
  static func percent(_ count: Int, of total: Int) -> String {
    DisclosureControl.shareTenths(count: count, of: total).map(DisclosureControl.shareText) ?? ""
  }

  /// The difference of two percentages in points, one decimal, with its sign.
  static func difference(_ row: Row, _ totals: (current: Int, previous: Int)) -> String {
    guard row.isShare,
      let a = DisclosureControl.shareTenths(count: row.current, of: totals.current),
      let b = DisclosureControl.shareTenths(count: row.previous, of: totals.previous)
    else { return "" }
    let d = a - b
    return (d > 0 ? "+" : d < 0 ? "-" : "") + DisclosureControl.shareText(tenths: abs(d))
  }

  func totals(of entity: Entity) -> (current: Int, previous: Int) {
    let i = SubmissionLayout.recordTypes.firstIndex { $0.entity == entity } ?? 0
    return recordCounts[i]
  }

  /// `record;veld;categorie;omschrijving;aantal;percentage;aantal_vorige;percentage_vorige`.
  func csv() -> String {
    var text = SemicolonCSV.line(
      [
        "record", "veld", "categorie", "omschrijving", "aantal", "percentage", "aantal_vorige",
        "percentage_vorige",
      ])
    for (type, counts) in zip(SubmissionLayout.recordTypes, recordCounts) {
      text += SemicolonCSV.line(
        [
          type.entity.rawValue, "", "(records)", "records in de periode", String(counts.current),
          "",
          String(counts.previous), "",
        ])
    }
    for row in rows {
      let t = totals(of: row.record)
      text += SemicolonCSV.line(
        [
          row.record.rawValue, row.field, row.category, row.label, String(row.current),
          row.isShare ? Self.percent(row.current, of: t.current) : "", String(row.previous),
          row.isShare ? Self.percent(row.previous, of: t.previous) : "",
        ])
    }
    return text
  }

  func html(heading: ReportHeading) -> String {
    let now = period.code
    let before = previousPeriod.code
    var page = ReportPage(title: "Spiegelrapport \(now) \(heading.organisation)")
    heading.open(&page, title: "Spiegelrapport \(period.label)")
    page.paragraph(
      "Per veld van de aanlevering: hoe vaak het is ingevuld en hoe de waarden verdeeld zijn, "
        + "naast de vorige periode (\(ReportHeading.label(previousPeriod))). Percentages zijn "
        + "van alle records van die soort in de periode; bij velden met meer waarden per "
        + "record tellen de percentages niet op tot 100. Het verschil staat in procentpunten.")
    page.table(
      caption: "Records per soort",
      header: ["Recordsoort", "Aantal \(now)", "Aantal \(before)"],
      rows: zip(SubmissionLayout.recordTypes, recordCounts).map {
        [$0.entity.rawValue, String($1.current), String($1.previous)]
      }, numeric: [1, 2], compact: true)
    for type in SubmissionLayout.recordTypes {
      let t = totals(of: type.entity)
      page.heading(2, "\(type.entity.rawValue) (\(t.current) records)", id: type.entity.rawValue)
      for field in type.fields {
        let fieldRows = rows.filter { $0.record == type.entity && $0.field == field }
        page.table(
          caption: "\(type.entity.rawValue).\(field)",
          header: [
            "Waarde", "Omschrijving", "Aantal \(now)", "% \(now)", "Aantal \(before)",
            "% \(before)", "Verschil",
          ],
          rows: fieldRows.map { r in
            [
              r.category, r.label, String(r.current),
              r.isShare ? Self.percent(r.current, of: t.current) : "", String(r.previous),
              r.isShare ? Self.percent(r.previous, of: t.previous) : "", Self.difference(r, t),
            ]
          }, numeric: [2, 3, 4, 5, 6], className: "fields")
      }
    }
    return page.html
  }
}
