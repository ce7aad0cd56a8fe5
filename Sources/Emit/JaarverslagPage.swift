import Model

/// The HTML of a year's jaarverslag figures: tiles with the headline counts and shares, the
/// werkgebied, and a bar chart of adviezen and meldingen per 100.000 inwoners per gemeente.
struct JaarverslagPage {
  let figures: JaarverslagFigures
  let provenance: SheetProvenance

  private var yearMark: String { "\(figures.year)\(figures.provisional ? "*" : "")" }

  var html: String {
    SheetHTML.document(
      title: "Jaarverslag \(figures.year) in cijfers – \(figures.regionName)", css: Self.css,
      body: body)
  }

  private func n(_ v: Int) -> String { SheetNumber.dutch(v) }

  private func pct(_ s: JaarverslagFigures.Share) -> String {
    s.percent.map { "\($0)%" } ?? "–"
  }

  private var body: String {
    let f = figures
    var out = "<main class=\"jaarverslag\">\n<header class=\"masthead\">\n"
    out += "<h1>Jaarverslag <span class=\"year\">\(yearMark)</span> in cijfers</h1>\n"
    out += "<p class=\"lead\">\(SheetHTML.escape(f.regionName))</p>\n</header>\n"
    out += "<div class=\"tiles\">\n"

    out += tile(
      "advies", "Advies en ondersteuning",
      [
        big(n(f.adviezen.total), "advies- of ondersteuningsvragen"),
        big(n(f.chatgesprekken), "chatgesprekken", small: true),
      ],
      shares: [
        (pct(f.adviezen.beroepsmatig), "beroepsmatig gesteld"),
        (pct(f.adviezen.directeOmgeving), "uit de directe omgeving"),
        (pct(f.adviezen.kindermishandeling), "over kindermishandeling"),
        (pct(f.adviezen.partnergeweld), "over (ex-)partnergeweld"),
      ] + onbekend(f.adviezen))

    out += tile(
      "meldingen", "Meldingen", [big(n(f.meldingen.total), "meldingen")],
      shares: [
        (pct(f.meldingenPolitie), "van de politie"),
        (pct(f.meldingen.kindermishandeling), "over kindermishandeling"),
        (pct(f.meldingen.partnergeweld), "over (ex-)partnergeweld"),
        (pct(f.meldingen.beroepsmatig), "beroepsmatig gemeld"),
        (pct(f.meldingen.directeOmgeving), "uit de directe omgeving"),
      ] + onbekend(f.meldingen))

    out += tile(
      "diensten", "Onderzoek en voorwaarden &amp; vervolg",
      [
        big(n(f.afgerondeOnderzoeken), "afgeronde onderzoeken"),
        big(n(f.afgerondeVV), "afgeronde diensten voorwaarden en vervolg"),
      ], shares: [])

    out += tile(
      "monitoring", "Monitoring", [big(n(f.gestarteMonitoring), "gestarte monitoring")],
      shares: [(pct(f.monitoringExtraInterventie), "met extra interventies")])

    out += tile(
      "huisverbod", "Tijdelijk huisverbod",
      [
        big(n(f.huisverbodBeoordeeld), "beoordeeld"),
        big(n(f.huisverbodOpgelegd), "opgelegd"),
      ], shares: [])

    var werkgebied = [big(n(f.werkgebied.gemeenten), "gemeenten")]
    if let inwoners = f.werkgebied.inwoners {
      werkgebied.append(big(n(inwoners), "inwoners op 1 januari \(f.year) (CBS)"))
    }
    out += tile("werkgebied", "Werkgebied", werkgebied, shares: [], note: werkgebiedNote)
    out += "</div>\n"
    out += ratesSection
    out += footer
    out += "</main>\n"
    return out
  }

  private func onbekend(_ r: JaarverslagFigures.Records) -> [(String, String)] {
    r.rolOnbekend.count > 0 ? [(pct(r.rolOnbekend), "rol van de contactlegger onbekend")] : []
  }

