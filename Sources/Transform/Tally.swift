import Model
import Pipeline

/// The counters of every measure of one source, and their hand-over as facts rows.
final class Tally {
  let vtregio: String
  private(set) var measures: [MeasureTally] = []
  private var byName: [String: MeasureTally] = [:]

  /// Counters for the measures of `kind` in the catalogue.
  init(kind: SourceKind, vtregio: String) throws {
    self.vtregio = vtregio
    for m in Measures.all where m.source == kind {
      let t = MeasureTally(m)
      // The sort keys of `rows()` hold a slot rank in 8 bits and a measure rank in 8 bits.
      guard t.layout.width <= 256, Measures.all.count <= 256 else {
        throw PipelineError.internal("\(m.name): too many cells per row for the facts sort key")
      }
      measures.append(t)
      byName[m.name] = t
    }
  }

  /// The counters of `measure`.
  func callAsFunction(_ measure: Measure) throws -> MeasureTally {
    guard let t = byName[measure.name] else {
      throw PipelineError.internal("measure \(measure.name) is not counted from this source")
    }
    return t
  }

  /// Every non-zero cell, in the byte-wise order of the facts' key columns: its sort key —
  /// measure rank (8 bits) | period (20) | region (16) | slot rank (8) — and its value; with
  /// the measures in rank order and each one's slots in rank order.
  private func sortedCells() -> (
    cells: [(key: UInt64, value: Int)], order: [Int], slotsByRank: [[Int]]
  ) {
    let order = measures.indices.sorted { measures[$0].measure.name < measures[$1].measure.name }
    var cells: [(key: UInt64, value: Int)] = []
    var slotsByRank: [[Int]] = []
    for (rank, i) in order.enumerated() {
      let tally = measures[i]
      let slots = tally.layout.slotsByName
      slotsByRank.append(slots)
      let (rows, values) = tally.expanded()
      rows.forEach { key, base in
        for (slotRank, slot) in slots.enumerated() where values[base + slot] != 0 {
          cells.append((UInt64(rank) << 44 | key << 8 | UInt64(slotRank), values[base + slot]))
        }
      }
    }
    cells.sort { $0.key < $1.key }
    return (cells, order, slotsByRank)
  }

  /// Every non-zero cell as an aggregate row, in the order of the facts.
  func rows() -> [AggregateRow] {
    var out: [AggregateRow] = []
    forEachRow { out.append($0) }
    return out
  }

  private func forEachRow(_ body: (AggregateRow) -> Void) {
    let (cells, order, slotsByRank) = sortedCells()
    var periodCodes: [UInt32: String] = [:]
    for (key, value) in cells {
      let rank = Int(key >> 44)
      let tally = measures[order[rank]]
      let packedPeriod = UInt32((key >> 24) & 0xFFFFF)
      let period: String
      if let p = periodCodes[packedPeriod] {
        period = p
      } else {
        period = PeriodKey(packed: packedPeriod).period.code
        periodCodes[packedPeriod] = period
      }
      let region = UInt16(truncatingIfNeeded: key >> 8)
      let slot = slotsByRank[rank][Int(key & 0xFF)]
      let (dimension, category) = tally.layout.names[slot]
      body(
        AggregateRow(
          measure: tally.measure.name, period: period,
          regionLevel: region == RegionKey.vtregio ? .vtregio : .gemeente,
          regionCode: Self.regionCode(region, vtregio: vtregio), dimension: dimension,
          category: category, value: value))
    }
  }

  /// Writes the facts file (`FactsFile`, the same bytes as `FactsFile.write(rows())`) straight
  /// from the sorted cells: the text of each measure, period, region and (dimension, category)
  /// is made once, not one `String` per field per row (the rows of nog at national scale
  /// took a seventh of the transform's time that way, on the thread that waits for all).
  /// Returns the rows written and the codes of the periods that have any, in order.
  func writeFacts(to path: String) throws -> (rows: Int, periods: [String]) {
    let (cells, order, slotsByRank) = sortedCells()
    let out = try BufferedWriter(creating: path)
    try out.write(FactsFile.magic + "\n" + FactsFile.columns.joined(separator: "\t") + "\n")
    let measureText = order.map { Array((measures[$0].measure.name + "\t").utf8) }
    let slotText = order.indices.map { rank in
      slotsByRank[rank].map { slot in
        let (dimension, category) = measures[order[rank]].layout.names[slot]
        return Array((dimension + "\t" + category + "\t").utf8)
      }
    }
    var periodText: [UInt32: [UInt8]] = [:]
    var regionText: [UInt16: [UInt8]] = [:]
    // The row's text up to its dimension: made again only when the measure, period or region
    // changes (a few rows apart), so that most rows cost no lookup and no reference count.
    var prefix: [UInt8] = []
    var prefixKey = UInt64.max
    var digits = [UInt8](repeating: 0, count: 20)
    for (key, value) in cells {
      let rank = Int(key >> 44)
      if key >> 8 != prefixKey {
        prefixKey = key >> 8
        let packedPeriod = UInt32((key >> 24) & 0xFFFFF)
        let region = UInt16(truncatingIfNeeded: key >> 8)
        if periodText[packedPeriod] == nil {
          periodText[packedPeriod] = Array((PeriodKey(packed: packedPeriod).period.code + "\t").utf8)
        }
        if regionText[region] == nil {
          let level: RegionLevel = region == RegionKey.vtregio ? .vtregio : .gemeente
          regionText[region] = Array(
            (level.rawValue + "\t" + Self.regionCode(region, vtregio: vtregio) + "\t").utf8)
        }
        prefix = measureText[rank] + periodText[packedPeriod]! + regionText[region]!
      }
      // The count in decimal, from the right.
      var v = value
      var n = digits.count
      repeat {
        n -= 1
        digits[n] = UInt8(0x30 + v % 10)
        v /= 10
      } while v > 0
      try prefix.withUnsafeBytes { try out.write(bytes: $0) }
      try slotText[rank][Int(key & 0xFF)].withUnsafeBytes { try out.write(bytes: $0) }
      try digits.withUnsafeBytes {
        try out.write(bytes: UnsafeRawBufferPointer(rebasing: $0[n...]))
      }
      try out.write(byte: 0x0A)
    }
    try out.close()
    let periods = periodText.keys.sorted().map { PeriodKey(packed: $0).period.code }
    return (cells.count, periods)
  }

  static func regionCode(_ region: UInt16, vtregio: String) -> String {
    switch region {
    case RegionKey.vtregio: vtregio
    case RegionKey.onbekend: RegionLevel.unknownGemeente
    default: GemeenteCode(number: Int(region))?.code ?? "?"
    }
  }
}
