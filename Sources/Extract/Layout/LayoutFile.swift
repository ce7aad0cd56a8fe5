import Model
import Pipeline

/// A layout file (`pipelines/layouts/<name>.yaml`) as written: every key of
/// `docs/layouts.md`. Decoding checks types and the keys that need no context; `Layout`
/// checks the rest (fields per entity, code lists, required fields).
///
/// Versioned (`version: 1`); unknown keys warn; missing or wrong keys fail with their path.
struct LayoutFile: Decodable {
  static let currentVersion = 1

  var version: Int
  var name: String
  var description: String?
  var reader: ReaderKind
  var csv: CSVSection?
  var xml: XMLSection?
  var values: ValuesSection
  var entities: [String: EntitySection]
  var kenmerken: KenmerkenSection?

  enum ReaderKind: String, Decodable, CaseIterable { case csv, xml }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, name, description, reader, csv, xml, values, entities, kenmerken
  }

  init(from decoder: Decoder) throws {
    decoder.warnAboutUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    guard version == Self.currentVersion else {
      throw ConfigValueError(
        [CodingKeys.version],
        "version \(version) is not supported (this build reads \(Self.currentVersion))")
    }
    name = try c.decode(String.self, forKey: .name)
    description = try c.decodeIfPresent(String.self, forKey: .description)
    let readerText = try c.decode(String.self, forKey: .reader)
    guard let reader = ReaderKind(rawValue: readerText) else {
      throw ConfigValueError(
        [CodingKeys.reader], "\"\(readerText)\" is not one of csv, xml")
    }
    self.reader = reader
    csv = try c.decodeIfPresent(CSVSection.self, forKey: .csv)
    xml = try c.decodeIfPresent(XMLSection.self, forKey: .xml)
    switch reader {
    case .csv:
      guard csv != nil else { throw ConfigValueError([CodingKeys.csv], "missing (reader: csv)") }
      if xml != nil { throw ConfigValueError([CodingKeys.xml], "not allowed with reader: csv") }
    case .xml:
      guard xml != nil else { throw ConfigValueError([CodingKeys.xml], "missing (reader: xml)") }
      if csv != nil { throw ConfigValueError([CodingKeys.csv], "not allowed with reader: xml") }
    }
    values = try c.decode(ValuesSection.self, forKey: .values)
    entities = try c.decode([String: EntitySection].self, forKey: .entities)
    kenmerken = try c.decodeIfPresent(KenmerkenSection.self, forKey: .kenmerken)
    if reader == .xml, kenmerken != nil {
      throw ConfigValueError([CodingKeys.kenmerken], "only a csv layout has a Kenmerken file")
    }
  }

  /// `csv:` — how the CSV files are written.
  struct CSVSection: Decodable {
    var encoding: TextEncoding
    var delimiter: UInt8
    var quote: UInt8
    var lineEnding: LineEnding

    enum LineEnding: String, CaseIterable { case lf, crlf, any }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case encoding, delimiter, quote
      case lineEnding = "line_ending"
    }

    init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let enc = try c.decode(String.self, forKey: .encoding)
      guard let e = TextEncoding(rawValue: enc.lowercased()) else {
        throw ConfigValueError(
          c.codingPath + [CodingKeys.encoding],
          "\"\(enc)\" is not one of \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      encoding = e
      delimiter = try Self.byte(c, .delimiter, default: nil)
      quote = try Self.byte(c, .quote, default: 0x22)
      guard delimiter != quote else {
        throw ConfigValueError(c.codingPath + [CodingKeys.quote], "must differ from the delimiter")
      }
      let le = try c.decodeIfPresent(String.self, forKey: .lineEnding) ?? "any"
      guard let l = LineEnding(rawValue: le.lowercased()) else {
        throw ConfigValueError(c.codingPath + [CodingKeys.lineEnding], "\"\(le)\" is not one of lf, crlf, any")
      }
      lineEnding = l
    }

    /// A single ASCII character other than CR, LF and NUL (`\t` may be written as "\t" or "tab").
    static func byte(
      _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, default fallback: UInt8?
    ) throws -> UInt8 {
      guard let text = try c.decodeIfPresent(String.self, forKey: key) else {
        if let fallback { return fallback }
        throw ConfigValueError(c.codingPath + [key], "missing")
      }
      let value = text == "tab" || text == "\\t" ? "\t" : text
      let u = Array(value.utf8)
      guard u.count == 1, u[0] < 0x80, u[0] != 0x0A, u[0] != 0x0D, u[0] != 0 else {
        throw ConfigValueError(
          c.codingPath + [key], "\"\(text)\" must be one ASCII character (not a line break)")
      }
      return u[0]
    }
  }

  /// `xml:` — the document structure of an XML layout.
  struct XMLSection: Decodable {
    var files: String
    var root: String
    var peildatum: String?
    var rootAttributes: [String]
    var casus: CasusSection

    struct CasusSection: Decodable {
      var element: String
      var id: String
      enum CodingKeys: String, CodingKey, CaseIterable { case element, id }
      init(from decoder: Decoder) throws {
        decoder.warnAboutUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        element = try c.decode(String.self, forKey: .element)
        id = try c.decode(String.self, forKey: .id)
      }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case files, root, peildatum, casus
      case rootAttributes = "root_attributes"
    }

    init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      files = try c.decode(String.self, forKey: .files)
      root = try c.decode(String.self, forKey: .root)
      peildatum = try c.decodeIfPresent(String.self, forKey: .peildatum)
      rootAttributes = try c.decodeIfPresent([String].self, forKey: .rootAttributes) ?? []
      casus = try c.decode(CasusSection.self, forKey: .casus)
    }
  }

  /// `values:` — how dates, codes, booleans, gemeenten and multi-valued fields are written.
  struct ValuesSection: Decodable {
    var dates: DateFormat
    var codes: CodeStyle
    var match: Matching
    var booleans: (ja: [String], nee: [String])
    var gemeente: GemeenteStyle
    var separator: UInt8?
    var labels: [String: [String: String]]

    enum CodeStyle: String, CaseIterable { case code, label }
    enum GemeenteStyle: String, CaseIterable { case code, name }

    enum CodingKeys: String, CodingKey, CaseIterable {
      case dates, codes, match, booleans, gemeente, separator, labels
    }

    init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let pattern = try c.decode(String.self, forKey: .dates)
      guard let format = DateFormat(pattern: pattern) else {
        throw ConfigValueError(
          c.codingPath + [CodingKeys.dates],
          "\"\(pattern)\" is not a date pattern (yyyy, MM and dd once each, other characters literal ASCII)")
      }
      dates = format
      codes = try Self.choice(c, .codes, CodeStyle.self)
      match = try Self.choice(c, .match, Matching.self)
      gemeente = try Self.choice(c, .gemeente, GemeenteStyle.self)
      let b = try c.decode(BooleansSection.self, forKey: .booleans)
      booleans = (b.ja, b.nee)
      if let text = try c.decodeIfPresent(String.self, forKey: .separator) {
        let u = Array(text.utf8)
        guard u.count == 1, u[0] < 0x80, u[0] > 0x20 else {
          throw ConfigValueError(
            c.codingPath + [CodingKeys.separator], "\"\(text)\" must be one printable ASCII character")
        }
        separator = u[0]
      } else {
        separator = nil
      }
      labels = try c.decodeIfPresent([String: [String: String]].self, forKey: .labels) ?? [:]
    }

    /// `booleans:` — the spellings of ja and nee (one text or a list each).
    struct BooleansSection: Decodable {
      var ja: [String]
      var nee: [String]
      enum CodingKeys: String, CodingKey, CaseIterable { case ja, nee }
      init(from decoder: Decoder) throws {
        decoder.warnAboutUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ja = try Self.spellings(c, .ja)
        nee = try Self.spellings(c, .nee)
      }

      static func spellings(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws
        -> [String]
      {
        if let one = try? c.decode(String.self, forKey: key) { return [one] }
        let list = try c.decode([String].self, forKey: key)
        guard !list.isEmpty else {
          throw ConfigValueError(c.codingPath + [key], "at least one spelling")
        }
        return list
      }
    }

    static func choice<T: RawRepresentable & CaseIterable>(
      _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, _: T.Type
    ) throws -> T where T.RawValue == String {
      let text = try c.decode(String.self, forKey: key)
      guard let v = T(rawValue: text) else {
        throw ConfigValueError(
          c.codingPath + [key],
          "\"\(text)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return v
    }
  }

  /// `entities.<entity>:` — where an entity's fields are.
  struct EntitySection: Decodable {
    /// CSV: the file name (or a `*` pattern); a `.gz` variant is found too.
    var file: String?
    /// CSV: field → column title.
    var columns: [String: String]?
    /// XML: the record element.
    var element: String?
    /// XML: field → attribute name.
    var attributes: [String: String]?
    /// XML: multi-valued field → child element name.
    var children: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
      case file, columns, element, attributes, children
    }

    init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      file = try c.decodeIfPresent(String.self, forKey: .file)
      columns = try c.decodeIfPresent([String: String].self, forKey: .columns)
      element = try c.decodeIfPresent(String.self, forKey: .element)
      attributes = try c.decodeIfPresent([String: String].self, forKey: .attributes)
      children = try c.decodeIfPresent([String: String].self, forKey: .children)
    }
  }

  /// `kenmerken:` — the Regas-style file of multi-valued fields, one row per value.
  struct KenmerkenSection: Decodable {
    var file: String
    var columns: [String: String]
    var soorten: [String: String]
    var kenmerken: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable { case file, columns, soorten, kenmerken }

    init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      file = try c.decode(String.self, forKey: .file)
      columns = try c.decode([String: String].self, forKey: .columns)
      soorten = try c.decode([String: String].self, forKey: .soorten)
      kenmerken = try c.decode([String: String].self, forKey: .kenmerken)
    }
  }
}

/// How a layout's values are compared with codes, labels and spellings.
public enum Matching: String, CaseIterable, Sendable {
  /// Exactly as written: no case folding, no trimming.
  case exact
  /// Case-insensitive, surrounding spaces ignored.
  case loose
}
