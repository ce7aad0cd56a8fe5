import Testing

@testable import Emit
@testable import Model

/// An attacker on the published meldingen of one period of the tiny region VT99: it reads
/// what the tables show (rounded counts, `.`, blanks, shares) and tries to pin a suppressed
/// count to its exact value. Written independently of `DisclosureAudit`, in three attacks:
///
/// - `regionByRol`: every exact table (gemeenten × rol, with the totals and the VT-regio
///   row) consistent with what is shown, enumerated exhaustively;
/// - `historyRows`: every exact row of the melding history (six categories, their total and
///   the shares) consistent with what is shown, enumerated exhaustively;
/// - `shuttle`: shares turned into exact candidates, then every sum (categories and their
///   total, gemeenten and their VT-regio) narrowed against the others until nothing changes.
///
/// `strong`: the attacker knows which `.` the audit added (they hide 8 or more); otherwise
/// every `.` is taken to hide 0…7, as the published rule says.
struct DisclosureAttacker {
  let publication: TablePublication
  let snapshot: AggregateSnapshot
  let period: String
  let strong: Bool
  let gemeenten: [String]
  let vt = "VT99"
  let measure = Measures.ontvangenMeldingen.name
  /// No count exceeds the VT-regio's total: its upper bound as shown (or 400).
  var cap: Int {
    let t = publication.text(
      count: TableCellKey(measure: measure, period: period, level: .vtregio, region: vt))
    return Int(t).map { $0 + 2 } ?? 400
  }

  init(publication: TablePublication, snapshot: AggregateSnapshot, period: String, strong: Bool) {
    self.publication = publication
    self.snapshot = snapshot
    self.period = period
    self.strong = strong
    gemeenten = publication.grid.regions.filter { $0.level == .gemeente }.map(\.code)
  }

  /// A cell the attacker targets: region, dimension, category.
  struct Cell: Hashable, CustomStringConvertible {
    let region: String
    let dimension: String
    let category: String
    var description: String { "\(region) \(dimension)=\(category)" }
  }

  func key(_ c: Cell) -> TableCellKey {
    TableCellKey(
      measure: measure, period: period, level: c.region.hasPrefix("VT") ? .vtregio : .gemeente,
      region: c.region, dimension: c.dimension, category: c.category)
  }

  func text(_ c: Cell) -> String { publication.text(count: key(c)) }
  func shareText(_ c: Cell) -> String { publication.text(share: key(c)) }
  func truth(_ c: Cell) -> Int {
    snapshot.value(
      measure, period: period, level: key(c).level, region: c.region, dimension: c.dimension,
      category: c.category)
  }

  /// The exact values a published text allows, narrowed by the shuttle attack (whose
  /// intervals hold every value the published figures allow) for the exhaustive attacks.
  func domain(_ c: Cell) -> ClosedRange<Int> {
    let d = publishedDomain(c)
    guard let (lo, hi) = narrowed?[c] else { return d }
    return max(d.lowerBound, lo)...max(max(d.lowerBound, lo), min(d.upperBound, hi))
  }

  /// Bounds from `shuttle()`, when computed.
  var narrowed: [Cell: (Int, Int)]?

  /// The attacker with its domains narrowed by the shuttle attack first.
  func narrowedByShuttle() -> DisclosureAttacker {
    var a = self
    a.narrowed = shuttleBounds()
    return a
  }

  func publishedDomain(_ c: Cell) -> ClosedRange<Int> {
    let t = text(c)
    if t.isEmpty { return 0...0 }
    if t == "." {
      return strong && publication.state(of: key(c)) == .secondary ? 8...cap : 0...7
    }
    let r = Int(t)!
    return max(0, r - 2)...(r + 2)
  }

  var regions: [String] { [vt] + gemeenten }
  static let rol = Rol.allCases.map(\.code)
  static let history = MeldingHistorie.allCases.map(\.code)

  func cells(_ region: String, _ dimension: String, _ categories: [String]) -> [Cell] {
    [Cell(region: region, dimension: "totaal", category: "totaal")]
      + categories.map { Cell(region: region, dimension: dimension, category: $0) }
  }

