import Foundation
import Model
import Pipeline
import Testing

@testable import Emit

/// "Ons werk in cijfers" from an in-memory Groningen snapshot (`SheetTestFixture`):
/// which sheets are made, the figures they show, previous years in current boundaries,
/// `publiek`, configured texts, escaping and reproducibility.
@Suite struct FactsheetEmitterTests {
  /// Publishes the Groningen fixture into a fresh folder; returns the outputs folder.
  static func publishGroningen(
    years: [Int]? = [2021], factsheets: String = "  publiek: false\n",
    snapshot: AggregateSnapshot = SheetTestFixture.groningenSnapshot()
  ) throws -> String {
    let folder = try SheetTestFixture.temporaryFolder("factsheets")
    let pipeline = try SheetTestFixture.pipeline(
      SheetTestFixture.groningenYAML(factsheets: factsheets), in: folder)
    let context = SheetTestFixture.context(
      pipeline: pipeline, reference: try SheetTestFixture.reference(), snapshot: snapshot,
      outputs: folder + "/out")
    try FactsheetEmitter(context: context).publish(years: years)
    return folder + "/out"
  }

  static func files(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  @Test func aSheetForEveryGemeenteOfTheRegionPlusIndexAndCSV() throws {
    let out = try Self.publishGroningen()
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    // VT08 on 2021-12-31: ten gemeenten (Eemsdelta instead of its three predecessors);
    // Aalten (NOG) and `onbekend`, which have rows, get none.
    #expect(
      try Self.files(out + "/factsheets/2021") == [
        "GM0014-groningen.html", "GM0037-stadskanaal.html", "GM0047-veendam.html",
        "GM0765-pekela.html", "GM1895-oldambt.html", "GM1950-westerwolde.html",
        "GM1952-midden-groningen.html", "GM1966-het-hogeland.html",
        "GM1969-westerkwartier.html", "GM1979-eemsdelta.html", "figures.csv", "index.html",
      ])
    let index = try SheetTestFixture.read(out + "/factsheets/2021/index.html")
    #expect(index.contains("<a href=\"GM1979-eemsdelta.html\">Eemsdelta</a>"))
    #expect(!index.contains("Aalten"))
    // The footer names the export: checksum and peildatum.
    #expect(index.contains(String(repeating: "ab", count: 32)))
    #expect(index.contains("peildatum 15-01-2022"))
  }

