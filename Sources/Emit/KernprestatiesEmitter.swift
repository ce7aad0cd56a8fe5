import Model
import Pipeline

/// Kernprestaties per half-year (`outputs.md` §5) → `<outputs>/kernprestaties/<period>/`.
///
/// For every half-year with figures (`2019HJ01`, …) a folder, published whole, with
/// `index.html` (the region with its begroting, then every gemeente with the distributions
/// of its meldingen), `kernprestaties.csv` and `verdelingen.csv`. Only for a pipeline whose
/// `outputs` lists `kernprestaties`.
public struct KernprestatiesEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  public static let tableCSVName = "kernprestaties.csv"
  public static let distributionCSVName = "verdelingen.csv"

  /// Publishes every half-year with figures; returns the folders published.
  @discardableResult
  public func publish() throws -> [String] {
    if let pipeline = context.pipeline, !pipeline.config.outputs.contains(.kernprestaties) {
      throw PipelineError.config(
        "\(pipeline.path): outputs: does not list kernprestaties, so there is no report to make")
    }
    let builder = try KernprestatiesBuilder(context: context)
    var published: [String] = []
    for period in builder.halfYears {
      let report = builder.report(for: period)
      let folder = try SheetFolder(
        final: context.workspace.outputs + "/kernprestaties/" + period.code)
      try folder.write(
        "index.html",
        KernprestatiesPage(report: report, provenance: SheetProvenance(snapshot: context.snapshot))
          .html)
      try folder.write(Self.tableCSVName, Self.tableCSV(report).text)
      try folder.write(Self.distributionCSVName, Self.distributionCSV(report).text)
      try folder.publish()
      published.append(folder.finalPath)
    }
    return published
  }

  /// Every table row: the region's (with begroting) and each gemeente's.
  static func tableCSV(_ report: KernprestatiesReport) -> SheetCSV {
    var csv = SheetCSV(header: [
      "regio_niveau", "regio_code", "regio_naam", "nr", "kernprestatie", "measure", "periode",
      "realisatie", "periode_vorig_jaar", "realisatie_vorig_jaar", "begroting_jaar",
      "begroting", "periode_tot_nu", "realisatie_tot_nu", "percentage_begroting",
      "vorig_jaar_casus_mogelijk_dubbel",
    ])
    for table in [report.region] + report.gemeenten {
      let isRegion = table.level == .vtregio
      for line in table.lines {
        let k = line.kernprestatie
        csv.append([
          table.level.rawValue, table.code, table.name, k.number, k.title, k.measure ?? "",
          report.period.code, line.current.map(String.init) ?? "",
          report.previousPeriod.code, line.previous.map(String.init) ?? "",
          isRegion ? String(report.begrotingYear) : "", line.begroting.map(String.init) ?? "",
          isRegion ? report.yearToDatePeriod.code : "",
          line.yearToDate.map(String.init) ?? "", line.percent.map(String.init) ?? "",
          line.previousOvercounts ? "ja" : "",
        ])
      }
    }
    return csv
  }

  /// Every distribution entry with its mentions and share (decimal comma, as shown).
  static func distributionCSV(_ report: KernprestatiesReport) -> SheetCSV {
    var csv = SheetCSV(header: [
      "regio_niveau", "regio_code", "regio_naam", "periode", "verdeling", "categorie",
      "categorie_naam", "vermeldingen", "aandeel_procent", "meldingen",
    ])
    for table in [report.region] + report.gemeenten {
      for d in table.distributions {
        for e in d.entries {
          csv.append([
            table.level.rawValue, table.code, table.name, report.period.code, d.dimension.name,
            e.category, e.title, String(e.mentions), SheetNumber.tenths(e.share),
            String(d.records),
          ])
        }
      }
    }
    return csv
  }
}
