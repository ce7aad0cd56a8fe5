/// The parsing side of `PipelinedXMLReader`: runs an `XMLStreamReader` on a thread of its
/// own and writes every node it reports into batches of a `ChunkQueue`.
///
/// A batch is a run of 8-byte words (native order; both sides are one process). Each node is
/// one record; a record may be cut between any two words by the end of a batch (the consumer
/// puts such a record together again), so a batch can be as small as one word and a value
/// larger than a batch simply continues in the next ones:
///
///     header     kind (bits 0–7: 1 start, 2 end, 3 text, 4 other), empty element (bit 8),
///                the node line of a start element (bits 16–31, 0 when libxml2 does not
///                know it), the parser line (bits 32–63, as libxml2's Int32)
///     start      header, name, then per attribute: name, byte count, the bytes padded to
///                whole words; a zero word ends the attributes
///     end        header, name
///     text       header, byte count, the bytes padded to whole words
///     other      header
///
/// A name is the pointer libxml2 interns in the reader's dictionary: it stays valid until
/// the reader is freed, which the consumer's reference to the `XMLStreamReader` prevents.
/// Values (text, attribute values) are copied: libxml2 may reuse their memory on the next
/// read. Every fact is taken right after `xmlTextReaderRead` returned the node, as the
/// unpipelined reader did, so lines (the parser line, and `nodeLine`, which libxml2 derives
/// from the tree as it stands) are the same.
///
/// Errors (a DOCTYPE, an entity reference, not well-formed, the input's own errors) end the
/// stream after the records before them: the batch in progress is published, then the queue
/// is finished with the error, so the consumer throws it at the same node as before. After a
/// DOCTYPE nothing more is parsed. When the consumer cancels, the producer stops at its next
/// batch or its next read of input (the stream's input checks the queue) and exits.
final class XMLNodeProducer: @unchecked Sendable {
  enum Kind: UInt64 {
    case start = 1
    case end = 2
    case text = 3
    case other = 4
  }

  /// Thrown inside the producer when the consumer has cancelled; never leaves the thread.
  struct Stopped: Error {}

  /// The stream's input, read through a check: once the consumer cancelled, the next read
  /// fails, so libxml2 stops however little output the rest of the document would give.
  final class StoppableInput: ChunkProvider {
    private let input: ChunkProvider
    private let queue: ChunkQueue

    init(_ input: ChunkProvider, queue: ChunkQueue) {
      self.input = input
      self.queue = queue
    }

    func next() throws -> UnsafeRawBufferPointer? {
      if queue.isCancelled { throw Stopped() }
      return try input.next()
    }
  }

  // Used by the producer thread only, from `run()` until it exits (the caller created the
  // stream; the thread's start orders that before).
  private let stream: XMLStreamReader
  private let queue: ChunkQueue
  @exclusivity(unchecked) private var buffer: UnsafeMutableRawPointer? = nil
  @exclusivity(unchecked) private var used = 0
  private let capacity: Int

  init(stream: XMLStreamReader, queue: ChunkQueue) {
    self.stream = stream
    self.queue = queue
    capacity = queue.bufferSize
  }

  /// Parses the whole document into the queue; the thread's body.
  func run() {
    defer { queue.producerExited() }
    do {
      while let node = try stream.next() {
        try write(node)
      }
      publish()
      queue.finish(error: nil)
    } catch is Stopped {
      // Cancelled by the consumer: nobody reads any more.
    } catch {
      publish()
      queue.finish(error: error)
    }
  }

  /// The header word of the current node.
  @inline(__always)
  private func header(_ kind: Kind, empty: Bool = false, nodeLine: Int? = nil) -> UInt64 {
    kind.rawValue | (empty ? 0x100 : 0) | UInt64(UInt16(truncatingIfNeeded: nodeLine ?? 0)) << 16
      | UInt64(UInt32(truncatingIfNeeded: stream.line)) << 32
  }

  @inline(__always)
  private func name(_ p: UnsafePointer<UInt8>?) -> UInt64 {
    UInt64(UInt(bitPattern: p))
  }

  private func write(_ node: XMLStreamReader.Node) throws {
    switch node {
    case .start(let empty):
      try word(header(.start, empty: empty, nodeLine: stream.nodeLine))
      try word(name(stream.localName))
      try stream.forEachAttribute { attribute, value in
        try word(name(attribute))
        try bytes(value)
      }
      try word(0)
    case .end:
      try word(header(.end))
      try word(name(stream.localName))
    case .text:
      try word(header(.text))
      try bytes(stream.value)
    case .other:
      try word(header(.other))
    }
  }

  // MARK: Batches

  /// Starts a new batch (publishing the full one); waits while every batch is in use.
  private func nextBuffer() throws {
    publish()
    guard let b = queue.freeBuffer() else { throw Stopped() }
    buffer = b
  }

  /// Hands the batch in progress to the consumer, if it holds anything.
  private func publish() {
    guard buffer != nil, used > 0 else { return }
    queue.publish(length: used)
    buffer = nil
    used = 0
  }

  @inline(__always)
  private func word(_ w: UInt64) throws {
    if buffer == nil || used == capacity { try nextBuffer() }
    buffer!.storeBytes(of: w, toByteOffset: used, as: UInt64.self)
    used += 8
  }

  /// The byte count, then the bytes, padded to whole words, across batches if need be.
  private func bytes(_ value: UnsafeRawBufferPointer) throws {
    try word(UInt64(value.count))
    let padded = (value.count + 7) & ~7
    var offset = 0
    while offset < padded {
      if buffer == nil || used == capacity { try nextBuffer() }
      let step = min(padded - offset, capacity - used)
      let real = min(step, value.count - offset)
      if real > 0 {
        (buffer! + used).copyMemory(from: value.baseAddress! + offset, byteCount: real)
      }
      used += step
      offset += step
    }
  }
}
