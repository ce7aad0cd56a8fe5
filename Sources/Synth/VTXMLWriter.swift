import Model

/// Writes the nested XML layout (`vt-xml`, Veilig Thuis Groningen): `vtExport` documents in
/// UTF-8, one per year and more when a year is large, with each casus's meldingen (and their
/// betrokkenen), diensten, overdrachten, monitoring and huisverboden nested inside it.
///
/// Files are named `vtexport-<year>-<part>.xml` so that byte-wise name order is time order;
/// a part holds at most `SynthOptions.elementsPerXMLFile` top-level elements (25.000).
final class VTXMLWriter: ExportWriter {
  private let options: SynthOptions
  private let organisatie: String
  private let opener: FileOpener
  private var written: [ExportFile] = []
  private var current: ExportFile?
  private var year = 0
  private var part = 0
  private var elements = 0
  private var counter = EntityCounter()
  private var buffer = ""
  /// Digits of the part number: enough that name order stays time order at any size.
  private let partDigits: Int

  init(options: SynthOptions, profile: RegionProfile, opener: FileOpener) {
    self.options = options
    organisatie = profile.organisatie
    self.opener = opener
    year = options.firstYear
    // Top-level elements a year holds, generously: adviezen + casussen + activiteiten.
    let perYear = (options.scale.map { $0 * 300_000 } ?? 30_000) * options.volume
    let parts = Int(perYear / Double(max(1, options.elementsPerXMLFile))) * 2 + 1
    partDigits = max(3, String(parts).count)
  }

  var files: [ExportFile] { written.sorted { $0.name < $1.name } }
  var recordsPerEntity: [(String, Int)] { counter.all }

  func begin(year: Int) throws {
    try closeCurrent()
    self.year = year
    part = 0
  }

  /// The file the next top-level element goes into (a new part when the current is full).
  private func file() throws -> ExportFile {
    if let current, elements < options.elementsPerXMLFile { return current }
    try closeCurrent()
    part += 1
    let number = String(part)
    let name =
      "vtexport-\(year)-" + String(repeating: "0", count: max(0, partDigits - number.count))
      + number + ".xml"
    let f = try opener.open(name)
    try f.write(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<vtExport versie=\"1.0\" organisatie=\""
        + escape(organisatie) + "\" peildatum=\"" + DateText.iso(options.peildatum) + "\">\n")
    written.append(f)
    current = f
    elements = 0
    return f
  }

  private func closeCurrent() throws {
    guard let f = current else { return }
    try f.write("</vtExport>\n")
    try f.close()
    current = nil
  }

  func finish() throws {
    if written.isEmpty { _ = try file() }
    try closeCurrent()
  }

  /// Writes the buffered top-level element.
  private func flush(records: Int) throws {
    let f = try file()
    try f.write(buffer)
    f.records += records
    elements += 1
    buffer.removeAll(keepingCapacity: true)
  }

  // MARK: Elements

  func write(advies r: Flawed<Advies>) throws {
    let a = r.record
    open("  ", "advies")
    attr("id", r.text(.id, a.id))
    attr("start", r.text(.startdatum, DateText.iso(a.startdatum)))
    attr("eind", r.text(.einddatum, a.einddatum.map(DateText.iso) ?? ""))
    attr("gemeente", r.text(.gemeente, a.gemeente == .unknown ? "" : a.gemeente.regionCode))
    attr("contactvorm", r.text(.contactvorm, a.contactvorm.code))
    attr("rol", r.text(.rol, a.rolAdviesvrager.code))
    attr("organisatie", r.text(.organisatie, a.organisatieAdviesvrager?.code ?? ""))
    attr("duur", r.text(.duurGeweld, a.duurGeweld?.code ?? ""))
    buffer += ">\n"
    multiValued(
      r, a.aardGeweld, a.aanvullendeInformatie, a.vormKindermishandeling, a.vormOuderenmishandeling)
    buffer += "  </advies>\n"
    counter.add("advies")
    try flush(records: 1)
  }

