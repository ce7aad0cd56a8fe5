import CZlib
import Pipeline

/// A gzip stream (RFC 1952) over another sink: a fixed header (no name, mtime 0) so the same
/// input gives the same bytes, raw deflate from zlib, then CRC-32 and length.
final class GzipSink: ByteSink {
  private let inner: ByteSink
  /// On the heap: zlib keeps a pointer back to its stream and checks it on every call.
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var crc: UInt = 0
  private var length: UInt64 = 0
  private var output = [UInt8](repeating: 0, count: 1 << 16)
  private var open = false

  init(over inner: ByteSink) {
    self.inner = inner
    stream.initialize(to: z_stream())
  }

  private func start() throws {
    // Raw deflate (negative window bits): the header and trailer are written here.
    let status = deflateInit2_(
      stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw PipelineError(.internalError, "zlib: deflateInit2 failed (\(status))")
    }
    // Magic, deflate, no flags, mtime 0, no extra flags, OS unknown.
    let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
    try header.withUnsafeBytes { try inner.write($0) }
    open = true
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    if !open { try start() }
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
    length &+= UInt64(bytes.count)
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: base.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(bytes.count)
    try pump(flush: Z_NO_FLUSH)
  }

  private func pump(flush: Int32) throws {
    let capacity = output.count
    repeat {
      let (status, produced): (Int32, Int) = output.withUnsafeMutableBytes { out in
        stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)
        let s = deflate(stream, flush)
        return (s, capacity - Int(stream.pointee.avail_out))
      }
      guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
        throw PipelineError(.internalError, "zlib: deflate failed (\(status))")
      }
      if produced > 0 {
        try output.withUnsafeBytes {
          try inner.write(UnsafeRawBufferPointer(rebasing: $0[0..<produced]))
        }
      }
      if flush == Z_FINISH {
        if status == Z_STREAM_END { break }
      } else if stream.pointee.avail_out != 0 {
        break
      }
    } while true
  }

  func close() throws -> Int {
    if !open { try start() }
    stream.pointee.next_in = nil
    stream.pointee.avail_in = 0
    try pump(flush: Z_FINISH)
    deflateEnd(stream)
    open = false
    var trailer: [UInt8] = []
    let c = UInt32(truncatingIfNeeded: crc)
    let n = UInt32(truncatingIfNeeded: length)
    for shift in stride(from: 0, to: 32, by: 8) {
      trailer.append(UInt8(truncatingIfNeeded: c >> UInt32(shift)))
    }
    for shift in stride(from: 0, to: 32, by: 8) {
      trailer.append(UInt8(truncatingIfNeeded: n >> UInt32(shift)))
    }
    try trailer.withUnsafeBytes { try inner.write($0) }
    return try inner.close()
  }

  deinit {
    if open { deflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
  }
}
