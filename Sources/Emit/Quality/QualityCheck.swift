import Model

/// How serious a finding of the kwaliteitsrapport is.
public enum QualitySeverity: String, Sendable, CaseIterable {
  /// The record contradicts the Informatieprotocol; CBS will ask for a correction.
  case fout
  /// Unusual but possible; worth a look before uploading.
  case waarschuwing
}

/// A record a check found, by entity and id (a betrokkene by its melding_id).
public struct QualityFinding: Sendable, Hashable {
  public let entity: Entity
  public let id: String
  public init(_ entity: Entity, _ id: String) {
    self.entity = entity
    self.id = id
  }
}

/// What the checks look at: the records of the period and the casussen of the whole export.
public struct QualityInput: Sendable {
  public let records: SubmissionRecords
  public let casussen: CasusIndex
  /// The betrokkenen of each melding of the period.
  public let betrokkenen: [String: [Betrokkene]]

  public init(records: SubmissionRecords, casussen: CasusIndex) {
    self.records = records
    self.casussen = casussen
    betrokkenen = Dictionary(grouping: records.betrokkenen, by: \.meldingID)
  }
}

/// One cross-field check of the kwaliteitsrapport (`outputs.md` §3): one per file in
/// `Quality/`, listed in `QualityChecks.all`.
///
/// A check looks at the records of the period (what the submission holds); references to
/// other records of the casus (its first melding, its diensten, overdrachten, monitoring)
/// are looked up in the whole export.
public protocol QualityCheck: Sendable {
  /// The check's key in the CSV (`besluit_zonder_besluitdatum`).
  var id: String { get }
  var severity: QualitySeverity { get }
  /// The record types it looks at.
  var entities: [Entity] { get }
  /// What it finds, in Dutch, as the reports print it.
  var title: String { get }
  /// The records that break it, in submission order.
  func findings(_ input: QualityInput) -> [QualityFinding]
}

/// The catalogue of checks, in report order.
public enum QualityChecks {
  public static let all: [any QualityCheck] = [
    BesluitWithoutBesluitdatum(), BesluitdatumWithoutBesluit(), VormKMWithoutKindermishandeling(),
    VormOMWithoutOuderenmishandeling(), OrganisatieMissingForProfessional(),
    OrganisatieForNonProfessional(), MeldingWithoutBetrokkene(), MeldingWithoutBsn(),
    BesluitOverdrachtWithoutOverdracht(), BesluitVervolgWithoutDienst(),
    DienstBeforeFirstMelding(), EinddatumBeforeStartdatum(), UitkomstOnNonOnderzoek(),
    UitkomstOnUnfinishedDienst(), OnderzoekWithoutUitkomst(), OverdrachtBeforeFirstMelding(),
    OverdrachtNaDienstWithoutDienst(), OverdrachtMonitoringWithoutMonitoring(),
    MonitoringWithoutOverdracht(), VerlengdWithoutOpgelegd(), HuisverbodUnknownCasus(),
  ]
}