  func write(casus: SynthCasus) throws {
    var records = 0
    var after: [() -> Int] = []
    buffer += "  <casus id=\"" + escape(casus.id) + "\">\n"
    for sm in casus.meldingen {
      if sm.melding.flaw?.rule == Flaw.outsideCasus.rule,
        sm.melding.flaw?.what == Flaw.outsideCasus.what
      {
        after.append { self.melding(sm, indent: "  ") }
        continue
      }
      records += melding(sm, indent: "    ")
    }
    for r in casus.diensten {
      if r.flaw?.rule == .danglingCasus {
        after.append { self.phantom(r.record.casusID) { self.dienst(r, "    ") } }
      } else {
        records += dienst(r, "    ")
      }
    }
    for r in casus.overdrachten {
      if r.flaw?.rule == .danglingCasus {
        after.append { self.phantom(r.record.casusID) { self.overdracht(r, "    ") } }
      } else {
        records += overdracht(r, "    ")
      }
    }
    for r in casus.monitoring {
      if r.flaw?.rule == .danglingCasus {
        after.append { self.phantom(r.record.casusID) { self.monitoring(r, "    ") } }
      } else {
        records += monitoring(r, "    ")
      }
    }
    for r in casus.huisverboden {
      if r.record.casusID == nil {
        after.append { self.huisverbod(r, "  ") }
      } else {
        records += huisverbod(r, "    ")
      }
    }
    buffer += "  </casus>\n"
    try flush(records: records)
    // Records outside the casus: a melding that lost its casus, a huisverbod without one,
    // a record in a casus no melding has.
    for element in after {
      let n = element()
      try flush(records: n)
    }
  }

  func write(activiteit r: Flawed<Activiteit>) throws {
    let a = r.record
    open("  ", "activiteit")
    attr("id", a.id)
    attr("type", r.text(.type, a.type.code))
    attr("datum", r.text(.datum, DateText.iso(a.datum)))
    attr("gemeente", r.text(.gemeente, a.gemeente == .unknown ? "" : a.gemeente.regionCode))
    buffer += "/>\n"
    counter.add("activiteit")
    try flush(records: 1)
  }

  func write(maatregel: Flawed<Maatregel>) throws {}

  /// A casus element that holds only `body`: its id belongs to no melding.
  private func phantom(_ id: String, _ body: () -> Int) -> Int {
    buffer += "  <casus id=\"" + escape(id) + "\">\n"
    let n = body()
    buffer += "  </casus>\n"
    return n
  }

  private func melding(_ sm: SynthMelding, indent: String) -> Int {
    let r = sm.melding
    let m = r.record
    open(indent, "melding")
    attr("id", r.text(.id, m.id))
    attr("ontvangst", r.text(.ontvangstdatum, DateText.iso(m.ontvangstdatum)))
    attr("gemeente", r.text(.gemeente, m.gemeente.code))
    attr("rol", r.text(.rol, m.rolMelder.code))
    attr("organisatie", r.text(.organisatie, m.organisatieMelder?.code ?? ""))
    attr("duur", r.text(.duurGeweld, m.duurGeweld?.code ?? ""))
    attr("acuut", r.text(.acuteOnveiligheid, m.acuteOnveiligheid.code))
    attr("structureel", m.structureleOnveiligheid.code)
    attr("besluit", r.text(.besluit, m.besluit?.code ?? ""))
    attr("besluitdatum", r.text(.besluitdatum, m.besluitdatum.map(DateText.iso) ?? ""))
    attr("eersteContact", m.eersteContactDatum.map(DateText.iso) ?? "")
    attr("vervolgmelding", r.text(.vervolgmelding, m.vervolgmelding.code))
    attr("radar", r.text(.radarmelding, m.radarmelding ? "ja" : "nee"))
    buffer += ">\n"
    let inner = indent + "  "
    multiValued(
      r, m.aardGeweld, m.aanvullendeInformatie, m.vormKindermishandeling, m.vormOuderenmishandeling,
      indent: inner)
    for rb in sm.betrokkenen {
      let b = rb.record
      open(inner, "betrokkene")
      attr("bsn", b.bsn)
      attr("geboortejaar", b.geboortejaar.map(String.init) ?? "")
      attr("geslacht", rb.text(.geslacht, b.geslacht.code))
      attr("rol", rb.text(.rol, b.rol.code))
      buffer += "/>\n"
      counter.add("betrokkene")
    }
    buffer += indent + "</melding>\n"
    counter.add("melding")
    return 1 + sm.betrokkenen.count
  }

