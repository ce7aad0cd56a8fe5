import CLibXML2
#if canImport(Glibc)
  import Glibc
#endif
import Pipeline

/// libxml2's streaming reader (`xmlTextReader`) over a `ChunkProvider`, hardened:
///
/// - parser options `XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_COMPACT` only; never
///   `XML_PARSE_NOENT` (entity substitution), `XML_PARSE_DTDLOAD`, `XML_PARSE_DTDATTR`,
///   `XML_PARSE_DTDVALID`, `XML_PARSE_XINCLUDE` or `XML_PARSE_HUGE` (which lifts the limits
///   on text size, depth and entity amplification);
/// - an external entity loader that refuses every URL, installed before the first document;
/// - any DOCTYPE refuses the whole document (exit 65) the moment the reader reports it,
///   before anything in it is used.
///
/// Errors carry the file, the line and libxml2's message.
///
/// Not thread-safe: one thread at a time. The export reader creates it and then reads it
/// only on the parsing thread of a `PipelinedXMLReader`, which joins that thread before it
/// lets the reader go.
final class XMLStreamReader {
  let path: String
  private let input: ChunkProvider
  private var reader: xmlTextReaderPtr?
  private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
  private var chunkOffset = 0
  private var inputError: Error?
  private var parseError: (message: String, line: Int)?

  /// The options passed to libxml2 (tests check the forbidden ones are absent).
  static let options: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue)

  /// Options that must never be passed.
  static let forbiddenOptions: Int32 = Int32(
    XML_PARSE_NOENT.rawValue | XML_PARSE_DTDLOAD.rawValue | XML_PARSE_DTDATTR.rawValue
      | XML_PARSE_DTDVALID.rawValue | XML_PARSE_XINCLUDE.rawValue | XML_PARSE_HUGE.rawValue)

  private static let setUp: Void = {
    xmlInitParser()
    xmlSetExternalEntityLoader { _, _, _ in nil }
  }()

  init(input: ChunkProvider, path: String) throws {
    _ = Self.setUp
    self.path = path
    self.input = input
    let context = Unmanaged.passUnretained(self).toOpaque()
    reader = xmlReaderForIO(
      { context, buffer, length in
        guard let context, let buffer else { return -1 }
        let me = Unmanaged<XMLStreamReader>.fromOpaque(context).takeUnretainedValue()
        return me.fill(buffer, Int(length))
      },
      { _ in 0 }, context, path, nil, Self.options)
    guard let reader else {
      throw PipelineError.unreadable("\(path): libxml2 could not start reading")
    }
    xmlTextReaderSetStructuredErrorHandler(
      reader,
      { context, error in
        guard let context, let error else { return }
        let me = Unmanaged<XMLStreamReader>.fromOpaque(context).takeUnretainedValue()
        me.record(error)
      }, context)
  }

  deinit {
    if let reader { xmlFreeTextReader(reader) }
  }

  private func fill(_ buffer: UnsafeMutablePointer<CChar>, _ length: Int) -> Int32 {
    if inputError != nil { return -1 }
    if chunkOffset >= chunk.count {
      do {
        guard let next = try input.next() else { return 0 }
        chunk = next
        chunkOffset = 0
      } catch {
        inputError = error
        return -1
      }
    }
    let n = min(length, chunk.count - chunkOffset)
    if n > 0 {
      UnsafeMutableRawPointer(buffer).copyMemory(from: chunk.baseAddress! + chunkOffset, byteCount: n)
    }
    chunkOffset += n
    return Int32(n)
  }

  private func record(_ error: xmlErrorPtr) {
    let e = error.pointee
    guard e.level.rawValue >= XML_ERR_ERROR.rawValue, parseError == nil else { return }
    let message = e.message.map { String(cString: $0) }?
      .trimmedText ?? "not well-formed"
    parseError = (message, Int(e.line))
  }

  // MARK: Nodes

  enum Node {
    case start(empty: Bool)
    case end
    case text
    case other
  }

  /// The next node; nil at the end of the document. A DOCTYPE, a parse error or a read
  /// error throws (exit 65, or the read error's status).
  func next() throws -> Node? {
    let r = xmlTextReaderRead(reader)
    if r == 0 {
      if let inputError { throw inputError }
      if let parseError { throw notWellFormed(parseError) }
      return nil
    }
    if r < 0 {
      if let inputError { throw inputError }
      throw notWellFormed(parseError ?? ("not well-formed", line))
    }
    switch xmlTextReaderNodeType(reader) {
    case Int32(XML_READER_TYPE_ELEMENT.rawValue):
      return .start(empty: xmlTextReaderIsEmptyElement(reader) == 1)
    case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
      return .end
    case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
      Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
      return .text
    case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
      throw PipelineError.unreadable(
        "\(path):\(line): the document has a DOCTYPE; refused as a whole (no DTD, entities or external references are read)")
    case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue), Int32(XML_READER_TYPE_ENTITY.rawValue):
      throw PipelineError.unreadable("\(path):\(line): an entity reference; refused (no entities are expanded)")
    default:
      return .other
    }
  }

  private func notWellFormed(_ e: (message: String, line: Int)) -> PipelineError {
    PipelineError.unreadable("\(path):\(e.line): XML not well-formed: \(Redaction.redact(e.message))")
  }

  /// The line the parser has reached (for errors; it may be ahead of the current node).
  var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

  /// The line of the current node, where libxml2 knows it exactly: it keeps node lines in
  /// 16 bits, so from line 65535 on only the element path locates a record.
  var nodeLine: Int? {
    guard let node = xmlTextReaderCurrentNode(reader) else { return nil }
    let l = Int(xmlGetLineNo(node))
    return l > 0 && l < 65535 ? l : nil
  }

  /// The local name of the current node (element or attribute), interned by libxml2: the
  /// same pointer for the same name within one document.
  var localName: UnsafePointer<UInt8>? { xmlTextReaderConstLocalName(reader) }

  /// The value of the current node (text or attribute), as bytes.
  var value: UnsafeRawBufferPointer {
    guard let v = xmlTextReaderConstValue(reader) else {
      return UnsafeRawBufferPointer(start: nil, count: 0)
    }
    return UnsafeRawBufferPointer(start: v, count: strlen(UnsafeRawPointer(v).assumingMemoryBound(to: CChar.self)))
  }

  /// Calls `body` with each attribute's local name and value (namespace declarations
  /// skipped), then returns to the element.
  func forEachAttribute(_ body: (UnsafePointer<UInt8>, UnsafeRawBufferPointer) throws -> Void) rethrows {
    guard xmlTextReaderHasAttributes(reader) == 1 else { return }
    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
      if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
      if let name = localName { try body(name, value) }
    }
    xmlTextReaderMoveToElement(reader)
  }
}

/// The bytes of a NUL-terminated name.
@inline(__always)
func nameBytes(_ p: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer {
  UnsafeRawBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
}

extension String {
  /// Without surrounding spaces and line breaks.
  fileprivate var trimmedText: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\n" || f == "\r" || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\n" || l == "\r" || l == "\t" { s.removeLast() }
    return String(s)
  }
}
