import Model
import Pipeline

/// Jaarverslag figures per year (`outputs.md` §6) → `<outputs>/jaarverslag/<year>/`.
///
/// For every year with Veilig Thuis figures a folder, published whole, with `index.html`
/// (tiles and a chart per gemeente) and `jaarverslag.json` (the same figures for whoever
/// lays out the printed report). Only for a pipeline whose `outputs` lists `jaarverslag`.
public struct JaarverslagEmitter {
  public let context: EmitContext
  public init(context: EmitContext) { self.context = context }

  public static let jsonName = "jaarverslag.json"

  /// Publishes every year with figures; returns the folders published.
  @discardableResult
  public func publish() throws -> [String] {
    if let pipeline = context.pipeline, !pipeline.config.outputs.contains(.jaarverslag) {
      throw PipelineError.config(
        "\(pipeline.path): outputs: does not list jaarverslag, so there is no report to make")
    }
    let builder = try JaarverslagBuilder(context: context)
    let provenance = SheetProvenance(snapshot: context.snapshot)
    var published: [String] = []
    for year in builder.years {
      let figures = builder.figures(year: year)
      let folder = try SheetFolder(final: context.workspace.outputs + "/jaarverslag/\(year)")
      try folder.write("index.html", JaarverslagPage(figures: figures, provenance: provenance).html)
      try folder.write(Self.jsonName, figures.json(exports: provenance.sortedSources).text)
      try folder.publish()
      published.append(folder.finalPath)
    }
    return published
  }
}
