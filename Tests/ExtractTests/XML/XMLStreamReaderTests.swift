import Pipeline
import Testing

@testable import Extract

@Suite struct XMLStreamReaderTests {
  /// Reads a document through; returns the element names seen.
  func elements(_ text: String, chunk: Int = 4096) throws -> [String] {
    let r = try XMLStreamReader(input: MemoryChunks(Array(text.utf8), chunkSize: chunk), path: "t.xml")
    var names: [String] = []
    while let node = try r.next() {
      if case .start = node, let n = r.localName { names.append(String(cString: n)) }
    }
    return names
  }

  func failure(_ text: String) -> PipelineError? {
    do {
      _ = try elements(text)
      return nil
    } catch {
      return error as? PipelineError
    }
  }

  @Test func wellFormedDocument() throws {
    #expect(try elements("<?xml version=\"1.0\"?><a x=\"1\"><b/><c>t</c></a>", chunk: 3) == ["a", "b", "c"])
  }

  @Test func neverPassesTheDangerousOptions() {
    #expect(XMLStreamReader.options & XMLStreamReader.forbiddenOptions == 0)
  }

  @Test func doctypeIsRefusedWhole() {
    let e = failure("<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ELEMENT a ANY>]>\n<a/>")
    #expect(e?.status == .unreadableInput)
    #expect(e?.message.contains("DOCTYPE") == true)
  }

  @Test func externalEntityIsNeverRead() {
    let doc = """
      <?xml version="1.0"?>
      <!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <a>&x;</a>
      """
    let e = failure(doc)
    #expect(e?.status == .unreadableInput)
    #expect(e?.message.contains("root:") == false)
  }

  @Test func billionLaughsIsRefusedQuickly() {
    var entities = "<!ENTITY lol \"lol\">"
    var previous = "lol"
    for i in 1...9 {
      entities += "<!ENTITY lol\(i) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
      previous = "lol\(i)"
    }
    let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)]>\n<lolz a=\"&lol9;\">&lol9;</lolz>"
    let start = ContinuousClock.now
    let e = failure(doc)
    #expect(e?.status == .unreadableInput)
    #expect(ContinuousClock.now - start < .seconds(5))
  }

  @Test func undeclaredEntityIsNotWellFormed() {
    let e = failure("<a>&nope;</a>")
    #expect(e?.status == .unreadableInput)
    #expect(e?.message.hasPrefix("t.xml:1: XML not well-formed") == true)
  }

  @Test func notWellFormedWithItsLine() {
    let e = failure("<a>\n<b>\n</a>\n")
    #expect(e?.status == .unreadableInput)
    #expect(e?.message.contains("XML not well-formed") == true)
    #expect(e?.message.hasPrefix("t.xml:3:") == true)
  }

  @Test func invalidUTF8IsNotWellFormed() throws {
    let bytes = Array("<a x=\"caf".utf8) + [0xE9] + Array("\"/>".utf8)
    #expect(throws: PipelineError.self) {
      let r = try XMLStreamReader(input: MemoryChunks(bytes), path: "t.xml")
      while try r.next() != nil {}
    }
  }

  @Test func hugeAttributeBeyondLibxml2sLimitIsRefused() {
    // Over libxml2's 10 000 000-byte limit for a value (never lifted: no XML_PARSE_HUGE).
    let doc = "<a x=\"" + String(repeating: "y", count: 10_000_100) + "\"/>"
    let e = failure(doc)
    #expect(e?.status == .unreadableInput)
  }

  @Test func emptyDocumentIsNotWellFormed() {
    #expect(failure("")?.status == .unreadableInput)
  }
}
