import Model
import Pipeline

/// Inserts the rows of one facts file (`docs/handover.md`, format `vtcijfers-facts/1`) into
/// `aggregate`, through one prepared statement, binding the fields straight from the line
/// buffer. Rows must be of the source's measures, at the levels a region's run produces, the
/// vtregio rows under the region's own code; the schema's constraints check the rest.
struct FactsLoader {
  let path: String
  let measures: Set<String>
  let vtregio: String

  /// Inserts every row; returns how many.
  func load(into db: SQLiteDatabase) throws -> Int {
    let insert = try db.prepare(
      """
      INSERT INTO aggregate
        (measure, period, region_level, region_code, dimension, category, value)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """)
    let magic = Array(FactsFile.magic.utf8)
    let header = Array(FactsFile.columns.joined(separator: "\t").utf8)
    let gemeente = Array(RegionLevel.gemeente.rawValue.utf8)
    let vtregioLevel = Array(RegionLevel.vtregio.rawValue.utf8)
    let vtregioCode = Array(vtregio.utf8)
    var lastMeasure: [UInt8] = []
    var rows = 0
    var starts = [Int](repeating: 0, count: 8)
    try LineReader(path: path).forEachLine { (line, number) throws in
      if number == 1 {
        guard line.elementsEqual(magic) else {
          throw PipelineError.internal(
            "\(path):1: not a facts file of format \(FactsIndex.version)")
        }
        return
      }
      if number == 2 {
        guard line.elementsEqual(header) else {
          throw PipelineError.internal("\(path):2: unexpected columns")
        }
        return
      }
      var n = 1
      for i in 0..<line.count where line[i] == 0x09 {
        guard n < 7 else { throw PipelineError.internal("\(path):\(number): more than 7 fields") }
        starts[n] = i + 1
        n += 1
      }
      guard n == 7 else { throw PipelineError.internal("\(path):\(number): \(n) fields, not 7") }
      starts[7] = line.count + 1
      func field(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[starts[i]..<(starts[i + 1] - 1)])
      }
      let measure = field(0)
      if !measure.elementsEqual(lastMeasure) {
        let name = String(decoding: measure, as: UTF8.self)
        guard measures.contains(name) else {
          throw PipelineError.internal(
            "\(path):\(number): measure \(name) is not one of this source")
        }
        lastMeasure = Array(measure)
      }
      let level = field(2)
      if level.elementsEqual(vtregioLevel) {
        guard field(3).elementsEqual(vtregioCode) else {
          throw PipelineError.internal(
            "\(path):\(number): vtregio row of \(String(decoding: field(3), as: UTF8.self)), the region is \(vtregio)"
          )
        }
      } else if !level.elementsEqual(gemeente) {
        throw PipelineError.internal(
          "\(path):\(number): region level \(String(decoding: level, as: UTF8.self)) in a region's facts"
        )
      }
      let valueField = field(6)
      var value = 0
      guard !valueField.isEmpty, valueField.count <= 18 else {
        throw PipelineError.internal("\(path):\(number): value is not a count")
      }
      for b in valueField {
        guard b >= 0x30 && b <= 0x39 else {
          throw PipelineError.internal("\(path):\(number): value is not a count")
        }
        value = value * 10 + Int(b - 0x30)
      }
      // Zero cells are not stored (docs/decisions.md entry 1).
      if value == 0 { return }
      for i in 0..<6 { try insert.bind(i + 1, bytes: field(i)) }
      try insert.bind(7, value)
      do {
        try insert.step()
      } catch let error as PipelineError {
        throw PipelineError(error.status, "\(path):\(number): \(error.message)")
      }
      try insert.reset()
      rows += 1
    }
    return rows
  }
}
