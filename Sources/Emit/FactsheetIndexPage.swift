import Model

/// The index of a year's fact sheets: a link to every gemeente's sheet with its headline
/// figures, the CSV, and which exports the figures come from.
struct FactsheetIndexPage {
  let year: Int
  let regionTitle: String
  let sheets: [(sheet: FactsheetSheet, file: String)]
  let publiek: Bool
  let provenance: SheetProvenance
  let csvName: String

  var html: String {
    SheetHTML.document(
      title: "Ons werk in cijfers \(year) – \(regionTitle)", css: Self.css, body: body)
  }

  /// The columns of the overview: every figure of every block, by block.
  private var columns: [(block: Int, figure: FactsheetFigure)] {
    guard let first = sheets.first?.sheet else { return [] }
    return first.blocks.enumerated().filter(\.element.hasFigures).flatMap { i, block in
      block.values.map { (i, $0.figure) }
    }
  }

  private var body: String {
    let provisional = sheets.first?.sheet.provisional ?? false
    var out = "<main class=\"index\">\n"
    out += "<h1>Ons werk in cijfers \(year)\(provisional ? "*" : "")</h1>\n"
    out += "<p class=\"lead\">\(SheetHTML.escape(regionTitle)): een pagina per gemeente, "
    out += "klaar om te printen (A4) of door te sturen.</p>\n"
    out += "<table>\n<caption>Gemeenten met hun cijfers over \(year)</caption>\n<thead><tr>"
    out += "<th scope=\"col\">Gemeente</th><th scope=\"col\">CBS-code</th>"
    for c in columns {
      let title =
        c.figure.title + (c.figure.verlengingMeasure == nil ? "" : " (nieuw + verlenging)")
      out += "<th scope=\"col\" class=\"num\">\(SheetHTML.escape(title))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for (sheet, file) in sheets.sorted(by: { Gemeente.byName($0.sheet.gemeente, $1.sheet.gemeente) }
    ) {
      out += "<tr><th scope=\"row\"><a href=\"\(SheetHTML.escape(file))\">"
      out += "\(SheetHTML.escape(sheet.gemeente.naam))</a></th>"
      out += "<td>\(sheet.gemeente.code.code)</td>"
      for c in columns {
        let value = sheet.blocks[c.block].values.first { $0.figure.id == c.figure.id }
        let text =
          value.map { v in
            SheetNumber.count(v.current, publiek: publiek)
              + (v.currentVerlenging.map { " + " + SheetNumber.count($0, publiek: publiek) } ?? "")
          } ?? ""
        out += "<td class=\"num\">\(SheetHTML.escape(text))</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    out += "<p>Alle getoonde cijfers, met die van \(year - 1), staan in "
    out += "<a href=\"\(SheetHTML.escape(csvName))\">\(SheetHTML.escape(csvName))</a>.</p>\n"
    out += "<footer>\n<p>De cijfers komen uit deze exports:</p>\n<ul>\n"
    out += provenance.exportsHTML
    out += "</ul>\n"
    if provisional {
      out += "<p>* Voorlopige cijfers: \(year) was nog niet afgesloten op de peildatum.</p>\n"
    }
    if publiek { out += "<p>Aantallen van 1 tot en met 4 staan er als &lt; 5.</p>\n" }
    out += "</footer>\n</main>\n"
    return out
  }

  static let css = """
    .index { max-width: 280mm; margin: 0 auto; padding: 10mm 8mm; }
    .index h1 { font-size: 20pt; text-transform: uppercase; border-top: 2mm solid var(--vt);
      padding-top: 3mm; }
    .lead { font-size: 11pt; }
    .index table { width: 100%; font-size: 9pt; margin: 4mm 0; }
    .index caption { text-align: left; font-weight: 700; margin-bottom: 2mm; }
    .index th, .index td { border-bottom: .3mm solid var(--rule); padding: 1.2mm 1.5mm;
      text-align: left; vertical-align: bottom; }
    .index thead th { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .03em;
      color: var(--muted); }
    .index .num { text-align: right; }
    .index footer { font-size: 8.5pt; color: var(--muted); border-top: .3mm solid var(--rule);
      margin-top: 6mm; }
    .index code { font-size: 8pt; word-break: break-all; }

    """
}
