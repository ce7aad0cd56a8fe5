import Model

/// Which exports a report's figures come from, and which periods were still open.
///
/// Reports carry no timestamps (unchanged inputs give byte-identical pages); they name the
/// exports by organisation, peildatum and SHA-256 instead.
struct SheetProvenance {
  let snapshot: AggregateSnapshot

  /// The exports, by organisation and folder.
  var sortedSources: [AggregateSnapshot.SnapshotSource] {
    snapshot.sources.sorted { ($0.organisation, $0.folder) < ($1.organisation, $1.folder) }
  }

  /// One HTML list item per export loaded: organisation, peildatum, checksum.
  var exportsHTML: String {
    let sources = sortedSources
    guard !sources.isEmpty else {
      return "<li>Geen export vermeld in de aggregaten.</li>\n"
    }
    var out = ""
    for s in sources {
      let peildatum = s.peildatum.map { "peildatum " + Self.dutchDate($0) } ?? "peildatum onbekend"
      out += "<li>\(SheetHTML.escape(s.organisation)) (\(SheetHTML.escape(s.folder))): "
      out += "\(SheetHTML.escape(peildatum)), SHA-256 "
      out += "<code>\(SheetHTML.escape(s.exportSHA256))</code></li>\n"
    }
    return out
  }

  /// True when `period` was not yet closed on the peildatum of its export.
  func isProvisional(_ period: String) -> Bool { snapshot.provisionalPeriods.contains(period) }

  /// `2022-01-15` → `15-01-2022`; anything else as given.
  static func dutchDate(_ iso: String) -> String {
    guard let day = Day.parseISO(iso) else { return iso }
    let c = day.components
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return pad(c.day, 2) + "-" + pad(c.month, 2) + "-" + pad(c.year, 4)
  }
}
