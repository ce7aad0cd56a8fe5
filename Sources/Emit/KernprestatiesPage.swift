import Model

/// The HTML of a half-year's kernprestaties: the region's table with begroting, then a
/// section per gemeente with its table and the distributions of its meldingen. Printed, each
/// gemeente starts on a new page.
struct KernprestatiesPage {
  let report: KernprestatiesReport
  let provenance: SheetProvenance

  private var label: String { Self.label(report.period, provisional: report.provisional) }
  private var previousLabel: String {
    Self.label(report.previousPeriod, provisional: report.previousProvisional)
  }

  static func label(_ p: Period, provisional: Bool) -> String {
    p.label + (provisional ? "*" : "")
  }

  var html: String {
    SheetHTML.document(
      title: "Kernprestaties \(report.period.label) – \(report.region.name)", css: Self.css,
      body: body)
  }

  private var body: String {
    var out = "<main class=\"report\">\n<header class=\"masthead\">\n"
    out += "<h1>Kernprestaties <span class=\"period\">\(SheetHTML.escape(label))</span></h1>\n"
    out += "<p class=\"lead\">\(SheetHTML.escape(report.region.name))</p>\n</header>\n"
    out += "<nav aria-labelledby=\"inhoud\">\n<h2 id=\"inhoud\">Inhoud</h2>\n<ul>\n"
    out += "<li><a href=\"#regio\">De regio</a></li>\n"
    for g in report.gemeenten {
      out += "<li><a href=\"#\(g.code)\">\(SheetHTML.escape(g.name))</a></li>\n"
    }
    out += "</ul>\n</nav>\n"
    out += section(report.region, id: "regio", heading: "De regio: " + report.region.name)
    for g in report.gemeenten {
      out += section(g, id: g.code, heading: "Gemeente " + g.name)
    }
    out += footer
    out += "</main>\n"
    return out
  }

  private func section(_ table: KernprestatiesReport.Table, id: String, heading: String)
    -> String
  {
    var out = "<section id=\"\(id)\" class=\"\(table.level.rawValue)\" "
    out += "aria-labelledby=\"\(id)-kop\">\n"
    out += "<h2 id=\"\(id)-kop\">\(SheetHTML.escape(heading))</h2>\n"
    out += tableHTML(table)
    if !table.predecessors.isEmpty {
      let names = table.predecessors.map { SheetHTML.escape($0.naam) }
      out += "<p class=\"note\">De cijfers over \(SheetHTML.escape(previousLabel)) zijn "
      out += "in de grenzen van \(report.period.year): inclusief de toenmalige gemeenten "
      out += "\(FactsheetPage.list(names)).</p>\n"
    }
    if table.lines.contains(where: \.previousOvercounts) {
      out += "<p class=\"note\">† Som over de toenmalige gemeenten: een casus met meldingen "
      out += "in meer dan één daarvan telt hier meer dan eens.</p>\n"
    }
    out += "<div class=\"distributions\">\n"
    for (i, d) in table.distributions.enumerated() {
      out += distributionHTML(
        d, title: KernprestatiesReport.distributionDimensions[i].title, id: "\(id)-v\(i + 1)")
    }
    out += "</div>\n</section>\n"
    return out
  }