  private var werkgebiedNote: String? {
    let missing = figures.werkgebied.missing
    guard !missing.isEmpty else { return nil }
    let names = missing.map { SheetHTML.escape($0.naam) }
    return "Het aantal inwoners is niet bekend: CBS heeft voor 1 januari \(figures.year) geen "
      + "bevolkingscijfer in de referentiegegevens voor \(FactsheetPage.list(names))."
  }

  private func big(_ value: String, _ label: String, small: Bool = false) -> String {
    "<p class=\"big\(small ? " small" : "")\"><span class=\"n\">\(value)</span> "
      + "<span class=\"l\">\(SheetHTML.escape(label))</span></p>\n"
  }

  private func tile(
    _ id: String, _ title: String, _ bigs: [String], shares: [(String, String)],
    note: String? = nil
  ) -> String {
    var out = "<section class=\"tile \(id)\" aria-labelledby=\"\(id)\">\n"
    out += "<h2 id=\"\(id)\">\(title)</h2>\n"
    out += bigs.joined()
    if !shares.isEmpty {
      out += "<ul class=\"shares\">\n"
      for (value, label) in shares {
        out += "<li><span class=\"p\">\(SheetHTML.escape(value))</span> "
        out += "\(SheetHTML.escape(label))</li>\n"
      }
      out += "</ul>\n"
    }
    if let note { out += "<p class=\"note\">\(note)</p>\n" }
    out += "</section>\n"
    return out
  }

