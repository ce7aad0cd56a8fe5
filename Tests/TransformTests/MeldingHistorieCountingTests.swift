import Model
import Pipeline
import Testing

@testable import Transform

/// melding_historie (`measures.md`): vervolgmelding first, then niet_ingedeeld, then
/// hermelding (a pseudonym in a melding of another casus received strictly earlier), else
/// eerste_melding.
@Suite struct MeldingHistorieCountingTests {
  static func betrokkene(_ melding: String, _ p: UInt64?) -> Betrokkene {
    Betrokkene(meldingID: melding, pseudonym: p.map(pseudonym), rol: .slachtoffer)
  }

  /// All in Groningen (GM0014), 2021. Pseudonyms P1, P2, P3, P5.
  /// - H1 casus A 01-10, P1: first sight of P1 → eerste_melding
  /// - H2 casus A 02-10, P1: P1 earlier only in the same casus → eerste_melding
  /// - H3 casus B 03-10, P1: P1 in casus A on 01-10 → hermelding (written before H1 in the file)
  /// - H4 casus C 03-10, P2 and H5 casus D 03-10, P2: the same day is not earlier → both eerste
  /// - H6 casus E 04-01, no betrokkenen → niet_ingedeeld
  /// - H7 casus F 04-02, a betrokkene without bsn → niet_ingedeeld
  /// - H8 casus G 04-03, vervolgmelding tijdens_monitoring, P1 → vervolgmelding first
  /// - H9 casus H 04-04, P3 (new) and P2 (casus C and D, 03-10) → hermelding
  /// - K1 casus K 06-10, L1 casus L 06-05, K2 casus K 06-01, each P5: K1 (L earlier) and
  ///   L1 (K2 earlier) are hermeldingen, K2 (nothing earlier) eerste_melding.
  static let fixture = TransformFixture(
    meldingen: [
      melding("H3", casus: "B", "2021-03-10", "GM0014"),
      melding("H1", casus: "A", "2021-01-10", "GM0014"),
      melding("H2", casus: "A", "2021-02-10", "GM0014"),
      melding("H4", casus: "C", "2021-03-10", "GM0014"),
      melding("H5", casus: "D", "2021-03-10", "GM0014"),
      melding("H6", casus: "E", "2021-04-01", "GM0014"),
      melding("H7", casus: "F", "2021-04-02", "GM0014"),
      melding("H8", casus: "G", "2021-04-03", "GM0014", vervolgmelding: .tijdens_monitoring),
      melding("H9", casus: "H", "2021-04-04", "GM0014"),
      melding("K1", casus: "K", "2021-06-10", "GM0014"),
      melding("L1", casus: "L", "2021-06-05", "GM0014"),
      melding("K2", casus: "K", "2021-06-01", "GM0014"),
    ],
    betrokkenen: [
      betrokkene("H3", 1), betrokkene("H1", 1), betrokkene("H1", nil), betrokkene("H2", 1),
      betrokkene("H4", 2), betrokkene("H5", 2), betrokkene("H7", nil), betrokkene("H8", 1),
      betrokkene("H9", 3), betrokkene("H9", 2), betrokkene("K1", 5), betrokkene("L1", 5),
      betrokkene("K2", 5),
    ])

  @Test func categoriesPerMonth() throws {
    let f = try Self.fixture.run()
    let m = "ontvangen_meldingen"
    func h(_ period: String) -> [String: Int] {
      f.split(m, period, "GM0014").filter { $0.key.hasPrefix("melding_historie/") }
    }
    #expect(h("2021MM01") == ["melding_historie/eerste_melding": 1])  // H1
    #expect(h("2021MM02") == ["melding_historie/eerste_melding": 1])  // H2
    // H3 hermelding; H4, H5 eerste.
    #expect(
      h("2021MM03") == ["melding_historie/hermelding": 1, "melding_historie/eerste_melding": 2])
    // H6, H7 niet ingedeeld; H8 vervolgmelding; H9 hermelding.
    #expect(
      h("2021MM04") == [
        "melding_historie/niet_ingedeeld": 2,
        "melding_historie/vervolgmelding_tijdens_monitoring": 1, "melding_historie/hermelding": 1,
      ])
    // K1, L1 hermelding; K2 eerste.
    #expect(
      h("2021MM06") == ["melding_historie/hermelding": 2, "melding_historie/eerste_melding": 1])
    // Year: eerste 1 + 1 + 2 + 1 = 5, hermelding 1 + 1 + 2 = 4, niet 2, vervolg 1: 12 meldingen.
    #expect(
      f.split(m, "2021JJ00", "VT08").filter { $0.key.hasPrefix("melding_historie/") } == [
        "melding_historie/eerste_melding": 5, "melding_historie/hermelding": 4,
        "melding_historie/niet_ingedeeld": 2,
        "melding_historie/vervolgmelding_tijdens_monitoring": 1,
      ])
    #expect(f.value(m, "2021JJ00", "VT08") == 12)
  }

  @Test func decisionOrder() {
    typealias C = MeldingHistorieCounting
    #expect(
      C.category(vervolgmelding: .na_veiligheidsbeoordeling, hasPseudonym: false, hermelding: false)
        == .vervolgmelding_na_veiligheidsbeoordeling)
    #expect(
      C.category(
        vervolgmelding: .tijdens_veiligheidsbeoordeling, hasPseudonym: true, hermelding: true)
        == .vervolgmelding_tijdens_veiligheidsbeoordeling)
    #expect(
      C.category(vervolgmelding: .nee, hasPseudonym: false, hermelding: false) == .niet_ingedeeld)
    #expect(C.category(vervolgmelding: .nee, hasPseudonym: true, hermelding: true) == .hermelding)
    #expect(
      C.category(vervolgmelding: .nee, hasPseudonym: true, hermelding: false) == .eerste_melding)
  }

  /// The per-pseudonym summary answers like a scan over every (casus, day) it was seen in,
  /// whatever the order of sight, and so does a summary made of two, each of part of the
  /// sightings (`absorb`: the first pass read by two threads).
  @Test(arguments: [false, true]) func pseudonymHistoryAgreesWithAScan(inTwo: Bool) {
    var rng = SplitMix(seed: 42)
    for _ in 0..<200 {
      var history = PseudonymHistory()
      var other = PseudonymHistory()
      var seen: [(p: UInt64, casus: Int32, day: Int32)] = []
      for _ in 0..<Int(rng.next() % 12 + 1) {
        let e = (UInt64(rng.next() % 3), Int32(rng.next() % 4), Int32(rng.next() % 6))
        seen.append(e)
        if inTwo && rng.next() % 2 == 0 {
          other.record(pseudonym(e.0), casus: e.1, day: e.2)
        } else {
          history.record(pseudonym(e.0), casus: e.1, day: e.2)
        }
      }
      if inTwo { history.absorb(other) }
      #expect(
        history.someOccurInSeveralCasussen
          == (0..<UInt64(3)).contains { p in Set(seen.filter { $0.p == p }.map(\.casus)).count > 1 })
      // In several casussen: before the filter is built and after (a pseudonym never seen too).
      for sealed in [false, true] {
        if sealed { history.seal() }
        for p in 0..<UInt64(4) {
          let expected = Set(seen.filter { $0.p == p }.map(\.casus)).count > 1
          #expect((history.severalCasussen(pseudonym(p)) != nil) == expected, "sealed \(sealed)")
        }
      }
      for p in 0..<UInt64(4) {
        for casus in Int32(0)..<5 {
          for d in Int32(0)..<7 {
            let expected = seen.contains { $0.p == p && $0.casus != casus && $0.day < d }
            #expect(
              history.occursEarlier(pseudonym(p), inCasusOtherThan: casus, before: d) == expected)
          }
        }
      }
    }
  }
}

