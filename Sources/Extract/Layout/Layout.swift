import Foundation
import Model
import Pipeline

/// An export layout, loaded from `pipelines/layouts/<name>.yaml` and checked against the
/// canonical model: which files or elements hold which entity, which column or attribute
/// holds which field, and how values are written. See `docs/layouts.md`.
public struct Layout: Sendable {
  public let name: String
  /// The layout file.
  public let path: String
  public let description: String?
  public let format: Format
  public let values: ValueSettings
  /// The entities the layout reads, in processing order (`Entity` order).
  public let entities: [EntityLayout]
  /// The Kenmerken file of a Regas-style layout.
  public let kenmerken: KenmerkenLayout?
  /// Configuration warnings (unknown keys).
  public let warnings: [String]

  /// The reader a layout selects.
  public enum Format: Sendable {
    case csv(CSVSettings)
    case xml(XMLSettings)
  }

  public struct CSVSettings: Sendable {
    public let encoding: TextEncoding
    public let dialect: CSVDialect
    /// The line ending the layout states (`nil`: any). Both are always read; the other one
    /// gives a warning.
    public let lineEnding: String?
  }

  public struct XMLSettings: Sendable {
    /// The file name pattern of the documents (`*.xml`); `.gz` variants are found too.
    public let files: String
    public let root: String
    /// The attribute of the root holding the peildatum.
    public let peildatum: String?
    /// Other attributes of the root, known and ignored.
    public let rootAttributes: [String]
    public let casusElement: String
    public let casusID: String
  }

  public struct ValueSettings: Sendable {
    public let dates: DateFormat
    /// True: code fields hold labels of `codes.tsv`; false: canonical codes.
    public let labels: Bool
    public let match: Matching
    public let ja: [String]
    public let nee: [String]
    /// True: gemeente fields hold names; false: GM codes.
    public let gemeenteByName: Bool
    /// The separator of multi-valued fields in one column or attribute.
    public let separator: UInt8?
    /// Extra spellings per code list: text → canonical code.
    public let extraLabels: [String: [String: String]]
  }

  /// Where one entity's fields are.
  public struct EntityLayout: Sendable {
    public let entity: Entity
    public let schema: EntitySchema
    /// CSV: the file name or pattern.
    public let file: String?
    /// CSV: column title per field index.
    public let columns: [Int: String]
    /// XML: the record element.
    public let element: String?
    /// XML: attribute name per field index.
    public let attributes: [Int: String]
    /// XML: child element name per (multi-valued) field index.
    public let children: [Int: String]
  }

  /// The Kenmerken file: `Soort;Registratie ID;Kenmerk;Waarde`, one row per value.
  public struct KenmerkenLayout: Sendable {
    public let file: String
    public let soortColumn: String
    public let registratieColumn: String
    public let kenmerkColumn: String
    public let waardeColumn: String
    /// Soort text → the entity it names.
    public let soorten: [String: Entity]
    /// Kenmerk text → the multi-valued field it fills.
    public let kenmerken: [String: String]
  }

  /// The layout of `entity`, if the layout reads it.
  public func entity(_ entity: Entity) -> EntityLayout? {
    entities.first { $0.entity == entity }
  }

  /// The fields that are not columns or attributes but come from the structure: the casus
  /// of a nested XML record and the melding of a nested betrokkene.
  static func contextual(_ entity: Entity, field: String) -> Bool {
    switch (entity, field) {
    case (.melding, "casus_id"), (.dienst, "casus_id"), (.overdracht, "casus_id"),
      (.monitoring, "casus_id"), (.huisverbod, "casus_id"), (.betrokkene, "melding_id"):
      return true
    default:
      return false
    }
  }
}

extension Layout {
  /// Loads the layout called `name` from `directory`; `askedBy` names the configuration key
  /// that asked for it, for messages. Errors exit 78.
  public static func load(name: String, directory: String, askedBy: String) throws -> Layout {
    guard name.range(of: "^[a-z0-9][a-z0-9._-]*$", options: .regularExpression) != nil else {
      throw PipelineError.config(
        "\(askedBy): \"\(name)\" is not a layout name (lower-case letters, digits, '.', '_' and '-')")
    }
    let path = directory + "/" + name + ".yaml"
    guard FileSystem.exists(path) else {
      let known = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
      throw PipelineError.config(
        "\(askedBy): unknown layout \"\(name)\": \(path) does not exist (layouts: \(known.joined(separator: ", ")))")
    }
    let (file, warnings) = try ConfigLoader.load(LayoutFile.self, from: path)
    return try Layout(file: file, path: path, expectedName: name, warnings: warnings)
  }

