import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A progress line on a terminal for long runs: the running stage's records so far and
/// records per second, redrawn in place (`\r`) at most every half second on standard error.
///
/// Silent when standard error is not a terminal (cron, `make -j` into logs, tests), so logs
/// hold only `Log` lines; `VT_PROGRESS=1` forces the line on, `VT_PROGRESS=0` off. One stage
/// runs per process: stages `start` and `finish` the shared instance; the readers count into
/// it through a `ProgressBatch` per thread, which costs one add and one compare per record.
/// A `Log` line clears the progress line first, so the two never share a line.
public final class ProgressLine: @unchecked Sendable {
  /// The process's progress line.
  public static let shared = ProgressLine()

  private let counter = Atomic<Int>(0)
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var running = false
  private var generation = 0
  private var stage = ""
  private var region = ""
  private var unit = "records"
  private var startedAt = 0.0
  private var sink: (@Sendable (String) -> Void)?

  /// True while a line is on the terminal (read and written under `Log.lock`).
  nonisolated(unsafe) static var lineShown = false

  public init() {}

  /// Whether the line is drawn: `VT_PROGRESS` if set, else whether standard error is a
  /// terminal.
  public static func enabled(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    isTerminal: Bool = isatty(STDERR_FILENO) == 1
  ) -> Bool {
    switch environment["VT_PROGRESS"] {
    case "1"?: return true
    case "0"?: return false
    default: return isTerminal
    }
  }

  /// Starts counting for `stage` of `region`; draws the line every `interval` seconds into
  /// `sink` (tests), or on standard error when `ProgressLine.enabled()`.
  public func start(
    stage: String, region: String, unit: String = "records", interval: Double = 0.5,
    sink: (@Sendable (String) -> Void)? = nil
  ) {
    finish()
    counter.store(0, ordering: .relaxed)
    let draws = sink != nil || Self.enabled()
    condition.lock()
    self.stage = stage
    self.region = region
    self.unit = unit
    self.sink = sink
    startedAt = Clock.monotonic()
    running = draws
    generation += 1
    let mine = generation
    condition.unlock()
    guard draws else { return }
    let thread = Thread { [self] in tick(generation: mine, interval: interval) }
    thread.name = "vt progress"
    thread.start()
  }

  /// Adds `n` records (any thread).
  @inlinable
  public func add(_ n: Int) { counterAdd(n) }

  @usableFromInline
  func counterAdd(_ n: Int) { counter.add(n, ordering: .relaxed) }

  /// Records counted since `start`.
  public var count: Int { counter.load(ordering: .relaxed) }

  /// Stops drawing and clears the line. Safe to call when not started.
  public func finish() {
    condition.lock()
    let wasRunning = running
    running = false
    generation += 1
    condition.broadcast()
    let sink = self.sink
    condition.unlock()
    guard wasRunning else { return }
    if let sink {
      sink("\r\u{1B}[K")
    } else {
      Log.withTerminal {
        if ProgressLine.lineShown {
          Log.writeStandardError("\r\u{1B}[K")
          ProgressLine.lineShown = false
        }
      }
    }
  }

  /// The line for `count` records after `seconds` (no `\r`).
  public static func line(stage: String, region: String, unit: String, count: Int, seconds: Double)
    -> String
  {
    let rate = seconds > 0 ? Int(Double(count) / seconds) : 0
    return "\(stage) \(region): \(grouped(count)) \(unit), \(grouped(rate)) \(unit)/s, "
      + String(format: "%.1f s", seconds)
  }

  /// `1234567` → `1 234 567`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(" ") }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }

  private func tick(generation mine: Int, interval: Double) {
    while true {
      condition.lock()
      let deadline = Date(timeIntervalSinceNow: interval)
      while running && generation == mine && Date() < deadline {
        _ = condition.wait(until: deadline)
      }
      guard running && generation == mine else {
        condition.unlock()
        return
      }
      let text =
        "\r"
        + Self.line(
          stage: stage, region: region, unit: unit, count: count,
          seconds: Clock.monotonic() - startedAt) + "\u{1B}[K"
      let sink = self.sink
      condition.unlock()
      if let sink {
        sink(text)
      } else {
        Log.withTerminal {
          Log.writeStandardError(text)
          ProgressLine.lineShown = true
        }
      }
    }
  }
}

/// Counts records on one thread and hands them to `ProgressLine.shared` in batches of 4096.
public struct ProgressBatch {
  @usableFromInline var pending = 0

  public init() {}

  /// One record.
  @inlinable @inline(__always)
  public mutating func tick() {
    pending &+= 1
    if pending == 4096 {
      ProgressLine.shared.add(4096)
      pending = 0
    }
  }

  /// Hands over what is left.
  public mutating func flush() {
    if pending > 0 { ProgressLine.shared.add(pending) }
    pending = 0
  }
}
