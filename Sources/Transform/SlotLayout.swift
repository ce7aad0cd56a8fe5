import Model
import Pipeline

/// The cells of one measure at one period and region, as consecutive counters: slot 0 is
/// `totaal`/`totaal`, then every category of each of the measure's dimensions, in the
/// dimension's category order (so a code's slot is its dimension's offset plus its raw value).
struct SlotLayout {
  /// Number of slots.
  let width: Int
  /// (dimension, category) of every slot.
  let names: [(dimension: String, category: String)]
  private let offsets: [String: Int]

  init(_ measure: Measure) {
    var names = [(Dimension.totaalName, Dimension.totaalName)]
    var offsets: [String: Int] = [:]
    for d in measure.dimensions {
      offsets[d.name] = names.count
      names += d.categories.map { (d.name, $0) }
    }
    self.names = names
    self.offsets = offsets
    width = names.count
  }

  /// The slot of `dimension`'s first category.
  func offset(_ dimension: Dimension) throws -> Int {
    guard let o = offsets[dimension.name] else {
      throw PipelineError.internal("the catalogue does not split by \(dimension.name) here")
    }
    return o
  }

  /// The slot of `category` of `dimension`.
  func slot(_ dimension: Dimension, _ category: String) throws -> Int {
    guard let i = dimension.categories.firstIndex(of: category) else {
      throw PipelineError.internal("\(dimension.name) has no category \(category)")
    }
    return try offset(dimension) + i
  }

  /// Slots ordered byte-wise by (dimension, category): rank → slot.
  var slotsByName: [Int] {
    names.indices.sorted { a, b in
      (names[a].dimension, names[a].category) < (names[b].dimension, names[b].category)
    }
  }
}
