/// The relations of a `DisclosureAudit` laid out flat for narrowing, and the groups of cells
/// they connect.
///
/// The attacker's interval of a cell depends only on the starting intervals of the cells it
/// is connected to through relations (its component): categories and their total, regions
/// and the region one level up, periods within a year, casussen and meldingen link the
/// counts of a few measures in one year, and nothing links two such groups. So when a
/// cell's starting interval changes, only its component has to be narrowed again. A
/// worklist run over one component's relations, in their order, applies exactly the
/// evaluations a run over all relations applies to that component, in the same order (no
/// other relation ever queues one of its relations), so the intervals are the same.
///
/// The layout is flat (offsets into one array of members) so that narrowing reads plain
/// integers and copies no arrays.
struct DisclosureAuditGraph: Sendable {
  typealias Kind = DisclosureAudit.Relation.Kind

  /// Kind and total of each relation.
  let kinds: [Kind]
  let totals: [Int]
  /// The parts of relation r: `parts[partStart[r]..<partStart[r + 1]]`.
  let partStart: [Int]
  let parts: [Int]
  /// The relations of cell c (as total and as part, in the order `DisclosureAudit` lists
  /// them): `cellRelations[cellStart[c]..<cellStart[c + 1]]`.
  let cellStart: [Int]
  let cellRelations: [Int]
  /// The component of each cell.
  let componentOfCell: [Int]
  /// The cells of each component, ascending.
  let componentCells: [[Int]]
  /// The relations of each component, ascending.
  let componentRelations: [[Int]]

  init(cellCount: Int, relations all: [DisclosureAudit.Relation], relationsOfCell: [[Int]]) {
    kinds = all.map(\.kind)
    totals = all.map(\.total)
    var partStart = [0]
    partStart.reserveCapacity(all.count + 1)
    var parts: [Int] = []
    for relation in all {
      parts += relation.parts
      partStart.append(parts.count)
    }
    self.partStart = partStart
    self.parts = parts
    var cellStart = [0]
    cellStart.reserveCapacity(cellCount + 1)
    var cellRelations: [Int] = []
    for rs in relationsOfCell {
      cellRelations += rs
      cellStart.append(cellRelations.count)
    }
    self.cellStart = cellStart
    self.cellRelations = cellRelations

    var parent = Array(0..<cellCount)
    func find(_ x: Int) -> Int {
      var root = x
      while parent[root] != root { root = parent[root] }
      var y = x
      while parent[y] != root { (parent[y], y) = (root, parent[y]) }
      return root
    }
    for relation in all {
      for p in relation.parts {
        let (a, b) = (find(relation.total), find(p))
        if a != b { parent[b] = a }
      }
    }
    var number = Array(repeating: -1, count: cellCount)
    var ofCell = Array(repeating: 0, count: cellCount)
    var cells: [[Int]] = []
    for c in 0..<cellCount {
      let root = find(c)
      if number[root] < 0 {
        number[root] = cells.count
        cells.append([])
      }
      ofCell[c] = number[root]
      cells[number[root]].append(c)
    }
    var relations = Array(repeating: [Int](), count: cells.count)
    for (r, relation) in all.enumerated() { relations[ofCell[relation.total]].append(r) }
    componentOfCell = ofCell
    componentCells = cells
    componentRelations = relations
  }

  /// Bounds consistency: applies the `start` relations, and every relation whose cells
  /// change, until no interval narrows. `queued` is all false before and after. False when
  /// it takes more than `maxSteps` evaluations.
  func propagate(
    lo: inout [Int], hi: inout [Int], queued: inout [Bool], start: [Int], maxSteps: Int
  ) -> Bool {
    let inf = DisclosureAudit.unbounded
    let (kinds, totals, partStart, parts) = (kinds, totals, partStart, parts)
    let (cellStart, cellRelations) = (cellStart, cellRelations)
    for r in start { queued[r] = true }
    var queue = start
    var head = 0
    var steps = 0

    func tighten(_ c: Int, lo newLo: Int, hi newHi: Int) {
      var changed = false
      if newLo > lo[c] {
        lo[c] = newLo
        changed = true
      }
      if newHi < hi[c] {
        hi[c] = newHi
        changed = true
      }
      if changed {
        for k in cellStart[c]..<cellStart[c + 1] where !queued[cellRelations[k]] {
          queued[cellRelations[k]] = true
          queue.append(cellRelations[k])
        }
      }
    }

    while head < queue.count {
      let r = queue[head]
      head += 1
      queued[r] = false
      steps += 1
      if steps > maxSteps {
        // Leave `queued` all false, as promised.
        for k in head..<queue.count { queued[queue[k]] = false }
        return false
      }
      if head > 4096 && head * 2 > queue.count {
        queue.removeFirst(head)
        head = 0
      }
      let t = totals[r]
      let members = partStart[r]..<partStart[r + 1]
      let kind = kinds[r]
      switch kind {
      case .eachAtMost:
        for q in members {
          let p = parts[q]
          tighten(p, lo: lo[p], hi: hi[t])
          tighten(t, lo: lo[p], hi: hi[t])
        }
      case .sum, .sumAtMost, .sumAtLeast:
        var sumLo = 0
        var sumHi = 0
        var unboundedParts = 0
        for q in members {
          let p = parts[q]
          sumLo += lo[p]
          if hi[p] >= inf { unboundedParts += 1 } else { sumHi += hi[p] }
        }
        if kind != .sumAtLeast {
          // Σ parts ≤ total.
          tighten(t, lo: sumLo, hi: hi[t])
          if hi[t] < inf {
            for q in members {
              let p = parts[q]
              tighten(p, lo: lo[p], hi: hi[t] - (sumLo - lo[p]))
            }
          }
        }
        if kind != .sumAtMost {
          // Σ parts ≥ total.
          if unboundedParts == 0 { tighten(t, lo: lo[t], hi: sumHi) }
          for q in members {
            let p = parts[q]
            let othersUnbounded = unboundedParts - (hi[p] >= inf ? 1 : 0)
            guard othersUnbounded == 0 else { continue }
            let othersHi = sumHi - (hi[p] >= inf ? 0 : hi[p])
            tighten(p, lo: lo[t] - othersHi, hi: hi[p])
          }
        }
      }
    }
    return true
  }
}
