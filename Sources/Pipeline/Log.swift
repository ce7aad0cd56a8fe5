import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Structured log lines (logfmt) on standard error, one per event:
///
/// `time=2026-11-23T03:00:01Z level=info stage=extract region=nog msg="…" read=3205 rejected=4`
///
/// Messages are written by the pipeline itself and never hold a bsn; record values appear
/// only in reject files, never a bsn there either. `VT_LOG_FILE` appends the same lines to a file.
public struct Log: Sendable {
  public enum Level: String, Sendable { case debug, info, warning, error }

  public let stage: String
  public let region: String

  public init(stage: String, region: String) {
    self.stage = stage
    self.region = region
  }

  public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
    write(.info, message, fields)
  }
  public func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
    write(.warning, message, fields)
  }
  public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
    write(.error, message, fields)
  }

  public func write(_ level: Level, _ message: String, _ fields: KeyValuePairs<String, String>) {
    var line = "time=\(Clock.timestamp()) level=\(level.rawValue) stage=\(stage) region=\(region) msg=\(Log.quote(message))"
    for (k, v) in fields { line += " \(k)=\(Log.quote(v))" }
    line += "\n"
    Log.emit(line)
  }

  /// Appends one line to `VT_LOG_FILE` only (not standard error): a command's failure,
  /// which it has already printed, recorded in the region's log. Stage and region come from
  /// `VT_LOG_STAGE` and `VT_LOG_REGION` (set by scripts/stage.sh), else `stage` and `-`.
  public static func recordInFile(_ level: Level, stage: String, _ message: String) {
    let environment = ProcessInfo.processInfo.environment
    guard let path = environment["VT_LOG_FILE"], !path.isEmpty else { return }
    let line =
      "time=\(Clock.timestamp()) level=\(level.rawValue) stage=\(environment["VT_LOG_STAGE"] ?? stage)"
      + " region=\(quote(environment["VT_LOG_REGION"] ?? "-")) msg=\(quote(message))\n"
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
    guard fd >= 0 else { return }
    _ = line.withCString { Glibc.write(fd, $0, strlen($0)) }
    close(fd)
  }

  /// A logfmt value: bare when it is letters, digits and `-_./:%` only; else quoted, with
  /// `\` and `"` escaped and every control character written as an escape (`\n`, `\r`,
  /// `\t`, `\u{1B}`…), so that a value — a file name from an export, say — can neither
  /// break a log line in two nor send escape sequences to the terminal that shows it.
  static func quote(_ s: String) -> String {
    if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:%".contains($0) }) { return s }
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
          out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  private static let lock = NSLock()

  /// Runs `body` holding the lock of standard error (the progress line draws under it).
  static func withTerminal(_ body: () -> Void) {
    lock.lock()
    defer { lock.unlock() }
    body()
  }

  static func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func emit(_ line: String) {
    lock.lock()
    defer { lock.unlock() }
    if ProgressLine.lineShown {
      // Clear the progress line; the next tick draws it again below this line.
      writeStandardError("\r\u{1B}[K")
      ProgressLine.lineShown = false
    }
    FileHandle.standardError.write(Data(line.utf8))
    if let path = ProcessInfo.processInfo.environment["VT_LOG_FILE"], !path.isEmpty {
      let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
      if fd >= 0 {
        _ = line.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
      }
    }
  }
}

/// The pipeline's clock. `SOURCE_DATE_EPOCH` (seconds) fixes it, for reproducible runs
/// and byte-identical comparisons in tests.
public enum Clock {
  public static func now() -> Date {
    if let s = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let t = Double(s) {
      return Date(timeIntervalSince1970: t)
    }
    return Date()
  }

  /// ISO 8601 in UTC, to the second.
  public static func timestamp(_ date: Date = now()) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: date)
  }

  /// A monotonic clock for stage timings, in seconds.
  public static func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }
}

/// The tool's version, and the git revision `make` passes in `VT_GIT_REVISION`.
public enum ToolVersion {
  public static let version = "0.1.0"
  public static var gitRevision: String? {
    ProcessInfo.processInfo.environment["VT_GIT_REVISION"].flatMap { $0.isEmpty ? nil : $0 }
  }
}
