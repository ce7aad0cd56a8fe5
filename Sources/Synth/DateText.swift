import Model

/// Dates as the layouts write them, built byte by byte (millions per export).
enum DateText {
  /// `YYYY-MM-DD` (vt-csv, vt-xml, jb-csv).
  static func iso(_ day: Day) -> String {
    let c = day.components
    return text(c.year, c.month, c.day, dutch: false)
  }

  /// `dd-mm-jjjj` (regas-csv).
  static func dutch(_ day: Day) -> String {
    let c = day.components
    return text(c.year, c.month, c.day, dutch: true)
  }

  /// Any year, month and day, zero-padded, whether or not the date exists (for flaws).
  static func text(_ year: Int, _ month: Int, _ day: Int, dutch: Bool) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { b in
      let y = max(0, min(9999, year))
      let m = max(0, min(99, month))
      let d = max(0, min(99, day))
      func put(_ at: Int, _ v: Int, _ width: Int) {
        var v = v
        for i in stride(from: at + width - 1, through: at, by: -1) {
          b[i] = UInt8(v % 10) + 0x30
          v /= 10
        }
      }
      if dutch {
        put(0, d, 2)
        b[2] = 0x2D
        put(3, m, 2)
        b[5] = 0x2D
        put(6, y, 4)
      } else {
        put(0, y, 4)
        b[4] = 0x2D
        put(5, m, 2)
        b[7] = 0x2D
        put(8, d, 2)
      }
      return String(decoding: UnsafeBufferPointer(b), as: UTF8.self)
    }
  }
}
