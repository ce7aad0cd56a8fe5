import Foundation
import Model
import Testing

@testable import Synth

/// A small XML reader for the tests: elements with their attributes, text and children,
/// checking that tags nest and close (enough to call a document well-formed here).
struct XMLElement {
  var name: String
  var attributes: [String: String]
  var text = ""
  var children: [XMLElement] = []

  enum ParseError: Error { case malformed(String) }

  static func parse(_ text: String) throws -> XMLElement {
    var s = Substring(text)
    if s.hasPrefix("<?xml") {
      guard let end = s.range(of: "?>") else { throw ParseError.malformed("declaration") }
      s = s[end.upperBound...]
    }
    var stack: [XMLElement] = []
    var root: XMLElement?
    while let open = s.firstIndex(of: "<") {
      let between = s[s.startIndex..<open]
      if !stack.isEmpty {
        stack[stack.count - 1].text += unescape(String(between))
      } else if !between.allSatisfy(\.isWhitespace) {
        throw ParseError.malformed("text outside the root")
      }
      guard let close = s[open...].firstIndex(of: ">") else {
        throw ParseError.malformed("unclosed tag")
      }
      let tag = s[s.index(after: open)..<close]
      s = s[s.index(after: close)...]
      if tag.hasPrefix("/") {
        guard var done = stack.popLast(), done.name == tag.dropFirst() else {
          throw ParseError.malformed("</\(tag.dropFirst())> closes nothing open")
        }
        done.text = done.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
        continue
      }
      if tag.hasPrefix("!") { throw ParseError.malformed("DOCTYPE or comment") }
      let selfClosing = tag.hasSuffix("/")
      let body = selfClosing ? tag.dropLast() : tag
      let element = try element(String(body))
      if selfClosing {
        if stack.isEmpty { throw ParseError.malformed("empty root") }
        stack[stack.count - 1].children.append(element)
      } else {
        if root != nil { throw ParseError.malformed("two roots") }
        stack.append(element)
      }
    }
    guard stack.isEmpty, let root, s.allSatisfy(\.isWhitespace) else {
      throw ParseError.malformed("unclosed elements or trailing text")
    }
    return root
  }

  private static func element(_ body: String) throws -> XMLElement {
    var s = Substring(body)
    let name = s.prefix { !$0.isWhitespace }
    s = s.dropFirst(name.count)
    var attributes: [String: String] = [:]
    while true {
      s = s.drop { $0.isWhitespace }
      if s.isEmpty { break }
      guard let eq = s.firstIndex(of: "="), s[s.index(after: eq)] == "\"" else {
        throw ParseError.malformed("attribute in <\(name)>")
      }
      let key = String(s[s.startIndex..<eq])
      let valueStart = s.index(eq, offsetBy: 2)
      guard let valueEnd = s[valueStart...].firstIndex(of: "\"") else {
        throw ParseError.malformed("attribute value")
      }
      guard attributes[key] == nil else { throw ParseError.malformed("attribute \(key) twice") }
      attributes[key] = unescape(String(s[valueStart..<valueEnd]))
      s = s[s.index(after: valueEnd)...]
    }
    return XMLElement(name: String(name), attributes: attributes)
  }

  private static func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  subscript(_ key: String) -> String? { attributes[key] }
  func all(_ name: String) -> [XMLElement] { children.filter { $0.name == name } }
}

@Suite("VTXMLWriter")
struct VTXMLWriterTests {
  static func options(badRate: Double = 0, peildatum: Day? = nil) -> SynthOptions {
    var o = SynthOptions(
      layout: .vtXML, region: "groningen", firstYear: 2020, lastYear: 2021, seed: 8, volume: 0.05,
      badRate: badRate, peildatum: peildatum)
    o.elementsPerXMLFile = 200
    return o
  }

