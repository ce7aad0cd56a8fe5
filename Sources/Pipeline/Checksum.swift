import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// SHA-256 checksums of files and folders of files.
public enum Checksum {
  /// The SHA-256 of the file at `path`, as 64 hex digits.
  public static func sha256(file path: String) throws -> String {
    var hasher = SHA256()
    try feed(file: path, into: &hasher)
    return hex(hasher.finalize())
  }

  /// One SHA-256 over several files: for each, in the given order, its name, size and content.
  public static func sha256(files: [(name: String, path: String)]) throws -> String {
    var hasher = SHA256()
    for (name, path) in files {
      hasher.update(data: Array("\(name)\u{0}\(FileSystem.size(path) ?? -1)\u{0}".utf8))
      try feed(file: path, into: &hasher)
    }
    return hex(hasher.finalize())
  }

  /// The SHA-256 of `bytes`.
  public static func sha256(_ bytes: some DataProtocol) -> String {
    hex(SHA256.hash(data: bytes))
  }

  static func feed(file path: String, into hasher: inout SHA256) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let e = errno
      throw PipelineError(e == ENOENT ? .noInput : .ioError, "\(path): cannot be read (\(errnoText(e)))")
    }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1 << 18)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        let e = errno
        if e == EINTR { continue }
        throw PipelineError(.ioError, "\(path): read failed (\(errnoText(e)))")
      }
      if n == 0 { break }
      buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
  }

  static func hex(_ digest: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in digest {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
