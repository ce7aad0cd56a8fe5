/// The kinds of canonical records (`model.md`), in the order the stages process them:
/// every entity comes after the ones it refers to.
public enum Entity: String, CaseIterable, Sendable, Comparable {
  case melding, betrokkene, dienst, overdracht, monitoring, huisverbod, advies, activiteit
  case maatregel

  /// The staged file of this entity (`melding.tsv`).
  public var stagedFileName: String { rawValue + ".tsv" }

  /// The entities of a Veilig Thuis export.
  public static let veiligThuis: [Entity] = [
    .melding, .betrokkene, .dienst, .overdracht, .monitoring, .huisverbod, .advies, .activiteit,
  ]
  /// The entities of a Jeugdbescherming export.
  public static let jeugdbescherming: [Entity] = [.maatregel]

  var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (a: Entity, b: Entity) -> Bool { a.rank < b.rank }
}

/// The rules a record can break (`model.md`, "What happens to a record that breaks a rule").
public enum RejectRule: String, CaseIterable, Sendable, Comparable {
  case badDate = "bad_date"
  case unknownCode = "unknown_code"
  case missingRequired = "missing_required"
  case invalidBsn = "invalid_bsn"
  case duplicateId = "duplicate_id"
  case danglingCasus = "dangling_casus"
  case danglingMelding = "dangling_melding"
  case danglingRegistration = "dangling_registration"
  case badValue = "bad_value"

  var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (a: RejectRule, b: RejectRule) -> Bool { a.rank < b.rank }
}
