import Model
import Pipeline

/// The compiled value settings of one layout for one source: code tables per list, the
/// spellings of ja/nee, the date format and the gemeente resolver (with the source's aliases).
final class ValueParser {
  let settings: Layout.ValueSettings
  let loose: Bool
  let dates: DateFormat
  let gemeenten: GemeenteResolver
  @exclusivity(unchecked) private var tables: [String: CodeTable] = [:]
  private let booleans: TextMap

  init(layout: Layout, reference: ReferenceData, aliases: [String: String]) throws {
    settings = layout.values
    loose = layout.values.match == .loose
    dates = layout.values.dates
    gemeenten = GemeenteResolver(
      reference: reference, byName: layout.values.gemeenteByName, loose: loose, aliases: aliases)
    booleans = TextMap(loose: loose, capacity: 8)
    for (spellings, value) in [(settings.ja, Int32(1)), (settings.nee, Int32(0))] {
      for s in spellings {
        booleans.set(s, value)
      }
    }
    var lists = Set<String>()
    for e in layout.entities { for f in e.schema.fields { if let l = f.codeList { lists.insert(l) } } }
    for list in lists.sorted() {
      guard let info = CodeLists.list(named: list) else {
        throw PipelineError.internal("code list \(list) of the model is not in codes.tsv")
      }
      do {
        tables[list] = try CodeTable(
          list: info, labels: settings.labels, match: settings.match,
          extra: settings.extraLabels[list] ?? [:])
      } catch {
        throw PipelineError.config("\(layout.path): \(error.message)")
      }
    }
  }

  /// The table of code list `list` (every list of the layout's entities has one).
  func table(_ list: String) -> CodeTable? { tables[list] }

  /// A table for a list outside the entities' fields (none exist today; tests use it).
  func makeTable(_ list: String) throws -> CodeTable? {
    if let t = tables[list] { return t }
    guard let info = CodeLists.list(named: list) else { return nil }
    let t = try CodeTable(list: info, labels: settings.labels, match: settings.match, extra: [:])
    tables[list] = t
    return t
  }

  /// ja → true, nee → false, anything else nil.
  @inline(__always)
  func bool(_ text: UnsafeRawBufferPointer) -> Bool? {
    booleans.get(text).map { $0 == 1 }
  }

}
