import Foundation
import Model
import Pipeline
import Testing

@testable import Emit

/// The sheets as a person gets them: rendered by a real browser (headless Chromium) to PDF,
/// each must be exactly one A4 page.
///
/// Needs Debian's `chromium` and `poppler-utils` (`pdfinfo`), which `.ci/run` installs.
/// `VT_KEEP_RENDER=<folder>` keeps the pages and PDFs there for a look.
@Suite(.serialized) struct FactsheetRenderTests {
  static func tool(_ name: String, env: String) -> String? {
    if let p = ProcessInfo.processInfo.environment[env], !p.isEmpty { return p }
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
      let p = dir + "/" + name
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  /// Runs `path` with `arguments`; returns its exit status and standard output.
  static func run(_ path: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Prints `html` to a PDF with headless Chromium and returns the PDF's page count.
  static func pdfPages(of html: String, pdf: String, profile: String) throws -> Int? {
    let chromium = try #require(
      tool("chromium", env: "VT_CHROMIUM"), "chromium is not installed (.ci/run installs it)")
    let pdfinfo = try #require(
      tool("pdfinfo", env: "VT_PDFINFO"), "pdfinfo is not installed (poppler-utils)")
    let (status, _) = try run(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--user-data-dir=\(profile)", "--no-pdf-header-footer", "--print-to-pdf=\(pdf)",
        URL(fileURLWithPath: html).absoluteString,
      ])
    #expect(status == 0, "chromium exited with \(status)")
    let (infoStatus, info) = try run(pdfinfo, [pdf])
    #expect(infoStatus == 0)
    var pages: Int?
    var size: String?
    for line in info.split(separator: "\n") {
      if line.hasPrefix("Pages:") {
        pages = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
      }
      if line.hasPrefix("Page size:") { size = String(line) }
    }
    // pdfinfo names the paper size: "Page size: 594.96 x 841.92 pts (A4)".
    #expect(size?.hasSuffix("(A4)") == true, "\(size ?? "no page size")")
    return pages
  }

  @Test func everyGroningenSheetPrintsOnOneA4Page() throws {
    let folder = try SheetTestFixture.temporaryFolder("render")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let pipeline = try SheetTestFixture.pipeline(SheetTestFixture.groningenYAML(), in: folder)
    let context = SheetTestFixture.context(
      pipeline: pipeline, reference: try SheetTestFixture.reference(),
      snapshot: SheetTestFixture.groningenSnapshot(), outputs: folder + "/out")
    try FactsheetEmitter(context: context).publish(years: [2021])
    let year = folder + "/out/factsheets/2021"
    // Eemsdelta (merged: the longest notes) and Groningen (the largest numbers).
    for name in ["GM1979-eemsdelta", "GM0014-groningen"] {
      let pages = try Self.pdfPages(
        of: "\(year)/\(name).html", pdf: "\(folder)/\(name).pdf", profile: folder + "/profile")
      #expect(pages == 1, "\(name) prints on \(pages.map(String.init) ?? "?") pages")
    }
    Self.keep(folder, as: "groningen")
  }

  /// The worst case the configuration allows: every text at its maximum length, a long
  /// gemeente name and six-digit counts with verlengingen, in `publiek` mode; with both
  /// organisations (Groningen) and with Veilig Thuis alone (in larger type when the texts
  /// are at most `roomyTextLimit` long).
  @Test(arguments: [
    (true, FactsheetBuilder.maximumTextLength), (false, FactsheetBuilder.maximumTextLength),
    (false, FactsheetPage.roomyTextLimit),
  ])
  func theLongestTextsStillFitOnePage(jeugdbescherming: Bool, textLength: Int) throws {
    let folder = try SheetTestFixture.temporaryFolder("render-worst")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let sentence =
      "Een uitleg die precies zo lang is als de configuratie toestaat, met lange woorden "
    let long = String(
      String(repeating: sentence, count: 4).prefix(textLength))
    #expect(long.count == textLength)
    let texts = FactsheetFigure.allIDs.map { "    \($0): \"\(long)\"\n" }.joined()
    var yaml = SheetTestFixture.groningenYAML(factsheets: "  publiek: true\n  texts:\n" + texts)
    if !jeugdbescherming {
      yaml = yaml.replacingOccurrences(
        of:
          "  - kind: jeugdbescherming\n    organisation: Jeugdbescherming Noord\n    layout: jb-csv\n",
        with: "")
    }
    let pipeline = try SheetTestFixture.pipeline(yaml, in: folder)
    #expect(pipeline.config.sources.count == (jeugdbescherming ? 2 : 1))
    let base = try SheetTestFixture.reference()
    let longName = Gemeente(
      code: SheetTestFixture.code("GM9001"), naam: "'s-Hertogenbosch-Krimpen aan den IJssel",
      vtregio: "VT08", provincie: "PV20", geldigVan: nil, geldigTot: nil, bron: "test")
    let reference = ReferenceData(
      gemeenten: [longName], herindelingen: [], vtregios: Array(base.vtregios.values),
      provincies: Array(base.provincies.values), population: [:])
    var rows: [AggregateRow] = []
    for figure in FactsheetFigure.jeugdbescherming + FactsheetFigure.veiligThuis {
      for m in figure.allMeasures {
        rows.append(SheetTestFixture.row(m, "2021JJ00", "GM9001", 123_456))
        rows.append(SheetTestFixture.row(m, "2020JJ00", "GM9001", 3))
      }
    }
    let context = SheetTestFixture.context(
      pipeline: pipeline, reference: reference,
      snapshot: SheetTestFixture.snapshot(
        region: "groningen", title: "Veilig Thuis Groningen", vtregio: "VT08", rows: rows,
        provisional: ["2021JJ00"]),
      outputs: folder + "/out")
    try FactsheetEmitter(context: context).publish(years: [2021])
    let name = "GM9001-s-hertogenbosch-krimpen-aan-den-ijssel"
    let page = try SheetTestFixture.read("\(folder)/out/factsheets/2021/\(name).html")
    // Larger type for Veilig Thuis alone, when the texts are short enough.
    #expect(
      page.contains("<main class=\"sheet roomy\">")
        == (!jeugdbescherming && textLength <= FactsheetPage.roomyTextLimit))
    let pages = try Self.pdfPages(
      of: "\(folder)/out/factsheets/2021/\(name).html", pdf: "\(folder)/\(name).pdf",
      profile: folder + "/profile")
    #expect(pages == 1, "the worst case prints on \(pages.map(String.init) ?? "?") pages")
    Self.keep(folder, as: "worst-\(jeugdbescherming ? "jb" : "vt")-\(textLength)")
  }

  /// Copies `folder` to `$VT_KEEP_RENDER/<name>` when that is set.
  static func keep(_ folder: String, as name: String) {
    guard let keep = ProcessInfo.processInfo.environment["VT_KEEP_RENDER"], !keep.isEmpty
    else { return }
    let target = keep + "/" + name
    try? FileManager.default.removeItem(atPath: target)
    try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
    try? FileManager.default.copyItem(atPath: folder, toPath: target)
  }
}
