/// Anything that hands out a stream as byte chunks, each valid until the next call.
public protocol ChunkProvider: AnyObject {
  /// The next chunk; nil at the end of the stream.
  func next() throws -> UnsafeRawBufferPointer?
}

extension InputReader: ChunkProvider {}

/// Chunks cut from bytes in memory (tests and benchmarks; any chunk size, to exercise the
/// boundaries).
public final class MemoryChunks: ChunkProvider {
  private let bytes: [UInt8]
  private let chunkSize: Int
  private var offset = 0
  private var scratch: [UInt8] = []

  public init(_ bytes: [UInt8], chunkSize: Int = 1 << 18) {
    self.bytes = bytes
    self.chunkSize = max(1, chunkSize)
  }

  public func next() throws -> UnsafeRawBufferPointer? {
    guard offset < bytes.count else { return nil }
    let end = min(bytes.count, offset + chunkSize)
    scratch = Array(bytes[offset..<end])
    offset = end
    return scratch.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: $0.count) }
  }
}
