import Model

/// A distribution of mentions over the categories of a dimension, as shares that add up to
/// exactly 100,0 % (`measures.md`, "Shares": share of mentions, largest remainder).
///
/// Categories without mentions are left out; the rest are ordered by share, largest first
/// (ties: the code list's order), as the half-year report lists them.
struct SheetDistribution: Sendable {
  let dimension: Dimension
  /// Categories with mentions, largest share first.
  let entries: [Entry]
  /// The records the mentions come from (the unsplit figure), for the caption.
  let records: Int

  struct Entry: Sendable, Hashable {
    let category: String
    let title: String
    let mentions: Int
    /// Tenths of a percent; all entries add up to 1000.
    let share: Int
  }

  /// Sum of all mentions (the denominator).
  var mentions: Int { entries.reduce(0) { $0 + $1.mentions } }

  /// `counts` in the order of `dimension.categories`.
  init(dimension: Dimension, counts: [Int], records: Int) {
    self.dimension = dimension
    self.records = records
    let shares = SheetNumber.sharesOfMentions(counts)
    entries = dimension.categories.indices
      .filter { counts[$0] > 0 }
      .sorted { (shares[$0], -$0) > (shares[$1], -$1) }
      .map { i in
        Entry(
          category: dimension.categories[i], title: dimension.categoryTitles[i],
          mentions: counts[i], share: shares[i])
      }
  }
}
