import Model

/// Decides which records are written broken (`--bad-rate`) and how, in ways an extract must
/// locate and reject: dates that do not exist, labels and codes no list has, unknown gemeente
/// names, bsn's failing the elfproef, duplicate ids, dangling references, missing required
/// values, dates out of order.
///
/// It draws from its own random stream, so the rate changes which records are broken but
/// never the clean records themselves. Every flaw is entered in `ledger` (one broken record
/// each; follow-on rejects such as the betrokkenen of a rejected melding are not counted).
final class Breaker {
  let rate: Double
  let layout: ExportLayout
  private(set) var ledger = FlawLedger()
  private var random: SynthRandom
  private let ids: IDScheme
  private var missingSerial = 0

  init(rate: Double, layout: ExportLayout, seed: UInt64) {
    self.rate = rate
    self.layout = layout
    random = SynthRandom(seed: seed, stream: .flaws)
    ids = IDScheme(layout: layout)
  }

  /// True for a share `rate` of calls.
  func roll() -> Bool { rate > 0 && random.chance(rate) }

  /// Regas writes labels and gemeente names, the other layouts codes.
  private var usesLabels: Bool { layout == .regasCSV }

  private func note(_ flaw: Flaw, _ entity: String) -> Flaw {
    ledger.record(flaw, entity: entity)
    return flaw
  }

  /// Records a ◇ consistency slip (not a flaw: the record is accepted).
  func slip(_ kind: Slip) { ledger.slip(kind) }

  // MARK: Per entity

  /// A flaw for an advies, or nil. `.duplicate` means: write the record clean, then a copy.
  func advies(_ a: inout Advies) -> Flaw? {
    guard roll() else { return nil }
    var kinds: [(Int, Double)] = [(0, 3), (1, 1), (2, 2), (3, 1), (4, 2), (5, 1), (6, 1), (7, 1)]
    if a.einddatum != nil { kinds.append((8, 1)) }
    if !usesLabels { kinds.append((9, 1)) }
    let flaw: Flaw
    switch Weighted(kinds).pick(&random) {
    case 0: flaw = badDate(a.startdatum, .startdatum)
    case 1: flaw = unknownCode(a.contactvorm, .contactvorm)
    case 2: flaw = unknownCode(a.rolAdviesvrager, .rol)
    case 3:
      flaw =
        a.duurGeweld.map { unknownCode($0, .duurGeweld) }
        ?? unknownCode(a.contactvorm, .contactvorm)
    case 4: flaw = unknownGemeente()
    case 5: flaw = Flaw(.missingRequired, "required date empty", field: .startdatum, text: "")
    case 6: flaw = Flaw(.missingRequired, "no aard geweld", field: .aardGeweld, text: "")
    case 7: flaw = .duplicate
    case 8:
      a.einddatum = a.startdatum.adding(days: -random.int(in: 1...20))
      flaw = Flaw(.badValue, "einddatum before startdatum")
    default: flaw = unknownMember(a.aardGeweld)
    }
    return note(flaw, "advies")
  }

  /// A flaw for a melding, or nil (see `advies`).
  func melding(_ m: inout Melding) -> Flaw? {
    guard roll() else { return nil }
    var kinds: [(Int, Double)] = [
      (0, 3), (1, 1), (2, 1), (3, 1), (4, 2), (5, 1), (6, 1), (7, 1), (8, 1), (9, 1), (10, 1),
    ]
    if m.besluitdatum != nil { kinds += [(11, 1), (12, 1)] }
    if !usesLabels { kinds.append((13, 1)) }
    let flaw: Flaw
    switch Weighted(kinds).pick(&random) {
    case 0: flaw = badDate(m.ontvangstdatum, .ontvangstdatum)
    case 1: flaw = unknownCode(m.rolMelder, .rol)
    case 2: flaw = m.besluit.map { unknownCode($0, .besluit) } ?? unknownCode(m.rolMelder, .rol)
    case 3: flaw = unknownCode(m.vervolgmelding, .vervolgmelding)
    case 4: flaw = unknownGemeente()
    case 5: flaw = Flaw(.missingRequired, "required gemeente empty", field: .gemeente, text: "")
    case 6: flaw = Flaw(.missingRequired, "required date empty", field: .ontvangstdatum, text: "")
    case 7:
      flaw =
        layout == .vtXML
        ? .outsideCasus : Flaw(.missingRequired, "casus_id empty", field: .casusID, text: "")
    case 8: flaw = badBoolean(.radarmelding)
    case 9: flaw = unknownCode(m.acuteOnveiligheid, .acuteOnveiligheid)
    case 10: flaw = .duplicate
    case 11: flaw = badDate(m.besluitdatum ?? m.ontvangstdatum, .besluitdatum)
    case 12:
      m.besluitdatum = m.ontvangstdatum.adding(days: -random.int(in: 1...10))
      flaw = Flaw(.badValue, "besluitdatum before ontvangstdatum")
    default: flaw = unknownMember(m.aardGeweld)
    }
    return note(flaw, "melding")
  }

