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
    let fd = try openFile()
    defer { close(fd) }
    try forEachLine(fd, from: 0, to: Int.max, firstNumber: 1, body)
  }

  /// Calls `body` with each line of part `part` of `parts` (numbered from 0), with its 1-based
  /// number in the whole file, so that the parts can be read at once on several threads. The
  /// parts are cut just after a line feed at or past every `parts`-th of the file's size and
  /// never within the first `skipLines` lines, which all belong to part 0: every line is in
  /// exactly one part, whole, and the parts in order are the file.
  public func forEachLine(
    part: Int, of parts: Int, skipLines: Int = 0,
    _ body: (UnsafeRawBufferPointer, Int) throws -> Void
  ) throws {
    precondition(parts >= 1 && part >= 0 && part < parts)
    let fd = try openFile()
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw PipelineError(.ioError, "\(path): cannot be read (\(errnoText(errno)))")
    }
    let size = Int(info.st_size)
    // Where the lines after the first `skipLines` begin; no part but the first starts before.
    let floor =
      try parts == 1 || skipLines == 0 ? 0 : lineStart(fd, after: 0, lines: skipLines, size: size)
    func cut(_ k: Int) throws -> Int {
      if k == 0 { return 0 }
      if k == parts { return size }
      return max(floor, try lineStart(fd, after: size / parts * k, lines: 1, size: size))
    }
    let from = try cut(part)
    let to = try cut(part + 1)
    guard from < to else { return }
    let before = try lineFeeds(fd, below: from)
    try forEachLine(fd, from: from, to: to, firstNumber: before + 1, body)
  }

  private func openFile() throws -> Int32 {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let e = errno
      throw PipelineError(e == ENOENT ? .noInput : .ioError, "\(path): cannot be read (\(errnoText(e)))")
    }
    return fd
  }

  /// Reads `count` bytes at `offset` into `buffer` (fewer at the end of the file).
  private func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int, count: Int)
    throws -> Int
  {
    while true {
      let n = pread(fd, buffer.baseAddress!, count, off_t(offset))
      if n >= 0 { return n }
      let e = errno
      if e != EINTR { throw PipelineError(.ioError, "\(path): read failed (\(errnoText(e)))") }
    }
  }

  /// The offset just after the `lines`-th line feed at or after `offset` (the file's size when
  /// there are fewer).
  private func lineStart(_ fd: Int32, after offset: Int, lines: Int, size: Int) throws -> Int {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var at = offset
    var left = lines
    while at < size {
      let n = try buffer.withUnsafeMutableBytes { try read(fd, $0, at: at, count: $0.count) }
      if n == 0 { break }
      let found: Int? = buffer.withUnsafeBytes { b in
        var i = 0
        while i < n, let hit = memchr(b.baseAddress! + i, 0x0A, n - i) {
          i = b.baseAddress!.distance(to: UnsafeRawPointer(hit)) + 1
          left -= 1
          if left == 0 { return i }
        }
        return nil
      }
      if let found { return at + found }
      at += n
    }
    return size
  }

  /// The number of line feeds before `offset`.
  private func lineFeeds(_ fd: Int32, below offset: Int) throws -> Int {
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var at = 0
    var count = 0
    while at < offset {
      let n = try buffer.withUnsafeMutableBytes {
        try read(fd, $0, at: at, count: min($0.count, offset - at))
      }
      if n == 0 { break }
      buffer.withUnsafeBytes { b in
        var i = 0
        while i < n, let hit = memchr(b.baseAddress! + i, 0x0A, n - i) {
          i = b.baseAddress!.distance(to: UnsafeRawPointer(hit)) + 1
          count += 1
        }
      }
      at += n
    }
    return count
  }

  /// The lines of bytes `from ..< to` (`from` is the start of a line), numbered from
  /// `firstNumber`.
  private func forEachLine(
    _ fd: Int32, from: Int, to: Int, firstNumber: Int,
    _ body: (UnsafeRawBufferPointer, Int) throws -> Void
  ) throws {
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var carry: [UInt8] = []
    var lineNumber = firstNumber - 1
    var offset = from
    while offset < to {
      let n = try buffer.withUnsafeMutableBytes {
        try read(fd, $0, at: offset, count: min(chunkSize, to - offset))
      }
      if n == 0 { break }
      offset += n
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