  /// Loads a layout file at `path` (for tests and tools).
  public static func load(path: String) throws -> Layout {
    let (file, warnings) = try ConfigLoader.load(LayoutFile.self, from: path)
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    return try Layout(file: file, path: path, expectedName: name, warnings: warnings)
  }

  init(file f: LayoutFile, path: String, expectedName: String, warnings: [String]) throws {
    func fail(_ key: String, _ message: String) -> PipelineError {
      PipelineError.config("\(path): \(key): \(message)")
    }
    guard f.name == expectedName else {
      throw fail("name", "\"\(f.name)\" does not match the file name \(expectedName).yaml")
    }
    name = f.name
    self.path = path
    description = f.description
    self.warnings = warnings

    // Values.
    let v = f.values
    for (list, spellings) in v.labels {
      guard let info = CodeLists.list(named: list) else {
        throw fail("values.labels.\(list)", "not a code list of codes.tsv")
      }
      for (text, code) in spellings where !info.codes.contains(code) {
        throw fail("values.labels.\(list).\(text)", "\"\(code)\" is not a code of \(list)")
      }
    }
    let norm: (String) -> String = { v.match == .loose ? Self.looseKey($0) : $0 }
    let ja = Set(v.booleans.ja.map(norm))
    let nee = Set(v.booleans.nee.map(norm))
    guard ja.isDisjoint(with: nee) else {
      throw fail("values.booleans", "a spelling is both ja and nee")
    }
    values = ValueSettings(
      dates: v.dates, labels: v.codes == .label, match: v.match, ja: v.booleans.ja,
      nee: v.booleans.nee, gemeenteByName: v.gemeente == .name, separator: v.separator,
      extraLabels: v.labels)

    // Format.
    switch f.reader {
    case .csv:
      let c = f.csv!
      format = .csv(
        CSVSettings(
          encoding: c.encoding, dialect: CSVDialect(delimiter: c.delimiter, quote: c.quote),
          lineEnding: c.lineEnding == .any ? nil : c.lineEnding.rawValue))
      if let s = v.separator, s == c.delimiter || s == c.quote {
        throw fail("values.separator", "must differ from the delimiter and the quote")
      }
    case .xml:
      let x = f.xml!
      for (key, value) in [("xml.root", x.root), ("xml.casus.element", x.casus.element), ("xml.casus.id", x.casus.id), ("xml.files", x.files)]
      where value.isEmpty {
        throw fail(key, "must not be empty")
      }
      format = .xml(
        XMLSettings(
          files: x.files, root: x.root, peildatum: x.peildatum, rootAttributes: x.rootAttributes,
          casusElement: x.casus.element, casusID: x.casus.id))
    }

    // Kenmerken.
    var kenmerkenFields: [Entity: Set<String>] = [:]
    if let k = f.kenmerken {
      let needed = ["soort", "registratie_id", "kenmerk", "waarde"]
      for key in k.columns.keys.sorted() where !needed.contains(key) {
        throw fail("kenmerken.columns.\(key)", "not a Kenmerken column (soort, registratie_id, kenmerk, waarde)")
      }
      for key in needed where (k.columns[key] ?? "").isEmpty {
        throw fail("kenmerken.columns.\(key)", "missing")
      }
      var soorten: [String: Entity] = [:]
      for (text, entityName) in k.soorten {
        guard let e = Entity(rawValue: entityName), e == .advies || e == .melding else {
          throw fail("kenmerken.soorten.\(text)", "\"\(entityName)\" must be advies or melding")
        }
        guard f.entities[entityName] != nil else {
          throw fail("kenmerken.soorten.\(text)", "the layout reads no \(entityName)")
        }
        soorten[text] = e
      }
      guard !soorten.isEmpty else { throw fail("kenmerken.soorten", "at least one soort") }
      for (text, field) in k.kenmerken {
        for e in Set(soorten.values) {
          guard let i = EntitySchema.of(e).index(of: field), EntitySchema.of(e).fields[i].isMultiValued
          else {
            throw fail("kenmerken.kenmerken.\(text)", "\"\(field)\" is not a multi-valued field of \(e.rawValue)")
          }
          kenmerkenFields[e, default: []].insert(field)
        }
      }
      kenmerken = KenmerkenLayout(
        file: k.file, soortColumn: k.columns["soort"]!, registratieColumn: k.columns["registratie_id"]!,
        kenmerkColumn: k.columns["kenmerk"]!, waardeColumn: k.columns["waarde"]!, soorten: soorten,
        kenmerken: k.kenmerken)
    } else {
      kenmerken = nil
    }

    // Entities.
    var entities: [EntityLayout] = []
    for (entityName, section) in f.entities {
      let key = "entities.\(entityName)"
      guard let entity = Entity(rawValue: entityName) else {
        throw fail(key, "not an entity (\(Entity.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      let schema = EntitySchema.of(entity)
      func fieldMap(_ map: [String: String]?, _ sub: String) throws -> [Int: String] {
        var out: [Int: String] = [:]
        var seen: [String: String] = [:]
        for (field, title) in map ?? [:] {
          guard let i = schema.index(of: field) else {
            throw fail(
              "\(key).\(sub).\(field)",
              "not a field of \(entityName) (\(schema.fields.map(\.name).joined(separator: ", ")))")
          }
          guard !title.isEmpty else { throw fail("\(key).\(sub).\(field)", "must not be empty") }
          let t = Self.looseKey(title)
          if let other = seen[t] {
            throw fail("\(key).\(sub).\(field)", "\"\(title)\" is also given for \(other)")
          }
          seen[t] = field
          out[i] = title
        }
        return out
      }
      var columns: [Int: String] = [:]
      var attributes: [Int: String] = [:]
      var children: [Int: String] = [:]
      switch f.reader {
      case .csv:
        guard let file = section.file, !file.isEmpty else { throw fail("\(key).file", "missing") }
        _ = file
        guard section.columns != nil else { throw fail("\(key).columns", "missing") }
        for (k, present) in [("element", section.element != nil), ("attributes", section.attributes != nil), ("children", section.children != nil)]
        where present {
          throw fail("\(key).\(k)", "not allowed with reader: csv")
        }
        columns = try fieldMap(section.columns, "columns")
        for (i, _) in columns where schema.fields[i].isMultiValued && v.separator == nil {
          throw fail("\(key).columns.\(schema.fields[i].name)", "a multi-valued column needs values.separator")
        }
      case .xml:
        guard let element = section.element, !element.isEmpty else {
          throw fail("\(key).element", "missing")
        }
        _ = element
        for (k, present) in [("file", section.file != nil), ("columns", section.columns != nil)] where present {
          throw fail("\(key).\(k)", "not allowed with reader: xml")
        }
        attributes = try fieldMap(section.attributes, "attributes")
        children = try fieldMap(section.children, "children")
        for (i, _) in children where !schema.fields[i].isMultiValued {
          throw fail("\(key).children.\(schema.fields[i].name)", "only multi-valued fields are child elements")
        }
        for (i, _) in attributes where schema.fields[i].isMultiValued && v.separator == nil {
          throw fail("\(key).attributes.\(schema.fields[i].name)", "a multi-valued attribute needs values.separator")
        }
        for (i, _) in attributes where children[i] != nil {
          throw fail("\(key).children.\(schema.fields[i].name)", "is also an attribute")
        }
      }
      // Every required field must come from somewhere.
      for (i, spec) in schema.fields.enumerated() where spec.required {
        let mapped = columns[i] != nil || attributes[i] != nil || children[i] != nil
          || (kenmerkenFields[entity]?.contains(spec.name) ?? false)
          || (f.reader == .xml && Self.contextual(entity, field: spec.name))
        if !mapped {
          throw fail(
            "\(key).\(f.reader == .csv ? "columns" : "attributes").\(spec.name)",
            "missing (a required field of \(entityName))")
        }
      }
      entities.append(
        EntityLayout(
          entity: entity, schema: schema, file: section.file, columns: columns,
          element: section.element, attributes: attributes, children: children))
    }
    guard !entities.isEmpty else { throw fail("entities", "at least one entity") }
    entities.sort { $0.entity < $1.entity }
    if case .xml(let x) = format {
      var names: [String: String] = [x.root: "xml.root", x.casusElement: "xml.casus.element"]
      for e in entities {
        if let other = names[e.element!] {
          throw fail("entities.\(e.entity.rawValue).element", "\"\(e.element!)\" is also \(other)")
        }
        names[e.element!] = "entities.\(e.entity.rawValue).element"
      }
    }
    self.entities = entities
  }

  /// Case-folded, surrounding white space removed: how loose matching compares text.
  static func looseKey(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).lowercased()
  }
}