  /// A flaw for a betrokkene of a melding received in `year`, or nil.
  func betrokkene(_ b: inout SynthBetrokkene, year: Int) -> Flaw? {
    guard roll() else { return nil }
    var kinds: [(Int, Double)] = [(1, 1), (2, 1), (3, 1)]
    if !b.bsn.isEmpty { kinds.append((0, 5)) }
    if layout != .vtXML { kinds.append((4, 1)) }
    let flaw: Flaw
    switch Weighted(kinds).pick(&random) {
    case 0:
      if random.chance(0.8) {
        b.bsn = BsnFactory.failingElfproef(b.bsn, shift: random.below(9))
        flaw = Flaw(.invalidBsn, "bsn failing the elfproef")
      } else {
        // A spreadsheet dropped the leading digit: eight digits left.
        b.bsn = String(b.bsn.dropFirst())
        flaw = Flaw(.invalidBsn, "bsn of eight digits")
      }
    case 1: flaw = unknownCode(b.geslacht, .geslacht)
    case 2: flaw = unknownCode(b.rol, .rol)
    case 3:
      b.geboortejaar =
        random.chance(0.5) ? random.int(in: 1850...1899) : year + random.int(in: 1...3)
      flaw = Flaw(.badValue, "geboortejaar out of range")
    default:
      missingSerial += 1
      b.meldingID = ids.missingMelding(missingSerial)
      flaw = Flaw(.danglingMelding, "melding_id of no melding")
    }
    return note(flaw, "betrokkene")
  }

  /// A flaw for a dienst, or nil.
  func dienst(_ d: inout Dienst) -> Flaw? {
    guard roll() else { return nil }
    var kinds: [(Int, Double)] = [(0, 3), (1, 2), (2, 1), (3, 1), (4, 1)]
    if d.einddatum != nil { kinds.append((5, 1)) }
    let flaw: Flaw
    switch Weighted(kinds).pick(&random) {
    case 0: flaw = dangling(&d.casusID)
    case 1: flaw = badDate(d.startdatum, .startdatum)
    case 2: flaw = unknownCode(d.type, .type)
    case 3: flaw = Flaw(.missingRequired, "required date empty", field: .startdatum, text: "")
    case 4: flaw = .duplicate
    default:
      d.einddatum = d.startdatum.adding(days: -random.int(in: 1...30))
      flaw = Flaw(.badValue, "einddatum before startdatum")
    }
    return note(flaw, "dienst")
  }

  /// A flaw for an overdracht, or nil.
  func overdracht(_ o: inout Overdracht) -> Flaw? {
    guard roll() else { return nil }
    let flaw: Flaw
    switch random.below(6) {
    case 0: flaw = dangling(&o.casusID)
    case 1: flaw = badDate(o.datum, .datum)
    case 2: flaw = unknownCode(o.moment, .moment)
    case 3: flaw = unknownCode(o.ontvanger, .ontvanger)
    case 4: flaw = badBoolean(.monitoring)
    default: flaw = .duplicate
    }
    return note(flaw, "overdracht")
  }