  /// Every suppressed cell the attack pins to one value that is its true value.
  typealias Findings = [Cell: Set<Int>]

  static func recovered(_ f: Findings, _ attacker: DisclosureAttacker) -> [Cell] {
    f.filter { cell, values in
      attacker.text(cell) == "." && values.count == 1 && values.first == attacker.truth(cell)
    }.map(\.key).sorted { $0.description < $1.description }
  }

  // MARK: - Exhaustive: gemeenten × rol

  /// The possible values of every cell of the gemeenten × rol table with its margins.
  func regionByRol() -> Findings {
    // Candidate rows: (totaal, beroepsmatig, niet_beroepsmatig, onbekend), categories summing
    // to the total.
    func candidates(_ region: String) -> [[Int]] {
      let c = cells(region, "rol", Self.rol)
      var out: [[Int]] = []
      for b in domain(c[1]) {
        for n in domain(c[2]) {
          for o in domain(c[3]) where domain(c[0]).contains(b + n + o) {
            out.append([b + n + o, b, n, o])
          }
        }
      }
      return out
    }
    // A row as one number: four components below 4096, so codes add like the rows.
    func code(_ v: [Int]) -> Int { v.reduce(0) { $0 * 4096 + $1 } }
    let vtRows = candidates(vt)
    let rows = gemeenten.map { candidates($0).map { ($0, code($0)) } }
    var possible: Findings = [:]
    var feasibleVT = Set<Int>()
    // For each gemeente: every sum the other gemeenten can make; a row of it is possible
    // when some VT row minus it is such a sum.
    for (g, gemeente) in gemeenten.enumerated() {
      var others: Set<Int> = [0]
      for (h, list) in rows.enumerated() where h != g {
        var next = Set<Int>()
        for s in others { for (_, c) in list { next.insert(s + c) } }
        others = next
      }
      let c = cells(gemeente, "rol", Self.rol)
      for (r, rc) in rows[g] {
        for v in vtRows where zip(v, r).allSatisfy({ $0 >= $1 }) {
          let vc = code(v)
          guard others.contains(vc - rc) else { continue }
          for i in 0..<4 { possible[c[i], default: []].insert(r[i]) }
          feasibleVT.insert(vc)
        }
      }
    }
    let vc = cells(vt, "rol", Self.rol)
    for r in vtRows where feasibleVT.contains(code(r)) {
      for i in 0..<4 { possible[vc[i], default: []].insert(r[i]) }
    }
    return possible
  }

  // MARK: - Exhaustive: melding history rows with shares

  /// For every possible total: each category's values that print its share as shown, then
  /// the sums the other categories can reach (exact subset sums, prefix and suffix).
  func historyRows() -> Findings {
    var possible: Findings = [:]
    for region in regions {
      let c = cells(region, "melding_historie", Self.history)
      let categories = Array(c.dropFirst())
      let shares = categories.map(shareText)
      for total in domain(c[0]) {
        let allowed: [[Int]] = categories.enumerated().map { j, cell in
          domain(cell).filter { v in
            v <= total
              && (shares[j] == "." || shares[j].isEmpty
                || DisclosureControl.shareTenths(count: v, of: total).map(
                  DisclosureControl.shareText) == shares[j])
          }
        }
        // reach[i]: the sums categories 0..<i can make; back[i]: categories i..< can make.
        func sums(_ lists: ArraySlice<[Int]>) -> [Bool] {
          var r = Array(repeating: false, count: total + 1)
          r[0] = true
          for list in lists {
            var next = Array(repeating: false, count: total + 1)
            for s in 0...total where r[s] {
              for v in list where s + v <= total { next[s + v] = true }
            }
            r = next
          }
          return r
        }
        var feasible = false
        if allowed.allSatisfy({ $0.isEmpty || $0.last! - $0.first! + 1 == $0.count }) {
          // Intervals: every value between the sums' extremes is reachable.
          guard !allowed.contains(where: \.isEmpty) else { continue }
          let sumLo = allowed.reduce(0) { $0 + $1.first! }
          let sumHi = allowed.reduce(0) { $0 + $1.last! }
          guard (sumLo...sumHi).contains(total) else { continue }
          possible[c[0], default: []].insert(total)
          for j in categories.indices {
            let othersLo = sumLo - allowed[j].first!
            let othersHi = sumHi - allowed[j].last!
            for v in allowed[j] where (othersLo...othersHi).contains(total - v) {
              possible[categories[j], default: []].insert(v)
            }
          }
          continue
        }
        for j in categories.indices {
          let before = sums(allowed[..<j])
          let after = sums(allowed[(j + 1)...])
          for v in allowed[j] {
            let rest = total - v
            let ok = (0...rest).contains { a in before[a] && after[rest - a] }
            if ok {
              possible[categories[j], default: []].insert(v)
              feasible = true
            }
          }
        }
        if feasible { possible[c[0], default: []].insert(total) }
      }
    }
    return possible
  }

