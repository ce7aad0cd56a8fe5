import Foundation
import Model

/// The gemeente figures of a snapshot, summed in the municipal boundaries of a chosen day.
///
/// A figure of gemeente G "in the boundaries of day D" is the sum of the rows of every
/// registered code that `ReferenceData.resolve(code, on: D)` maps onto G: Eemsdelta's 2020
/// figure in 2021 boundaries is Appingedam + Delfzijl + Loppersum 2020 (`measures.md`,
/// "Municipal reorganisations"). Exact for additive measures; for distinct-casus measures a
/// casus registered in two predecessors counts twice, which `SheetSum.parts` lets a report
/// flag.
struct SheetGemeenteFigures {
  let reference: ReferenceData
  private var rows: [Key: [(code: GemeenteCode, value: Int)]] = [:]

  private struct Key: Hashable {
    var measure: String
    var period: String
    var dimension: String
    var category: String
  }

  init(snapshot: AggregateSnapshot, reference: ReferenceData) {
    self.reference = reference
    for row in snapshot.rows where row.regionLevel == .gemeente {
      // `onbekend` (and anything that is no GM code) belongs to no gemeente of a sheet.
      guard let code = GemeenteCode(row.regionCode) else { continue }
      let key = Key(
        measure: row.measure, period: row.period, dimension: row.dimension,
        category: row.category)
      rows[key, default: []].append((code, row.value))
    }
  }

  /// The figure of `gemeente` for one cell, in the boundaries valid on `day`.
  func sum(
    _ measure: String, period: String, dimension: String = Dimension.totaalName,
    category: String = Dimension.totaalName, gemeente: GemeenteCode, boundariesOn day: Day
  ) -> SheetSum {
    let key = Key(measure: measure, period: period, dimension: dimension, category: category)
    var total = 0
    var parts: Set<GemeenteCode> = []
    for (code, value) in rows[key] ?? [] where reference.resolve(code, on: day).code == gemeente {
      total += value
      if value != 0 { parts.insert(code) }
    }
    return SheetSum(value: total, parts: parts.sorted())
  }

  /// The other gemeenten, valid at some time in `period`, whose figures count in `gemeente`
  /// in the boundaries of `day` (Appingedam, Delfzijl and Loppersum for Eemsdelta, 2020
  /// figures in 2021 boundaries), in code order.
  func predecessors(of gemeente: Gemeente, in period: Period, boundariesOn day: Day)
    -> [Gemeente]
  {
    reference.gemeenten.values.filter { other in
      other.code != gemeente.code
        && (other.geldigVan.map { $0 <= period.lastDay } ?? true)
        && (other.geldigTot.map { $0 >= period.firstDay } ?? true)
        && reference.resolve(other.code, on: day).code == gemeente.code
    }.sorted { $0.code < $1.code }
  }
}

extension Gemeente {
  /// Alphabetical order of names as a reader expects it (case and accents ignored; the code
  /// breaks ties), for lists in reports.
  static func byName(_ a: Gemeente, _ b: Gemeente) -> Bool {
    func key(_ g: Gemeente) -> String {
      g.naam.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
    return (key(a), a.code.number) < (key(b), b.code.number)
  }
}

/// A gemeente's figure and the registered codes whose rows it sums.
struct SheetSum: Hashable {
  var value: Int
  /// Registered codes with a non-zero row, in code order (one code, or the predecessors of
  /// a merged gemeente).
  var parts: [GemeenteCode]

  static let zero = SheetSum(value: 0, parts: [])

  static func + (a: SheetSum, b: SheetSum) -> SheetSum {
    SheetSum(value: a.value + b.value, parts: Array(Set(a.parts + b.parts)).sorted())
  }
}