  /// A flaw for a monitoring, or nil.
  func monitoring(_ m: inout Monitoring) -> Flaw? {
    guard roll() else { return nil }
    var kinds: [(Int, Double)] = [(0, 2), (1, 2), (2, 1), (3, 1)]
    if m.einddatum != nil { kinds.append((4, 1)) }
    let flaw: Flaw
    switch Weighted(kinds).pick(&random) {
    case 0: flaw = dangling(&m.casusID)
    case 1: flaw = badDate(m.startdatum, .startdatum)
    case 2: flaw = badBoolean(.extraInterventie)
    case 3: flaw = .duplicate
    default:
      m.einddatum = m.startdatum.adding(days: -random.int(in: 1...30))
      flaw = Flaw(.badValue, "einddatum before startdatum")
    }
    return note(flaw, "monitoring")
  }

  /// A flaw for a huisverbod, or nil.
  func huisverbod(_ h: inout Huisverbod) -> Flaw? {
    guard roll() else { return nil }
    let flaw: Flaw
    switch random.below(5) {
    case 0: flaw = unknownGemeente()
    case 1: flaw = Flaw(.missingRequired, "required gemeente empty", field: .gemeente, text: "")
    case 2: flaw = badDate(h.beoordelingsdatum, .beoordelingsdatum)
    case 3: flaw = badBoolean(.opgelegd)
    default: flaw = .duplicate
    }
    return note(flaw, "huisverbod")
  }

  /// A flaw for an activiteit, or nil.
  func activiteit(_ a: inout Activiteit) -> Flaw? {
    guard roll() else { return nil }
    let flaw: Flaw
    switch random.below(4) {
    case 0: flaw = unknownCode(a.type, .type)
    case 1: flaw = badDate(a.datum, .datum)
    case 2: flaw = unknownGemeente()
    default: flaw = .duplicate
    }
    return note(flaw, "activiteit")
  }

  /// A flaw for a maatregel, or nil.
  func maatregel(_ m: inout Maatregel) -> Flaw? {
    guard roll() else { return nil }
    let flaw: Flaw
    switch random.below(6) {
    case 0: flaw = unknownGemeente()
    case 1: flaw = Flaw(.missingRequired, "required gemeente empty", field: .gemeente, text: "")
    case 2: flaw = unknownCode(m.type, .type)
    case 3: flaw = unknownCode(m.soort, .soort)
    case 4: flaw = badDate(m.startdatum, .startdatum)
    default: flaw = .duplicate
    }
    return note(flaw, "maatregel")
  }

  /// A row of Regas's Kenmerken.csv: what to write instead, if anything.
  enum KenmerkFlaw {
    /// Write this label instead of the value's label (only the row is rejected).
    case label(String)
    /// Write this Kenmerk name instead of the real one (only the row is rejected).
    case kenmerk(String)
    /// Write the row, then one more for this registration id, which does not exist.
    case dangling(String)
  }

  /// A flaw for a Kenmerken row, or nil. `sole` = the row carries the record's only aard
  /// geweld (breaking its label would reject the registration too; such a row gets an extra
  /// dangling row instead).
  func kenmerk<E: CodeListEnum>(_ value: E, sole: Bool) -> KenmerkFlaw? {
    guard roll() else { return nil }
    let pick = sole ? 2 : Weighted([(0, 6.0), (1, 1.0), (2, 3.0)]).pick(&random)
    switch pick {
    case 0:
      let flaw = unknownCode(value, .aardGeweld)
      _ = note(Flaw(.unknownCode, flaw.what), "kenmerk")
      return .label(flaw.text ?? "")
    case 1:
      _ = note(Flaw(.unknownCode, "unknown Kenmerk"), "kenmerk")
      return .kenmerk(random.pick(["Aard van het geweld", "Aanvullende info", "Vorm geweld"]))
    default:
      missingSerial += 1
      _ = note(Flaw(.danglingRegistration, "Kenmerken row of no registration"), "kenmerk")
      return .dangling(ids.missingRegistration(missingSerial))
    }
  }

  // MARK: Kinds of flaw

  private func dangling(_ casusID: inout String) -> Flaw {
    missingSerial += 1
    casusID = ids.missingCasus(missingSerial)
    return Flaw(.danglingCasus, "casus_id of no melding")
  }

