import Pipeline

/// Checks that no suppressed count can be derived from what the tables publish, and
/// withholds more where one could (secondary protection).
///
/// The primary rules (`DisclosureControl`) round and suppress each count on its own. Counts
/// are tied together, though: a total is the sum of its categories, a Veilig Thuis-regio the
/// sum of its gemeenten, a year the sum of its quarters, and a share computed from exact
/// counts reveals its count exactly. Together these can pin a suppressed count to a single
/// value — rarely through rounding alone (when every other count of a sum lies at the edge
/// of its rounding interval), often through shares. The audit plays the attacker:
///
/// - a shown count is known to lie in its rounding interval (`DisclosureControl.interval`);
/// - a suppressed count lies in `0...largestHidden`, or — when it was withheld by this audit,
///   and the attacker is assumed to know so — at or above the first shown value;
/// - a blank cell is 0; a count no table shows but a relation needs (the gemeente
///   `onbekend`) is known when it is 0 and unknown (≥ 0) otherwise;
/// - a shown share reveals its count and its denominator exactly;
/// - every relation (`Relation`) that holds on the exact counts is known.
///
/// It narrows every interval by propagating the relations to a fixed point (bounds
/// consistency, the "shuttle" attack), and where a primary suppressed count is left with a
/// single possible value it withholds more: first the shares of a row that pins it, then a
/// shown count of a relation it is in (shown as `.` too), and audits again, until every
/// suppressed count has at least two possible values.
public struct DisclosureAudit: Sendable {
  /// What a table shows of a count.
  public enum CellState: Sendable, Hashable {
    /// Shown rounded.
    case shown
    /// Suppressed because its rounded value is below the threshold.
    case primary
    /// Suppressed by the audit, to protect a primary suppressed count.
    case secondary
    /// Blank: the cell cannot occur (a gemeente that did not exist in the period).
    case blank
    /// Not in any table; a member of a relation only.
    case unpublished
  }

