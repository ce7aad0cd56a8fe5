import Foundation

/// A bounded ring of byte buffers handed from one producing thread to one consuming thread.
///
/// The producer fills buffers in ring order and publishes them; the consumer takes them in
/// the same order and gives each back when it asks for the next one. At most `count` buffers
/// exist, so memory stays bounded however fast either side runs, and the two sides overlap
/// on two cores. Two pipelines use it: `InputReader` (the reading and inflating thread hands
/// decompressed bytes to the parser) and `PipelinedXMLReader` (the libxml2 thread hands
/// batches of parsed nodes to the record mapping).
final class ChunkQueue: StreamEnds, @unchecked Sendable {
  let bufferSize: Int
  private let buffers: [UnsafeMutableRawPointer]
  private var lengths: [Int]
  /// Buffers published so far (monotonic).
  private var produced = 0
  /// Buffers given back by the consumer (monotonic).
  private var released = 0
  /// Buffers handed to the consumer (monotonic).
  private var taken = 0

  init(count: Int = 4, bufferSize: Int = 1 << 18) {
    self.bufferSize = bufferSize
    buffers = (0..<count).map { _ in
      UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 16)
    }
    lengths = Array(repeating: 0, count: count)
    super.init()
  }

  deinit { for b in buffers { b.deallocate() } }

  // MARK: Producer side

  /// The next free buffer to fill, or nil when the consumer cancelled.
  func freeBuffer() -> UnsafeMutableRawPointer? {
    condition.lock()
    defer { condition.unlock() }
    while produced - released >= buffers.count && !cancelled { condition.wait() }
    return cancelled ? nil : buffers[produced % buffers.count]
  }

  /// Publishes the buffer last returned by `freeBuffer` holding `length` bytes.
  func publish(length: Int) {
    condition.lock()
    lengths[produced % buffers.count] = length
    produced += 1
    condition.broadcast()
    condition.unlock()
  }

  // MARK: Consumer side

  /// The next published chunk (giving back the previous one), nil at the end, or the error
  /// that ended the stream.
  func next() throws -> UnsafeRawBufferPointer? {
    condition.lock()
    defer { condition.unlock() }
    if taken > released {
      released = taken
      condition.broadcast()
    }
    while taken == produced && !finished { condition.wait() }
    if taken < produced {
      let i = taken % buffers.count
      taken += 1
      return UnsafeRawBufferPointer(start: buffers[i], count: lengths[i])
    }
    if let failure { throw failure }
    return nil
  }
}