  private func dienst(_ r: Flawed<Dienst>, _ indent: String) -> Int {
    let d = r.record
    open(indent, "dienst")
    attr("id", d.id)
    attr("type", r.text(.type, d.type.code))
    attr("start", r.text(.startdatum, DateText.iso(d.startdatum)))
    attr("eind", d.einddatum.map(DateText.iso) ?? "")
    attr("uitkomst", d.uitkomst?.code ?? "")
    buffer += "/>\n"
    counter.add("dienst")
    return 1
  }

  private func overdracht(_ r: Flawed<Overdracht>, _ indent: String) -> Int {
    let o = r.record
    open(indent, "overdracht")
    attr("id", o.id)
    attr("datum", r.text(.datum, DateText.iso(o.datum)))
    attr("moment", r.text(.moment, o.moment.code))
    attr("ontvanger", r.text(.ontvanger, o.ontvanger.code))
    attr("monitoring", r.text(.monitoring, o.monitoring ? "ja" : "nee"))
    buffer += "/>\n"
    counter.add("overdracht")
    return 1
  }

  private func monitoring(_ r: Flawed<Monitoring>, _ indent: String) -> Int {
    let m = r.record
    open(indent, "monitoring")
    attr("id", m.id)
    attr("start", r.text(.startdatum, DateText.iso(m.startdatum)))
    attr("eind", m.einddatum.map(DateText.iso) ?? "")
    attr("extraInterventie", r.text(.extraInterventie, m.extraInterventie ? "ja" : "nee"))
    buffer += "/>\n"
    counter.add("monitoring")
    return 1
  }

  private func huisverbod(_ r: Flawed<Huisverbod>, _ indent: String) -> Int {
    let h = r.record
    open(indent, "huisverbod")
    attr("id", h.id)
    attr("gemeente", r.text(.gemeente, h.gemeente.code))
    attr("beoordeling", r.text(.beoordelingsdatum, DateText.iso(h.beoordelingsdatum)))
    attr("opgelegd", r.text(.opgelegd, h.opgelegd ? "ja" : "nee"))
    attr("verlengd", h.verlengd ? "ja" : "nee")
    buffer += "/>\n"
    counter.add("huisverbod")
    return 1
  }

  /// The child elements of the multi-valued fields; a flaw in aard_geweld replaces its
  /// members (`|`-separated in the flaw's text, so `a||b` gives an empty element).
  private func multiValued<R>(
    _ r: Flawed<R>, _ aard: CodeSet<AardGeweld>, _ aanvullend: CodeSet<AanvullendeInformatie>,
    _ vormKM: CodeSet<VormKM>, _ vormOM: CodeSet<VormOM>, indent: String = "    "
  ) {
    if let flaw = r.flaw, flaw.field == .aardGeweld {
      let text = flaw.text ?? ""
      if !text.isEmpty {
        for member in text.split(separator: "|", omittingEmptySubsequences: false) {
          child(indent, "aard", String(member))
        }
      }
    } else {
      for a in CodeSetText.members(aard) { child(indent, "aard", a.code) }
    }
    for a in CodeSetText.members(aanvullend) { child(indent, "aanvullend", a.code) }
    for v in CodeSetText.members(vormKM) { child(indent, "vormKM", v.code) }
    for v in CodeSetText.members(vormOM) { child(indent, "vormOM", v.code) }
  }

  private func open(_ indent: String, _ name: String) {
    buffer += indent
    buffer += "<"
    buffer += name
  }

  /// An attribute; an empty value is left out (an optional field not given).
  private func attr(_ name: String, _ value: String) {
    guard !value.isEmpty else { return }
    buffer += " "
    buffer += name
    buffer += "=\""
    buffer += escape(value)
    buffer += "\""
  }

  private func child(_ indent: String, _ name: String, _ value: String) {
    buffer += indent + "<" + name + ">" + escape(value) + "</" + name + ">\n"
  }

  private func escape(_ s: String) -> String {
    guard
      s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    else { return s }
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(ch)
      }
    }
    return out
  }
}
