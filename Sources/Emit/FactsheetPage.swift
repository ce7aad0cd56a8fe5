import Model

/// The HTML of one fact sheet: a self-contained A4 page (inline CSS and SVG, no scripts,
/// nothing loaded from elsewhere).
struct FactsheetPage {
  let sheet: FactsheetSheet
  /// Show counts of 1–4 as "< 5".
  let publiek: Bool

  var title: String { "Ons werk in cijfers \(sheet.year) – Gemeente \(sheet.gemeente.naam)" }

  var html: String {
    SheetHTML.document(title: title, css: FactsheetStyle.css, body: body)
  }

  private var yearMark: String { sheet.provisional ? "\(sheet.year)*" : "\(sheet.year)" }

  /// The longest explanation a sheet in larger type takes (the defaults are shorter).
  static let roomyTextLimit = 170

  /// A sheet with one block of figures (no Jeugdbescherming) and short texts has room for
  /// larger type.
  var isRoomy: Bool {
    let shown = sheet.blocks.filter(\.hasFigures).flatMap(\.values)
    return shown.count <= 8 && shown.allSatisfy { $0.text.count <= Self.roomyTextLimit }
  }

  var body: String {
    var out = "<main class=\"sheet\(isRoomy ? " roomy" : "")\">\n"
    out += "<header class=\"masthead\">\n"
    out += "<h1>Ons werk in cijfers <span class=\"year\">\(yearMark)</span></h1>\n"
    out += "<p class=\"gemeente\">Gemeente \(SheetHTML.escape(sheet.gemeente.naam))</p>\n"
    out += "</header>\n"
    // The notes close the grid of the last block with figures (filling its last row), or
    // follow the blocks when no block has figures.
    let notesBlock = sheet.blocks.lastIndex { $0.hasFigures }
    for (index, block) in sheet.blocks.enumerated() {
      out += blockHTML(block, index: index, withNotes: index == notesBlock)
    }
    if notesBlock == nil {
      out += "<footer class=\"notes\">\n\(notes)</footer>\n"
    }
    out += "</main>\n"
    return out
  }

  private func blockHTML(_ block: FactsheetSheet.Block, index: Int, withNotes: Bool) -> String {
    let cls = block.kind == .jeugdbescherming ? "jb" : "vt"
    let id = "blok-\(index + 1)"
    var out = "<section class=\"block \(cls)\" aria-labelledby=\"\(id)\">\n"
    out += "<h2 id=\"\(id)\">\(SheetHTML.escape(block.organisation))</h2>\n"
    guard block.hasFigures else {
      out += "<p class=\"missing\">Over \(sheet.year) zijn geen cijfers van "
      out += "\(SheetHTML.escape(block.organisation)) geladen.</p>\n</section>\n"
      return out
    }
    out += "<div class=\"grid\">\n"
    for value in block.values {
      out += figureHTML(value, block: block, chartID: "\(id)-\(value.figure.id)")
    }
    if withNotes {
      let wide = block.values.count % 2 == 0 ? " wide" : ""
      out += "<aside class=\"about\(wide)\" aria-labelledby=\"over\">\n"
      out += "<h3 id=\"over\">Over deze cijfers</h3>\n\(notes)</aside>\n"
    }
    out += "</div>\n</section>\n"
    return out
  }

  /// A count as text (`1.234`, `< 5`).
  private func count(_ n: Int) -> String { SheetNumber.count(n, publiek: publiek) }
  /// A count as HTML (`&lt; 5`).
  private func countHTML(_ n: Int) -> String { SheetHTML.escape(count(n)) }

