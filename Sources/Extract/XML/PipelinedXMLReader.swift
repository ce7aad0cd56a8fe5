import Foundation
import Pipeline

/// An `XMLStreamReader` run on a thread of its own, read node by node through a bounded
/// queue of batches: libxml2 parses the next nodes while the caller maps the current ones.
///
/// Same interface and same answers as the stream reader (`next()`, `localName`, `value`,
/// `forEachAttribute`, `line`, `nodeLine`, the same errors at the same node): an
/// `XMLNodeProducer` takes every fact of a node right after libxml2 reports it and writes it
/// into a batch of a `ChunkQueue` (the format is described there); this side reads the
/// batches in order. `localName` is given for elements (start and end), `value` for text
/// nodes, `nodeLine` for element starts — what the export reader asks for. A node's facts are
/// valid until the next call of `next()`.
///
/// Memory stays bounded: `batches` batches of `batchSize` bytes (2 × 256 KiB: one filled while
/// the other is read; more measured no faster on the national benchmark and cost peak RSS),
/// plus one scratch buffer for a node cut by the end of a batch (as large as the largest such
/// node, which libxml2 held in full anyway). Threads: with the inflating thread of
/// `InputReader`, three per document.
///
/// `close()` (also run by `deinit`) cancels the producer — waiting for a free batch, or
/// reading input — and waits until its thread has left; then the stream reader (and its
/// input) may be freed. The caller must close before it closes the input.
final class PipelinedXMLReader {
  let path: String
  /// Kept until this reader goes: the names in the batches live in its dictionary.
  private let stream: XMLStreamReader
  private let queue: ChunkQueue
  private var closed = false

  // The batch being read.
  @exclusivity(unchecked) private var batch = UnsafeRawPointer(bitPattern: 8)!
  @exclusivity(unchecked) private var batchCount = 0
  @exclusivity(unchecked) private var position = 0
  // The current node: its header and where its record lies (in the batch or in scratch).
  @exclusivity(unchecked) private var header: UInt64 = 0
  @exclusivity(unchecked) private var record = UnsafeRawPointer(bitPattern: 8)!
  @exclusivity(unchecked) private var scratch: UnsafeMutableRawPointer
  @exclusivity(unchecked) private var scratchCapacity = 256
  @exclusivity(unchecked) private var scratchUsed = 0

