import Foundation
import Model
import Pipeline
import Testing

@testable import Transform

/// A staged folder written in a temporary directory from records, transformed, and the facts
/// read back: what every counting test starts from.
struct TransformFixture {
  var region = "groningen"
  var peildatum: String? = "2022-03-01"
  var jeugdbeschermingPeildatum: String? = "2022-03-01"
  var meldingen: [Melding] = []
  var betrokkenen: [Betrokkene] = []
  var diensten: [Dienst] = []
  var overdrachten: [Overdracht] = []
  var monitoring: [Monitoring] = []
  var huisverboden: [Huisverbod] = []
  var adviezen: [Advies] = []
  var activiteiten: [Activiteit] = []
  /// Nil: no Jeugdbescherming source at all.
  var maatregelen: [Maatregel]? = nil

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func pipeline(_ region: String) throws -> LoadedPipeline {
    try LoadedPipeline.load(path: root.appendingPathComponent("pipelines/\(region).yaml").path)
  }

  /// Writes the staged folder into `dir` (a work folder).
  func writeStaged(into dir: String) throws {
    let staged = dir + "/staged"
    try FileManager.default.createDirectory(
      atPath: staged + "/veilig-thuis", withIntermediateDirectories: true)
    func write<R: StagedRecord>(_ records: [R], folder: String = "veilig-thuis") throws {
      let w = try StagedWriter<R>(path: "\(staged)/\(folder)/\(R.entity.stagedFileName)")
      for r in records { try w.write(r) }
      try w.close()
    }
    try write(meldingen)
    try write(betrokkenen)
    try write(diensten)
    try write(overdrachten)
    try write(monitoring)
    try write(huisverboden)
    try write(adviezen)
    try write(activiteiten)
    var sources = [
      SourceExport(
        folder: "veilig-thuis", kind: .veiligThuis, organisation: "Veilig Thuis Test",
        layout: "vt-csv", exportSHA256: String(repeating: "a", count: 64), peildatum: peildatum,
        peildatumSource: "file",
        accepted: ["melding": meldingen.count, "betrokkene": betrokkenen.count])
    ]
    if let maatregelen {
      try FileManager.default.createDirectory(
        atPath: staged + "/jeugdbescherming", withIntermediateDirectories: true)
      try write(maatregelen, folder: "jeugdbescherming")
      sources.insert(
        SourceExport(
          folder: "jeugdbescherming", kind: .jeugdbescherming, organisation: "JB Test",
          layout: "jb-csv", exportSHA256: String(repeating: "b", count: 64),
          peildatum: jeugdbeschermingPeildatum, peildatumSource: "latest-date",
          accepted: ["maatregel": maatregelen.count]), at: 0)
    }
    try JSONFiles.write(
      StagedIndex(
        region: region,
        pseudonymKey: PseudonymKeyInfo(kind: "demo", fingerprint: "0123456789abcdef"),
        sources: sources), to: staged + "/index.json")
  }

  /// Writes, transforms and reads back the facts.
  func run() throws -> Facts {
    let dir = try TemporaryDirectory()
    try writeStaged(into: dir.path)
    let pipeline = try Self.pipeline(region)
    let workspace = Workspace(work: dir.path, outputs: dir.path + "/out")
    let report = try TransformStage(
      pipeline: pipeline, reference: try pipeline.loadReference(), workspace: workspace
    ).run()
    return try Facts(workspace: workspace, report: report, keep: dir)
  }
}

/// The facts a transform published, with lookups by cell.
struct Facts {
  let index: FactsIndex
  let report: StageReport
  /// Per source folder, the rows in file order.
  let rows: [String: [AggregateRow]]
  /// The raw text of each facts file.
  let text: [String: String]
  let directory: TemporaryDirectory

