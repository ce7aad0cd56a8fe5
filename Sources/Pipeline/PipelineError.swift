/// The exit statuses of every vt-* command (documented in the README, "Exit codes").
///
/// They follow sysexits(3) where one fits, so cron mail and `make` tell a broken export
/// from a broken configuration or a full disk.
public enum ExitStatus: Int32, Sendable, CaseIterable {
  /// Everything succeeded.
  case ok = 0
  /// The export was read, but more records were rejected than the pipeline allows.
  case rejectThreshold = 3
  /// The kwaliteitsrapport found a `fout` and the pipeline's policy fails on it.
  case qualityFailed = 4
  /// Wrong command line (EX_USAGE).
  case usage = 64
  /// An input file cannot be read as a whole: truncated gzip, XML not well-formed,
  /// wrong encoding, missing required column (EX_DATAERR).
  case unreadableInput = 65
  /// An input folder or file is missing (EX_NOINPUT).
  case noInput = 66
  /// A bug: an invariant of the pipeline itself failed (EX_SOFTWARE).
  case internalError = 70
  /// An output cannot be created: read-only folder, no permission (EX_CANTCREAT).
  case cannotCreate = 73
  /// Reading or writing failed midway: disk full, I/O error (EX_IOERR).
  case ioError = 74
  /// Try again later (EX_TEMPFAIL): another run holds the lock, or an export changed while
  /// it was being read (it is still being delivered).
  case locked = 75
  /// The pipeline configuration, a layout or the reference data is invalid (EX_CONFIG).
  case config = 78
}

/// An error that stops a stage, with the exit status it maps to and a located message.
///
/// Messages follow the compiler style `file:line: what is wrong` and never hold a bsn.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
  public let status: ExitStatus
  public let message: String

  public init(_ status: ExitStatus, _ message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { message }

  public static func config(_ message: String) -> PipelineError { .init(.config, message) }
  public static func unreadable(_ message: String) -> PipelineError {
    .init(.unreadableInput, message)
  }
  public static func noInput(_ message: String) -> PipelineError { .init(.noInput, message) }
  public static func io(_ message: String) -> PipelineError { .init(.ioError, message) }
  public static func cannotCreate(_ message: String) -> PipelineError {
    .init(.cannotCreate, message)
  }
  /// An input changed while it was being read (exit 75: try again later).
  public static func inputChanged(_ message: String) -> PipelineError { .init(.locked, message) }
  public static func `internal`(_ message: String) -> PipelineError {
    .init(.internalError, message)
  }
}