extension MeldingHistorieCountingTests {
  /// The betrokkenen's first pass learns the same whoever reads its parts: this thread alone,
  /// a helper that took every part before it, or a helper beside it.
  @Test func theFirstPassLearnsTheSameWhoeverReadsTheParts() throws {
    let dir = try TemporaryDirectory()
    try Self.fixture.writeStaged(into: dir.path)
    let pipeline = try TransformFixture.pipeline("groningen")
    let index = try JSONFiles.read(StagedIndex.self, from: dir.path + "/staged/index.json")
    let context = try SourceCounting(
      export: index.sources[0], stagedDirectory: dir.path + "/staged",
      reference: try pipeline.loadReference(), vtregio: "VT08")
    let meldingen = try MeldingCounting(context).run()

    let alone = try MeldingHistorieCounting.FirstPass(context, meldingen)
    #expect(alone.parts.count > 2)
    let expected = try alone.learnt()
    #expect(expected.rows == Self.fixture.betrokkenen.count)

    let helped = try MeldingHistorieCounting.FirstPass(context, meldingen)
    helped.help()
    let beside = try MeldingHistorieCounting.FirstPass(context, meldingen)
    let helper = BackgroundValue { beside.help() }
    for learnt in [try helped.learnt(), try beside.learnt()] {
      #expect(learnt.rows == expected.rows)
      #expect(learnt.withPseudonym == expected.withPseudonym)
      #expect(learnt.history.count == expected.history.count)
      for p in [1, 2, 3, 5, 9] as [UInt64] {
        for casus in Int32(0)..<Int32(meldingen.casussen.count + 1) {
          for day in [Day.parseISO("2021-01-01")!, Day.parseISO("2021-03-11")!, Day.parseISO("2021-12-31")!] {
            #expect(
              learnt.history.occursEarlier(pseudonym(p), inCasusOtherThan: casus, before: day.ordinal)
                == expected.history.occursEarlier(
                  pseudonym(p), inCasusOtherThan: casus, before: day.ordinal))
          }
        }
      }
    }
    try helper.wait()
  }

  /// Two summaries of thousands of pseudonyms each (the absorbing table grows) agree with one
  /// summary of all their sightings.
  @Test func absorbingAGrowingTable() {
    var rng = SplitMix(seed: 7)
    var whole = PseudonymHistory()
    var halves = [PseudonymHistory(), PseudonymHistory()]
    for _ in 0..<20_000 {
      let (p, casus, day) = (UInt64(rng.next() % 5000), Int32(rng.next() % 3), Int32(rng.next() % 50))
      whole.record(pseudonym(p), casus: casus, day: day)
      halves[Int(rng.next() % 2)].record(pseudonym(p), casus: casus, day: day)
    }
    var merged = halves[0]
    merged.absorb(halves[1])
    #expect(merged.count == whole.count)
    for p in 0..<UInt64(5000) where p % 7 == 0 {
      for casus in Int32(0)..<3 {
        for day in stride(from: Int32(0), through: 50, by: 5) {
          #expect(
            merged.occursEarlier(pseudonym(p), inCasusOtherThan: casus, before: day)
              == whole.occursEarlier(pseudonym(p), inCasusOtherThan: casus, before: day))
        }
      }
    }
  }
}

/// A small deterministic random generator for tests.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