  init(workspace: Workspace, report: StageReport, keep: TemporaryDirectory) throws {
    index = try JSONFiles.read(FactsIndex.self, from: workspace.factsIndex)
    self.report = report
    directory = keep
    var rows: [String: [AggregateRow]] = [:]
    var text: [String: String] = [:]
    for s in index.sources {
      let path = workspace.factsDirectory + "/" + s.file
      var list: [AggregateRow] = []
      try FactsFile.forEach(path: path) { list.append($0) }
      rows[s.export.folder] = list
      text[s.export.folder] = try String(contentsOfFile: path, encoding: .utf8)
    }
    self.rows = rows
    self.text = text
  }

  var all: [AggregateRow] { rows.values.flatMap { $0 } }

  /// The value of a cell (0 when absent); `region` is a gemeente code, `onbekend` or a VT code.
  func value(
    _ measure: String, _ period: String, _ region: String, _ dimension: String = "totaal",
    _ category: String = "totaal"
  ) -> Int {
    let level: RegionLevel = region.hasPrefix("VT") ? .vtregio : .gemeente
    let matches = all.filter {
      $0.measure == measure && $0.period == period && $0.regionLevel == level
        && $0.regionCode == region && $0.dimension == dimension && $0.category == category
    }
    return matches.first?.value ?? 0
  }

  /// Every non-totaal cell of one measure, period and region, as "dimension/category" → value.
  func split(_ measure: String, _ period: String, _ region: String) -> [String: Int] {
    let level: RegionLevel = region.hasPrefix("VT") ? .vtregio : .gemeente
    var out: [String: Int] = [:]
    for r in all
    where r.measure == measure && r.period == period && r.regionLevel == level
      && r.regionCode == region && r.dimension != "totaal"
    {
      out["\(r.dimension)/\(r.category)"] = r.value
    }
    return out
  }

  /// The gemeente codes (and onbekend) a measure has rows for in a period.
  func regions(_ measure: String, _ period: String) -> [String] {
    Array(
      Set(
        all.filter { $0.measure == measure && $0.period == period && $0.regionLevel == .gemeente }
          .map(\.regionCode))
    ).sorted()
  }
}

/// A fresh directory under the system's temporary folder, removed when released.
final class TemporaryDirectory: @unchecked Sendable {
  let path: String

  init() throws {
    var template = Array((NSTemporaryDirectory() + "vt-transform-test-XXXXXX").utf8CString)
    guard let p = mkdtemp(&template) else { throw PipelineError.io("mkdtemp failed") }
    path = String(cString: p)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

func day(_ s: String) -> Day { Day.parseISO(s)! }
func gm(_ s: String) -> GemeenteCode { GemeenteCode(s)! }
func pseudonym(_ n: UInt64) -> Pseudonym { Pseudonym(high: 0x5EED, low: n) }

/// A melding with the fields a test cares about; the rest as plain as possible.
func melding(
  _ id: String, casus: String, _ date: String, _ gemeente: String,
  aard: [AardGeweld] = [.kindermishandeling], aanvullend: [AanvullendeInformatie] = [],
  rol: Rol = .niet_beroepsmatig, organisatie: Organisatie? = nil, duur: DuurGeweld? = nil,
  vormKM: [VormKM] = [], vormOM: [VormOM] = [], acute: JaNeeOnbekend = .nee,
  structureel: JaNeeOnbekend = .nee, besluit: Besluit? = nil, eersteContact: String? = nil,
  vervolgmelding: Vervolgmelding = .nee
) -> Melding {
  Melding(
    id: id, casusID: casus, ontvangstdatum: day(date), gemeente: gm(gemeente), rolMelder: rol,
    organisatieMelder: organisatie, aardGeweld: CodeSet(aard),
    aanvullendeInformatie: CodeSet(aanvullend), duurGeweld: duur,
    vormKindermishandeling: CodeSet(vormKM), vormOuderenmishandeling: CodeSet(vormOM),
    acuteOnveiligheid: acute, structureleOnveiligheid: structureel, besluit: besluit,
    besluitdatum: besluit == nil ? nil : day(date),
    eersteContactDatum: eersteContact.map(day), vervolgmelding: vervolgmelding)
}
