/// Numbers as Dutch reports print them, and the two kinds of share of `measures.md`.
///
/// All arithmetic is on integers, so a share never depends on floating-point rounding.
enum SheetNumber {
  /// `1234567` → `1.234.567` (a dot groups thousands); negative numbers keep their sign.
  static func dutch(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
      out.append(ch)
    }
    return n < 0 ? "-" + out : out
  }

  /// A count as a sheet shows it: exact, or, when `publiek`, counts of 1–4 as `< 5`.
  static func count(_ n: Int, publiek: Bool) -> String {
    isSuppressed(n, publiek: publiek) ? "< 5" : dutch(n)
  }

  /// A count as a CSV holds it: plain digits, or `< 5` where `publiek` hides it.
  static func csvCount(_ n: Int, publiek: Bool) -> String {
    isSuppressed(n, publiek: publiek) ? "< 5" : String(n)
  }

  /// True when `publiek` hides the exact count (1–4).
  static func isSuppressed(_ n: Int, publiek: Bool) -> Bool { publiek && (1...4).contains(n) }

  /// `part` of `whole` in whole percent, rounded half up; nil when `whole` is 0
  /// ("share of records", `measures.md`).
  static func percent(_ part: Int, of whole: Int) -> Int? {
    guard whole > 0, part >= 0 else { return nil }
    return (part * 200 + whole) / (2 * whole)
  }

  /// `part` of `whole` per 100.000, rounded half up; nil when `whole` is 0.
  static func per100k(_ part: Int, of whole: Int) -> Int? {
    guard whole > 0, part >= 0 else { return nil }
    return (part * 200_000 + whole) / (2 * whole)
  }

  /// Shares of mentions in tenths of a percent that add up to exactly 1000 (100,0 %):
  /// each count's exact share floored, the tenths still missing given to the largest
  /// remainders (ties: the larger count, then the earlier category). Empty when all are 0.
  static func sharesOfMentions(_ counts: [Int]) -> [Int] {
    let total = counts.reduce(0) { $0 + max($1, 0) }
    guard total > 0 else { return counts.map { _ in 0 } }
    var shares = counts.map { max($0, 0) * 1000 / total }
    let remainders = counts.map { max($0, 0) * 1000 % total }
    var missing = 1000 - shares.reduce(0, +)
    let order = counts.indices.sorted {
      (remainders[$0], counts[$0], -$0) > (remainders[$1], counts[$1], -$1)
    }
    for i in order where missing > 0 {
      shares[i] += 1
      missing -= 1
    }
    return shares
  }

  /// Tenths of a percent with a decimal comma: `423` → `42,3`.
  static func tenths(_ t: Int) -> String { "\(t / 10),\(t % 10)" }
}