  private var ratesSection: String {
    let f = figures
    var out = "<section class=\"rates\" aria-labelledby=\"per-gemeente\">\n"
    out += "<h2 id=\"per-gemeente\">Adviezen en meldingen per 100.000 inwoners</h2>\n"
    out += "<p class=\"legend\"><span class=\"key adv\"></span> adviezen "
    out += "<span class=\"key mel\"></span> meldingen, per 100.000 inwoners op 1 januari "
    out += "\(f.year) (CBS); gemeenten in de grenzen van die dag.</p>\n"
    let chart = SheetBarChart(
      id: "per100k",
      title: "Adviezen en meldingen per 100.000 inwoners per gemeente, \(f.year): "
        + f.gemeenten.map { g in
          "\(g.gemeente.naam) \(g.adviezenPer100k.map(n) ?? "onbekend") adviezen en "
            + "\(g.meldingenPer100k.map(n) ?? "onbekend") meldingen"
        }.joined(separator: "; "),
      groups: f.gemeenten.map { g in
        SheetBarChart.Group(
          label: g.gemeente.naam,
          bars: [
            SheetBarChart.Bar(
              value: g.adviezenPer100k ?? 0, text: g.adviezenPer100k.map(n) ?? "–",
              cssClass: "adv"),
            SheetBarChart.Bar(
              value: g.meldingenPer100k ?? 0, text: g.meldingenPer100k.map(n) ?? "–",
              cssClass: "mel"),
          ])
      },
      width: 700, labelWidth: 150, valueWidth: 44, barHeight: 8, barGap: 1, groupGap: 5,
      fontSize: 9)
    out += chart.svg() + "\n"
    out += "<table>\n<caption>De cijfers van de grafiek</caption>\n<thead><tr>"
    for (h, numeric) in [
      ("Gemeente", false), ("Inwoners", true), ("Adviezen", true), ("Meldingen", true),
      ("Adviezen per 100.000", true), ("Meldingen per 100.000", true),
    ] {
      out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(h)</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for g in f.gemeenten {
      out += "<tr><th scope=\"row\">\(SheetHTML.escape(g.gemeente.naam))</th>"
      out += "<td class=\"num\">\(g.inwoners.map(n) ?? "onbekend")</td>"
      out += "<td class=\"num\">\(n(g.adviezen))</td><td class=\"num\">\(n(g.meldingen))</td>"
      out += "<td class=\"num\">\(g.adviezenPer100k.map(n) ?? "–")</td>"
      out += "<td class=\"num\">\(g.meldingenPer100k.map(n) ?? "–")</td></tr>\n"
    }
    out += "</tbody>\n</table>\n</section>\n"
    return out
  }

  private var footer: String {
    var out = "<footer>\n"
    out += "<p>Aantallen over \(figures.year) van de hele regio, ook registraties zonder "
    out += "gemeente. Percentages: het deel van de adviezen of meldingen met dat kenmerk, in "
    out += "hele procenten; een advies of melding kan over meer dan één vorm van geweld gaan. "
    out += "Inwoners: \(SheetHTML.escape(JaarverslagFigures.populationSource)).</p>\n"
    if figures.provisional {
      out += "<p>* Voorlopige cijfers: \(figures.year) was nog niet afgesloten op de "
      out += "peildatum.</p>\n"
    }
    out += "<p>De cijfers komen uit deze exports:</p>\n<ul>\n\(provenance.exportsHTML)</ul>\n"
    out += "</footer>\n"
    return out
  }

  static let css = """
    @page { size: A4; margin: 12mm; }
    .jaarverslag { max-width: 190mm; margin: 0 auto; padding: 10mm 6mm; }
    .masthead { border-top: 2mm solid var(--vt); padding-top: 3mm; margin-bottom: 4mm; }
    .masthead h1 { font-size: 22pt; text-transform: uppercase; }
    .masthead .year { color: var(--vt); }
    .lead { font-size: 12pt; font-weight: 600; margin: 1mm 0 0; }
    .tiles { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3.5mm; }
    .tile { background: var(--vt-soft); border-top: 1.2mm solid var(--vt); padding: 3mm;
      break-inside: avoid; }
    .tile.werkgebied, .tile.huisverbod { background: var(--jb-soft); border-color: var(--jb); }
    .tile h2 { font-size: 9pt; text-transform: uppercase; letter-spacing: .05em;
      color: var(--vt); margin-bottom: 1.5mm; }
    .tile.werkgebied h2, .tile.huisverbod h2 { color: var(--jb); }
    .big { margin: 0 0 1.5mm; line-height: 1.1; }
    .big .n { display: block; font-size: 22pt; font-weight: 800; }
    .big.small .n { font-size: 15pt; }
    .big .l { font-size: 8.5pt; color: var(--muted); font-weight: 600; }
    .shares { list-style: none; padding: 0; margin: 2mm 0 0; font-size: 8.5pt; }
    .shares li { margin: .6mm 0; }
    .shares .p { display: inline-block; min-width: 11mm; font-weight: 800; font-size: 11pt;
      color: var(--vt); }
    .tile .note { font-size: 8pt; color: var(--muted); margin: 1mm 0 0; }
    .rates { margin-top: 7mm; break-before: auto; }
    .rates h2 { font-size: 13pt; border-bottom: .6mm solid var(--vt); padding-bottom: 1mm; }
    .legend { font-size: 8.5pt; color: var(--muted); }
    .key { display: inline-block; width: 3mm; height: 3mm; vertical-align: middle; }
    .key.adv, .chart .adv { background: var(--jb); fill: var(--jb); }
    .key.mel, .chart .mel { background: var(--vt); fill: var(--vt); }
    .chart { display: block; max-width: 100%; height: auto; margin: 2mm 0 4mm; }
    .chart .bar-label { fill: var(--ink); }
    .chart .bar-value { fill: var(--muted); font-weight: 600; }
    .rates table { width: 100%; font-size: 8.5pt; }
    .rates caption { text-align: left; font-weight: 700; margin-bottom: 1mm; }
    .rates th, .rates td { border-bottom: .25mm solid var(--rule); padding: .6mm 1.2mm;
      text-align: left; font-weight: 400; }
    .rates thead th { font-size: 7.5pt; text-transform: uppercase; color: var(--muted); }
    .num { text-align: right !important; }
    footer { margin-top: 6mm; border-top: .3mm solid var(--rule); font-size: 8pt;
      color: var(--muted); }
    footer code { word-break: break-all; }
    @media print { .jaarverslag { padding: 0; max-width: none; } .rates { break-before: page; } }

    """
}
