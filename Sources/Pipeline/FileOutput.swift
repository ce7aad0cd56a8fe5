import CFileSync

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of `errno`, with disk-full and permission errors spelled out.
func errnoText(_ code: Int32) -> String {
  switch code {
  case ENOSPC: return "no space left on device (disk full)"
  case EDQUOT: return "disk quota exceeded"
  case EACCES, EPERM: return "permission denied"
  case EROFS: return "read-only file system"
  default: return String(cString: strerror(code))
  }
}

/// The exit status an `errno` of a failed create or write maps to.
func status(forErrno code: Int32, creating: Bool) -> ExitStatus {
  switch code {
  case EACCES, EPERM, EROFS, ENOENT, ENOTDIR: return creating ? .cannotCreate : .ioError
  default: return .ioError
  }
}

/// A file being written through a large buffer, straight to its descriptor.
///
/// Every failed write (disk full, I/O error) becomes a `PipelineError` naming the file;
/// nothing is silently dropped.
public final class BufferedWriter {
  public let path: String
  // Not shared between threads: no dynamic exclusivity checks on the hot path.
  @exclusivity(unchecked) private var fd: Int32
  private let buffer: UnsafeMutableRawPointer
  @exclusivity(unchecked) private var used = 0
  private let capacity: Int
  /// Bytes written to the file, and up to where their writeback has been started.
  @exclusivity(unchecked) private var written = 0
  @exclusivity(unchecked) private var writebackStarted = 0

  /// Every this many bytes, the kernel is asked to start writing them to disk
  /// (`sync_file_range`, without waiting): the `fsync` of `close` then finds little left to
  /// write, instead of all of a file of hundreds of megabytes at once (the extract ended with
  /// 0.15–0.25 s of writeback of its staged files; `docs/decisions.md` 66).
  static let writebackEvery = 8 << 20

  /// Creates `path` (it must not exist) with `mode`, e.g. 0o600 for files with pseudonyms.
  public init(creating path: String, mode: mode_t = 0o644, capacity: Int = 1 << 18)
    throws
  {
    self.path = path
    self.capacity = capacity
    buffer = .allocate(byteCount: capacity, alignment: 16)
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    if fd < 0 {
      let e = errno
      buffer.deallocate()
      throw PipelineError(status(forErrno: e, creating: true), "\(path): cannot create (\(errnoText(e)))")
    }
    // The umask must not widen or narrow what the caller asked for.
    fchmod(fd, mode)
  }

  /// Opens an existing file (a device such as /dev/full, a log) for appending.
  public init(appendingTo path: String, capacity: Int = 1 << 18) throws {
    self.path = path
    self.capacity = capacity
    buffer = .allocate(byteCount: capacity, alignment: 16)
    fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    if fd < 0 {
      let e = errno
      buffer.deallocate()
      throw PipelineError(status(forErrno: e, creating: true), "\(path): cannot open (\(errnoText(e)))")
    }
  }

  deinit {
    if fd >= 0 { Glibc.close(fd) }
    buffer.deallocate()
  }

  public func write(_ text: String) throws {
    var text = text
    try text.withUTF8 { (p: UnsafeBufferPointer<UInt8>) throws in
      try write(bytes: UnsafeRawBufferPointer(p))
    }
  }

  public func write(bytes: UnsafeRawBufferPointer) throws {
    if used + bytes.count > capacity { try flush() }
    if bytes.count >= capacity {
      try writeAll(bytes)
    } else if bytes.count > 0 {
      (buffer + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
      used += bytes.count
    }
  }

  public func write(byte: UInt8) throws {
    if used >= capacity { try flush() }
    buffer.storeBytes(of: byte, toByteOffset: used, as: UInt8.self)
    used += 1
  }

  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { (p: UnsafeRawBufferPointer) throws in
      try write(bytes: p)
    }
  }

  public func flush() throws {
    guard used > 0 else { return }
    try writeAll(UnsafeRawBufferPointer(start: buffer, count: used))
    used = 0
  }

  private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        let e = errno
        if e == EINTR { continue }
        throw PipelineError(status(forErrno: e, creating: false), "\(path): write failed (\(errnoText(e)))")
      }
      offset += n
    }
    written += bytes.count
    if written - writebackStarted >= Self.writebackEvery {
      // A hint only: a file that cannot (a pipe, /dev/full) is left as it is.
      _ = vt_start_writeback(fd, Int64(writebackStarted), Int64(written - writebackStarted))
      writebackStarted = written
    }
  }

  /// Flushes, forces the data to disk and closes the file.
  public func close() throws {
    try flush()
    guard fd >= 0 else { return }
    if fsync(fd) != 0 {
      let e = errno
      if e != EINVAL && e != EROFS {
        throw PipelineError(.ioError, "\(path): cannot be synced (\(errnoText(e)))")
      }
    }
    let r = Glibc.close(fd)
    fd = -1
    if r != 0 {
      let e = errno
      throw PipelineError(.ioError, "\(path): close failed (\(errnoText(e)))")
    }
  }
}
