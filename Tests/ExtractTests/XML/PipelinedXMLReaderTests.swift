import Foundation
import Pipeline
import Testing

@testable import Extract

/// What both readers answer for a node, so a test can read either.
protocol XMLNodeSource {
  func next() throws -> XMLStreamReader.Node?
  var localName: UnsafePointer<UInt8>? { get }
  var value: UnsafeRawBufferPointer { get }
  var line: Int { get }
  var nodeLine: Int? { get }
  func forEachAttribute(_ body: (UnsafePointer<UInt8>, UnsafeRawBufferPointer) throws -> Void) rethrows
}

extension XMLStreamReader: XMLNodeSource {}
extension PipelinedXMLReader: XMLNodeSource {}

/// A chunk provider that counts how often it is asked (from any thread).
final class CountingChunks: ChunkProvider, @unchecked Sendable {
  private let inner: MemoryChunks
  private let lock = NSLock()
  private var calls = 0

  init(_ bytes: [UInt8], chunkSize: Int) { inner = MemoryChunks(bytes, chunkSize: chunkSize) }

  func next() throws -> UnsafeRawBufferPointer? {
    lock.withLock { calls += 1 }
    return try inner.next()
  }

  var count: Int { lock.withLock { calls } }
}

@Suite struct PipelinedXMLReaderTests {
  /// Every node as text: what the export reader asks of it (the name of an element, the
  /// value of a text, the attributes of a start, the node line of a start, the parser line).
  static func trace(_ r: some XMLNodeSource) throws -> [String] {
    var out: [String] = []
    while let one = try traceOne(r) { out.append(one) }
    return out
  }

  /// The trace up to an error, and the error's message.
  static func run(_ r: some XMLNodeSource) -> (trace: [String], error: String?) {
    var out: [String] = []
    do {
      while let one = try traceOne(r) { out.append(one) }
      return (out, nil)
    } catch let e as PipelineError {
      return (out, e.message)
    } catch {
      return (out, "\(error)")
    }
  }

  static func traceOne(_ r: some XMLNodeSource) throws -> String? {
    guard let node = try r.next() else { return nil }
    switch node {
    case .start(let empty):
      var s = "<\(String(cString: r.localName!))"
      r.forEachAttribute { n, v in s += " \(String(cString: n))=\(String(decoding: v, as: UTF8.self))" }
      return s + (empty ? "/>" : ">") + " @\(r.nodeLine.map(String.init) ?? "-"):\(r.line)"
    case .end: return "</\(String(cString: r.localName!))> :\(r.line)"
    case .text: return "\"\(String(decoding: r.value, as: UTF8.self))\" :\(r.line)"
    case .other: return "other :\(r.line)"
    }
  }

  static func direct(_ text: String, chunk: Int = 4096) throws -> XMLStreamReader {
    try XMLStreamReader(input: MemoryChunks(Array(text.utf8), chunkSize: chunk), path: "t.xml")
  }

  static func piped(_ text: String, chunk: Int = 4096, batch: Int, batches: Int = 4) throws
    -> PipelinedXMLReader
  {
    try PipelinedXMLReader(
      input: MemoryChunks(Array(text.utf8), chunkSize: chunk), path: "t.xml", batchSize: batch,
      batches: batches)
  }

