/// A CBS municipality code, `GM` followed by four digits.
public struct GemeenteCode: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The four digits as a number (GM0014 → 14).
  public let number: UInt16

  public init?(number: Int) {
    guard (0...9999).contains(number) else { return nil }
    self.number = UInt16(number)
  }

  /// Parses exactly `GM` + 4 digits (as in codes and exports; no case folding).
  public init?(_ text: some StringProtocol) {
    let b = Array(text.utf8)
    guard b.count == 6, b[0] == 0x47, b[1] == 0x4D,
      b[2...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    number = b[2...].reduce(0) { $0 * 10 + UInt16($1 - 0x30) }
  }

  /// `GM0014`.
  public var code: String { "GM" + Day.pad(Int(number), 4) }
  public var description: String { code }
  public static func < (a: GemeenteCode, b: GemeenteCode) -> Bool { a.number < b.number }
}

/// A gemeente as registered: a known municipality, or unknown (an empty optional field).
///
/// "Unknown" is a value, not a string: it counts in the region total and in the
/// gemeente row `onbekend`.
public enum GemeenteRef: Hashable, Sendable, Comparable, CustomStringConvertible {
  case known(GemeenteCode)
  case unknown

  /// The region code as the aggregate table writes it: `GM0014` or `onbekend`.
  public var regionCode: String {
    switch self {
    case .known(let c): c.code
    case .unknown: RegionLevel.unknownGemeente
    }
  }

  public var description: String { regionCode }
}

/// The levels a figure is counted at, from a gemeente up to the whole country.
public enum RegionLevel: String, CaseIterable, Sendable, Comparable {
  case gemeente, vtregio, provincie, landsdeel, nederland

  /// The gemeente row for records without a gemeente.
  public static let unknownGemeente = "onbekend"
  /// The region code of the Netherlands.
  public static let nederlandCode = "NL01"

  var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (a: RegionLevel, b: RegionLevel) -> Bool { a.rank < b.rank }
}

/// A municipality of the reference data, with the dates it was valid.
public struct Gemeente: Hashable, Sendable {
  public let code: GemeenteCode
  /// The official CBS name.
  public let naam: String
  /// The Veilig Thuis-regio (`VT14`).
  public let vtregio: String
  /// The provincie (`PV25`).
  public let provincie: String
  /// First day the code is valid; nil = before the reference data begins.
  public let geldigVan: Day?
  /// Last day the code is valid; nil = still valid.
  public let geldigTot: Day?
  /// Where the facts come from.
  public let bron: String

  public init(
    code: GemeenteCode, naam: String, vtregio: String, provincie: String,
    geldigVan: Day?, geldigTot: Day?, bron: String
  ) {
    self.code = code
    self.naam = naam
    self.vtregio = vtregio
    self.provincie = provincie
    self.geldigVan = geldigVan
    self.geldigTot = geldigTot
    self.bron = bron
  }

  /// True when the code is valid on `day`.
  public func isValid(on day: Day) -> Bool {
    if let v = geldigVan, day < v { return false }
    if let t = geldigTot, day > t { return false }
    return true
  }
}

/// A municipal reorganisation: from `datum` on, `oud` is part of `nieuw`.
public struct Herindeling: Hashable, Sendable {
  public let datum: Day
  public let oud: GemeenteCode
  public let nieuw: GemeenteCode
  public let opmerking: String

  public init(datum: Day, oud: GemeenteCode, nieuw: GemeenteCode, opmerking: String = "") {
    self.datum = datum
    self.oud = oud
    self.nieuw = nieuw
    self.opmerking = opmerking
  }
}

/// A Veilig Thuis-regio (`VT01`…`VT27`).
public struct VTRegio: Hashable, Sendable {
  public let code: String
  public let naam: String
  public let geldigVan: Day?
  public let geldigTot: Day?
  public init(code: String, naam: String, geldigVan: Day?, geldigTot: Day?) {
    self.code = code
    self.naam = naam
    self.geldigVan = geldigVan
    self.geldigTot = geldigTot
  }
}

/// A provincie (`PV20`…`PV31`) and its landsdeel (`LD01`…`LD04`).
public struct Provincie: Hashable, Sendable {
  public let code: String
  public let naam: String
  public let landsdeel: String
  public let landsdeelNaam: String
  public init(code: String, naam: String, landsdeel: String, landsdeelNaam: String) {
    self.code = code
    self.naam = naam
    self.landsdeel = landsdeel
    self.landsdeelNaam = landsdeelNaam
  }
}
