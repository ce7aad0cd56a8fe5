import Model

/// Exact integer shares: `total` split over `weights` by largest remainder, every share at
/// least `minimum` when the total allows it (so that every gemeente has figures every year).
func allocate(_ total: Int, weights: [Double], minimum: Int = 0) -> [Int] {
  let n = weights.count
  guard n > 0, total > 0 else { return [Int](repeating: 0, count: n) }
  let sum = weights.reduce(0, +)
  let normalized =
    sum > 0 ? weights.map { $0 / sum } : [Double](repeating: 1.0 / Double(n), count: n)
  var shares = normalized.map { Int(($0 * Double(total)).rounded(.down)) }
  var left = total - shares.reduce(0, +)
  // Largest fractional parts first; ties by position, so the result never depends on order.
  let order = (0..<n).sorted { a, b in
    let fa = normalized[a] * Double(total) - Double(shares[a])
    let fb = normalized[b] * Double(total) - Double(shares[b])
    return fa != fb ? fa > fb : a < b
  }
  var k = 0
  while left > 0 {
    shares[order[k % n]] += 1
    left -= 1
    k += 1
  }
  guard minimum > 0 else { return shares }
  for i in 0..<n where shares[i] < minimum {
    // Take from the largest share that can spare it.
    while shares[i] < minimum {
      guard
        let donor = (0..<n).filter({ shares[$0] > minimum }).max(by: { shares[$0] < shares[$1] })
      else { return shares }
      shares[donor] -= 1
      shares[i] += 1
    }
  }
  return shares
}

/// Draws without replacement from exact counts: each draw picks index i with probability
/// remaining(i) / remaining(total), so over a year every index comes up exactly its count.
struct Urn {
  private var remaining: [Int]
  private var total: Int
  private let fallback: Weighted<Int>

  init(counts: [Int], weights: [Double]) {
    remaining = counts
    total = counts.reduce(0, +)
    // Only slots with weight (never an empty "elsewhere" slot); every slot when none has any.
    let weighted = weights.enumerated().filter { $0.element > 0 }.map { ($0.offset, $0.element) }
    fallback = Weighted(weighted.isEmpty ? weights.indices.map { ($0, 1.0) } : weighted)
  }

  mutating func draw(_ random: inout SynthRandom) -> Int {
    guard total > 0 else { return fallback.pick(&random) }
    var r = random.below(total)
    for i in remaining.indices {
      if r < remaining[i] {
        remaining[i] -= 1
        total -= 1
        return i
      }
      r -= remaining[i]
    }
    return fallback.pick(&random)
  }
}

/// How a year's events spread over its days: weekday, month and holiday factors with a
/// little day-to-day noise, turned into exact counts per day by cumulative rounding.
struct DayPlan {
  let first: Day
  let weights: [Double]

  /// How busy a kind of registration is on a weekend day, relative to a weekday.
  enum Rhythm {
    /// Adviezen: office hours, some out-of-hours calls.
    case adviezen
    /// Meldingen: the police report around the clock.
    case meldingen
    /// Activiteiten and maatregelen: working days only.
    case kantoor

    var weekend: Double {
      switch self {
      case .adviezen: 0.15
      case .meldingen: 0.5
      case .kantoor: 0
      }
    }
  }

  init(year: Int, rhythm: Rhythm, random: inout SynthRandom) {
    let first = Day(year: year, month: 1, day: 1) ?? Day(ordinal: 0)
    let days = Day.isLeapYear(year) ? 366 : 365
    // Summer and Christmas are quieter; autumn and spring busier (school terms).
    let month: [Double] = [1.0, 1.0, 1.05, 0.97, 1.0, 1.0, 0.85, 0.85, 1.05, 1.05, 1.05, 0.9]
    var weights: [Double] = []
    weights.reserveCapacity(days)
    for i in 0..<days {
      let day = first.adding(days: i)
      let c = day.components
      let weekday = DayPlan.weekday(day)  // 0 = Monday
      let holiday = (c.month == 1 && c.day == 1) || (c.month == 12 && (c.day == 25 || c.day == 26))
      var w = weekday >= 5 || holiday ? rhythm.weekend : 1.0
      w *= month[c.month - 1]
      w *= 0.8 + 0.4 * random.unit()
      weights.append(w)
    }
    self.first = first
    self.weights = weights
  }

  /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
  static func weekday(_ day: Day) -> Int { ((Int(day.ordinal) + 3) % 7 + 7) % 7 }

  /// `total` events split over the days: day i gets round(total·W(i)) − round(total·W(i−1))
  /// where W is the cumulative share of the weights; the counts add up to `total` exactly.
  func counts(_ total: Int) -> [Int] {
    let sum = weights.reduce(0, +)
    guard sum > 0, total > 0 else { return [Int](repeating: 0, count: weights.count) }
    var out = [Int](repeating: 0, count: weights.count)
    var cumulative = 0.0
    var previous = 0
    for i in weights.indices {
      cumulative += weights[i]
      let upTo = i == weights.count - 1 ? total : Int((Double(total) * cumulative / sum).rounded())
      out[i] = upTo - previous
      previous = upTo
    }
    return out
  }

  /// The spread of a `Day`-valued count array: the day of index `i`.
  func day(_ i: Int) -> Day { first.adding(days: i) }
}

/// A probabilistic count with an exact expectation: ⌊x⌋ plus one with chance x − ⌊x⌋.
func stochasticRound(_ x: Double, _ random: inout SynthRandom) -> Int {
  let base = x.rounded(.down)
  return Int(base) + (random.chance(x - base) ? 1 : 0)
}
