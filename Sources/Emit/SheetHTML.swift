import Foundation
import Model

/// HTML for the printed reports (fact sheets, kernprestaties, jaarverslag): escaping and
/// the page skeleton every self-contained page shares.
///
/// Pages hold no scripts and load nothing: all CSS is inline and charts are inline SVG.
enum SheetHTML {
  /// `text` as HTML character data or a quoted attribute value: `&`, `<`, `>`, `"` and `'`
  /// become character references, so names such as "'t Zand & Zee" render as written.
  static func escape(_ text: some StringProtocol) -> String {
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

  /// A complete HTML document: `title` (escaped here), inline `css`, and `body` (already HTML).
  static func document(title: String, css: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="nl">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    \(baseCSS)\(css)</style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  /// A file name for a gemeente's page: its code and a plain-ASCII form of its name
  /// (`GM1979-eemsdelta.html`); the code alone keeps it unique.
  static func fileName(code: GemeenteCode, name: String, ext: String = "html") -> String {
    let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var slug = ""
    var pendingDash = false
    for ch in folded.unicodeScalars {
      if ch.isASCII, ch.properties.isAlphabetic || ("0"..."9").contains(ch) {
        if pendingDash && !slug.isEmpty { slug += "-" }
        pendingDash = false
        slug.unicodeScalars.append(ch)
      } else {
        pendingDash = true
      }
    }
    return code.code + (slug.isEmpty ? "" : "-" + slug.lowercased()) + "." + ext
  }

  /// The typography and colours every report page starts from: system fonts, dark text on
  /// white (contrast well above WCAG AA), Dutch-style tabular figures.
  static let baseCSS = """
    :root {
      --ink: #1b1f24; --muted: #4a5360; --rule: #d5dae0; --paper: #ffffff;
      --vt: #a33a12; --vt-soft: #fbeee8; --jb: #1c5a86; --jb-soft: #e8f1f8;
      --prev: #6b7480;
    }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body {
      margin: 0; color: var(--ink); background: var(--paper);
      font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans",
        sans-serif;
      font-size: 10pt; line-height: 1.35;
      font-variant-numeric: tabular-nums;
    }
    h1, h2, h3 { line-height: 1.15; margin: 0; }
    a { color: var(--jb); }
    table { border-collapse: collapse; }
    .muted { color: var(--muted); }

    """
}