  @Test func eemsdeltasPreviousYearSumsItsThreePredecessors() throws {
    let out = try Self.publishGroningen()
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let page = try SheetTestFixture.read(out + "/factsheets/2021/GM1979-eemsdelta.html")
    // Meldingen 2020 as registered: Appingedam 414·26/100 = 107, Delfzijl 414·53/100 = 219,
    // Loppersum 414 − 107 − 219 = 88; in 2021 boundaries 107 + 219 + 88 = 414.
    #expect(
      page.contains(
        "<h3>Melding</h3>\n<div class=\"figures\">\n<div class=\"numbers\">\n"
          + "<p class=\"value\">328</p>\n<p class=\"previous\">2020: 414</p>"))
    // Machtiging uithuisplaatsing: 13 + 9 verlenging; 2020: 9 + 5 verlenging, where
    // 9 = 2 + 4 + 3 (9·26/100 = 2, 9·53/100 = 4, rest 3) and 5 = 1 + 2 + 2.
    #expect(
      page.contains(
        "<p class=\"value\">13 <span class=\"extra\">+ 9 verlenging</span></p>\n"
          + "<p class=\"previous\">2020: 9 <span class=\"extra\">+ 5 verlenging</span></p>"))
    #expect(
      page.contains(
        "De cijfers over 2020 zijn die van de toenmalige gemeenten Appingedam, Delfzijl en "
          + "Loppersum samen."))
    #expect(page.contains("<title>Ons werk in cijfers 2021 – Gemeente Eemsdelta</title>"))
    #expect(page.contains("<h1>Ons werk in cijfers <span class=\"year\">2021</span></h1>"))
    #expect(page.contains("<p class=\"gemeente\">Gemeente Eemsdelta</p>"))
    // The chart says in words what it shows.
    #expect(
      page.contains("<title id=\"blok-2-melding-titel\">Melding: 328 in 2021, 414 in 2020</title>"))
    // Jeugdbescherming first, as configured; an unchanged gemeente has no merger note.
    #expect(
      page.range(of: "Jeugdbescherming Noord</h2>")!.lowerBound
        < page.range(of: "Veilig Thuis Groningen</h2>")!.lowerBound)
    let veendam = try SheetTestFixture.read(out + "/factsheets/2021/GM0047-veendam.html")
    #expect(!veendam.contains("toenmalige"))
    #expect(veendam.contains("<p class=\"value\">262</p>\n<p class=\"previous\">2020: 275</p>"))
  }

  @Test func selfContainedNoScriptsNoExternalResources() throws {
    let out = try Self.publishGroningen()
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    for name in try Self.files(out + "/factsheets/2021") where name.hasSuffix(".html") {
      let page = try SheetTestFixture.read(out + "/factsheets/2021/" + name)
      #expect(!page.lowercased().contains("<script"), "\(name)")
      #expect(!page.contains("src="), "\(name)")
      #expect(
        !page.contains("http://")
          || page.components(separatedBy: "http://").count - 1
            == page.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1,
        "\(name): only the SVG namespace may name a URL")
      #expect(!page.contains("https://"), "\(name)")
      #expect(!page.contains("@import") && !page.contains("url("), "\(name)")
      #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"), "\(name)")
    }
  }

  @Test func csvHoldsEveryFigureShownWithThePreviousYear() throws {
    let out = try Self.publishGroningen()
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let csv = try SheetTestFixture.read(out + "/factsheets/2021/figures.csv")
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(
      lines[0] == "gemeente_code;gemeente_naam;organisatie;figuur;measure;jaar;waarde;"
        + "vorig_jaar;waarde_vorig_jaar")
    // 10 gemeenten × (4 jeugdbescherming figures + 1 verlenging measure + 7 Veilig Thuis).
    #expect(lines.count == 1 + 10 * 12)
    #expect(
      lines.contains(
        "GM1979;Eemsdelta;Veilig Thuis Groningen;melding;ontvangen_meldingen;2021;328;2020;414"))
    #expect(
      lines.contains(
        "GM1979;Eemsdelta;Jeugdbescherming Noord;machtiging_uithuisplaatsing;"
          + "maatregel_verlenging_muhp;2021;9;2020;5"))
    // Plain digits for machines (the page prints 1.412).
    #expect(
      lines.contains(
        "GM0014;Groningen;Veilig Thuis Groningen;melding;ontvangen_meldingen;2021;1412;2020;1538"))
    let groningen = try SheetTestFixture.read(out + "/factsheets/2021/GM0014-groningen.html")
    #expect(
      groningen.contains("<p class=\"value\">1.412</p>\n<p class=\"previous\">2020: 1.538</p>"))
  }

  @Test func everyYearWithFiguresWhenNoYearIsGiven() throws {
    let out = try Self.publishGroningen(years: nil)
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    #expect(try Self.files(out + "/factsheets") == ["2020", "2021"])
    // 2020: the twelve gemeenten of that year, Appingedam, Delfzijl and Loppersum among them,
    // and no figures of 2019 to compare with.
    let files2020 = try Self.files(out + "/factsheets/2020").filter { $0.hasPrefix("GM") }
    #expect(files2020.count == 12)
    #expect(
      files2020.contains("GM0010-delfzijl.html") && !files2020.contains("GM1979-eemsdelta.html"))
    let delfzijl = try SheetTestFixture.read(out + "/factsheets/2020/GM0010-delfzijl.html")
    // 414·53/100 = 219 meldingen registered in Delfzijl in 2020.
    #expect(
      delfzijl.contains("<p class=\"value\">219</p>\n<p class=\"previous\">2019: geen cijfers</p>"))
    #expect(!delfzijl.contains("<svg"))
    let csv = try SheetTestFixture.read(out + "/factsheets/2020/figures.csv")
    #expect(
      csv.contains(
        "GM0010;Delfzijl;Veilig Thuis Groningen;melding;ontvangen_meldingen;2020;219;2019;\n"))
  }

  @Test func aYearWithoutFiguresIsAnError() throws {
    let error = #expect(throws: PipelineError.self) { try Self.publishGroningen(years: [2030]) }
    #expect(error?.status == .noInput)
    #expect(error?.message.contains("no figures for 2030") == true)
    #expect(error?.message.contains("years with figures: 2020, 2021") == true)
  }

  @Test func publiekShowsOneToFourAsLessThanFive() throws {
    let out = try Self.publishGroningen(factsheets: "  publiek: true\n")
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let pekela = try SheetTestFixture.read(out + "/factsheets/2021/GM0765-pekela.html")
    // Huisverbod 3 (2021) and 3 (2020); machtiging 1 + 2 verlenging, 2020: 4 + 0.
    #expect(
      pekela.contains("<p class=\"value\">&lt; 5</p>\n<p class=\"previous\">2020: &lt; 5</p>"))
    #expect(
      pekela.contains(
        "<p class=\"value\">&lt; 5 <span class=\"extra\">+ &lt; 5 verlenging</span></p>\n"
          + "<p class=\"previous\">2020: &lt; 5 <span class=\"extra\">+ 0 verlenging</span></p>"))
    // The chart neither prints nor draws the exact value.
    #expect(pekela.contains("Huisverbod: &lt; 5 in 2021, &lt; 5 in 2020</title>"))
    #expect(pekela.contains("class=\"cur masked\""))
    #expect(pekela.contains("Aantallen van 1 tot en met 4 staan er als &lt; 5."))
    let csv = try SheetTestFixture.read(out + "/factsheets/2021/figures.csv")
    #expect(
      csv.contains(
        "GM0765;Pekela;Veilig Thuis Groningen;huisverbod;huisverbod_opgelegd;2021;< 5;2020;< 5\n"))
    #expect(
      csv.contains(
        "GM0765;Pekela;Jeugdbescherming Noord;machtiging_uithuisplaatsing;maatregel_verlenging_muhp;2021;< 5;2020;0\n"
      ))
    // Exact by default.
    let exact = try Self.publishGroningen()
    defer {
      try? FileManager.default.removeItem(atPath: (exact as NSString).deletingLastPathComponent)
    }
    let pekelaExact = try SheetTestFixture.read(exact + "/factsheets/2021/GM0765-pekela.html")
    #expect(
      pekelaExact.contains(
        "<h3>Huisverbod</h3>\n<div class=\"figures\">\n<div class=\"numbers\">\n"
          + "<p class=\"value\">3</p>\n<p class=\"previous\">2020: 3</p>"))
  }

  @Test func onlyWhenThePipelineAsksForThem() throws {
    let folder = try SheetTestFixture.temporaryFolder("factsheets-off")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let pipeline = try SheetTestFixture.pipeline(
      SheetTestFixture.groningenYAML().replacingOccurrences(
        of: "outputs: [cbs-tables, factsheets]", with: "outputs: [cbs-tables]"),
      in: folder)
    let error = #expect(throws: PipelineError.self) {
      try FactsheetEmitter(
        context: SheetTestFixture.context(
          pipeline: pipeline, reference: try SheetTestFixture.reference(),
          snapshot: SheetTestFixture.groningenSnapshot(), outputs: folder + "/out")
      ).publish(years: nil)
    }
    #expect(error?.status == .config)
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/factsheets"))
  }

  @Test func configuredTextsReplaceTheDefaultsAndAreEscaped() throws {
    let out = try Self.publishGroningen(
      factsheets:
        "  texts:\n    huisverbod: \"Wij <coördineren> de hulp in Groningen & omstreken.\"\n")
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let page = try SheetTestFixture.read(out + "/factsheets/2021/GM0037-stadskanaal.html")
    #expect(
      page.contains(
        "<p class=\"text\">Wij &lt;coördineren&gt; de hulp in Groningen &amp; omstreken.</p>"))
    #expect(!page.contains(FactsheetFigure.veiligThuis.last!.defaultText))
    #expect(page.contains(FactsheetFigure.veiligThuis.first!.defaultText))
  }

  @Test func anUnknownOrOverlongTextIsAConfigurationError() throws {
    let unknown = #expect(throws: PipelineError.self) {
      try Self.publishGroningen(factsheets: "  texts:\n    huisverbood: \"Tikfout\"\n")
    }
    #expect(unknown?.status == .config)
    #expect(unknown?.message.contains("factsheets.texts.huisverbood: not a figure") == true)
    let long = String(repeating: "x", count: 201)
    let overlong = #expect(throws: PipelineError.self) {
      try Self.publishGroningen(factsheets: "  texts:\n    advies: \"\(long)\"\n")
    }
    #expect(overlong?.message.contains("factsheets.texts.advies: 201 characters") == true)
  }

  @Test func aNameWithApostropheAndAmpersandRendersAsWritten() throws {
    let folder = try SheetTestFixture.temporaryFolder("escape")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let base = try SheetTestFixture.reference()
    let zand = Gemeente(
      code: SheetTestFixture.code("GM9002"), naam: "'t Zand & <Zee>", vtregio: "VT08",
      provincie: "PV20", geldigVan: nil, geldigTot: nil, bron: "made up for a test")
    let reference = ReferenceData(
      gemeenten: [zand], herindelingen: [], vtregios: Array(base.vtregios.values),
      provincies: Array(base.provincies.values), population: [:])
    let pipeline = try SheetTestFixture.pipeline(
      SheetTestFixture.groningenYAML().replacingOccurrences(
        of: "organisation: Veilig Thuis Groningen",
        with: "organisation: \"Veilig Thuis O'Neill & Co\""),
      in: folder)
    let snapshot = SheetTestFixture.snapshot(
      region: "groningen", title: "Veilig Thuis Groningen", vtregio: "VT08",
      rows: [SheetTestFixture.row("ontvangen_meldingen", "2021JJ00", "GM9002", 12)])
    try FactsheetEmitter(
      context: SheetTestFixture.context(
        pipeline: pipeline, reference: reference, snapshot: snapshot, outputs: folder + "/out")
    ).publish(years: nil)
    let name = "GM9002-t-zand-zee.html"
    let page = try SheetTestFixture.read(folder + "/out/factsheets/2021/" + name)
    #expect(page.contains("<p class=\"gemeente\">Gemeente &#39;t Zand &amp; &lt;Zee&gt;</p>"))
    #expect(
      page.contains(
        "<title>Ons werk in cijfers 2021 – Gemeente &#39;t Zand &amp; &lt;Zee&gt;</title>"))
    #expect(page.contains("<h2 id=\"blok-2\">Veilig Thuis O&#39;Neill &amp; Co</h2>"))
    #expect(!page.contains("<Zee>") && !page.contains("'t Zand"))
    let index = try SheetTestFixture.read(folder + "/out/factsheets/2021/index.html")
    #expect(index.contains("<a href=\"\(name)\">&#39;t Zand &amp; &lt;Zee&gt;</a>"))
    // The CSV keeps the name as written.
    let csv = try SheetTestFixture.read(folder + "/out/factsheets/2021/figures.csv")
    #expect(
      csv.contains(
        "GM9002;'t Zand & <Zee>;Veilig Thuis O'Neill & Co;melding;ontvangen_meldingen;2021;12;2020;\n"
      ))
  }

  @Test func aSourceWithoutFiguresForTheYearSaysSoInsteadOfShowingZeros() throws {
    let withoutJeugdbescherming = SheetTestFixture.groningenSnapshot()
    let rows = withoutJeugdbescherming.rows.filter { !$0.measure.hasPrefix("maatregel_") }
    let out = try Self.publishGroningen(
      snapshot: SheetTestFixture.snapshot(
        region: "groningen", title: "Veilig Thuis Groningen", vtregio: "VT08", rows: rows))
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let page = try SheetTestFixture.read(out + "/factsheets/2021/GM1979-eemsdelta.html")
    #expect(page.contains("Over 2021 zijn geen cijfers van Jeugdbescherming Noord geladen."))
    #expect(!page.contains("Ondertoezichtstelling"))
    let csv = try SheetTestFixture.read(out + "/factsheets/2021/figures.csv")
    #expect(!csv.contains("maatregel_"))
  }

  @Test func aGemeenteWithoutAnyRowGetsASheetOfZeros() throws {
    var rows = SheetTestFixture.groningenSnapshot().rows
    rows.removeAll { $0.regionCode == "GM0765" }
    let out = try Self.publishGroningen(
      snapshot: SheetTestFixture.snapshot(
        region: "groningen", title: "Veilig Thuis Groningen", vtregio: "VT08", rows: rows))
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let page = try SheetTestFixture.read(out + "/factsheets/2021/GM0765-pekela.html")
    #expect(
      page.contains(
        "<h3>Melding</h3>\n<div class=\"figures\">\n<div class=\"numbers\">\n"
          + "<p class=\"value\">0</p>\n<p class=\"previous\">2020: 0</p>"))
  }

  @Test func provisionalYearIsMarked() throws {
    let out = try Self.publishGroningen(
      snapshot: SheetTestFixture.groningenSnapshot(provisional: ["2021JJ00", "2021HJ02"]))
    defer {
      try? FileManager.default.removeItem(atPath: (out as NSString).deletingLastPathComponent)
    }
    let page = try SheetTestFixture.read(out + "/factsheets/2021/GM1952-midden-groningen.html")
    #expect(page.contains("<span class=\"year\">2021*</span>"))
    #expect(page.contains("* Voorlopige cijfers"))
  }

  @Test func unchangedInputsGiveByteIdenticalFolders() throws {
    let a = try Self.publishGroningen(years: nil)
    let b = try Self.publishGroningen(years: nil)
    defer {
      try? FileManager.default.removeItem(atPath: (a as NSString).deletingLastPathComponent)
      try? FileManager.default.removeItem(atPath: (b as NSString).deletingLastPathComponent)
    }
    for year in ["2020", "2021"] {
      let names = try Self.files(a + "/factsheets/" + year)
      #expect(names == (try Self.files(b + "/factsheets/" + year)))
      for name in names {
        let x = try Data(contentsOf: URL(fileURLWithPath: "\(a)/factsheets/\(year)/\(name)"))
        let y = try Data(contentsOf: URL(fileURLWithPath: "\(b)/factsheets/\(year)/\(name)"))
        #expect(x == y, "\(year)/\(name)")
      }
    }
    // Publishing again over the same folder replaces it whole: no leftovers beside it.
    let folder = (a as NSString).deletingLastPathComponent
    let pipeline = try LoadedPipeline.load(path: folder + "/fixture.yaml")
    try FactsheetEmitter(
      context: SheetTestFixture.context(
        pipeline: pipeline, reference: try SheetTestFixture.reference(),
        snapshot: SheetTestFixture.groningenSnapshot(), outputs: a)
    ).publish(years: [2021])
    #expect(try Self.files(a + "/factsheets") == ["2020", "2021"])
  }

  @Test func everyGemeenteOfAllThreeRegions() throws {
    let reference = try SheetTestFixture.reference()
    for (name, vtregio, count) in [
      ("nog", "VT14", 22), ("groningen", "VT08", 10), ("rotterdam-rijnmond", "VT18", 15),
    ] {
      let folder = try SheetTestFixture.temporaryFolder("regions")
      defer { try? FileManager.default.removeItem(atPath: folder) }
      let path = SheetTestFixture.root.appendingPathComponent("pipelines/\(name).yaml").path
      let pipeline = try LoadedPipeline.load(path: path)
      let snapshot = SheetTestFixture.snapshot(
        region: name, title: pipeline.config.region.title, vtregio: vtregio,
        rows: [SheetTestFixture.row("ontvangen_meldingen", "2021JJ00", vtregio, 5, level: .vtregio)]
      )
      try FactsheetEmitter(
        context: SheetTestFixture.context(
          pipeline: pipeline, reference: reference, snapshot: snapshot, outputs: folder)
      ).publish(years: nil)
      let sheets = try Self.files(folder + "/factsheets/2021").filter { $0.hasPrefix("GM") }
      #expect(sheets.count == count, "\(name)")
    }
  }
}