  /// A date that does not exist (31-02-2019, 2019-13-01) or is not in the layout's format.
  private func badDate(_ day: Day, _ field: Field) -> Flaw {
    let (y, m, d) = day.components
    let dutch = usesLabels
    if random.chance(0.7) {
      var options: [(Int, Int, Int)] = [
        (y, 2, 30), (y, 2, 31), (y, 13, d), (y, 0, d), (y, m, 0), (y, 4, 31), (y, 6, 31),
        (y, 9, 31), (y, 11, 31), (y, m, 32),
      ]
      if !Day.isLeapYear(y) { options.append((y, 2, 29)) }
      let (yy, mm, dd) = random.pick(options)
      return Flaw(
        .badDate, "impossible date", field: field, text: DateText.text(yy, mm, dd, dutch: dutch))
    }
    let valid = DateText.text(y, m, d, dutch: dutch)
    let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
    let options =
      dutch
      ? [
        "\(y)-\(two(m))-\(two(d))", "\(d)-\(m)-\(y)", "\(two(d))/\(two(m))/\(y)",
        "\(two(d))-\(two(m))-\(two(y % 100))", "\(two(d))\(two(m))\(y)",
      ]
      : [
        "\(y)/\(two(m))/\(two(d))", "\(two(d))-\(two(m))-\(y)", "\(y)\(two(m))\(two(d))",
        "\(y)-\(m)-\(d)", "\(two(d)).\(two(m)).\(y)",
      ]
    let text = random.pick(options.filter { $0 != valid })
    return Flaw(.badDate, "date in another format", field: field, text: text)
  }

  /// A code (or, in Regas, a label) that is not in the value's list.
  private func unknownCode<E: CodeListEnum>(_ value: E, _ field: Field) -> Flaw {
    var options: [(String, String)]
    if usesLabels {
      options = [
        (value.label + String(value.label.last ?? "e"), "label with a typo"),
        (value.code, "code instead of label"),
        ("Geëscaleerde scheiding", "unknown label"), ("Naïeve melder", "unknown label"),
        ("Zie dossier", "unknown label"), ("Overig (toelichting)", "unknown label"),
      ]
      options = options.filter { !RegasText.isLabel($0.0, of: E.self) }
    } else {
      options = [
        (value.label, "label instead of code"), (value.code.uppercased(), "code in capitals"),
        (String(value.code.dropLast()), "code with a typo"),
        (value.code + " ", "code with a space"),
      ]
      options = options.filter { E(code: $0.0) == nil && !$0.0.isEmpty }
    }
    let (text, what) = options.isEmpty ? ("onbekende_waarde", "unknown code") : random.pick(options)
    return Flaw(.unknownCode, what, field: field, text: text)
  }

  /// A multi-valued field with a member no list has (vt-csv and vt-xml).
  private func unknownMember(_ codes: CodeSet<AardGeweld>) -> Flaw {
    let joined = CodeSetText.joined(codes)
    let first = codes.first(where: { _ in true })?.code ?? "kindermishandeling"
    var options: [(String, String)] = [
      (joined + "|Partnergeweld", "unknown member"),
      (joined + "|huiselijk geweld", "unknown member"),
      (first + "||" + first, "empty member"),
    ]
    if codes.count >= 2 {
      options.append((codes.map(\.code).joined(separator: ", "), "members joined with a comma"))
    }
    let (text, what) = random.pick(options)
    return Flaw(.unknownCode, what, field: .aardGeweld, text: text)
  }

  /// A gemeente no reference table has: a typo, a code of a municipality outside the
  /// reference data, a name with a comma.
  private func unknownGemeente() -> Flaw {
    let options =
      usesLabels
      ? [
        "Apeldorn", "Zuthpen", "Oost Gelderland", "Súdwest-Fryslân",
        "Nuenen, Gerwen en Nederwetten", "Den Haag",
      ]
      : ["GM9999", "GM0363", "0200", "GM014", "GM00140"]
    return Flaw(.unknownCode, "unknown gemeente", field: .gemeente, text: random.pick(options))
  }

  /// A boolean other than ja/nee (Ja/Nee in Regas).
  private func badBoolean(_ field: Field) -> Flaw {
    let options =
      usesLabels ? ["J", "1", "Waar", "Misschien", "?"] : ["j", "1", "true", "misschien", "?"]
    return Flaw(.unknownCode, "boolean not ja/nee", field: field, text: random.pick(options))
  }
}