  /// A linear relation between counts that holds on the exact figures.
  public struct Relation: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
      /// total = Σ parts.
      case sum
      /// Σ parts ≤ total.
      case sumAtMost
      /// Σ parts ≥ total.
      case sumAtLeast
      /// every part ≤ total.
      case eachAtMost
    }
    public var kind: Kind
    public var total: Int
    public var parts: [Int]

    /// True when the relation holds on `values`.
    func holds(_ values: [Int]) -> Bool {
      let t = values[total]
      switch kind {
      case .sum: return parts.reduce(0) { $0 + values[$1] } == t
      case .sumAtMost: return parts.reduce(0) { $0 + values[$1] } <= t
      case .sumAtLeast: return parts.reduce(0) { $0 + values[$1] } >= t
      case .eachAtMost: return parts.allSatisfy { values[$0] <= t }
      }
    }
  }

  /// A share shown beside a count: `cell` as a percentage of `denominator`.
  public struct Share: Sendable, Hashable {
    public var cell: Int
    public var denominator: Int
  }

  public let control: DisclosureControl
  /// Exact counts, by cell index.
  public let exact: [Int]
  public private(set) var state: [CellState]
  public let shares: [Share]
  /// False for a share the audit withheld.
  public private(set) var shareReleased: [Bool]
  public let relations: [Relation]
  /// How many rounds the audit took, and what it withheld (for the log and tests).
  public private(set) var rounds = 0
  public private(set) var withheldShares = 0

  /// Relations of each cell.
  private let relationsOfCell: [[Int]]
  /// The order in which pinned counts are protected: the most detailed first (a category
  /// of a gemeente in a quarter before its totals), since protecting those often frees
  /// the totals too.
  private let rank: [Int]
  /// The shares whose count or denominator is each cell, ascending.
  private let sharesOfCell: [[Int]]
  /// The relations laid out flat, and the groups of cells no relation connects (a change
  /// narrows its own group again only).
  private let graph: DisclosureAuditGraph
  /// The attacker's intervals for the current states, kept up to date by `protect`
  /// (`refresh`); empty before.
  private var lo: [Int] = []
  private var hi: [Int] = []
  /// The components whose starting intervals changed since `lo` and `hi` were narrowed.
  private var stale = Set<Int>()
  /// Scratch for `propagate`: which relations are queued (all false between runs).
  private var queued: [Bool] = []

  /// An audit of `exact` counts whose initial states follow the primary rules (`blank` and
  /// `unpublished` as given, every other cell shown or primary suppressed).
  public init(
    control: DisclosureControl, exact: [Int], blank: Set<Int>, unpublished: Set<Int>,
    shares: [Share], relations: [Relation], rank: [Int]? = nil
  ) {
    self.control = control
    self.exact = exact
    self.rank = rank ?? Array(repeating: 0, count: exact.count)
    state = exact.indices.map { i in
      if unpublished.contains(i) { return .unpublished }
      if blank.contains(i) { return .blank }
      return control.shows(exact[i]) ? .shown : .primary
    }
    self.shares = shares
    shareReleased = Array(repeating: true, count: shares.count)
    self.relations = relations
    var byCell = Array(repeating: [Int](), count: exact.count)
    for (r, relation) in relations.enumerated() {
      byCell[relation.total].append(r)
      for p in relation.parts { byCell[p].append(r) }
    }
    relationsOfCell = byCell
    var sharesByCell = Array(repeating: [Int](), count: exact.count)
    for (s, share) in shares.enumerated() {
      sharesByCell[share.cell].append(s)
      if share.denominator != share.cell { sharesByCell[share.denominator].append(s) }
    }
    sharesOfCell = sharesByCell
    graph = DisclosureAuditGraph(
      cellCount: exact.count, relations: relations, relationsOfCell: byCell)
  }

  /// True when share `i` is shown: it is released and its count and denominator are shown.
  public func isShown(share i: Int) -> Bool {
    shareReleased[i] && state[shares[i].cell] == .shown && state[shares[i].denominator] == .shown
  }

  /// The number of counts the audit withheld.
  public var secondaryCount: Int { state.filter { $0 == .secondary }.count }

  // MARK: - The attacker

  static let unbounded = Int.max / 8

  /// The attacker's intervals before propagation.
  func initialBounds() -> (lo: [Int], hi: [Int]) {
    var lo = Array(repeating: 0, count: exact.count)
    var hi = Array(repeating: Self.unbounded, count: exact.count)
    for i in exact.indices { (lo[i], hi[i]) = initialBound(of: i) }
    return (lo, hi)
  }

  /// The attacker's interval of cell `i` before propagation: what its state shows, or its
  /// exact value when a shown share has it as count or denominator.
  func initialBound(of i: Int) -> (lo: Int, hi: Int) {
    for s in sharesOfCell[i] where isShown(share: s) { return (exact[i], exact[i]) }
    let hidden = control.largestHidden ?? -1
    switch state[i] {
    case .shown:
      let r = control.interval(ofRounded: control.round(exact[i]))
      return (r.lowerBound, r.upperBound)
    case .primary: return (0, max(0, hidden))
    case .secondary: return (hidden + 1, Self.unbounded)
    case .blank: return (0, 0)
    case .unpublished: return (0, exact[i] == 0 ? 0 : Self.unbounded)
    }
  }

  /// The attacker's intervals: the initial ones narrowed by every relation to a fixed point.
  public func attackerBounds() throws -> (lo: [Int], hi: [Int]) {
    var (lo, hi) = initialBounds()
    var queued = Array(repeating: false, count: relations.count)
    try propagate(
      lo: &lo, hi: &hi, queued: &queued, relations: Array(relations.indices), cells: exact.indices)
    return (lo, hi)
  }

  /// Bounds consistency over `start` relations and every relation whose cells change (a
  /// worklist), then a check of `cells`. `queued` is all false before and after.
  func propagate<Cells: Collection<Int>>(
    lo: inout [Int], hi: inout [Int], queued: inout [Bool], relations start: [Int],
    cells: Cells
  ) throws {
    let maxSteps = 200 * relations.count + 10_000
    guard graph.propagate(lo: &lo, hi: &hi, queued: &queued, start: start, maxSteps: maxSteps)
    else { throw PipelineError.internal("disclosure audit: the relations do not settle") }
    // The exact figures satisfy every relation, so they lie in every interval; anything
    // else means a relation was wrong.
    for i in cells where exact[i] < lo[i] || exact[i] > hi[i] {
      throw PipelineError.internal(
        "disclosure audit: cell \(i) left its interval (\(lo[i])...\(hi[i]))")
    }
  }

  /// The primary suppressed cells the attacker pins to one value.
  public func recoverable() throws -> [Int] {
    let (lo, hi) = try attackerBounds()
    return exact.indices.filter { state[$0] == .primary && lo[$0] == hi[$0] }
  }

  // MARK: - Secondary protection

  /// Withholds shares and counts until no primary suppressed count can be pinned.
  ///
  /// Each round audits everything anew (narrowing again only the components whose starting
  /// intervals changed: `refresh`). Where a shown share pins a neighbour of a pinned count,
  /// the shares of that row go first (all such rows of the round at once). Only when no
  /// share is to blame are counts withheld (`withholdCounts`).
  public mutating func protect() throws {
    guard control.largestHidden != nil else { return }
    // A row whose categories are not all shown keeps its shares back: with the total and
    // the other categories exact, the suppressed one would be their difference.
    var incomplete = Set<Int>()
    for share in shares where state[share.cell] != .shown { incomplete.insert(share.denominator) }
    for i in shares.indices where incomplete.contains(shares[i].denominator) && shareReleased[i] {
      shareReleased[i] = false
      if state[shares[i].cell] == .shown { withheldShares += 1 }
    }
    lo = Array(repeating: 0, count: exact.count)
    hi = Array(repeating: Self.unbounded, count: exact.count)
    queued = Array(repeating: false, count: relations.count)
    stale = Set(graph.componentCells.indices)
    while true {
      try refresh()
      let pinned = exact.indices.filter { state[$0] == .primary && lo[$0] == hi[$0] }
        .sorted { (rank[$0], $0) < (rank[$1], $1) }
      if pinned.isEmpty { return }
      rounds += 1
      // The rows whose shares pin a neighbour, one per pinned count (often the same row).
      let rows = Set(pinned.flatMap { shareRows(pinning: $0, lo: lo, hi: hi) })
      if !rows.isEmpty {
        withholdRows(rows)
        continue
      }
      guard try withholdCounts(pinned: pinned) else {
        throw PipelineError.internal(
          "disclosure audit: cannot protect \(pinned.count) suppressed cell(s) further")
      }
    }
  }

  /// The components whose starting intervals depend on the state of `cell`: its own and
  /// those of the other cell of each of its shares.
  func componentsDepending(on cell: Int) -> Set<Int> {
    var set: Set = [graph.componentOfCell[cell]]
    for s in sharesOfCell[cell] {
      set.insert(graph.componentOfCell[shares[s].cell])
      set.insert(graph.componentOfCell[shares[s].denominator])
    }
    return set
  }

  /// Narrows the stale components again from their starting intervals.
  mutating func refresh() throws {
    guard !stale.isEmpty else { return }
    try narrow(stale.sorted())
    stale.removeAll()
  }

  /// Sets the cells of `ks` to their starting intervals and narrows them to the fixed point
  /// of their relations (the other components keep theirs).
  mutating func narrow(_ ks: [Int]) throws {
    var (l, h, q) = (lo, hi, queued)
    (lo, hi, queued) = ([], [], [])  // so that l, h and q are not copied on write
    defer { (lo, hi, queued) = (l, h, q) }
    for k in ks {
      for c in graph.componentCells[k] { (l[c], h[c]) = initialBound(of: c) }
      try propagate(
        lo: &l, hi: &h, queued: &q, relations: graph.componentRelations[k],
        cells: graph.componentCells[k])
    }
  }

  /// Every cell sharing a relation with `cell`.
  func members(of cell: Int) -> Set<Int> {
    var set = Set<Int>()
    for r in relationsOfCell[cell] {
      set.insert(relations[r].total)
      set.formUnion(relations[r].parts)
    }
    set.remove(cell)
    return set
  }

  /// Parts and totals of the relations of `cell` (a cell that is both counts as a part),
  /// each list by exact count, smallest first, then by index.
  func candidates(of cell: Int) -> (parts: [Int], totals: [Int]) {
    var parts = Set<Int>()
    var totals = Set<Int>()
    for r in relationsOfCell[cell] {
      let relation = relations[r]
      if relation.total != cell { totals.insert(relation.total) }
      for p in relation.parts where p != cell { parts.insert(p) }
    }
    totals.subtract(parts)
    let exact = exact
    let order: (Int, Int) -> Bool = { (exact[$0], $0) < (exact[$1], $1) }
    return (parts.sorted(by: order), totals.sorted(by: order))
  }

  /// The shares whose count or denominator is `cell`, shown now.
  func shownShares(pinning cell: Int) -> [Int] {
    var shown: [Int] = []
    for s in sharesOfCell[cell] where isShown(share: s) { shown.append(s) }
    return shown
  }

  /// Withholds every share of the rows with these denominators.
  mutating func withholdRows(_ rows: Set<Int>) {
    var rowShares: [Int] = []
    for row in rows {
      rowShares += sharesOfCell[row].filter { shares[$0].denominator == row }
    }
    for i in rowShares where shareReleased[i] {
      shareReleased[i] = false
      if state[shares[i].cell] == .shown { withheldShares += 1 }
      stale.insert(graph.componentOfCell[shares[i].cell])
      stale.insert(graph.componentOfCell[shares[i].denominator])
    }
  }

  /// The rows (their denominators) whose shown shares pin `s`: for every relation whose
  /// bound alone holds `s` (or, failing that, every relation of `s`), the row of the
  /// largest member pinned by a share — parts before totals, so a Veilig Thuis-regio keeps
  /// its shares longest.
  func shareRows(pinning s: Int, lo: [Int], hi: [Int]) -> [Int] {
    let binding = holdingRelations(of: s, lo: lo, hi: hi)
    var rows: [Int] = []
    for r in binding.isEmpty ? relationsOfCell[s] : binding {
      let relation = relations[r]
      // The largest part (by exact count, then index) with a shown share, else the total.
      var best: (count: Int, cell: Int, share: Int)? = nil
      for p in relation.parts where p != s {
        if let b = best, (exact[p], p) <= (b.count, b.cell) { continue }
        if let first = firstShownShare(of: p) { best = (exact[p], p, first) }
      }
      if let best {
        rows.append(shares[best.share].denominator)
      } else if relation.total != s, let first = firstShownShare(of: relation.total) {
        rows.append(shares[first].denominator)
      }
    }
    return rows
  }

  /// The first share whose count or denominator is `cell`, shown now.
  func firstShownShare(of cell: Int) -> Int? {
    for s in sharesOfCell[cell] where isShown(share: s) { return s }
    return nil
  }

  /// The relations whose bound alone reaches the value `s` is pinned at: from below when
  /// that value is above 0, from above when it is 0.
  func holdingRelations(of s: Int, lo: [Int], hi: [Int]) -> [Int] {
    let fromBelow = lo[s] > 0
    return relationsOfCell[s].filter { r in
      let (l, h) = impliedBounds(of: s, in: relations[r], lo: lo, hi: hi)
      return fromBelow ? l >= lo[s] : h <= hi[s]
    }
  }

  /// Withholds shown counts around pinned counts.
  ///
  /// A pinned count is held by the relations whose bound alone reaches its value: from
  /// below when it is pinned above 0 (it sits at the bottom of what they allow), from above
  /// when it is pinned at 0. Such a relation is loosened by withholding one of its shown
  /// counts: to lift a bound from below, any other part (its upper bound goes); to lift one
  /// from above, a part of at least the first rounded value above the threshold (its lower
  /// bound drops) or the total (its upper bound goes) — the smallest fitting count, parts
  /// before totals. Each such proposal is audited on its own and scored by the pinned
  /// counts it frees; the best is withheld, with every next-best whose freed counts do not
  /// overlap those already freed. When no proposal frees anything, the most proposed one is
  /// withheld and the next round looks again. False when nothing is left to withhold.
  mutating func withholdCounts(pinned: [Int]) throws -> Bool {
    var votes: [Int: Int] = [:]
    for s in pinned {
      for c in proposals(for: s, lo: lo, hi: hi) { votes[c, default: 0] += 1 }
    }
    if votes.isEmpty {
      // Each is pinned through another pinned count only: loosen one relation further.
      for s in pinned {
        if let c = furtherCandidate(s, excluding: []) { votes[c] = 1 }
      }
    }
    let proposed = votes.keys.sorted { (-votes[$0]!, exact[$0], $0) < (-votes[$1]!, exact[$1], $1) }
    guard let first = proposed.first else { return false }
    var scored: [(cell: Int, freed: Set<Int>)] = []
    for c in proposed.prefix(Self.proposalsPerRound) {
      state[c] = .secondary
      let freed = try trial(componentsDepending(on: c).sorted(), pinned: pinned)
      state[c] = .shown
      if !freed.isEmpty { scored.append((c, freed)) }
    }
    scored.sort {
      ($0.freed.count, -exact[$0.cell], -$0.cell) > ($1.freed.count, -exact[$1.cell], -$1.cell)
    }
    guard !scored.isEmpty else {
      withhold(first)
      return true
    }
    var covered = Set<Int>()
    for (c, freed) in scored where covered.isDisjoint(with: freed) {
      withhold(c)
      covered.formUnion(freed)
    }
    return true
  }

  /// Withholds the shown count `c` (a secondary suppression).
  mutating func withhold(_ c: Int) {
    state[c] = .secondary
    stale.formUnion(componentsDepending(on: c))
  }

  /// The `pinned` counts that the current states free, narrowing components `ks` afresh
  /// (every other component is as the round found it, so its pinned counts stay pinned);
  /// the intervals are restored afterwards.
  mutating func trial(_ ks: [Int], pinned: [Int]) throws -> Set<Int> {
    let saved = ks.map { k in graph.componentCells[k].map { (lo[$0], hi[$0]) } }
    defer {
      for (k, values) in zip(ks, saved) {
        for (c, (l, h)) in zip(graph.componentCells[k], values) { (lo[c], hi[c]) = (l, h) }
      }
    }
    try narrow(ks)
    return Set(pinned.filter { lo[$0] < hi[$0] })
  }

  /// A shown count one relation away from `s`.
  func furtherCandidate(_ s: Int, excluding: [Int]) -> Int? {
    for m in members(of: s).sorted() {
      let (p2, t2) = candidates(of: m)
      if let c = (p2 + t2).first(where: { state[$0] == .shown && !excluding.contains($0) }) {
        return c
      }
    }
    return nil
  }

  /// How many proposals one round audits.
  static let proposalsPerRound = 24

  /// The shown counts whose withholding would loosen a relation holding `s`.
  func proposals(for s: Int, lo: [Int], hi: [Int]) -> [Int] {
    let (exact, state, control) = (exact, state, control)  // not self: see `shareRows`
    let hidden = control.largestHidden ?? 0
    let dropsWhenWithheld = control.round(hidden + 1) + control.roundingBase
    let fromBelow = lo[s] > 0
    var chosen: [Int] = []
    for r in holdingRelations(of: s, lo: lo, hi: hi) {
      let relation = relations[r]
      let isPart = relation.total != s
      let parts = relation.parts.filter { $0 != s && state[$0] == .shown }
        .sorted { (exact[$0], $0) < (exact[$1], $1) }
      let total = isPart && state[relation.total] == .shown ? [relation.total] : []
      let anyPart = parts.first ?? total.first
      let dropping = parts.first { control.round(exact[$0]) >= dropsWhenWithheld }
      // Lifting from below: a part's upper bound must go (s a part), or a part's lower
      // bound drop (s the total); from above the other way round.
      let pick = (fromBelow == isPart) ? anyPart : (dropping ?? total.first ?? anyPart)
      if let c = pick, !chosen.contains(c) { chosen.append(c) }
    }
    return chosen
  }

  /// The bounds one relation alone puts on `cell`, given the others' intervals.
  func impliedBounds(of cell: Int, in relation: Relation, lo: [Int], hi: [Int]) -> (Int, Int) {
    let inf = Self.unbounded
    var l = 0
    var h = inf
    let t = relation.total
    func sum(_ xs: [Int], _ b: [Int]) -> Int { xs.reduce(0) { min(inf, $0 + b[$1]) } }
    let others = relation.parts.filter { $0 != cell }
    let atMost = relation.kind == .sum || relation.kind == .sumAtMost
    let atLeast = relation.kind == .sum || relation.kind == .sumAtLeast
    if t == cell {
      if atMost || relation.kind == .eachAtMost {
        l =
          relation.kind == .eachAtMost
          ? relation.parts.map { lo[$0] }.max() ?? 0 : sum(relation.parts, lo)
      }
      if atLeast { h = sum(relation.parts, hi) }
    } else {
      if atMost { h = hi[t] >= inf ? inf : hi[t] - sum(others, lo) }
      if relation.kind == .eachAtMost { h = hi[t] }
      if atLeast {
        let othersHi = sum(others, hi)
        l = othersHi >= inf ? 0 : lo[t] - othersHi
      }
    }
    return (l, h)
  }
}
