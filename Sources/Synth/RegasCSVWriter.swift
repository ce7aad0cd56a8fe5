import Model

/// Writes the Regas-style CSV layout (`regas-csv`, Veilig Thuis Noord Oost Gelderland):
/// Windows-1252, `;`, CRLF, `dd-mm-jjjj`, `Ja`/`Nee`, Dutch labels instead of codes (now and
/// then in other case or with spaces around them), gemeente names with their usual variants,
/// and the multi-valued fields as rows of `Kenmerken.csv`.
final class RegasCSVWriter: ExportWriter {
  /// The files and their column titles (`exports.md`, in canonical field order).
  static let columns: [(file: String, columns: [String])] = [
    (
      "Adviezen.csv",
      [
        "Advies ID", "Startdatum", "Einddatum", "Gemeente", "Contactvorm", "Rol adviesvrager",
        "Organisatie adviesvrager", "Duur geweld",
      ]
    ),
    (
      "Meldingen.csv",
      [
        "Melding ID", "Casus ID", "Datum ontvangst", "Gemeente", "Rol melder", "Organisatie melder",
        "Duur geweld", "Acute onveiligheid", "Structurele onveiligheid", "Besluit", "Datum besluit",
        "Datum eerste contact", "Vervolgmelding", "Radarmelding",
      ]
    ),
    ("Betrokkenen.csv", ["Melding ID", "BSN", "Geboortejaar", "Geslacht", "Rol"]),
    ("Diensten.csv", ["Dienst ID", "Casus ID", "Dienst", "Startdatum", "Einddatum", "Uitkomst"]),
    (
      "Overdrachten.csv",
      ["Overdracht ID", "Casus ID", "Datum", "Moment", "Ontvanger", "Monitoring"]
    ),
    (
      "Monitoring.csv",
      ["Monitoring ID", "Casus ID", "Startdatum", "Einddatum", "Extra interventie"]
    ),
    (
      "Huisverboden.csv",
      [
        "Huisverbod ID", "Casus ID", "Gemeente", "Datum beoordeling", "Opgelegd", "Verlengd",
      ]
    ),
    ("Activiteiten.csv", ["Activiteit ID", "Activiteit", "Datum", "Gemeente"]),
    ("Kenmerken.csv", ["Soort", "Registratie ID", "Kenmerk", "Waarde"]),
  ]

  private let out: [ExportFile]
  private var row: DelimitedRow
  private var text: RegasText
  private let reference: ReferenceData
  private let breaker: Breaker
  private var counter = EntityCounter()

  private enum File: Int {
    case adviezen, meldingen, betrokkenen, diensten, overdrachten, monitoring, huisverboden
    case activiteiten, kenmerken
  }

  init(options: SynthOptions, reference: ReferenceData, breaker: Breaker, opener: FileOpener) throws
  {
    var style = SynthRandom(seed: options.seed, stream: .style)
    row = DelimitedRow(
      delimiter: ";", quoteAll: style.chance(0.3), encoding: .windows1252, crlf: true)
    text = RegasText(seed: options.seed &+ 1)
    self.reference = reference
    self.breaker = breaker
    var files: [ExportFile] = []
    for (name, columns) in RegasCSVWriter.columns {
      let file = try opener.open(name)
      row.add(columns)
      try file.write(row.finish())
      files.append(file)
    }
    out = files
  }

  var files: [ExportFile] { out.sorted { $0.name < $1.name } }
  var recordsPerEntity: [(String, Int)] { counter.all }

  func begin(year: Int) throws {}

  private func emit(_ file: File, _ entity: String) throws {
    try out[file.rawValue].write(row.finish())
    out[file.rawValue].records += 1
    counter.add(entity)
  }

  private func date(_ d: Day?) -> String { d.map(DateText.dutch) ?? "" }
  private func bool(_ b: Bool) -> String { b ? "Ja" : "Nee" }
  private func label<E: CodeListEnum>(_ v: E?) -> String { v.map { text.label($0) } ?? "" }

  private func gemeente(_ code: GemeenteCode) -> String {
    guard let g = reference.gemeente(code) else { return code.code }
    return text.gemeente(g)
  }

  func write(advies r: Flawed<Advies>) throws {
    let a = r.record
    row.add(r.text(.id, a.id))
    row.add(r.text(.startdatum, DateText.dutch(a.startdatum)))
    row.add(r.text(.einddatum, date(a.einddatum)))
    row.add(r.text(.gemeente, { if case .known(let c) = a.gemeente { gemeente(c) } else { "" } }()))
    row.add(r.text(.contactvorm, label(a.contactvorm)))
    row.add(r.text(.rol, label(a.rolAdviesvrager)))
    row.add(r.text(.organisatie, label(a.organisatieAdviesvrager)))
    row.add(r.text(.duurGeweld, label(a.duurGeweld)))
    try emit(.adviezen, "advies")
    guard r.flaw?.rule != .duplicateId else { return }
    let noAard = r.flaw?.field == .aardGeweld
    try kenmerken(
      "Advies", a.id, aard: noAard ? CodeSet() : a.aardGeweld, a.aanvullendeInformatie,
      a.vormKindermishandeling, a.vormOuderenmishandeling)
  }