  private func tableHTML(_ table: KernprestatiesReport.Table) -> String {
    let isRegion = table.level == .vtregio
    let showBegroting = isRegion && report.hasBegroting
    let showYearToDate = showBegroting && report.period.index == 2
    var headers = ["Nr.", "Kernprestatie", "Eenheid"]
    if showBegroting { headers.append("Begroot \(report.begrotingYear)") }
    headers.append("Realisatie \(label)")
    headers.append("Realisatie \(previousLabel)")
    if showYearToDate { headers.append("Realisatie \(report.period.year) t/m \(label)") }
    if showBegroting { headers.append("% van begroot") }
    let numeric = 3
    var out = "<table class=\"kp\">\n<caption>Kernprestaties \(SheetHTML.escape(label)), "
    out += "\(SheetHTML.escape(table.name))</caption>\n<thead><tr>"
    for (i, h) in headers.enumerated() {
      out += "<th scope=\"col\"\(i >= numeric ? " class=\"num\"" : "")>\(SheetHTML.escape(h))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    var section: Kernprestatie.Section?
    for line in table.lines {
      let k = line.kernprestatie
      if k.section != section {
        section = k.section
        out += "<tr class=\"section\"><th scope=\"colgroup\" colspan=\"\(headers.count)\">"
        out += "\(SheetHTML.escape(k.section.rawValue))</th></tr>\n"
      }
      out += "<tr><td>\(k.number)</td><th scope=\"row\">\(SheetHTML.escape(k.title))</th>"
      out += "<td>\(k.unit)</td>"
      if showBegroting { out += num(line.begroting) }
      out += num(line.current)
      if report.hasPrevious || k.measure == nil {
        out += num(line.previous, mark: line.previousOvercounts ? "†" : "")
      } else {
        out += "<td class=\"num muted\">geen cijfers</td>"
      }
      if showYearToDate { out += num(line.yearToDate) }
      if showBegroting {
        out += "<td class=\"num\">\(line.percent.map { "\($0)%" } ?? "")</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    if isRegion && !report.hasBegroting {
      out += "<p class=\"note\">De configuratie heeft geen begroting voor "
      out += "\(report.begrotingYear).</p>\n"
    }
    return out
  }

  private func num(_ n: Int?, mark: String = "") -> String {
    "<td class=\"num\">\(n.map { SheetNumber.dutch($0) + mark } ?? "")</td>"
  }

  private func distributionHTML(_ d: SheetDistribution, title: String, id: String) -> String {
    var out = "<div class=\"dist-block\">\n<table class=\"dist\" aria-describedby=\"\(id)\">\n"
    out += "<caption>\(SheetHTML.escape(title)) <span>(meldingen)</span></caption>\n"
    out += "<thead><tr><th scope=\"col\">Categorie</th><th scope=\"col\" class=\"num\">%</th>"
    out += "</tr></thead>\n<tbody>\n"
    for e in d.entries {
      out += "<tr><th scope=\"row\">\(SheetHTML.escape(e.title))</th>"
      out += "<td class=\"num\">\(SheetNumber.tenths(e.share))%</td></tr>\n"
    }
    if d.entries.isEmpty {
      out += "<tr><td colspan=\"2\" class=\"muted\">Geen meldingen met deze gegevens</td></tr>\n"
    }
    out += "</tbody>\n"
    if !d.entries.isEmpty {
      out += "<tfoot><tr><th scope=\"row\">Totaal</th><td class=\"num\">100,0%</td></tr></tfoot>\n"
    }
    out += "</table>\n"
    out += "<p id=\"\(id)\" class=\"basis\">Op basis van \(SheetNumber.dutch(d.mentions)) "
    out += "vermelding\(d.mentions == 1 ? "" : "en") bij \(SheetNumber.dutch(d.records)) "
    out += "melding\(d.records == 1 ? "" : "en"); een melding kan meer dan één categorie "
    out += "hebben.</p>\n</div>\n"
    return out
  }

  private var footer: String {
    var out = "<footer>\n"
    out += "<p>Realisatie: de aantallen van het halfjaar volgens de registratie; gemeenten in "
    out += "de grenzen van \(report.period.year), ook voor \(SheetHTML.escape(previousLabel)). "
    out += "Kernprestatie 10 wordt niet geregistreerd en blijft leeg. De verdelingen zijn "
    out += "aandelen van alle vermeldingen (één decimaal, samen 100,0%).</p>\n"
    if report.provisional || report.previousProvisional {
      out += "<p>* Voorlopige cijfers: het halfjaar was nog niet afgesloten op de peildatum.</p>\n"
    }
    out += "<p>De cijfers komen uit deze exports:</p>\n<ul>\n\(provenance.exportsHTML)</ul>\n"
    out += "</footer>\n"
    return out
  }

  static let css = """
    @page { size: A4; margin: 12mm 12mm 14mm; }
    .report { max-width: 200mm; margin: 0 auto; padding: 10mm 6mm; }
    .masthead { border-top: 2mm solid var(--vt); padding-top: 3mm; }
    .masthead h1 { font-size: 20pt; text-transform: uppercase; }
    .masthead .period { color: var(--vt); }
    .lead { font-size: 12pt; font-weight: 600; margin: 1mm 0 4mm; }
    nav h2 { font-size: 10pt; text-transform: uppercase; letter-spacing: .05em; }
    nav ul { columns: 4; padding-left: 4mm; margin: 1mm 0 4mm; font-size: 9pt; }
    section { margin-top: 7mm; }
    section h2 { font-size: 13pt; border-bottom: .6mm solid var(--vt); padding-bottom: 1mm;
      margin-bottom: 2mm; }
    table.kp { width: 100%; font-size: 9pt; }
    table.kp caption, table.dist caption { text-align: left; font-weight: 700;
      margin-bottom: 1mm; }
    table.kp caption { position: absolute; left: -9999px; }
    .kp th, .kp td { padding: .9mm 1.5mm; border-bottom: .25mm solid var(--rule);
      text-align: left; vertical-align: top; }
    .kp thead th { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .02em;
      color: var(--muted); vertical-align: bottom; }
    .kp tbody th { font-weight: 400; }
    .kp tr.section th { background: var(--vt-soft); font-weight: 700; color: var(--vt); }
    .num { text-align: right !important; }
    td.num { white-space: nowrap; }
    .kp thead th.num { width: 20mm; }
    .kp td:first-child { width: 7mm; }
    .note { font-size: 8.5pt; color: var(--muted); margin: 1.5mm 0 0; }
    .distributions { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm;
      margin-top: 4mm; align-items: start; }
    table.dist { width: 100%; font-size: 8pt; }
    .dist th, .dist td { padding: .5mm 1mm; border-bottom: .2mm solid var(--rule);
      text-align: left; font-weight: 400; vertical-align: top; }
    .dist thead th { font-size: 7pt; text-transform: uppercase; color: var(--muted); }
    .dist tfoot th, .dist tfoot td { font-weight: 700; border-bottom: none; }
    .dist caption span { font-weight: 400; color: var(--muted); }
    .basis { font-size: 7.5pt; color: var(--muted); margin: 1mm 0 0; }
    footer { margin-top: 8mm; border-top: .3mm solid var(--rule); font-size: 8pt;
      color: var(--muted); }
    footer code { word-break: break-all; }
    @media print {
      .report { padding: 0; max-width: none; }
      nav { display: none; }
      section.gemeente { break-before: page; }
      tr, .dist-block { break-inside: avoid; }
    }

    """
}
