import Model

/// Writes the canonical CSV layout (`vt-csv`, Veilig Thuis Rotterdam Rijnmond): one file per
/// entity, canonical field names, UTF-8, comma, codes, `ja`/`nee`, multi-valued fields joined
/// with `|`.
///
/// The presentation is one system's, chosen from the seed: with or without a byte-order
/// mark, LF or CRLF, every text field quoted or only those that need it.
final class VTCSVWriter: ExportWriter {
  /// The files and their columns (`model.md`, in canonical field order).
  static let columns: [(file: String, columns: [String])] = [
    ("adviezen.csv", Advies.stagedColumns),
    ("meldingen.csv", Melding.stagedColumns),
    ("betrokkenen.csv", ["melding_id", "bsn", "geboortejaar", "geslacht", "rol"]),
    ("diensten.csv", Dienst.stagedColumns),
    ("overdrachten.csv", Overdracht.stagedColumns),
    ("monitoring.csv", Monitoring.stagedColumns),
    ("huisverboden.csv", Huisverbod.stagedColumns),
    ("activiteiten.csv", Activiteit.stagedColumns),
  ]

  private let out: [ExportFile]
  private var row: DelimitedRow
  private var counter = EntityCounter()

  init(options: SynthOptions, opener: FileOpener) throws {
    var style = SynthRandom(seed: options.seed, stream: .style)
    let bom = style.chance(0.5)
    let crlf = style.chance(0.5)
    let quoteAll = style.chance(0.3)
    row = DelimitedRow(delimiter: ",", quoteAll: quoteAll, encoding: .utf8, crlf: crlf)
    var files: [ExportFile] = []
    for (name, columns) in VTCSVWriter.columns {
      let file = try opener.open(name)
      if bom { try file.write([0xEF, 0xBB, 0xBF]) }
      row.add(columns)
      try file.write(row.finish())
      files.append(file)
    }
    out = files
  }

  var files: [ExportFile] { out.sorted { $0.name < $1.name } }
  var recordsPerEntity: [(String, Int)] { counter.all }

  func begin(year: Int) throws {}

  private func emit(_ file: Int, _ entity: String) throws {
    try out[file].write(row.finish())
    out[file].records += 1
    counter.add(entity)
  }

  private func date(_ d: Day?) -> String { d.map(DateText.iso) ?? "" }
  private func bool(_ b: Bool) -> String { b ? "ja" : "nee" }

  func write(advies r: Flawed<Advies>) throws {
    let a = r.record
    row.add(r.text(.id, a.id))
    row.add(r.text(.startdatum, DateText.iso(a.startdatum)))
    row.add(r.text(.einddatum, date(a.einddatum)))
    row.add(r.text(.gemeente, a.gemeente == .unknown ? "" : a.gemeente.regionCode))
    row.add(r.text(.contactvorm, a.contactvorm.code))
    row.add(r.text(.rol, a.rolAdviesvrager.code))
    row.add(r.text(.organisatie, a.organisatieAdviesvrager?.code ?? ""))
    row.add(r.text(.aardGeweld, CodeSetText.joined(a.aardGeweld)))
    row.add(CodeSetText.joined(a.aanvullendeInformatie))
    row.add(r.text(.duurGeweld, a.duurGeweld?.code ?? ""))
    row.add(CodeSetText.joined(a.vormKindermishandeling))
    row.add(CodeSetText.joined(a.vormOuderenmishandeling))
    try emit(0, "advies")
  }

  func write(casus: SynthCasus) throws {
    for sm in casus.meldingen {
      let r = sm.melding
      let m = r.record
      row.add(r.text(.id, m.id))
      row.add(r.text(.casusID, m.casusID))
      row.add(r.text(.ontvangstdatum, DateText.iso(m.ontvangstdatum)))
      row.add(r.text(.gemeente, m.gemeente.code))
      row.add(r.text(.rol, m.rolMelder.code))
      row.add(r.text(.organisatie, m.organisatieMelder?.code ?? ""))
      row.add(r.text(.aardGeweld, CodeSetText.joined(m.aardGeweld)))
      row.add(CodeSetText.joined(m.aanvullendeInformatie))
      row.add(r.text(.duurGeweld, m.duurGeweld?.code ?? ""))
      row.add(CodeSetText.joined(m.vormKindermishandeling))
      row.add(CodeSetText.joined(m.vormOuderenmishandeling))
      row.add(r.text(.acuteOnveiligheid, m.acuteOnveiligheid.code))
      row.add(m.structureleOnveiligheid.code)
      row.add(r.text(.besluit, m.besluit?.code ?? ""))
      row.add(r.text(.besluitdatum, date(m.besluitdatum)))
      row.add(date(m.eersteContactDatum))
      row.add(r.text(.vervolgmelding, m.vervolgmelding.code))
      row.add(r.text(.radarmelding, bool(m.radarmelding)))
      try emit(1, "melding")
      for rb in sm.betrokkenen {
        let b = rb.record
        row.add(b.meldingID)
        row.add(b.bsn)
        row.add(b.geboortejaar.map(String.init) ?? "")
        row.add(rb.text(.geslacht, b.geslacht.code))
        row.add(rb.text(.rol, b.rol.code))
        try emit(2, "betrokkene")
      }
    }
    for r in casus.diensten {
      let d = r.record
      row.add(d.id)
      row.add(d.casusID)
      row.add(r.text(.type, d.type.code))
      row.add(r.text(.startdatum, DateText.iso(d.startdatum)))
      row.add(date(d.einddatum))
      row.add(d.uitkomst?.code ?? "")
      try emit(3, "dienst")
    }
    for r in casus.overdrachten {
      let o = r.record
      row.add(o.id)
      row.add(o.casusID)
      row.add(r.text(.datum, DateText.iso(o.datum)))
      row.add(r.text(.moment, o.moment.code))
      row.add(r.text(.ontvanger, o.ontvanger.code))
      row.add(r.text(.monitoring, bool(o.monitoring)))
      try emit(4, "overdracht")
    }
    for r in casus.monitoring {
      let m = r.record
      row.add(m.id)
      row.add(m.casusID)
      row.add(r.text(.startdatum, DateText.iso(m.startdatum)))
      row.add(date(m.einddatum))
      row.add(r.text(.extraInterventie, bool(m.extraInterventie)))
      try emit(5, "monitoring")
    }
    for r in casus.huisverboden {
      let h = r.record
      row.add(h.id)
      row.add(h.casusID ?? "")
      row.add(r.text(.gemeente, h.gemeente.code))
      row.add(r.text(.beoordelingsdatum, DateText.iso(h.beoordelingsdatum)))
      row.add(r.text(.opgelegd, bool(h.opgelegd)))
      row.add(bool(h.verlengd))
      try emit(6, "huisverbod")
    }
  }

  func write(activiteit r: Flawed<Activiteit>) throws {
    let a = r.record
    row.add(a.id)
    row.add(r.text(.type, a.type.code))
    row.add(r.text(.datum, DateText.iso(a.datum)))
    row.add(r.text(.gemeente, a.gemeente == .unknown ? "" : a.gemeente.regionCode))
    try emit(7, "activiteit")
  }

  func write(maatregel: Flawed<Maatregel>) throws {}

  func finish() throws { for f in out { try f.close() } }
}
