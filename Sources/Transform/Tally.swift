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

  /// Every non-zero cell, in the byte-wise order of the facts' key columns.
  func rows() -> [AggregateRow] {
    // Sort keys: measure rank (8 bits) | period (20) | region (16) | slot rank (8).
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

    var periodCodes: [UInt32: String] = [:]
    var out: [AggregateRow] = []
    out.reserveCapacity(cells.count)
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
      out.append(
        AggregateRow(
          measure: tally.measure.name, period: period,
          regionLevel: region == RegionKey.vtregio ? .vtregio : .gemeente,
          regionCode: Self.regionCode(region, vtregio: vtregio), dimension: dimension,
          category: category, value: value))
    }
    return out
  }

  static func regionCode(_ region: UInt16, vtregio: String) -> String {
    switch region {
    case RegionKey.vtregio: vtregio
    case RegionKey.onbekend: RegionLevel.unknownGemeente
    default: GemeenteCode(number: Int(region))?.code ?? "?"
    }
  }
}
