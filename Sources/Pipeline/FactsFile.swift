import Model

/// The facts hand-over format (transform → load), version 1: the aggregate rows of one
/// source, exact counts, sorted byte-wise by key. See `docs/handover.md`.
///
/// ```
/// #vtcijfers-facts/1
/// measure<TAB>period<TAB>region_level<TAB>region_code<TAB>dimension<TAB>category<TAB>value
/// ontvangen_meldingen<TAB>2021JJ00<TAB>gemeente<TAB>GM0200<TAB>totaal<TAB>totaal<TAB>359
/// ```
public enum FactsFile {
  public static let magic = "#vtcijfers-facts/\(FactsIndex.version)"
  public static let columns = [
    "measure", "period", "region_level", "region_code", "dimension", "category", "value",
  ]

  /// Writes `rows` (sorted here) to `path`; zero counts are not written.
  public static func write(_ rows: [AggregateRow], to path: String) throws -> Int {
    let out = try BufferedWriter(creating: path)
    try out.write(magic + "\n" + columns.joined(separator: "\t") + "\n")
    var n = 0
    // Field by field into the buffer: no interpolated `String` per row.
    for r in rows.sorted() where r.value != 0 {
      try out.write(r.measure)
      try out.write(byte: 0x09)
      try out.write(r.period)
      try out.write(byte: 0x09)
      try out.write(r.regionLevel.rawValue)
      try out.write(byte: 0x09)
      try out.write(r.regionCode)
      try out.write(byte: 0x09)
      try out.write(r.dimension)
      try out.write(byte: 0x09)
      try out.write(r.category)
      try out.write(byte: 0x09)
      try out.write(String(r.value))
      try out.write(byte: 0x0A)
      n += 1
    }
    try out.close()
    return n
  }

  /// Calls `body` with every row of the facts file at `path`.
  public static func forEach(path: String, _ body: (AggregateRow) throws -> Void)
    throws
  {
    try LineReader(path: path).forEachLine { (line, number) throws in
      let text = String(decoding: line, as: UTF8.self)
      if number == 1 {
        guard text == magic else { throw PipelineError.internal("\(path):1: not a facts file of format \(FactsIndex.version)") }
        return
      }
      if number == 2 {
        guard text == columns.joined(separator: "\t") else { throw PipelineError.internal("\(path):2: unexpected columns") }
        return
      }
      let f = text.split(separator: "\t", omittingEmptySubsequences: false)
      guard f.count == 7, let level = RegionLevel(rawValue: String(f[2])), let value = Int(f[6]) else {
        throw PipelineError.internal("\(path):\(number): malformed facts row")
      }
      try body(
        AggregateRow(
          measure: String(f[0]), period: String(f[1]), regionLevel: level, regionCode: String(f[3]),
          dimension: String(f[4]), category: String(f[5]), value: value))
    }
  }
}
