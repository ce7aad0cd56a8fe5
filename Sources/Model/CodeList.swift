/// A code list of `codes.tsv`, compiled into an enum whose raw value is its position in the list.
///
/// The enums themselves are generated (`CodeLists+Generated.swift`); this protocol gives them
/// their canonical code, their Dutch label and lookups, without any I/O.
public protocol CodeListEnum: RawRepresentable, CaseIterable, Hashable, Comparable, Sendable
where RawValue == UInt8, AllCases == [Self] {
  /// The list's name in `codes.tsv` (`aard_geweld`).
  static var listName: String { get }
  /// Canonical codes, in list order.
  static var codes: [String] { get }
  /// Dutch labels as the reports print them, in list order.
  static var labels: [String] { get }
  /// The `groep` column (empty where the list has none), in list order.
  static var groups: [String] { get }
}

extension CodeListEnum {
  /// The canonical code (`kindermishandeling`).
  public var code: String { Self.codes[Int(rawValue)] }
  /// The Dutch label (`Kindermishandeling`).
  public var label: String { Self.labels[Int(rawValue)] }
  /// The `groep` column of this code, or nil where it is empty.
  public var group: String? {
    let g = Self.groups[Int(rawValue)]
    return g.isEmpty ? nil : g
  }

  /// The value whose canonical code is exactly `code` (no case folding, no trimming).
  public init?(code: some StringProtocol) {
    guard let index = Self.codes.firstIndex(where: { $0 == code }) else { return nil }
    self.init(rawValue: UInt8(index))
  }

  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Organisatie {
  /// The CBS organisation group this organisation rolls up to (`organisatie_groep`).
  public var organisatieGroep: OrganisatieGroep {
    // Every organisatie row of codes.tsv has a groep that is a code of organisatie_groep;
    // ModelTests proves it, so the force-unwrap cannot fail on the shipped lists.
    OrganisatieGroep(code: Self.groups[Int(rawValue)])!
  }
}

/// A set of distinct codes of one list (a multi-valued field), kept as a bit mask.
public struct CodeSet<Element: CodeListEnum>: Hashable, Sendable, Sequence {
  /// One bit per code, bit `rawValue`.
  public private(set) var bits: UInt64

  public init() { bits = 0 }
  public init(bits: UInt64) { self.bits = bits }
  public init(_ elements: some Sequence<Element>) {
    bits = 0
    for e in elements { insert(e) }
  }

  public var isEmpty: Bool { bits == 0 }
  public var count: Int { bits.nonzeroBitCount }
  public func contains(_ e: Element) -> Bool { bits & (1 << UInt64(e.rawValue)) != 0 }
  /// Inserts `e`; returns false when it was already present.
  @discardableResult
  public mutating func insert(_ e: Element) -> Bool {
    let mask: UInt64 = 1 << UInt64(e.rawValue)
    defer { bits |= mask }
    return bits & mask == 0
  }
  public func union(_ other: CodeSet) -> CodeSet { CodeSet(bits: bits | other.bits) }
  public mutating func formUnion(_ other: CodeSet) { bits |= other.bits }

  public func makeIterator() -> AnyIterator<Element> {
    var remaining = bits
    return AnyIterator {
      guard remaining != 0 else { return nil }
      let i = remaining.trailingZeroBitCount
      remaining &= remaining - 1
      return Element(rawValue: UInt8(i))
    }
  }

  /// The canonical codes joined with `|`, in list order (the staged and vt-csv form).
  public var joinedCodes: String { self.map(\.code).joined(separator: "|") }
}

/// A code list seen without its type: for metadata, dimension titles and label lookups.
public struct CodeListInfo: Sendable {
  public let name: String
  public let codes: [String]
  public let labels: [String]
  public let groups: [String]

  public init<E: CodeListEnum>(_ type: E.Type) {
    name = E.listName
    codes = E.codes
    labels = E.labels
    groups = E.groups
  }

  public init(name: String, codes: [String], labels: [String], groups: [String]) {
    self.name = name
    self.codes = codes
    self.labels = labels
    self.groups = groups
  }

  /// The label of `code`, or nil when the code is not in the list.
  public func label(of code: String) -> String? {
    codes.firstIndex(of: code).map { labels[$0] }
  }
}

/// Namespace for the code lists as a whole.
public enum CodeLists {
  /// The list called `name` in codes.tsv.
  public static func list(named name: String) -> CodeListInfo? {
    all.first { $0.name == name }
  }
}
