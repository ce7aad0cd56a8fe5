/// A deterministic random number generator: xoshiro256** seeded through SplitMix64.
///
/// The generator owns its algorithm (Swift's `random(in:)` may change between toolchains),
/// so the same seed gives the same export on every machine. Independent streams of one seed
/// (record content, deliberate flaws, layout presentation) are separate generators, so
/// `--bad-rate` or `--layout` never shift the records themselves.
struct SynthRandom {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// The purposes a seed is split into; each gets its own stream.
  enum Stream: UInt64 {
    case records = 1
    case flaws = 2
    case style = 3
    case calendar = 4
  }

  init(seed: UInt64, stream: Stream) {
    var state = seed ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03)
    s0 = SynthRandom.splitMix(&state)
    s1 = SynthRandom.splitMix(&state)
    s2 = SynthRandom.splitMix(&state)
    s3 = SynthRandom.splitMix(&state)
  }

  /// SplitMix64: turns a counter into well-mixed seed words.
  static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform double in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform integer in 0..<n (n > 0), without modulo bias.
  mutating func below(_ n: Int) -> Int {
    if n <= 1 { return 0 }
    let bound = UInt64(n)
    let threshold = (0 &- bound) % bound
    while true {
      let r = next()
      let product = r.multipliedFullWidth(by: bound)
      if product.low >= threshold { return Int(product.high) }
    }
  }

  /// A uniform integer in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { p > 0 && unit() < p }

  /// One element of a non-empty array, uniformly.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// A duration in days: mostly within `typical`, with a tail up to `tail` (both inclusive).
  mutating func days(typical: ClosedRange<Int>, tail: ClosedRange<Int>, tailChance: Double)
    -> Int
  {
    chance(tailChance) ? int(in: tail) : int(in: typical)
  }
}

/// A fixed discrete distribution: items with relative weights, drawn by binary search.
struct Weighted<T>: Sendable where T: Sendable {
  let items: [T]
  private let cumulative: [Double]

  init(_ pairs: [(T, Double)]) {
    var total = 0.0
    var items: [T] = []
    var cumulative: [Double] = []
    for (item, weight) in pairs where weight > 0 {
      total += weight
      items.append(item)
      cumulative.append(total)
    }
    self.items = items
    self.cumulative = cumulative.map { $0 / total }
  }

  /// One item, with probability proportional to its weight.
  func pick(_ random: inout SynthRandom) -> T {
    let u = random.unit()
    var lo = 0
    var hi = cumulative.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
    }
    return items[lo]
  }

  /// The probability of the item at `index`.
  func probability(at index: Int) -> Double {
    index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1]
  }
}
