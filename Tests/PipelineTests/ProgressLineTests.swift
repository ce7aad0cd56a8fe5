import Foundation
import Synchronization
import Testing

@testable import Pipeline

/// The terminal progress line: its text, when it is drawn, and that it draws into its sink.
@Suite struct ProgressLineTests {
  @Test func groupsThousandsWithSpaces() {
    #expect(ProgressLine.grouped(0) == "0")
    #expect(ProgressLine.grouped(999) == "999")
    #expect(ProgressLine.grouped(1000) == "1 000")
    #expect(ProgressLine.grouped(1_234_567) == "1 234 567")
    #expect(ProgressLine.grouped(-45_000) == "-45 000")
  }

  @Test func lineGivesCountRateAndSeconds() {
    // 25 000 records in 2.5 s: 25 000 / 2.5 = 10 000 per second.
    #expect(
      ProgressLine.line(stage: "extract", region: "nog", unit: "records", count: 25_000, seconds: 2.5)
        == "extract nog: 25 000 records, 10 000 records/s, 2.5 s")
    // No time yet: rate 0, never a division by zero.
    #expect(
      ProgressLine.line(stage: "transform", region: "nog", unit: "rows", count: 7, seconds: 0)
        == "transform nog: 7 rows, 0 rows/s, 0.0 s")
  }

  @Test func drawnOnATerminalOrWhenAskedOnly() {
    #expect(ProgressLine.enabled(environment: [:], isTerminal: true))
    #expect(!ProgressLine.enabled(environment: [:], isTerminal: false))
    #expect(ProgressLine.enabled(environment: ["VT_PROGRESS": "1"], isTerminal: false))
    #expect(!ProgressLine.enabled(environment: ["VT_PROGRESS": "0"], isTerminal: true))
  }

  @Test func drawsTheCountIntoItsSinkAndClearsAtTheEnd() async throws {
    let drawn = Mutex<[String]>([])
    let progress = ProgressLine()
    progress.start(stage: "load", region: "groningen", interval: 0.01) { text in
      drawn.withLock { $0.append(text) }
    }
    progress.add(4096)
    progress.add(904)
    // 4096 + 904 = 5000 records.
    #expect(progress.count == 5000)
    for _ in 0..<200 where !drawn.withLock({ $0.contains { $0.contains("5 000 records") } }) {
      try await Task.sleep(nanoseconds: 10_000_000)
    }
    progress.finish()
    let lines = drawn.withLock { $0 }
    #expect(lines.contains { $0.hasPrefix("\rload groningen: 5 000 records, ") })
    #expect(lines.last == "\r\u{1B}[K")
  }
}
