import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// A child process run to completion, measured: wall time, CPU time and peak memory
/// (`wait4`'s rusage), standard output to a file or /dev/null, standard error captured.
public struct Measurement: Sendable {
  public var command: String
  public var status: Int32
  public var wallSeconds: Double
  public var userSeconds: Double
  public var systemSeconds: Double
  /// Peak resident set size of the child, in bytes.
  public var peakRSS: Int
  public var stderr: String

  public var cpuSeconds: Double { userSeconds + systemSeconds }
}

enum ChildProcess {
  /// Runs `executable` with `arguments`; standard output goes to `stdout` (a path), standard
  /// error is captured (the last 64 KiB).
  static func run(
    _ executable: String, _ arguments: [String], stdout: String = "/dev/null",
    environment: [String: String]? = nil
  ) throws -> Measurement {
    let errPath = FileManager.default.temporaryDirectory.path + "/vt-bench-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).err"
    defer { unlink(errPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for e in env { free(e) } }
    var pid: pid_t = 0
    let start = Clock.monotonic()
    let r = posix_spawnp(&pid, executable, &actions, nil, argv, env)
    guard r == 0 else {
      throw PipelineError.io("cannot start \(executable): \(String(cString: strerror(r)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      if errno != EINTR { throw PipelineError.io("wait4 failed for \(executable)") }
    }
    let wall = Clock.monotonic() - start
    let err = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
    let exited = status & 0x7F == 0
    return Measurement(
      command: ([executable] + arguments).joined(separator: " "),
      status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
      wallSeconds: wall,
      userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
      systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
      peakRSS: Int(usage.ru_maxrss) * 1024,
      stderr: String(decoding: err.suffix(1 << 16), as: UTF8.self))
  }

  /// True when `name` is an executable on the PATH (or a path to one).
  static func available(_ name: String) -> Bool {
    if name.contains("/") { return access(name, X_OK) == 0 }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { access("\($0)/\(name)", X_OK) == 0 }
  }
}
