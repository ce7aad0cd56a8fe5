import CZlib
import Crypto
import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// One export file as a stream of decompressed byte chunks.
///
/// A second thread reads the file in large blocks, computes its SHA-256 on the way, inflates
/// it through zlib when it starts with the gzip magic bytes (whatever its name), and hands
/// the chunks over through a bounded `ChunkQueue`; the caller parses while the next chunk
/// inflates. Several concatenated gzip members are read as one stream (as `gzip -dc` does).
/// A truncated or corrupt stream fails with the file name and the byte offset.
public final class InputReader: @unchecked Sendable {
  /// The path as given (used in messages).
  public let path: String
  private let fd: Int32
  private let queue: ChunkQueue
  private let rawChunkSize: Int
  // Written by the producer thread before it finishes the queue; read after the end.
  @exclusivity(unchecked) private var rawBytes = 0
  @exclusivity(unchecked) private var digest = ""
  @exclusivity(unchecked) private var gzip = false
  @exclusivity(unchecked) private var closed = false

  /// Opens `path`; fails with exit status 66 when it is missing, 74 when it cannot be read.
  public init(path: String, chunkSize: Int = 1 << 18, buffers: Int = 4) throws {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      let e = errno
      throw PipelineError(
        e == ENOENT ? .noInput : .ioError,
        "\(path): cannot be read (\(String(cString: strerror(e))))")
    }
    self.fd = fd
    rawChunkSize = chunkSize
    queue = ChunkQueue(count: buffers, bufferSize: chunkSize)
    let thread = Thread { [self] in
      produce()
      queue.producerExited()
    }
    thread.name = "vt-extract inflate"
    thread.start()
  }

  deinit {
    close()
  }

  /// The next chunk of decompressed bytes, valid until the next call; nil at the end.
  public func next() throws -> UnsafeRawBufferPointer? {
    try queue.next()
  }

  /// Stops reading and releases the file. Safe to call more than once.
  public func close() {
    guard !closed else { return }
    closed = true
    queue.cancelAndWait()
    Glibc.close(fd)
  }

  /// The size of the file on disk (compressed), valid after the last chunk was read.
  public var fileBytes: Int { rawBytes }
  /// The SHA-256 of the file on disk (64 hex digits), valid after the last chunk was read.
  public var sha256: String { digest }
  /// True when the file is gzip-compressed (by its magic bytes), valid after the first chunk.
  public var isGzip: Bool { gzip }

  // MARK: Producer (second thread)

  private func produce() {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: rawChunkSize, alignment: 16)
    defer { raw.deallocate() }
    var hasher = SHA256()
    do {
      var n = try readRaw(into: raw, capacity: rawChunkSize, hasher: &hasher)
      gzip = n >= 2 && raw.load(fromByteOffset: 0, as: UInt8.self) == 0x1F
        && raw.load(fromByteOffset: 1, as: UInt8.self) == 0x8B
      if gzip {
        try inflateAll(raw: raw, initial: n, hasher: &hasher)
      } else {
        // Plain: hand the file over as read.
        while n > 0 {
          guard let out = queue.freeBuffer() else { return }
          out.copyMemory(from: raw, byteCount: n)
          queue.publish(length: n)
          n = try readRaw(into: raw, capacity: rawChunkSize, hasher: &hasher)
        }
      }
      digest = Hex.string(hasher.finalize())
      queue.finish(error: nil)
    } catch {
      queue.finish(error: error)
    }
  }

  /// Reads up to `capacity` bytes (fewer only at the end of the file), hashing them.
  private func readRaw(
    into buffer: UnsafeMutableRawPointer, capacity: Int, hasher: inout SHA256
  ) throws -> Int {
    var filled = 0
    while filled < capacity {
      let n = read(fd, buffer + filled, capacity - filled)
      if n < 0 {
        let e = errno
        if e == EINTR { continue }
        throw PipelineError.io("\(path): read failed at byte \(rawBytes + filled) (\(String(cString: strerror(e))))")
      }
      if n == 0 { break }
      filled += n
    }
    if filled > 0 {
      hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: filled))
    }
    rawBytes += filled
    return filled
  }

  private func inflateAll(raw: UnsafeMutableRawPointer, initial: Int, hasher: inout SHA256) throws {
    // zlib keeps a pointer back to its z_stream: it must not move while in use.
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
      inflateEnd(stream)
      stream.deinitialize(count: 1)
      stream.deallocate()
    }
    // 15 + 16: a window of 32 KiB, gzip header and trailer only.
    guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw PipelineError.internal("\(path): zlib could not be initialised") }

    stream.pointee.next_in = raw.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_in = UInt32(initial)
    var endOfFile = initial < rawChunkSize
    var memberEnded = false
    var out: UnsafeMutableRawPointer? = nil
    var filled = 0

    while true {
      if out == nil {
        guard let b = queue.freeBuffer() else { return }
        out = b
        filled = 0
      }
      if stream.pointee.avail_in == 0 && !endOfFile {
        let n = try readRaw(into: raw, capacity: rawChunkSize, hasher: &hasher)
        stream.pointee.next_in = raw.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = UInt32(n)
        if n < rawChunkSize { endOfFile = true }
      }
      if memberEnded {
        if stream.pointee.avail_in == 0 && endOfFile { break }
        // More bytes after a complete member: another member must follow (gzip -dc reads
        // concatenated members); anything else is reported by inflate as a bad header.
        inflateReset(stream)
        memberEnded = false
      }
      let before = filled
      stream.pointee.next_out = (out! + filled).assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_out = UInt32(queue.bufferSize - filled)
      let status = inflate(stream, Z_NO_FLUSH)
      filled = queue.bufferSize - Int(stream.pointee.avail_out)
      switch status {
      case Z_OK:
        break
      case Z_STREAM_END:
        memberEnded = true
      case Z_BUF_ERROR where stream.pointee.avail_in == 0 && endOfFile && filled == before:
        throw PipelineError.unreadable(
          "\(path): truncated gzip stream: the file ends at byte \(rawBytes) before the end of the compressed data")
      case Z_BUF_ERROR:
        break
      default:
        let offset = rawBytes - Int(stream.pointee.avail_in)
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw PipelineError.unreadable("\(path): corrupt gzip data near byte \(offset): \(reason)")
      }
      if filled == queue.bufferSize {
        queue.publish(length: filled)
        out = nil
      }
    }
    if let _ = out, filled > 0 { queue.publish(length: filled) }
  }
}