  @Test("well-formed vtExport documents, split per year and by size, names in time order")
  func documents() throws {
    let peildatum = Day(year: 2021, month: 11, day: 30)!
    let run = try Support.run(Self.options(peildatum: peildatum))
    #expect(run.names.count >= 4)
    #expect(run.names.allSatisfy { $0.hasPrefix("vtexport-202") && $0.hasSuffix(".xml") })
    #expect(
      run.names.contains("vtexport-2020-001.xml") && run.names.contains("vtexport-2020-002.xml"))
    for f in run.files {
      let root = try XMLElement.parse(String(decoding: f.bytes, as: UTF8.self))
      #expect(root.name == "vtExport")
      #expect(root["versie"] == "1.0" && root["organisatie"] == "VT-Groningen")
      #expect(root["peildatum"] == "2021-11-30")
      #expect(root.children.count <= 200)
      #expect(
        String(decoding: f.bytes.prefix(38), as: UTF8.self)
          == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }
    // A referee outside this code base, where the machine has it (.ci/run installs it).
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
        "synth-xml-\(getpid())")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: dir) }
      for f in run.files {
        let path = dir.appendingPathComponent(f.name)
        try Data(f.bytes).write(to: path)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        p.arguments = ["--noout", path.path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "xmllint: \(f.name)")
      }
    }
  }

  @Test("a clean export nests every record where exports.md puts it, with valid values")
  func nesting() throws {
    let run = try Support.run(Self.options())
    #expect(run.summary.brokenTotal == 0)
    var meldingen = 0
    var betrokkenen = 0
    let first = Day(year: 2020, month: 1, day: 1)!
    let last = Day(year: 2021, month: 12, day: 31)!
    func date(_ v: String?) {
      guard let v else { return }
      let d = Day.parseISO(v)
      #expect(d != nil && d! >= first && d! <= last, "\(v)")
    }
    for f in run.files {
      let root = try XMLElement.parse(String(decoding: f.bytes, as: UTF8.self))
      for e in root.children {
        switch e.name {
        case "casus":
          #expect(e["id"] != nil)
          #expect(!e.all("melding").isEmpty, "casus \(e["id"] ?? "") without melding")
          for m in e.all("melding") {
            meldingen += 1
            date(m["ontvangst"])
            date(m["besluitdatum"])
            #expect(
              m["gemeente"].flatMap(GemeenteCode.init).flatMap { Support.reference.gemeente($0) }
                != nil)
            #expect(m["vervolgmelding"].flatMap(Vervolgmelding.init(code:)) != nil)
            let aard = m.all("aard")
            #expect(!aard.isEmpty && aard.allSatisfy { AardGeweld(code: $0.text) != nil })
            for b in m.all("betrokkene") {
              betrokkenen += 1
              if let bsn = b["bsn"] { #expect(Bsn(bsn)?.passesElfproef == true) }
              #expect(b["rol"].flatMap(RolBetrokkene.init(code:)) != nil)
            }
          }
          for d in e.all("dienst") {
            #expect(d["type"].flatMap(DienstType.init(code:)) != nil)
            date(d["start"])
            date(d["eind"])
          }
          for o in e.all("overdracht") {
            #expect(o["moment"].flatMap(OverdrachtMoment.init(code:)) != nil)
          }
          for m in e.all("monitoring") {
            #expect(m["extraInterventie"] == "ja" || m["extraInterventie"] == "nee")
          }
        case "advies":
          date(e["start"])
          #expect(!e.all("aard").isEmpty)
        case "activiteit":
          #expect(e["type"].flatMap(ActiviteitType.init(code:)) != nil)
        case "huisverbod":
          // A huisverbod without casus_id stands on its own.
          #expect(e["gemeente"] != nil && e["beoordeling"] != nil)
        default:
          Issue.record("unexpected top-level <\(e.name)>")
        }
      }
    }
    #expect(meldingen == run.summary.entities.first { $0.0 == "melding" }?.1)
    #expect(betrokkenen == run.summary.entities.first { $0.0 == "betrokkene" }?.1)
  }

  @Test("flaws of the XML kind: meldingen outside their casus, casussen without a melding")
  func flaws() throws {
    let run = try Support.run(Self.options(badRate: 0.15))
    let ledger = run.summary.ledger
    var outside = 0
    var orphanCasus = 0
    for f in run.files {
      let root = try XMLElement.parse(String(decoding: f.bytes, as: UTF8.self))
      outside += root.all("melding").count
      for c in root.all("casus") where c.all("melding").isEmpty {
        // A casus id no melding has; its records are dangling (the generator's shape: C0…).
        if c["id"]?.hasPrefix("C0") == true { orphanCasus += c.children.count }
      }
    }
    #expect(outside == ledger.what["melding outside its casus"] ?? 0)
    #expect(orphanCasus == ledger.count(rule: .danglingCasus))
    #expect(outside > 0 && orphanCasus > 0)
    #expect(ledger.count(rule: .danglingMelding) == 0)
  }
}