  private func figureHTML(
    _ value: FactsheetSheet.Value, block: FactsheetSheet.Block, chartID: String
  ) -> String {
    var out = "<article class=\"figure\">\n"
    out += "<h3>\(SheetHTML.escape(value.figure.title))</h3>\n"
    out += "<div class=\"figures\">\n<div class=\"numbers\">\n"
    out += "<p class=\"value\">\(countHTML(value.current))"
    if let v = value.currentVerlenging {
      out += " <span class=\"extra\">+ \(countHTML(v)) verlenging</span>"
    }
    out += "</p>\n"
    out += "<p class=\"previous\">\(sheet.previousYear): "
    if let p = value.previous {
      out += countHTML(p)
      if let v = value.previousVerlenging {
        out += " <span class=\"extra\">+ \(countHTML(v)) verlenging</span>"
      }
    } else {
      out += "geen cijfers"
    }
    out += "</p>\n</div>\n"
    if value.previous != nil { out += chart(value, id: chartID) + "\n" }
    out += "</div>\n"
    if !value.text.isEmpty {
      out += "<p class=\"text\">\(SheetHTML.escape(value.text))</p>\n"
    }
    out += "</article>\n"
    return out
  }

  /// The two years side by side: one bar per year (two, nieuw and verlenging, where the
  /// figure shows verlengingen).
  private func chart(_ value: FactsheetSheet.Value, id: String) -> String {
    func bar(_ n: Int, _ cls: String, suffix: String = "") -> SheetBarChart.Bar {
      SheetBarChart.Bar(
        value: n, text: count(n) + suffix, cssClass: cls,
        masked: SheetNumber.isSuppressed(n, publiek: publiek))
    }
    func words(_ n: Int, _ v: Int?) -> String {
      v.map { "\(count(n)) nieuw en \(count($0)) verlenging" } ?? count(n)
    }
    var current = [bar(value.current, "cur")]
    var previous = [bar(value.previous ?? 0, "prev")]
    if let v = value.currentVerlenging {
      current.append(bar(v, "cur-extra", suffix: " verl."))
    }
    if let v = value.previousVerlenging {
      previous.append(bar(v, "prev-extra", suffix: " verl."))
    }
    let title =
      "\(value.figure.title): \(words(value.current, value.currentVerlenging)) in \(sheet.year), "
      + "\(words(value.previous ?? 0, value.previousVerlenging)) in \(sheet.previousYear)"
    let chart = SheetBarChart(
      id: id, title: title,
      groups: [
        SheetBarChart.Group(label: String(sheet.year), bars: current),
        SheetBarChart.Group(label: String(sheet.previousYear), bars: previous),
      ],
      width: 140, labelWidth: 28, valueWidth: current.count > 1 ? 60 : 40,
      barHeight: current.count > 1 ? 7 : 10, barGap: 1.5, groupGap: 4, fontSize: 8)
    return chart.svg()
  }

  /// What the figures are, where they come from and how to read them.
  private var notes: String {
    var notes: [String] = []
    let organisations = sheet.blocks.map { SheetHTML.escape($0.organisation) }
    notes.append(
      "Aantallen over \(sheet.year) uit de registraties van \(Self.list(organisations)); "
        + "onder elk getal het aantal over \(sheet.previousYear), "
        + "in de gemeentegrenzen van \(sheet.year). De balkjes zetten beide jaren naast "
        + "elkaar: in kleur \(sheet.year), in grijs \(sheet.previousYear).")
    if !sheet.predecessors.isEmpty {
      var names = sheet.predecessors.map { SheetHTML.escape($0.naam) }
      if sheet.gemeente.geldigVan.map({ $0 <= Period.year(sheet.previousYear).lastDay }) ?? true {
        names.insert(SheetHTML.escape(sheet.gemeente.naam), at: 0)
      }
      notes.append(
        "De cijfers over \(sheet.previousYear) zijn die van de toenmalige gemeenten "
          + "\(Self.list(names)) samen.")
    }
    if sheet.provisional {
      notes.append(
        "* Voorlopige cijfers: \(sheet.year) was nog niet afgesloten toen de gegevens werden "
          + "geëxporteerd.")
    }
    if publiek {
      notes.append("Aantallen van 1 tot en met 4 staan er als &lt; 5.")
    }
    return notes.map { "<p>\($0)</p>\n" }.joined()
  }

  /// `a`, `a en b`, `a, b en c`.
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " en " + items.last!
  }
}