  func write(casus: SynthCasus) throws {
    for sm in casus.meldingen {
      let r = sm.melding
      let m = r.record
      row.add(r.text(.id, m.id))
      row.add(r.text(.casusID, m.casusID))
      row.add(r.text(.ontvangstdatum, DateText.dutch(m.ontvangstdatum)))
      row.add(r.text(.gemeente, gemeente(m.gemeente)))
      row.add(r.text(.rol, label(m.rolMelder)))
      row.add(r.text(.organisatie, label(m.organisatieMelder)))
      row.add(r.text(.duurGeweld, label(m.duurGeweld)))
      row.add(r.text(.acuteOnveiligheid, label(m.acuteOnveiligheid)))
      row.add(label(m.structureleOnveiligheid))
      row.add(r.text(.besluit, label(m.besluit)))
      row.add(r.text(.besluitdatum, date(m.besluitdatum)))
      row.add(date(m.eersteContactDatum))
      row.add(r.text(.vervolgmelding, label(m.vervolgmelding)))
      row.add(r.text(.radarmelding, bool(m.radarmelding)))
      try emit(.meldingen, "melding")
      if r.flaw?.rule != .duplicateId {
        let noAard = r.flaw?.field == .aardGeweld
        try kenmerken(
          "Melding", m.id, aard: noAard ? CodeSet() : m.aardGeweld, m.aanvullendeInformatie,
          m.vormKindermishandeling, m.vormOuderenmishandeling)
      }
      for rb in sm.betrokkenen {
        let b = rb.record
        row.add(b.meldingID)
        row.add(b.bsn)
        row.add(b.geboortejaar.map(String.init) ?? "")
        row.add(rb.text(.geslacht, label(b.geslacht)))
        row.add(rb.text(.rol, label(b.rol)))
        try emit(.betrokkenen, "betrokkene")
      }
    }
    for r in casus.diensten {
      let d = r.record
      row.add(d.id)
      row.add(d.casusID)
      row.add(r.text(.type, label(d.type)))
      row.add(r.text(.startdatum, DateText.dutch(d.startdatum)))
      row.add(date(d.einddatum))
      row.add(label(d.uitkomst))
      try emit(.diensten, "dienst")
    }
    for r in casus.overdrachten {
      let o = r.record
      row.add(o.id)
      row.add(o.casusID)
      row.add(r.text(.datum, DateText.dutch(o.datum)))
      row.add(r.text(.moment, label(o.moment)))
      row.add(r.text(.ontvanger, label(o.ontvanger)))
      row.add(r.text(.monitoring, bool(o.monitoring)))
      try emit(.overdrachten, "overdracht")
    }
    for r in casus.monitoring {
      let m = r.record
      row.add(m.id)
      row.add(m.casusID)
      row.add(r.text(.startdatum, DateText.dutch(m.startdatum)))
      row.add(date(m.einddatum))
      row.add(r.text(.extraInterventie, bool(m.extraInterventie)))
      try emit(.monitoring, "monitoring")
    }
    for r in casus.huisverboden {
      let h = r.record
      row.add(h.id)
      row.add(h.casusID ?? "")
      row.add(r.text(.gemeente, gemeente(h.gemeente)))
      row.add(r.text(.beoordelingsdatum, DateText.dutch(h.beoordelingsdatum)))
      row.add(r.text(.opgelegd, bool(h.opgelegd)))
      row.add(bool(h.verlengd))
      try emit(.huisverboden, "huisverbod")
    }
  }

  func write(activiteit r: Flawed<Activiteit>) throws {
    let a = r.record
    row.add(a.id)
    row.add(r.text(.type, label(a.type)))
    row.add(r.text(.datum, DateText.dutch(a.datum)))
    row.add(r.text(.gemeente, { if case .known(let c) = a.gemeente { gemeente(c) } else { "" } }()))
    try emit(.activiteiten, "activiteit")
  }

  func write(maatregel: Flawed<Maatregel>) throws {}

  func finish() throws { for f in out { try f.close() } }

  // MARK: Kenmerken.csv

  private func kenmerken(
    _ soort: String, _ id: String, aard: CodeSet<AardGeweld>,
    _ aanvullend: CodeSet<AanvullendeInformatie>,
    _ vormKM: CodeSet<VormKM>, _ vormOM: CodeSet<VormOM>
  ) throws {
    try rows(soort, id, "Aard geweld", aard, isAard: true)
    try rows(soort, id, "Aanvullende informatie", aanvullend, isAard: false)
    try rows(soort, id, "Vorm kindermishandeling", vormKM, isAard: false)
    try rows(soort, id, "Vorm ouderenmishandeling", vormOM, isAard: false)
  }

  private func rows<E: CodeListEnum>(
    _ soort: String, _ id: String, _ kenmerk: String, _ values: CodeSet<E>, isAard: Bool
  ) throws {
    let sole = isAard && values.count == 1
    for value in CodeSetText.members(values) {
      var name = kenmerk
      var waarde = text.label(value)
      var dangling: String? = nil
      switch breaker.kenmerk(value, sole: sole) {
      case .label(let l)?: waarde = l
      case .kenmerk(let k)?: name = k
      case .dangling(let registration)?: dangling = registration
      case nil: break
      }
      row.add([soort, id, name, waarde])
      try emit(.kenmerken, "kenmerk")
      if let registration = dangling {
        row.add([soort, registration, kenmerk, value.label])
        try emit(.kenmerken, "kenmerk")
      }
    }
  }
}
