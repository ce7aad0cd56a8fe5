import Model

/// A canonical field a flaw can sit in (the names of `model.md`).
enum Field: UInt8, Sendable {
  case id, casusID, meldingID
  case startdatum, einddatum, ontvangstdatum, besluitdatum, eersteContactDatum, datum
  case beoordelingsdatum
  case gemeente, contactvorm, rol, organisatie, aardGeweld, duurGeweld
  case acuteOnveiligheid, besluit, vervolgmelding, radarmelding
  case bsn, geboortejaar, geslacht
  case type, moment, ontvanger, monitoring, extraInterventie, opgelegd, soort
}

/// A deliberate flaw in one written record, so that extract's rejects can be exercised.
///
/// Either the generator changed the typed record itself (a dangling casus_id, an einddatum
/// before the startdatum, a bsn that fails the elfproef, a duplicate copy) and `field` is
/// nil, or the writer writes `text` in place of `field`'s value (a date that does not
/// exist, a label no code list has; nil text = the field is left empty or omitted).
struct Flaw: Sendable {
  /// The rule of `model.md` the record breaks.
  let rule: RejectRule
  let field: Field?
  let text: String?
  /// What was done, for the summary (`impossible date`, `label instead of code`).
  let what: String

  init(_ rule: RejectRule, _ what: String, field: Field? = nil, text: String? = nil) {
    self.rule = rule
    self.what = what
    self.field = field
    self.text = text
  }

  /// The flaw of a copy written a second time under the same id.
  static let duplicate = Flaw(.duplicateId, "second record with the same id")
  /// The flaw of a vt-xml melding written outside its casus.
  static let outsideCasus = Flaw(.missingRequired, "melding outside its casus")
}

/// A record together with the flaw it was written with, if any.
struct Flawed<Record: Sendable>: Sendable {
  var record: Record
  var flaw: Flaw?

  init(_ record: Record, _ flaw: Flaw? = nil) {
    self.record = record
    self.flaw = flaw
  }

  /// The text to write for `field`: the flaw's text when it sits there (empty = left
  /// empty, or omitted in XML), else the normal rendering.
  /// (`normal` is always computed, so a flaw never shifts the writer's own random stream.)
  @inline(__always)
  func text(_ field: Field, _ normal: String) -> String {
    if let flaw, flaw.field == field { return flaw.text ?? "" }
    return normal
  }
}

/// A directbetrokkene as a registration system exports it: with the bsn itself.
///
/// The bsn is synthetic (made to pass the elfproef by `BsnFactory`) and is only ever written
/// into the export files, never into a message.
struct SynthBetrokkene: Sendable {
  var meldingID: String
  /// Nine digits, or empty when the person has no known bsn.
  var bsn: String
  var geboortejaar: Int?
  var geslacht: Geslacht
  var rol: RolBetrokkene
}

/// A melding with its directbetrokkenen.
struct SynthMelding: Sendable {
  var melding: Flawed<Melding>
  var betrokkenen: [Flawed<SynthBetrokkene>]
}

/// Everything a casus holds, generated and written as one unit (the streaming grain).
struct SynthCasus: Sendable {
  var id: String
  var meldingen: [SynthMelding] = []
  var diensten: [Flawed<Dienst>] = []
  var overdrachten: [Flawed<Overdracht>] = []
  var monitoring: [Flawed<Monitoring>] = []
  var huisverboden: [Flawed<Huisverbod>] = []

  /// Records in the casus, betrokkenen included.
  var recordCount: Int {
    meldingen.reduce(0) { $0 + 1 + $1.betrokkenen.count } + diensten.count + overdrachten.count
      + monitoring.count + huisverboden.count
  }
}

/// What the generator broke on purpose, by entity and rule, and the ◇ consistency slips it
/// wrote (which are not rejects).
struct FlawLedger: Sendable {
  private(set) var counts: [String: [RejectRule: Int]] = [:]
  private(set) var what: [String: Int] = [:]
  private(set) var slips: [Slip: Int] = [:]

  mutating func record(_ flaw: Flaw, entity: String) {
    counts[entity, default: [:]][flaw.rule, default: 0] += 1
    what[flaw.what, default: 0] += 1
  }

  mutating func slip(_ kind: Slip) { slips[kind, default: 0] += 1 }

  /// Broken records in all.
  var total: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

  /// Broken records per rule, in the rule order of `model.md`.
  var byRule: [(RejectRule, Int)] {
    RejectRule.allCases.compactMap { rule in
      let n = counts.values.reduce(0) { $0 + ($1[rule] ?? 0) }
      return n > 0 ? (rule, n) : nil
    }
  }

  /// Broken records of one entity and rule.
  func count(entity: String, rule: RejectRule) -> Int { counts[entity]?[rule] ?? 0 }

  /// Broken records of one rule over all entities.
  func count(rule: RejectRule) -> Int { counts.values.reduce(0) { $0 + ($1[rule] ?? 0) } }
}

/// The ◇ consistency rules of `model.md` the generator breaks now and then, as real
/// registrations do. A record with a slip is accepted and reported in the kwaliteitsrapport.
enum Slip: String, CaseIterable, Sendable, Comparable {
  case besluitZonderDatum = "besluit without besluitdatum"
  case organisatieNietBeroepsmatig = "organisatie given for a non-professional"
  case beroepsmatigZonderOrganisatie = "no organisatie for a professional"
  case vormZonderAard = "vorm without its aard"
  case uitkomstNietOnderzoek = "uitkomst on a dienst that is no onderzoek"
  case uitkomstNietAfgerond = "uitkomst on an onderzoek not afgerond"
  case verlengdNietOpgelegd = "verlengd without opgelegd"

  static func < (a: Slip, b: Slip) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
