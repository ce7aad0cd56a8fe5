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

  /// A run of whole lines of a file: bytes `from ..< to`, the first of them line number
  /// `firstNumber` of the file.
  public struct Part: Sendable, Equatable {
    public let from: Int
    public let to: Int
    public let firstNumber: Int
  }

  /// The file cut into at most `count` parts of about equal size, so that several threads can
  /// read one each (`forEachLine(in:)`): each cut just after a line feed at or past a
  /// `count`-th of the file's size, never within the first `skipLines` lines (all in the first
  /// part). Every line is in exactly one part, whole, and the parts in order are the file; an
  /// empty file has none. One read of the file, counting the lines before each cut.
  public func parts(_ count: Int, skipLines: Int = 0) throws -> [Part] {
    precondition(count >= 1)
    let fd = try openFile()
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw PipelineError(.ioError, "\(path): cannot be read (\(errnoText(errno)))")
    }
    let size = Int(info.st_size)
    guard size > 0 else { return [] }
    // Cut k (1 ..< count) is the first line start at or past k × size / count, after the
    // first `skipLines` lines.
    var cuts: [(offset: Int, number: Int)] = [(0, 1)]
    var next = 1
    var lineFeeds = 0
    var buffer = [UInt8](repeating: 0, count: chunkSize)
    var offset = 0
    scan: while offset < size && next < count {
      let n = try buffer.withUnsafeMutableBytes { try read(fd, $0, at: offset, count: $0.count) }
      if n == 0 { break }
      buffer.withUnsafeBytes { b in
        var i = 0
        while i < n, let hit = memchr(b.baseAddress! + i, 0x0A, n - i) {
          i = b.baseAddress!.distance(to: UnsafeRawPointer(hit)) + 1
          lineFeeds += 1
          let start = offset + i
          while next < count && lineFeeds >= skipLines && start >= size / count * next {
            if start < size && start > cuts.last!.offset { cuts.append((start, lineFeeds + 1)) }
            next += 1
          }
          if next == count { return }
        }
      }
      if next == count { break scan }
      offset += n
    }
    return cuts.indices.map { k in
      Part(
        from: cuts[k].offset, to: k + 1 < cuts.count ? cuts[k + 1].offset : size,
        firstNumber: cuts[k].number)
    }
  }

  /// Calls `body` with each line of `part` (one of `parts(_:skipLines:)`) and its number in
  /// the file.
  public func forEachLine(in part: Part, _ body: (UnsafeRawBufferPointer, Int) throws -> Void)
    throws
  {
    let fd = try openFile()
    defer { close(fd) }
    try forEachLine(fd, from: part.from, to: part.to, firstNumber: part.firstNumber, body)
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
