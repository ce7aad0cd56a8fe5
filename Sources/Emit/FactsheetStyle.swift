/// The stylesheet of a fact sheet: one A4 page, on screen and in print.
enum FactsheetStyle {
  static let css = """
    @page { size: A4; margin: 0; }
    body { background: #e9ecef; }
    .sheet {
      width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 9mm 12mm 7mm;
      background: var(--paper); box-shadow: 0 1px 6px rgba(0, 0, 0, .18);
    }
    .masthead {
      border-top: 2.2mm solid var(--vt); padding-top: 3mm; margin-bottom: 2mm;
      display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline;
      column-gap: 6mm;
    }
    .masthead h1 {
      font-size: 21pt; font-weight: 800; letter-spacing: -.01em; text-transform: uppercase;
      white-space: nowrap;
    }
    .masthead .year { color: var(--vt); }
    .masthead .gemeente {
      margin: 0 0 0 auto; font-size: 15pt; font-weight: 700; text-align: right;
    }
    .block { margin-top: 2.5mm; }
    .block h2 {
      font-size: 10pt; text-transform: uppercase; letter-spacing: .06em; color: #fff;
      padding: 1.3mm 3mm; border-radius: .8mm; background: var(--accent);
    }
    .block.jb { --accent: var(--jb); --soft: var(--jb-soft); }
    .block.vt { --accent: var(--vt); --soft: var(--vt-soft); }
    .grid {
      display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 2mm 3.5mm;
      margin-top: 2mm;
    }
    .figure, .about { padding: 1.8mm 3mm 2mm; break-inside: avoid; }
    .figure { background: var(--soft); border-left: 1.2mm solid var(--accent); }
    .figure h3, .about h3 {
      font-size: 8.3pt; text-transform: uppercase; letter-spacing: .04em; color: var(--accent);
      font-weight: 700;
    }
    .figures {
      display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between;
      gap: 0 2mm;
    }
    .numbers { flex: 1 0 auto; }
    .value { margin: .5mm 0 0; font-size: 22pt; font-weight: 800; line-height: 1.05; }
    .value .extra { font-size: 10pt; font-weight: 700; white-space: nowrap; }
    .previous { margin: .3mm 0 0; font-size: 8.8pt; color: var(--muted); font-weight: 600; }
    .previous .extra { white-space: nowrap; }
    .text { margin: .8mm 0 0; font-size: 7.8pt; line-height: 1.28; }
    .chart { flex: none; }
    .chart .bar-label { fill: var(--muted); font-weight: 600; }
    .chart .bar-value { fill: var(--ink); font-weight: 700; }
    .chart .cur { fill: var(--accent); }
    .chart .cur-extra { fill: var(--accent); fill-opacity: .5; }
    .chart .prev { fill: var(--prev); }
    .chart .prev-extra { fill: var(--prev); fill-opacity: .5; }
    .chart .masked { fill: none; stroke: var(--ink); stroke-width: .8; stroke-dasharray: 2 1.5; }
    .about { border: .3mm solid var(--rule); font-size: 7.5pt; color: var(--muted); }
    .about h3 { color: var(--ink); }
    .about.wide { grid-column: 1 / -1; }
    .about p, .notes p { margin: .8mm 0 0; }
    .missing { margin: 2mm 0 0; font-style: italic; color: var(--muted); }
    .notes {
      margin-top: 4mm; padding-top: 2mm; border-top: .3mm solid var(--rule);
      font-size: 7.5pt; color: var(--muted);
    }
    .roomy .masthead { margin-bottom: 4mm; }
    .roomy .masthead h1 { font-size: 23pt; }
    .roomy .masthead .gemeente { font-size: 16pt; }
    .roomy .block h2 { font-size: 12pt; padding: 2mm 3.5mm; }
    .roomy .grid { gap: 3.5mm 5mm; margin-top: 3.5mm; }
    .roomy .figure, .roomy .about { padding: 3mm 4mm 3.5mm; }
    .roomy .figure h3, .roomy .about h3 { font-size: 10pt; }
    .roomy .value { font-size: 27pt; margin-top: .8mm; }
    .roomy .previous { font-size: 11pt; }
    .roomy .text { font-size: 9pt; line-height: 1.3; margin-top: 1.6mm; }
    .roomy .chart { width: 42mm; height: auto; }
    .roomy .about { font-size: 9pt; }
    @media print {
      body { background: none; }
      .sheet { margin: 0; box-shadow: none; min-height: 0; }
    }
    @media screen and (max-width: 220mm) {
      .sheet { width: auto; min-height: 0; margin: 0; }
      .grid { grid-template-columns: 1fr; }
    }

    """
}
