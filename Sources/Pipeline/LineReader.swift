#if canImport(Glibc)
  import Glibc
#endif

/// Reads a plain (uncompressed) file line by line in large chunks, without a `String` per line.
///
/// For the stage hand-over files, which the pipeline wrote itself; export files go through
/// the extract stage's own readers (gzip, encodings, CSV quoting).
public struct LineReader {
  public let path: String
  let chunkSize: Int

  public init(path: String, chunkSize: Int = 1 << 18) {
    self.path = path
    self.chunkSize = chunkSize
  }

  /// Calls `body` with each line (without its `\n` or `\r\n`) and its 1-based number.
  public func forEachLine(
    _ body: (UnsafeRawBufferPointer, Int) throws -> Void
  ) throws {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let e = errno
      throw PipelineError(e == ENOENT ? .noInput : .ioError, "\(path): cannot be read (\(errnoText(e)))")
    }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var carry: [UInt8] = []
    var lineNumber = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, chunkSize) }
      if n < 0 {
        let e = errno
        if e == EINTR { continue }
        throw PipelineError(.ioError, "\(path): read failed (\(errnoText(e)))")
      }
      if n == 0 { break }
      try buffer.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
        let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<n])
        var start = 0
        while start < n, let hit = memchr(chunk.baseAddress! + start, 0x0A, n - start) {
          let nl = chunk.baseAddress!.distance(to: UnsafeRawPointer(hit))
          lineNumber += 1
          if carry.isEmpty {
            try emit(UnsafeRawBufferPointer(rebasing: chunk[start..<nl]), lineNumber, body)
          } else {
            carry.append(contentsOf: chunk[start..<nl])
            let line = carry
            carry.removeAll(keepingCapacity: true)
            try line.withUnsafeBytes { (l: UnsafeRawBufferPointer) throws in
              try emit(l, lineNumber, body)
            }
          }
          start = nl + 1
        }
        carry.append(contentsOf: chunk[start..<n])
      }
    }
    if !carry.isEmpty {
      lineNumber += 1
      try carry.withUnsafeBytes { (l: UnsafeRawBufferPointer) throws in
        try emit(l, lineNumber, body)
      }
    }
  }

  private func emit(
    _ line: UnsafeRawBufferPointer, _ number: Int,
    _ body: (UnsafeRawBufferPointer, Int) throws -> Void
  ) throws {
    if let last = line.last, last == 0x0D {
      try body(UnsafeRawBufferPointer(rebasing: line[0..<(line.count - 1)]), number)
    } else {
      try body(line, number)
    }
  }
}