  static let document = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!-- an export -->
    <vtExport peildatum="2022-01-05" xmlns:x="urn:x">
      <casus id="C&amp;1" x:extra="&#65;">
        <melding id="M1" ontvangst="2021-01-04"
                 gemeente="GM0014"><aard> partner&lt;geweld </aard><![CDATA[a <b> c]]></melding>
        <?pi data?>
        <leeg/>
        <tekst>\(String(repeating: "0123456789", count: 30))</tekst>
      </casus>
    </vtExport>
    """

  @Test func aSmallDocumentNodeByNode() throws {
    // Node lines by hand: the line of each start tag.
    let r = try Self.piped(
      "<a x=\"1\" y=\"&amp;\">\n<b/>\n<c>t</c><!--k-->\n</a>\n", chunk: 2, batch: 8)
    let trace = try Self.trace(r)
    #expect(trace.count == 7)
    #expect(trace[0].hasPrefix("<a x=1 y=&> @1:"))
    #expect(trace[1].hasPrefix("<b/> @2:"))
    #expect(trace[2].hasPrefix("<c> @3:"))
    #expect(trace[3].hasPrefix("\"t\""))
    #expect(trace[4].hasPrefix("</c>"))
    #expect(trace[5].hasPrefix("other"))
    #expect(trace[6].hasPrefix("</a>"))
  }

  @Test func sameNodesAsTheStreamReaderAtEveryBatchSize() throws {
    let expected = try Self.trace(Self.direct(Self.document))
    // 16 nodes: 2 comments and a PI (other), 6 starts, 5 ends (<leeg/> has none), 3 texts.
    #expect(expected.count == 16)
    #expect(expected.contains { $0.hasPrefix("<casus id=C&1 extra=A> @4:") })
    for batch in [8, 16, 24, 40, 64, 100, 1000, 1 << 18] {
      for chunk in [1, 7, 4096] {
        let got = try Self.trace(Self.piped(Self.document, chunk: chunk, batch: batch, batches: 2))
        let again = try Self.trace(Self.direct(Self.document, chunk: chunk))
        #expect(got == again, "batch \(batch), chunk \(chunk)")
      }
    }
  }

  @Test func valuesLargerThanABatch() throws {
    let text = String(repeating: "abcdefghij", count: 1_000) + "xyz"  // 10 003 bytes
    let attribute = String(repeating: "q", count: 5_001)
    let doc = "<a v=\"\(attribute)\" w=\"2\"><b>\(text)</b><c v=\"\"/></a>"
    for batch in [8, 64, 1000] {
      let r = try Self.piped(doc, batch: batch)
      var names: [String] = []
      var values: [Int] = []
      while let node = try r.next() {
        switch node {
        case .start:
          r.forEachAttribute { n, v in
            names.append(String(cString: n))
            values.append(v.count)
          }
          // A second pass gives the attributes again (the record is whole, even when cut).
          var again = 0
          r.forEachAttribute { _, _ in again += 1 }
          #expect(again == ["a": 2, "b": 0, "c": 1][String(cString: r.localName!)])
        case .text:
          #expect(String(decoding: r.value, as: UTF8.self) == text)
        default:
          break
        }
      }
      #expect(names == ["v", "w", "v"])
      #expect(values == [5_001, 1, 0])
    }
  }

  @Test func anErrorInTheMiddleOfABatchComesAfterTheNodesBeforeIt() throws {
    // Line 1 <a>, lines 2–201 <b/>, 202 <c>t</c>, 203 <d>, 204 the mismatched </a>: long
    // enough that libxml2 reports nodes before it reaches the error.
    let doc = "<a>\n" + String(repeating: "<b x=\"1\"/>\n", count: 200) + "<c>t</c>\n<d>\n</a>\n"
    let expected = Self.run(try Self.direct(doc))
    #expect(expected.trace.count > 10)
    #expect(expected.trace.first?.hasPrefix("<a> @1:") == true)
    #expect(expected.error?.hasPrefix("t.xml:204: XML not well-formed") == true)
    for batch in [8, 24, 1 << 18] {
      let got = Self.run(try Self.piped(doc, batch: batch))
      #expect(got.trace == expected.trace, "batch \(batch)")
      #expect(got.error == expected.error, "batch \(batch)")
    }
  }

  @Test func aDoctypeEndsTheNodesWhereItStands() throws {
    let doc = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>\n"
    let expected = Self.run(try Self.direct(doc))
    // The parser line: libxml2 has read the small document to its end (line 5).
    #expect(expected.error?.hasPrefix("t.xml:5: the document has a DOCTYPE") == true)
    for batch in [8, 1 << 18] {
      let got = Self.run(try Self.piped(doc, batch: batch))
      // Only the comment before it; nothing of <a>.
      #expect(got.trace.count == 1 && got.trace[0].hasPrefix("other"))
      #expect(got.error == expected.error)
    }
  }

  @Test func anInputErrorIsThrownAtItsPlace() throws {
    struct Broken: Error {}
    final class FailingChunks: ChunkProvider {
      var served = false
      let bytes = Array("<a><b>1</b>".utf8)
      func next() throws -> UnsafeRawBufferPointer? {
        if served { throw Broken() }
        served = true
        return bytes.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: $0.count) }
      }
    }
    let r = try PipelinedXMLReader(input: FailingChunks(), path: "t.xml", batchSize: 8)
    #expect(throws: Broken.self) { while try r.next() != nil {} }
  }

  /// A long document read by a consumer that stops after three nodes.
  static let long = "<a>" + String(repeating: "<b x=\"12345678\">text</b>\n", count: 20_000) + "</a>"

  @Test func theProducerWaitsForTheConsumerAndStopsWhenClosed() throws {
    let input = CountingChunks(Array(Self.long.utf8), chunkSize: 1024)  // 520 chunks
    let r = try PipelinedXMLReader(input: input, path: "t.xml", batchSize: 64, batches: 2)
    for _ in 0..<3 { _ = try r.next() }
    Thread.sleep(forTimeInterval: 0.2)
    // Two batches of 64 bytes hold a few nodes: the producer waits long before the end of
    // the 520 chunks (libxml2 reads some kilobytes ahead).
    let ahead = input.count
    #expect(ahead < 50, "\(ahead) chunks read")
    let start = ContinuousClock.now
    r.close()
    #expect(ContinuousClock.now - start < .seconds(5))
    let after = input.count
    Thread.sleep(forTimeInterval: 0.1)
    #expect(input.count == after)
    r.close()  // twice is fine
  }

  @Test func aDroppedReaderStopsItsThreadAndFreesEverything() throws {
    weak var weakReader: PipelinedXMLReader?
    weak var weakInput: CountingChunks?
    do {
      let input = CountingChunks(Array(Self.long.utf8), chunkSize: 1024)
      weakInput = input
      let r = try PipelinedXMLReader(input: input, path: "t.xml", batchSize: 64, batches: 2)
      weakReader = r
      for _ in 0..<5 { _ = try r.next() }
    }
    #expect(weakReader == nil)
    // The thread lets go of the stream (and so the input) as it exits.
    let deadline = ContinuousClock.now + .seconds(30)
    while weakInput != nil && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
    #expect(weakInput == nil)
  }

  @Test func aConsumerErrorMidDocumentStopsTheProducer() throws {
    // The consumer throws at the 4th node (as the export reader does on a bad root); the
    // producer, waiting for a free batch, is cancelled and joined by close().
    let input = CountingChunks(Array(Self.long.utf8), chunkSize: 1024)
    let r = try PipelinedXMLReader(input: input, path: "t.xml", batchSize: 8, batches: 2)
    struct Refused: Error {}
    func consume() throws {
      defer { r.close() }
      var n = 0
      while try r.next() != nil {
        n += 1
        if n == 4 { throw Refused() }
      }
    }
    #expect(throws: Refused.self) { try consume() }
    let after = input.count
    Thread.sleep(forTimeInterval: 0.05)
    #expect(input.count == after && after < 50)
  }
}
