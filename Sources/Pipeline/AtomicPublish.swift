import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A single file published whole or not at all: written aside in the same folder, synced,
/// then renamed over its final name. A crash leaves the previous file in place.
public final class AtomicFile {
  public let path: String
  public let temporaryPath: String
  public let writer: BufferedWriter
  private var done = false

  public init(path: String, mode: mode_t = 0o644) throws {
    self.path = path
    let dir = (path as NSString).deletingLastPathComponent
    try FileSystem.makeDirectory(dir.isEmpty ? "." : dir)
    let name = (path as NSString).lastPathComponent
    Self.removeLeftovers(dir: dir.isEmpty ? "." : dir, name: name)
    temporaryPath = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(getpid())-\(AtomicFile.nextSerial())"
    writer = try BufferedWriter(creating: temporaryPath, mode: mode)
  }

  deinit { if !done { unlink(temporaryPath) } }

  /// Removes `.<name>.tmp-<pid>-<n>` files of processes that no longer run (a killed run).
  static func removeLeftovers(dir: String, name: String) {
    let prefix = ".\(name).tmp-"
    guard let siblings = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
    for s in siblings where s.hasPrefix(prefix) {
      let rest = s.dropFirst(prefix.count)
      guard let pid = rest.split(separator: "-").first.flatMap({ pid_t($0) }) else { continue }
      if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
        unlink(dir + "/" + s)
      }
    }
  }

  /// Syncs the file and renames it into place.
  public func commit() throws {
    try writer.close()
    if rename(temporaryPath, path) != 0 {
      let e = errno
      throw PipelineError(status(forErrno: e, creating: true), "\(path): cannot be published (\(errnoText(e)))")
    }
    done = true
    FileSystem.syncDirectory(of: path)
  }

  /// Writes `text` to `path` atomically.
  public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
    let file = try AtomicFile(path: path, mode: mode)
    try file.writer.write(text)
    try file.commit()
  }

  nonisolated(unsafe) private static var serial = 0
  private static let serialLock = NSLock()
  static func nextSerial() -> Int {
    serialLock.lock()
    defer { serialLock.unlock() }
    serial += 1
    return serial
  }
}

/// A folder published whole or not at all: filled under a temporary name beside its final
/// place, then swapped in with one `renameat2(RENAME_EXCHANGE)` and the old one removed.
///
/// Readers see the old folder or the new one, never a mix. Leftovers of a killed run
/// (`<name>.tmp-*`) are removed when the next run starts.
public final class StagingDirectory {
  public let finalPath: String
  public let path: String
  private var done = false

  public init(final finalPath: String) throws {
    self.finalPath = finalPath
    let parent = (finalPath as NSString).deletingLastPathComponent
    let name = (finalPath as NSString).lastPathComponent
    try FileSystem.makeDirectory(parent.isEmpty ? "." : parent)
    // Leftovers of killed runs (a run holds the region's lock, so none is ours).
    if let siblings = try? FileManager.default.contentsOfDirectory(atPath: parent.isEmpty ? "." : parent) {
      for s in siblings where s.hasPrefix(".\(name).tmp-") || s.hasPrefix(".\(name).old-") {
        try? FileManager.default.removeItem(atPath: (parent.isEmpty ? "" : parent + "/") + s)
      }
    }
    path = (parent.isEmpty ? "" : parent + "/") + ".\(name).tmp-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    if mkdir(path, 0o755) != 0 {
      let e = errno
      throw PipelineError(status(forErrno: e, creating: true), "\(path): cannot create (\(errnoText(e)))")
    }
  }

  deinit { if !done { try? FileManager.default.removeItem(atPath: path) } }

  /// A path inside the staging folder.
  public func file(_ relative: String) -> String { path + "/" + relative }

  /// Swaps the filled folder into place.
  public func publish() throws {
    FileSystem.syncDirectory(path + "/.")
    if access(finalPath, F_OK) != 0 {
      if rename(path, finalPath) != 0 {
        let e = errno
        throw PipelineError(status(forErrno: e, creating: true), "\(finalPath): cannot be published (\(errnoText(e)))")
      }
    } else if FileSystem.exchange(path, finalPath) {
      // `path` now holds the previous folder.
      try? FileManager.default.removeItem(atPath: path)
    } else {
      // No RENAME_EXCHANGE (old kernel or file system): two renames, briefly no folder.
      let old = ((finalPath as NSString).deletingLastPathComponent as NSString)
        .appendingPathComponent(".\((finalPath as NSString).lastPathComponent).old-\(getpid())")
      if rename(finalPath, old) != 0 || rename(path, finalPath) != 0 {
        let e = errno
        throw PipelineError(status(forErrno: e, creating: true), "\(finalPath): cannot be published (\(errnoText(e)))")
      }
      try? FileManager.default.removeItem(atPath: old)
    }
    done = true
    FileSystem.syncDirectory(of: finalPath)
  }
}

/// Small file-system helpers.
public enum FileSystem {
  public static func makeDirectory(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.cannotCreate, "\(path): cannot create folder (\(ConfigLoader.reason(error)))")
    }
  }

  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  public static func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }

  /// Atomically swaps two paths on the same file system; false when unsupported.
  static func exchange(_ a: String, _ b: String) -> Bool {
    #if os(Linux)
      // renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE), looked up in glibc (≥ 2.28):
      // Swift cannot call the variadic syscall(2), and the Glibc module hides renameat2.
      typealias RenameAt2 = @convention(c) (
        Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
      ) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else {
        return false
      }
      let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
      let RENAME_EXCHANGE: UInt32 = 1 << 1
      let r = renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)
      return r == 0
    #else
      return false
    #endif
  }

  /// Syncs the folder holding `path`, so a rename survives a power cut.
  static func syncDirectory(of path: String) {
    let dir = (path as NSString).deletingLastPathComponent
    syncDirectory(dir.isEmpty ? "." : dir)
  }

  static func syncDirectory(_ dir: String) {
    let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd >= 0 {
      fsync(fd)
      close(fd)
    }
  }

  /// Size in bytes, or nil.
  public static func size(_ path: String) -> Int? {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : nil
  }
}

