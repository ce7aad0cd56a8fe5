import Model
import Testing

@testable import Transform

/// Random exports counted twice: by the transform, and by a plain recount written from the
/// contract alone (`measures.md`, `model.md`) with sets and dictionaries, record by record.
/// Every cell must agree.
@Suite struct IndependentCountTests {
  struct Key: Hashable, CustomStringConvertible {
    var measure: String, period: String, level: RegionLevel, region: String
    var dimension: String, category: String
    var description: String {
      "\(measure) \(period) \(level.rawValue) \(region) \(dimension)/\(category)"
    }
  }

  /// The recount.
  struct Recount {
    let reference: ReferenceData
    let vtregio: String
    var cells: [Key: Int] = [:]
    var casusSets: [Key: Set<String>] = [:]

    func region(_ g: GemeenteRef, _ date: Day) -> String {
      switch g {
      case .unknown: "onbekend"
      case .known(let c): reference.resolve(c, on: date).code.code
      }
    }

    /// One record of an additive measure, in every period holding `date`, in its gemeente
    /// and in the region total, unsplit and in each (dimension, category).
    mutating func count(
      _ measure: String, _ date: Day, _ gemeente: String, _ cats: [(String, String)] = []
    ) {
      for p in Period.all(containing: date) {
        for (level, r) in [(RegionLevel.gemeente, gemeente), (.vtregio, vtregio)] {
          for (d, c) in [("totaal", "totaal")] + cats {
            cells[
              Key(
                measure: measure, period: p.code, level: level, region: r, dimension: d, category: c
              ), default: 0] += 1
          }
        }
      }
    }

    /// One casus of a distinct-casus measure.
    mutating func casus(
      _ measure: String, _ casus: String, _ date: Day, _ gemeente: String,
      _ cats: [(String, String)] = []
    ) {
      for p in Period.all(containing: date) {
        for (level, r) in [(RegionLevel.gemeente, gemeente), (.vtregio, vtregio)] {
          for (d, c) in [("totaal", "totaal")] + cats {
            casusSets[
              Key(
                measure: measure, period: p.code, level: level, region: r, dimension: d, category: c
              ), default: []
            ].insert(casus)
          }
        }
      }
    }

    var result: [Key: Int] {
      var out = cells
      for (k, s) in casusSets { out[k] = s.count }
      return out.filter { $0.value != 0 }
    }
  }

  static func cats<E: CodeListEnum>(_ dimension: String, _ set: CodeSet<E>) -> [(String, String)] {
    set.map { (dimension, $0.code) }
  }

