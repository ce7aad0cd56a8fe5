import Foundation
import Model
import Pipeline
import Testing

@testable import Emit

/// Jaarverslag figures from an in-memory NOG snapshot shaped like the 2020 infographic:
/// counts, shares of records, werkgebied from the CBS population, rates per 100.000.
@Suite struct JaarverslagEmitterTests {
  static func nogSnapshot(year: Int = 2020) -> AggregateSnapshot {
    typealias F = SheetTestFixture
    let p = "\(year)JJ00"
    func vt(_ m: String, _ v: Int, _ d: String = "totaal", _ c: String = "totaal") -> AggregateRow {
      F.row(m, p, "VT14", v, level: .vtregio, dimension: d, category: c)
    }
    let rows = [
      vt("gestarte_adviezen", 6524), vt("chatgesprekken", 408),
      vt("gestarte_adviezen", 3327, "rol", "beroepsmatig"),
      vt("gestarte_adviezen", 3197, "rol", "niet_beroepsmatig"),
      vt("gestarte_adviezen", 3719, "aard_geweld", "kindermishandeling"),
      vt("gestarte_adviezen", 1500, "aard_geweld", "partnergeweld"),
      vt("ontvangen_meldingen", 3205),
      vt("ontvangen_meldingen", 2900, "rol", "beroepsmatig"),
      vt("ontvangen_meldingen", 300, "rol", "niet_beroepsmatig"),
      vt("ontvangen_meldingen", 5, "rol", "onbekend"),
      vt("ontvangen_meldingen", 1667, "aard_geweld", "kindermishandeling"),
      vt("ontvangen_meldingen", 1058, "aard_geweld", "partnergeweld"),
      vt("ontvangen_meldingen", 2300, "organisatie", "politie_melding_aangifte"),
      vt("ontvangen_meldingen", 40, "organisatie", "politie_overig"),
      vt("ontvangen_meldingen", 90, "organisatie", "huisarts"),
      vt("afgeronde_onderzoeken", 141), vt("afgeronde_vv", 790),
      vt("gestarte_monitoring", 1600), vt("monitoring_extra_interventie", 112),
      vt("huisverbod_beoordeeld", 123), vt("huisverbod_opgelegd", 74),
      F.row("gestarte_adviezen", p, "GM0200", 1300), F.row("ontvangen_meldingen", p, "GM0200", 640),
      F.row("gestarte_adviezen", p, "GM0213", 150), F.row("ontvangen_meldingen", p, "GM0213", 70),
    ]
    return F.snapshot(
      region: "nog", title: "Veilig Thuis Noord Oost Gelderland", vtregio: "VT14", rows: rows)
  }

  static func publish(_ pipelineName: String, _ snapshot: AggregateSnapshot) throws -> String {
    let folder = try SheetTestFixture.temporaryFolder("jaarverslag")
    let pipeline = try LoadedPipeline.load(
      path: SheetTestFixture.root.appendingPathComponent("pipelines/\(pipelineName).yaml").path)
    try JaarverslagEmitter(
      context: SheetTestFixture.context(
        pipeline: pipeline, reference: try SheetTestFixture.reference(), snapshot: snapshot,
        outputs: folder)
    ).publish()
    return folder
  }

