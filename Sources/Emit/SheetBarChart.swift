/// A horizontal bar chart as inline SVG: groups of bars, each group labelled on the left,
/// each bar with its value at its end.
///
/// Accessible: `role="img"` with a `<title>` that says in words what the bars show.
/// Colours come from CSS classes of the page (`cssClass` of a bar), so print and screen
/// styles agree. Deterministic: coordinates are rounded to a tenth.
struct SheetBarChart {
  /// One bar.
  struct Bar {
    var value: Int
    /// The value as the page prints it (`1.234`, `< 5`).
    var text: String
    /// The CSS class that colours the bar.
    var cssClass: String
    /// The exact value may not be shown (`publiek`): drawn as an outline up to `maskedLength`.
    var masked: Bool = false
  }

  /// A labelled group of bars (a year, a gemeente).
  struct Group {
    var label: String
    var bars: [Bar]
  }

  /// Unique within the page (the `<title>` is referenced by id).
  var id: String
  /// What the chart shows, in words.
  var title: String
  var groups: [Group]
  var width: Double = 200
  var labelWidth: Double = 34
  var valueWidth: Double = 34
  var barHeight: Double = 9
  var barGap: Double = 2
  var groupGap: Double = 5
  var fontSize: Double = 8
  /// The length a masked bar is drawn to (the `< 5` bound).
  var maskedLength: Int = 5
  /// The value the full width stands for; by default the largest bar.
  var scaleMaximum: Int? = nil

  var height: Double {
    let bars = groups.reduce(0) { $0 + $1.bars.count }
    let inner = Double(bars) * barHeight + Double(max(0, bars - groups.count)) * barGap
    return inner + Double(max(0, groups.count - 1)) * groupGap
  }

  func svg(cssClass: String = "chart") -> String {
    let maximum = max(
      1,
      scaleMaximum
        ?? groups.flatMap(\.bars).map { $0.masked ? maskedLength : $0.value }.max() ?? 1)
    let available = max(1, width - labelWidth - valueWidth)
    let titleID = "\(id)-titel"
    var out = "<svg class=\"\(cssClass)\" role=\"img\" aria-labelledby=\"\(titleID)\" "
    out += "viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" "
    out += "height=\"\(Self.n(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
    out += "<title id=\"\(titleID)\">\(SheetHTML.escape(title))</title>"
    var y = 0.0
    for group in groups {
      let groupHeight =
        Double(group.bars.count) * barHeight + Double(max(0, group.bars.count - 1)) * barGap
      let labelY = y + groupHeight / 2 + fontSize * 0.35
      out += "<text class=\"bar-label\" x=\"\(Self.n(labelWidth - 4))\" y=\"\(Self.n(labelY))\" "
      out += "text-anchor=\"end\" font-size=\"\(Self.n(fontSize))\">"
      out += "\(SheetHTML.escape(group.label))</text>"
      for bar in group.bars {
        let shown = bar.masked ? maskedLength : max(0, bar.value)
        let length = Double(shown) / Double(maximum) * available
        if length > 0 {
          let cls = bar.masked ? "\(bar.cssClass) masked" : bar.cssClass
          out += "<rect class=\"\(cls)\" x=\"\(Self.n(labelWidth))\" y=\"\(Self.n(y))\" "
          out += "width=\"\(Self.n(max(length, 0.8)))\" height=\"\(Self.n(barHeight))\"/>"
        } else {
          // A zero is a hairline at the axis, so the row does not look like a missing bar.
          out += "<rect class=\"\(bar.cssClass) zero\" x=\"\(Self.n(labelWidth))\" "
          out += "y=\"\(Self.n(y))\" width=\"0.8\" height=\"\(Self.n(barHeight))\"/>"
        }
        let textY = y + barHeight / 2 + fontSize * 0.35
        out += "<text class=\"bar-value\" x=\"\(Self.n(labelWidth + length + 3))\" "
        out += "y=\"\(Self.n(textY))\" font-size=\"\(Self.n(fontSize))\">"
        out += "\(SheetHTML.escape(bar.text))</text>"
        y += barHeight + barGap
      }
      y += groupGap - barGap
    }
    out += "</svg>"
    return out
  }

  /// A coordinate rounded to a tenth, without a trailing `.0`.
  static func n(_ x: Double) -> String {
    let t = Int((x * 10).rounded())
    let sign = t < 0 ? "-" : ""
    let m = t.magnitude
    return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10).\(m % 10)"
  }
}