  static func recount(_ f: TransformFixture, reference: ReferenceData) -> [Key: Int] {
    var r = Recount(reference: reference, vtregio: "VT08")
    func splits(
      aard: CodeSet<AardGeweld>, aanv: CodeSet<AanvullendeInformatie>, km: CodeSet<VormKM>,
      om: CodeSet<VormOM>, rol: Rol, org: Organisatie?, duur: DuurGeweld?
    ) -> [(String, String)] {
      var c = cats("aard_geweld", aard) + cats("aanvullende_informatie", aanv)
      c += cats("vorm_km", km) + cats("vorm_om", om) + [("rol", rol.code)]
      if let org {
        c += [("organisatie", org.code), ("organisatie_groep", org.group!)]
      }
      c.append(("duur_geweld", (duur ?? .onbekend).code))
      return c
    }
    for a in f.adviezen {
      r.count(
        "gestarte_adviezen", a.startdatum, r.region(a.gemeente, a.startdatum),
        splits(
          aard: a.aardGeweld, aanv: a.aanvullendeInformatie, km: a.vormKindermishandeling,
          om: a.vormOuderenmishandeling, rol: a.rolAdviesvrager, org: a.organisatieAdviesvrager,
          duur: a.duurGeweld))
      if let e = a.einddatum { r.count("afgeronde_adviezen", e, r.region(a.gemeente, e)) }
      if a.contactvorm == .chat {
        r.count("chatgesprekken", a.startdatum, r.region(a.gemeente, a.startdatum))
      }
    }
    // Casus facts.
    var byCasus: [String: [Melding]] = [:]
    for m in f.meldingen { byCasus[m.casusID, default: []].append(m) }
    func first(_ casus: String) -> Melding {
      byCasus[casus]!.min { a, b in
        a.ontvangstdatum != b.ontvangstdatum
          ? a.ontvangstdatum < b.ontvangstdatum
          : Array(a.id.utf8).lexicographicallyPrecedes(Array(b.id.utf8))
      }!
    }
    func union(_ casus: String) -> [(String, String)] {
      var aard = CodeSet<AardGeweld>()
      var aanv = CodeSet<AanvullendeInformatie>()
      for m in byCasus[casus]! {
        aard.formUnion(m.aardGeweld)
        aanv.formUnion(m.aanvullendeInformatie)
      }
      return cats("aard_geweld", aard) + cats("aanvullende_informatie", aanv)
    }
    var pseudonyms: [String: [Pseudonym]] = [:]
    for b in f.betrokkenen {
      if let p = b.pseudonym { pseudonyms[b.meldingID, default: []].append(p) }
    }
    for m in f.meldingen {
      let g = r.region(.known(m.gemeente), m.ontvangstdatum)
      var c = splits(
        aard: m.aardGeweld, aanv: m.aanvullendeInformatie, km: m.vormKindermishandeling,
        om: m.vormOuderenmishandeling, rol: m.rolMelder, org: m.organisatieMelder,
        duur: m.duurGeweld)
      var taxatie: [String] = []
      if m.acuteOnveiligheid == .ja { taxatie.append("acute_onveiligheid") }
      if m.structureleOnveiligheid == .ja { taxatie.append("structurele_onveiligheid") }
      if m.acuteOnveiligheid == .nee && m.structureleOnveiligheid == .nee {
        taxatie.append("geen_onveiligheid")
      }
      if taxatie.isEmpty { taxatie.append("onbekend") }
      c += taxatie.map { ("veiligheidstaxatie", $0) }
      c.append(("besluit", m.besluit?.code ?? "nog_niet"))
      let historie: String
      let mine = pseudonyms[m.id] ?? []
      if m.vervolgmelding != .nee {
        historie = "vervolgmelding_" + m.vervolgmelding.code
      } else if mine.isEmpty {
        historie = "niet_ingedeeld"
      } else if f.meldingen.contains(where: { o in
        o.casusID != m.casusID && o.ontvangstdatum < m.ontvangstdatum
          && !(pseudonyms[o.id] ?? []).filter(mine.contains).isEmpty
      }) {
        historie = "hermelding"
      } else {
        historie = "eerste_melding"
      }
      c.append(("melding_historie", historie))
      r.count("ontvangen_meldingen", m.ontvangstdatum, g, c)
      r.casus("casussen_met_melding", m.casusID, m.ontvangstdatum, g, union(m.casusID))
      if let e = m.eersteContactDatum {
        r.casus("eerste_contact", m.casusID, e, r.region(.known(m.gemeente), e))
      }
    }
    func casusRegion(_ casus: String, _ date: Day) -> String {
      r.region(.known(first(casus).gemeente), date)
    }
    for d in f.diensten {
      r.count("gestarte_diensten", d.startdatum, casusRegion(d.casusID, d.startdatum))
      guard let e = d.einddatum else { continue }
      let g = casusRegion(d.casusID, e)
      switch d.type {
      case .onderzoek, .onderzoek_multiprobleem:
        r.count(
          "afgeronde_onderzoeken", e, g,
          union(d.casusID) + (d.uitkomst.map { [("uitkomst", $0.code)] } ?? []))
        r.count(
          d.type == .onderzoek
            ? "afgeronde_onderzoeken_regulier" : "afgeronde_onderzoeken_multiprobleem", e, g)
      case .voorwaarden_en_vervolg:
        r.count("afgeronde_vv", e, g, union(d.casusID))
      }
    }
    for o in f.overdrachten {
      let g = casusRegion(o.casusID, o.datum)
      r.count(
        o.moment == .na_veiligheidsbeoordeling ? "overdrachten_na_vb" : "overdrachten_na_dienst",
        o.datum, g)
      r.count(o.monitoring ? "overdrachten_lokaal_monitoring" : "overdrachten_lokaal", o.datum, g)
    }
    for m in f.monitoring {
      r.count("gestarte_monitoring", m.startdatum, casusRegion(m.casusID, m.startdatum))
      if m.extraInterventie {
        r.count("monitoring_extra_interventie", m.startdatum, casusRegion(m.casusID, m.startdatum))
      }
      if let e = m.einddatum { r.count("afgeronde_monitoring", e, casusRegion(m.casusID, e)) }
    }
    for h in f.huisverboden {
      let g = r.region(.known(h.gemeente), h.beoordelingsdatum)
      r.count("huisverbod_beoordeeld", h.beoordelingsdatum, g)
      if h.opgelegd { r.count("huisverbod_opgelegd", h.beoordelingsdatum, g) }
    }
    for a in f.activiteiten {
      r.count("activiteit_" + a.type.code, a.datum, r.region(a.gemeente, a.datum))
    }
    for m in f.maatregelen ?? [] {
      r.count(
        "maatregel_\(m.soort.code)_\(m.type.code)", m.startdatum,
        r.region(.known(m.gemeente), m.startdatum))
    }
    return r.result
  }