  /// Starts parsing `input` on a new thread. `batchSize` is rounded up to whole words.
  init(input: ChunkProvider, path: String, batchSize: Int = 1 << 18, batches: Int = 2) throws {
    self.path = path
    let queue = ChunkQueue(count: max(2, batches), bufferSize: max(8, (batchSize + 7) & ~7))
    self.queue = queue
    stream = try XMLStreamReader(
      input: XMLNodeProducer.StoppableInput(input, queue: queue), path: path)
    scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchCapacity, alignment: 8)
    let producer = XMLNodeProducer(stream: stream, queue: queue)
    let thread = Thread { producer.run() }
    thread.name = "vt-extract xml"
    thread.start()
  }

  deinit {
    close()
    scratch.deallocate()
  }

  /// Stops the parsing thread and waits for it. Safe to call more than once.
  func close() {
    guard !closed else { return }
    closed = true
    queue.cancelAndWait()
  }

  // MARK: Nodes

  /// The next node; nil at the end of the document. Throws what the stream reader threw
  /// there (a DOCTYPE, an entity reference, not well-formed, a read error).
  func next() throws -> XMLStreamReader.Node? {
    if position == batchCount {
      guard try takeBatch() else { return nil }
    }
    if let end = recordEnd(from: position) {
      record = batch + position
      position = end
    } else {
      try gather()
    }
    header = record.load(as: UInt64.self)
    switch header & 0xFF {
    case XMLNodeProducer.Kind.start.rawValue: return .start(empty: header & 0x100 != 0)
    case XMLNodeProducer.Kind.end.rawValue: return .end
    case XMLNodeProducer.Kind.text.rawValue: return .text
    default: return .other
    }
  }

  /// The parser line when the node was read (for errors; it may be ahead of the node).
  var line: Int { Int(Int32(bitPattern: UInt32(truncatingIfNeeded: header >> 32))) }

  /// The line of an element start, where libxml2 knows it exactly (below 65535).
  var nodeLine: Int? {
    let l = Int((header >> 16) & 0xFFFF)
    return l > 0 ? l : nil
  }

  /// The interned local name of an element (start or end).
  var localName: UnsafePointer<UInt8>? {
    let kind = header & 0xFF
    guard kind == XMLNodeProducer.Kind.start.rawValue || kind == XMLNodeProducer.Kind.end.rawValue
    else { return nil }
    return UnsafePointer(bitPattern: UInt(record.load(fromByteOffset: 8, as: UInt64.self)))
  }

  /// The bytes of a text node.
  var value: UnsafeRawBufferPointer {
    guard header & 0xFF == XMLNodeProducer.Kind.text.rawValue else {
      return UnsafeRawBufferPointer(start: nil, count: 0)
    }
    let n = Int(record.load(fromByteOffset: 8, as: UInt64.self))
    return UnsafeRawBufferPointer(start: record + 16, count: n)
  }

  /// Calls `body` with each attribute's local name and value (namespace declarations were
  /// left out by the stream reader), in document order.
  func forEachAttribute(
    _ body: (UnsafePointer<UInt8>, UnsafeRawBufferPointer) throws -> Void
  ) rethrows {
    guard header & 0xFF == XMLNodeProducer.Kind.start.rawValue else { return }
    var o = 16
    while let name = UnsafePointer<UInt8>(bitPattern: UInt(record.load(fromByteOffset: o, as: UInt64.self))) {
      let n = Int(record.load(fromByteOffset: o + 8, as: UInt64.self))
      try body(name, UnsafeRawBufferPointer(start: record + o + 16, count: n))
      o += 16 + (n + 7) & ~7
    }
  }

  // MARK: Batches

  /// Takes the next batch (giving the current one back); false at the end of the stream.
  private func takeBatch() throws -> Bool {
    while let chunk = try queue.next() {
      guard chunk.count > 0 else { continue }
      batch = UnsafeRawPointer(chunk.baseAddress!)
      batchCount = chunk.count
      position = 0
      return true
    }
    batchCount = 0
    position = 0
    return false
  }

  @inline(__always)
  private func word(_ o: Int) -> UInt64 { batch.load(fromByteOffset: o, as: UInt64.self) }

  /// Where the record at `start` ends, if it lies wholly in the batch.
  @inline(__always)
  private func recordEnd(from start: Int) -> Int? {
    switch word(start) & 0xFF {
    case XMLNodeProducer.Kind.start.rawValue:
      var o = start + 16
      while o + 8 <= batchCount {
        if word(o) == 0 { return o + 8 }
        guard o + 16 <= batchCount else { return nil }
        o += 16 + (Int(word(o + 8)) + 7) & ~7
      }
      return nil
    case XMLNodeProducer.Kind.text.rawValue:
      guard start + 16 <= batchCount else { return nil }
      let end = start + 16 + (Int(word(start + 8)) + 7) & ~7
      return end <= batchCount ? end : nil
    case XMLNodeProducer.Kind.end.rawValue:
      return start + 16 <= batchCount ? start + 16 : nil
    default:
      return start + 8
    }
  }

  /// Copies the record at `position`, cut by the end of its batch, into the scratch buffer,
  /// taking the following batches as far as it reaches.
  private func gather() throws {
    scratchUsed = 0
    try copy(8)
    switch scratch.load(as: UInt64.self) & 0xFF {
    case XMLNodeProducer.Kind.start.rawValue:
      try copy(8)
      while true {
        try copy(8)
        if scratch.load(fromByteOffset: scratchUsed - 8, as: UInt64.self) == 0 { break }
        try copy(8)
        try copy((Int(scratch.load(fromByteOffset: scratchUsed - 8, as: UInt64.self)) + 7) & ~7)
      }
    case XMLNodeProducer.Kind.text.rawValue:
      try copy(8)
      try copy((Int(scratch.load(fromByteOffset: scratchUsed - 8, as: UInt64.self)) + 7) & ~7)
    case XMLNodeProducer.Kind.end.rawValue:
      try copy(8)
    default:
      break
    }
    record = UnsafeRawPointer(scratch)
  }

  /// Appends the next `count` bytes of the stream to the scratch buffer.
  private func copy(_ count: Int) throws {
    growRawBuffer(
      &scratch, capacity: &scratchCapacity, used: scratchUsed, needed: scratchUsed + count,
      alignment: 8)
    var left = count
    while left > 0 {
      if position == batchCount {
        guard try takeBatch() else {
          throw PipelineError.internal("\(path): the parsed nodes end inside a node")
        }
      }
      let step = min(left, batchCount - position)
      (scratch + scratchUsed).copyMemory(from: batch + position, byteCount: step)
      scratchUsed += step
      position += step
      left -= step
    }
  }
}
