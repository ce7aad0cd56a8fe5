import Model
import Pipeline

/// "Ons werk in cijfers": a fact sheet per gemeente per year (`outputs.md` §4)
/// → `<outputs>/factsheets/<year>/`.
///
/// Each year's folder holds a page per gemeente of the region's Veilig Thuis-regio
/// (`GM1979-eemsdelta.html`), `index.html` and `figures.csv`, and is published whole.
/// Pages carry no timestamp: unchanged aggregates give byte-identical files.
public struct FactsheetEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  /// The CSV of every figure shown.
  public static let csvName = "figures.csv"

  /// Publishes the sheets of `years` (every year with figures when nil, each with the
  /// previous year where there is one). Returns the folders published.
  @discardableResult
  public func publish(years: [Int]?) throws -> [String] {
    if let pipeline = context.pipeline, !pipeline.config.outputs.contains(.factsheets) {
      throw PipelineError.config(
        "\(pipeline.path): outputs: does not list factsheets, so there are no sheets to make")
    }
    let builder = try FactsheetBuilder(context: context)
    let available = builder.years
    let chosen: [Int]
    if let years {
      for year in years where !available.contains(year) {
        throw PipelineError.noInput(
          "fact sheets: no figures for \(year) in \(context.workspace.aggregates) "
            + "(years with figures: "
            + (available.isEmpty ? "none" : available.map(String.init).joined(separator: ", "))
            + ")")
      }
      chosen = Array(Set(years)).sorted()
    } else {
      chosen = available
    }
    var published: [String] = []
    for year in chosen {
      let folder = try SheetFolder(final: context.workspace.outputs + "/factsheets/\(year)")
      try write(year: year, builder: builder, into: folder)
      try folder.publish()
      published.append(folder.finalPath)
    }
    return published
  }

  /// Fills one year's folder: the sheets, the index and the CSV.
  func write(year: Int, builder: FactsheetBuilder, into folder: SheetFolder) throws {
    let publiek = builder.config.factsheets.publiek
    let sheets = builder.sheets(year: year).map { sheet in
      (sheet: sheet, file: SheetHTML.fileName(code: sheet.gemeente.code, name: sheet.gemeente.naam))
    }
    for (sheet, file) in sheets {
      try folder.write(file, FactsheetPage(sheet: sheet, publiek: publiek).html)
    }
    let index = FactsheetIndexPage(
      year: year, regionTitle: builder.config.region.title, sheets: sheets, publiek: publiek,
      provenance: SheetProvenance(snapshot: context.snapshot), csvName: Self.csvName)
    try folder.write("index.html", index.html)
    try folder.write(Self.csvName, Self.csv(sheets.map(\.sheet), publiek: publiek).text)
  }

  /// Every figure shown, one row per gemeente, figure and measure.
  static func csv(_ sheets: [FactsheetSheet], publiek: Bool) -> SheetCSV {
    var csv = SheetCSV(header: [
      "gemeente_code", "gemeente_naam", "organisatie", "figuur", "measure", "jaar", "waarde",
      "vorig_jaar", "waarde_vorig_jaar",
    ])
    for sheet in sheets {
      for block in sheet.blocks where block.hasFigures {
        for value in block.values {
          for m in value.measures {
            csv.append([
              sheet.gemeente.code.code, sheet.gemeente.naam, block.organisation, value.figure.id,
              m.measure, String(sheet.year), SheetNumber.csvCount(m.current, publiek: publiek),
              String(sheet.previousYear),
              m.previous.map { SheetNumber.csvCount($0, publiek: publiek) } ?? "",
            ])
          }
        }
      }
    }
    return csv
  }
}