  @Test func headlineCountsAndSharesOfRecords() throws {
    let out = try Self.publish("nog", Self.nogSnapshot())
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/jaarverslag") == ["2020"])
    let json = try SheetTestFixture.read(out + "/jaarverslag/2020/jaarverslag.json")
    // Adviezen: 3327/6524 = 50,996 % → 51; 3197/6524 = 49,004 → 49; 3719/6524 = 57,005 → 57;
    // 1500/6524 = 22,99 → 23.
    #expect(
      json.contains(
        """
          "adviezen": {
            "aantal": 6524,
            "beroepsmatig": {
              "aantal": 3327,
              "procent": 51
            },
            "uit_de_directe_omgeving": {
              "aantal": 3197,
              "procent": 49
            },
            "rol_onbekend": {
              "aantal": 0,
              "procent": 0
            },
            "over_kindermishandeling": {
              "aantal": 3719,
              "procent": 57
            },
            "over_partnergeweld": {
              "aantal": 1500,
              "procent": 23
            },
            "chatgesprekken": 408
          },
        """))
    // Meldingen from the police: (2300 + 40) / 3205 = 73,01 % → 73; monitoring with extra
    // interventies 112 / 1600 = 7 %.
    #expect(
      json.contains(
        """
            "van_de_politie": {
              "aantal": 2340,
              "procent": 73
            }
        """))
    #expect(
      json.contains(
        """
            "met_extra_interventies": {
              "aantal": 112,
              "procent": 7
            }
        """))
    // Werkgebied: the 22 NOG gemeenten on 1 January 2020, 827.731 inwoners
    // (population-notes.md, "Regional sums").
    #expect(
      json.contains(
        """
          "werkgebied": {
            "gemeenten": 22,
            "inwoners": 827731,
            "inwoners_peildatum": "2020-01-01",
        """))
    let page = try SheetTestFixture.read(out + "/jaarverslag/2020/index.html")
    #expect(
      page.contains(
        "<span class=\"n\">6.524</span> <span class=\"l\">advies- of ondersteuningsvragen</span>"))
    #expect(page.contains("<li><span class=\"p\">73%</span> van de politie</li>"))
    #expect(page.contains("<li><span class=\"p\">51%</span> beroepsmatig gesteld</li>"))
    #expect(page.contains("<li><span class=\"p\">52%</span> over kindermishandeling</li>"))
    // 5 of 3205 meldingen without a rol: 0,16 % → 0 %, said rather than hidden.
    #expect(page.contains("<li><span class=\"p\">0%</span> rol van de contactlegger onbekend</li>"))
    #expect(
      page.contains(
        "<span class=\"n\">827.731</span> <span class=\"l\">inwoners op 1 januari 2020 (CBS)</span>"
      ))
  }

  @Test func ratesPer100000Inwoners() throws {
    let out = try Self.publish("nog", Self.nogSnapshot())
    defer { try? FileManager.default.removeItem(atPath: out) }
    let json = try SheetTestFixture.read(out + "/jaarverslag/2020/jaarverslag.json")
    // Apeldoorn, 163.818 inwoners on 1 January 2020: 1300 adviezen → 793,57 → 794;
    // 640 meldingen → 390,68 → 391.
    #expect(
      json.contains(
        """
              "code": "GM0200",
              "naam": "Apeldoorn",
              "inwoners": 163818,
              "adviezen": 1300,
              "meldingen": 640,
              "adviezen_per_100000": 794,
              "meldingen_per_100000": 391
        """))
    // Brummen, 20.726: 150 → 723,73 → 724; 70 → 337,74 → 338.
    #expect(json.contains("\"adviezen_per_100000\": 724,\n      \"meldingen_per_100000\": 338"))
    let page = try SheetTestFixture.read(out + "/jaarverslag/2020/index.html")
    #expect(
      page.contains(
        "<title id=\"per100k-titel\">Adviezen en meldingen per 100.000 inwoners per gemeente, 2020: Aalten 0 adviezen en 0 meldingen; Apeldoorn 794 adviezen en 391 meldingen;"
      ))
    #expect(
      page.contains(
        "<tr><th scope=\"row\">Apeldoorn</th><td class=\"num\">163.818</td><td class=\"num\">1.300</td><td class=\"num\">640</td><td class=\"num\">794</td><td class=\"num\">391</td></tr>"
      ))
  }

  @Test func aMissingPopulationFigureIsSaidNotInvented() throws {
    // Rotterdam Rijnmond 2023: thirteen gemeenten (Voorne aan Zee new), and the reference
    // data has no CBS population for 2023.
    let snapshot = SheetTestFixture.snapshot(
      region: "rotterdam-rijnmond", title: "Veilig Thuis Rotterdam Rijnmond", vtregio: "VT18",
      rows: [
        SheetTestFixture.row("ontvangen_meldingen", "2023JJ00", "VT18", 100, level: .vtregio),
        SheetTestFixture.row("ontvangen_meldingen", "2023JJ00", "GM1992", 12),
      ])
    let out = try Self.publish("rotterdam-rijnmond", snapshot)
    defer { try? FileManager.default.removeItem(atPath: out) }
    let json = try SheetTestFixture.read(out + "/jaarverslag/2023/jaarverslag.json")
    #expect(json.contains("\"gemeenten\": 13,\n    \"inwoners\": null,"))
    #expect(json.contains("\"GM1992\""))
    #expect(
      json.contains(
        "\"code\": \"GM1992\",\n      \"naam\": \"Voorne aan Zee\",\n      \"inwoners\": null,\n      \"adviezen\": 0,\n      \"meldingen\": 12,\n      \"adviezen_per_100000\": null,"
      ))
    let page = try SheetTestFixture.read(out + "/jaarverslag/2023/index.html")
    #expect(
      page.contains(
        "Het aantal inwoners is niet bekend: CBS heeft voor 1 januari 2023 geen bevolkingscijfer"))
    #expect(page.contains("Voorne aan Zee"))
    #expect(!page.contains("inwoners op 1 januari 2023 (CBS)</span>"))
    // No adviezen at all: shares of adviezen are "–", not 0 %.
    #expect(page.contains("<li><span class=\"p\">–</span> beroepsmatig gesteld</li>"))
  }

  @Test func onlyWhenThePipelineAsksForIt() throws {
    let error = #expect(throws: PipelineError.self) {
      try Self.publish("groningen", Self.nogSnapshot())
    }
    #expect(error?.message.contains("does not list jaarverslag") == true)
  }

  @Test func unchangedInputsGiveByteIdenticalFiles() throws {
    let a = try Self.publish("nog", Self.nogSnapshot())
    let b = try Self.publish("nog", Self.nogSnapshot())
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    for name in ["index.html", "jaarverslag.json"] {
      #expect(
        try Data(contentsOf: URL(fileURLWithPath: "\(a)/jaarverslag/2020/\(name)"))
          == (try Data(contentsOf: URL(fileURLWithPath: "\(b)/jaarverslag/2020/\(name)"))))
    }
  }
}
