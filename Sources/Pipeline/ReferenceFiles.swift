import Foundation
import Model

/// Loads the reference data from its folder (`pipelines/reference/`).
public enum ReferenceFiles {
  public static let names = [
    "gemeenten.tsv", "herindelingen.tsv", "vtregios.tsv", "provincies.tsv", "population.tsv",
  ]

  public static func load(directory: String) throws -> ReferenceData {
    var texts: [String] = []
    for name in names {
      let path = directory + "/" + name
      do {
        texts.append(try String(contentsOfFile: path, encoding: .utf8))
      } catch {
        throw PipelineError.config("\(path): cannot be read")
      }
    }
    do {
      return try ReferenceData(
        gemeentenTSV: texts[0], herindelingenTSV: texts[1], vtregiosTSV: texts[2],
        provinciesTSV: texts[3], populationTSV: texts[4])
    } catch {
      throw PipelineError.config("\(directory)/\(error.description)")
    }
  }
}
