/// A self-contained HTML page for the submission's reports: inline CSS, no scripts, no
/// outside resources, Dutch, readable on screen and in print.
///
/// Tables have captions and header cells with scope; severities are written out, never
/// shown by colour alone. The markup is well-formed (every element closed) so an XML or
/// HTML checker reads it without complaint.
struct ReportPage {
  let title: String
  private var body = ""

  init(title: String) { self.title = title }

  /// Escapes text for HTML content and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// Appends raw markup (built from escaped parts).
  mutating func raw(_ markup: String) { body += markup + "\n" }

  mutating func heading(_ level: Int, _ text: String, id: String? = nil) {
    let idAttribute = id.map { " id=\"\(Self.escape($0))\"" } ?? ""
    raw("<h\(level)\(idAttribute)>\(Self.escape(text))</h\(level)>")
  }

  mutating func paragraph(_ text: String, className: String? = nil) {
    let c = className.map { " class=\"\($0)\"" } ?? ""
    raw("<p\(c)>\(Self.escape(text))</p>")
  }

  /// A prominent warning block (the demo key).
  mutating func warning(_ text: String) {
    raw("<div class=\"warning\" role=\"alert\"><strong>Let op:</strong> \(Self.escape(text))</div>")
  }

  /// A table: `caption`, header cells, rows of cells; `numeric` marks right-aligned columns,
  /// `keys` columns of machine keys (small, monospaced). A cell's text is escaped;
  /// `rowClasses` gives an optional class per row; a `compact` table is as wide as its text.
  mutating func table(
    caption: String, header: [String], rows: [[String]], numeric: Set<Int> = [],
    keys: Set<Int> = [], rowClasses: [String?] = [], compact: Bool = false,
    className: String? = nil
  ) {
    func cellClass(_ i: Int) -> String {
      numeric.contains(i) ? " class=\"num\"" : keys.contains(i) ? " class=\"key\"" : ""
    }
    let classes = (compact ? ["compact"] : []) + (className.map { [$0] } ?? [])
    let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
    var t = "<table\(classAttribute)>\n<caption>\(Self.escape(caption))</caption>\n<thead><tr>"
    for (i, h) in header.enumerated() {
      t += "<th scope=\"col\"\(cellClass(i))>\(Self.escape(h))</th>"
    }
    t += "</tr></thead>\n<tbody>\n"
    for (r, row) in rows.enumerated() {
      let c = r < rowClasses.count ? rowClasses[r].map { " class=\"\($0)\"" } ?? "" : ""
      t += "<tr\(c)>"
      for (i, cell) in row.enumerated() {
        if i == 0 {
          t += "<th scope=\"row\">\(Self.escape(cell))</th>"
        } else {
          t += "<td\(cellClass(i))>\(Self.escape(cell))</td>"
        }
      }
      t += "</tr>\n"
    }
    t += "</tbody>\n</table>"
    raw(t)
  }

  /// The whole page.
  var html: String {
    """
    <!DOCTYPE html>
    <html lang="nl">
    <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>\(Self.escape(title))</title>
    <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
      color: #1a1a1a; background: #fff; line-height: 1.45; margin: 2rem auto; max-width: 68rem;
      padding: 0 1rem; }
    h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
    h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1d4f91; }
    h3 { font-size: 1.05rem; margin-top: 1.5rem; }
    p.meta { color: #444; margin-top: 0; }
    table { border-collapse: collapse; margin: 0.5rem 0 1.25rem; width: 100%; }
    table.compact { width: auto; min-width: 24rem; }
    table.fields { table-layout: fixed; }
    table.fields thead th:nth-child(1) { width: 18%; }
    table.fields thead th:nth-child(2) { width: 32%; }
    caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
    th, td { border: 1px solid #c8c8c8; padding: 0.3rem 0.5rem; text-align: left;
      vertical-align: top; }
    thead th { background: #e8eef7; }
    tbody th { font-weight: normal; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.key { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.8rem;
      color: #444; overflow-wrap: anywhere; }
    tr.fout th, tr.fout td { background: #fdecea; }
    tr.waarschuwing th, tr.waarschuwing td { background: #fff6e0; }
    tr.schoon th, tr.schoon td { color: #444; }
    .warning { border: 3px solid #b00020; background: #fdecea; padding: 0.75rem 1rem;
      margin: 1rem 0; font-size: 1.05rem; }
    code { font-family: ui-monospace, Menlo, Consolas, monospace; }
    @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
      tr { break-inside: avoid; } }
    </style>
    </head>
    <body>
    <div role="main">
    \(body)</div>
    </body>
    </html>

    """
  }
}