  // MARK: - Shuttle: every sum against the others, shares first

  /// The shuttle's bounds as findings (empty after a contradiction).
  func shuttle() -> Findings {
    var possible: Findings = [:]
    for (cell, (l, h)) in shuttleBounds() where l <= h {
      possible[cell] = l == h ? [l] : [l, h]
    }
    return possible
  }

  func shuttleBounds() -> [Cell: (Int, Int)] {
    var lo: [Cell: Int] = [:]
    var hi: [Cell: Int] = [:]
    var relations: [(total: Cell, parts: [Cell])] = []
    for region in regions {
      for (dimension, categories) in [("rol", Self.rol), ("melding_historie", Self.history)] {
        let c = cells(region, dimension, categories)
        for x in c {
          (lo[x], hi[x]) = (publishedDomain(x).lowerBound, publishedDomain(x).upperBound)
        }
        relations.append((c[0], Array(c.dropFirst())))
      }
    }
    for (dimension, categories) in [("rol", Self.rol), ("melding_historie", Self.history)] {
      for i in 0...categories.count {
        let column = regions.map { cells($0, dimension, categories)[i] }
        relations.append((column[0], Array(column.dropFirst())))
      }
    }
    // Shares: only (count, total) pairs that print as shown.
    for region in regions {
      let c = cells(region, "melding_historie", Self.history)
      for x in c.dropFirst() {
        let s = shareText(x)
        guard s != ".", !s.isEmpty else { continue }
        var pairs: [(Int, Int)] = []
        for t in lo[c[0]]!...hi[c[0]]! {
          for v in lo[x]!...min(hi[x]!, t) {
            if DisclosureControl.shareTenths(count: v, of: t).map(DisclosureControl.shareText) == s
            {
              pairs.append((v, t))
            }
          }
        }
        guard !pairs.isEmpty else { continue }
        lo[x] = pairs.map(\.0).min()!
        hi[x] = pairs.map(\.0).max()!
        lo[c[0]] = max(lo[c[0]]!, pairs.map(\.1).min()!)
        hi[c[0]] = min(hi[c[0]]!, pairs.map(\.1).max()!)
      }
    }
    // A naive attacker (every `.` below 8) meets a contradiction where the audit withheld
    // a larger count: it learns that its model is wrong, not a count.
    var changed = true
    var contradiction = false
    while changed && !contradiction {
      changed = false
      for (t, parts) in relations {
        let sumLo = parts.reduce(0) { $0 + lo[$1]! }
        let sumHi = parts.reduce(0) { $0 + hi[$1]! }
        func narrow(_ x: Cell, _ l: Int, _ h: Int) {
          if l > lo[x]! {
            lo[x] = l
            changed = true
          }
          if h < hi[x]! {
            hi[x] = h
            changed = true
          }
          if lo[x]! > hi[x]! { contradiction = true }
        }
        narrow(t, sumLo, sumHi)
        for p in parts {
          narrow(p, lo[t]! - (sumHi - hi[p]!), hi[t]! - (sumLo - lo[p]!))
        }
      }
    }
    if contradiction { return [:] }
    return Dictionary(uniqueKeysWithValues: lo.map { ($0.key, ($0.value, hi[$0.key]!)) })
  }
}