  /// A random export: `n` meldingen over a few years and gemeenten (merged, not yet valid,
  /// outside the region), with betrokkenen sharing pseudonyms, and every other record kind.
  static func randomFixture(seed: UInt64, n: Int) -> TransformFixture {
    var rng = SplitMix(seed: seed)
    func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
    func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }
    func randomDay() -> Day { Day(ordinal: day("2019-06-01").ordinal + Int32(rng.next() % 1000)) }
    func set<E: CodeListEnum>(_: E.Type, _ max: Int) -> CodeSet<E> {
      var s = CodeSet<E>()
      for _ in 0..<Int(rng.next() % UInt64(max + 1)) { s.insert(pick(E.allCases)) }
      return s
    }
    let gemeenten = [
      "GM0014", "GM0037", "GM0047", "GM0010", "GM0003", "GM1979", "GM1950", "GM0599", "GM0017",
    ]
    var f = TransformFixture()
    let casussen = (0..<(n * 2 / 3 + 1)).map { "C\($0)" }
    for i in 0..<n {
      // Few distinct days, so that meldingen of different casussen often share a day.
      let date = Day(ordinal: day("2019-06-01").ordinal + Int32(rng.next() % 50) * 20)
      let id = "M\(rng.next() % 3 == 0 ? "0" : "")\(i)"
      var aard = set(AardGeweld.self, 3)
      if aard.isEmpty { aard.insert(.onbekend) }
      f.meldingen.append(
        Melding(
          id: id, casusID: pick(casussen), ontvangstdatum: date, gemeente: gm(pick(gemeenten)),
          rolMelder: pick(Rol.allCases),
          organisatieMelder: chance(60) ? pick(Organisatie.allCases) : nil,
          aardGeweld: aard, aanvullendeInformatie: set(AanvullendeInformatie.self, 2),
          duurGeweld: chance(70) ? pick(DuurGeweld.allCases) : nil,
          vormKindermishandeling: set(VormKM.self, 2), vormOuderenmishandeling: set(VormOM.self, 1),
          acuteOnveiligheid: pick(JaNeeOnbekend.allCases),
          structureleOnveiligheid: pick(JaNeeOnbekend.allCases),
          besluit: chance(80) ? pick(Besluit.allCases) : nil,
          eersteContactDatum: chance(70) ? date.adding(days: Int(rng.next() % 40)) : nil,
          vervolgmelding: chance(15) ? pick(Vervolgmelding.allCases) : .nee))
      for _ in 0..<Int(rng.next() % 4) {
        f.betrokkenen.append(
          Betrokkene(
            meldingID: id, pseudonym: chance(80) ? pseudonym(rng.next() % UInt64(n / 4 + 1)) : nil,
            rol: .slachtoffer))
      }
    }
    f.betrokkenen.shuffle(using: &rng)
    let used = Array(Set(f.meldingen.map(\.casusID))).sorted()
    for i in 0..<n {
      let start = randomDay()
      let end: Day? = chance(70) ? start.adding(days: Int(rng.next() % 200)) : nil
      f.diensten.append(
        Dienst(
          id: "D\(i)", casusID: pick(used), type: pick(DienstType.allCases), startdatum: start,
          einddatum: end,
          uitkomst: end != nil && chance(70) ? pick(UitkomstOnderzoek.allCases) : nil))
      f.overdrachten.append(
        Overdracht(
          id: "O\(i)", casusID: pick(used), datum: randomDay(),
          moment: pick(OverdrachtMoment.allCases),
          ontvanger: pick(Ontvanger.allCases), monitoring: chance(40)))
      f.monitoring.append(
        Monitoring(
          id: "W\(i)", casusID: pick(used), startdatum: start, einddatum: end,
          extraInterventie: chance(30)))
      f.huisverboden.append(
        Huisverbod(
          id: "H\(i)", gemeente: gm(pick(gemeenten)), beoordelingsdatum: randomDay(),
          opgelegd: chance(60)))
      var aard = set(AardGeweld.self, 2)
      if aard.isEmpty { aard.insert(.geen) }
      f.adviezen.append(
        Advies(
          id: "A\(i)", startdatum: start, einddatum: end,
          gemeente: chance(20) ? .unknown : .known(gm(pick(gemeenten))),
          contactvorm: pick(Contactvorm.allCases), rolAdviesvrager: pick(Rol.allCases),
          organisatieAdviesvrager: chance(50) ? pick(Organisatie.allCases) : nil, aardGeweld: aard,
          aanvullendeInformatie: set(AanvullendeInformatie.self, 2),
          duurGeweld: chance(50) ? pick(DuurGeweld.allCases) : nil,
          vormKindermishandeling: set(VormKM.self, 2), vormOuderenmishandeling: set(VormOM.self, 2))
      )
      f.activiteiten.append(
        Activiteit(
          id: "AC\(i)", type: pick(ActiviteitType.allCases), datum: randomDay(),
          gemeente: chance(30) ? .unknown : .known(gm(pick(gemeenten)))))
    }
    f.maatregelen = (0..<n).map {
      Maatregel(
        id: "MR\($0)", gemeente: gm(pick(gemeenten)), type: pick(MaatregelType.allCases),
        soort: pick(MaatregelSoort.allCases), startdatum: randomDay())
    }
    return f
  }

  @Test(arguments: [(UInt64(1), 40), (2, 120), (3, 400)])
  func everyCellAgrees(seed: UInt64, n: Int) throws {
    let fixture = Self.randomFixture(seed: seed, n: n)
    let facts = try fixture.run()
    var got: [Key: Int] = [:]
    for r in facts.all {
      let k = Key(
        measure: r.measure, period: r.period, level: r.regionLevel, region: r.regionCode,
        dimension: r.dimension, category: r.category)
      #expect(got[k] == nil, "duplicate cell \(k)")
      got[k] = r.value
    }
    let pipeline = try TransformFixture.pipeline("groningen")
    let expected = Self.recount(fixture, reference: try pipeline.loadReference())
    let missing = expected.filter { got[$0.key] != $0.value }.sorted {
      $0.key.description < $1.key.description
    }
    let extra = got.filter { expected[$0.key] == nil }.sorted {
      $0.key.description < $1.key.description
    }
    let differing = missing.count
    let unexpected = extra.count
    #expect(
      differing == 0,
      "first differences: \(missing.prefix(5).map { "\($0.key) expected \($0.value), got \(got[$0.key] ?? 0)" })"
    )
    #expect(unexpected == 0, "unexpected: \(extra.prefix(5).map { "\($0.key) = \($0.value)" })")
    #expect(got.count == expected.count)
    // Every measure of the catalogue occurs in a sample this size.
    if n >= 400 {
      #expect(Set(got.keys.map(\.measure)) == Set(Measures.all.map(\.name)))
    }
  }
}
