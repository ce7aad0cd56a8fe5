import Model

/// Generates a Veilig Thuis export day by day and casus by casus, handing every record to the
/// layout's writer the moment it exists: memory stays the same however large the export.
///
/// Per year: the region's gemeenten of that year, exact yearly counts per gemeente (every
/// gemeente at least one advies and one casus), spread over the days by a weekday/month
/// rhythm. Per casus: a household (new, or a known one: a hermelding), the first melding, its
/// veiligheidsbeoordeling and what follows (dienst, overdracht, monitoring, huisverbod),
/// vervolgmeldingen in the phase they arrive in. Nothing is dated after the horizon
/// (the end of the last year, or the peildatum if earlier); what would end later stays open.
final class VeiligThuisGenerator {
  let options: SynthOptions
  let profile: RegionProfile
  let reference: ReferenceData
  let breaker: Breaker
  private let ids: IDScheme
  private var random: SynthRandom
  private var calendar: SynthRandom
  private var households: HouseholdFactory
  private var pool: HouseholdPool
  private let horizon: Day
  /// This year's contactvorm mix (chat grows year by year).
  private var contactvorm = Mixes.contactvorm(year: 2019)

  private var adviesSerial = 0
  private var casusSerial = 0
  private var meldingSerial = 0
  private var dienstSerial = 0
  private var overdrachtSerial = 0
  private var monitoringSerial = 0
  private var huisverbodSerial = 0
  private var activiteitSerial = 0

  /// What was generated, for the summary and the tests.
  private(set) var stats = Stats()

  struct Stats: Sendable {
    var casussen = 0
    var hermeldingen = 0
    var vervolgmeldingen = 0
    /// The most records one casus held: the largest unit ever in memory.
    var largestCasus = 0
    /// Households kept for hermeldingen at the end (bounded by the pool's capacity).
    var householdsRetained = 0
    /// Persons beyond the bsn space (written without a bsn).
    var bsnOverflow = 0
  }

  /// Chance a new casus concerns a household known from an earlier casus.
  static let hermeldingChance = 0.22
  /// Households kept per gemeente for hermeldingen.
  static let poolCapacity = 512

  init(options: SynthOptions, profile: RegionProfile, reference: ReferenceData, breaker: Breaker) {
    self.options = options
    self.profile = profile
    self.reference = reference
    self.breaker = breaker
    ids = IDScheme(layout: options.layout)
    random = SynthRandom(seed: options.seed, stream: .records)
    calendar = SynthRandom(seed: options.seed, stream: .calendar)
    households = HouseholdFactory(seed: options.seed)
    pool = HouseholdPool(capacity: VeiligThuisGenerator.poolCapacity, reference: reference)
    horizon = options.horizon
  }

  /// The yearly volume this run aims at (before the year-to-year trend).
  var volume: YearlyVolume {
    (options.scale.map { YearlyVolume.national.scaled(by: $0) } ?? profile.volume)
      .scaled(by: options.volume)
  }

  /// Mean number of vervolgmeldingen per casus: 0,14 + 2 × 0,04 drawn, of which some find
  /// no open phase to arrive in (measured over NOG 2020 at volume 1: 0,19).
  static let meanVervolgmeldingen = 0.19

  func run(into writer: ExportWriter) throws {
    let volume = self.volume
    for year in options.firstYear...options.lastYear {
      guard let first = Day(year: year, month: 1, day: 1), first <= horizon else { break }
      try writer.begin(year: year)
      try generate(year: year, first: first, volume: volume, writer: writer)
    }
    stats.householdsRetained = pool.count
    stats.bsnOverflow = households.overflow
    try writer.finish()
  }

  // MARK: One year

  private func generate(year: Int, first: Day, volume: YearlyVolume, writer: ExportWriter) throws {
    let region = RegionYear(year: year, profile: profile, reference: reference)
    contactvorm = Mixes.contactvorm(year: year)
    let g = region.gemeenten.count
    guard g > 0 else { return }
    // A year is a little busier or quieter than the last.
    let trend = 0.96 + 0.08 * calendar.unit()

    // Adviezen: 7 % without gemeente, 0,3 % in a gemeente of another region.
    let adviezen = max(1, Int((volume.adviezen * trend).rounded()))
    let adviesUnknown = Int((Double(adviezen) * 0.07).rounded())
    let adviesElsewhere = region.elsewhere.isEmpty ? 0 : Int((Double(adviezen) * 0.003).rounded())
    let adviesCounts =
      allocate(
        adviezen - adviesUnknown - adviesElsewhere, weights: region.adviesWeights, minimum: 1)
      + [adviesUnknown, adviesElsewhere]
    var adviesUrn = Urn(counts: adviesCounts, weights: region.adviesWeights + [0, 0])

    // Casussen: meldingen over the mean number of meldingen per casus; 0,2 % elsewhere.
    let casussen = max(
      1, Int((volume.meldingen * trend / (1 + VeiligThuisGenerator.meanVervolgmeldingen)).rounded())
    )
    let casusElsewhere = region.elsewhere.isEmpty ? 0 : Int((Double(casussen) * 0.002).rounded())
    let casusCounts =
      allocate(casussen - casusElsewhere, weights: region.meldingWeights, minimum: 1) + [
        casusElsewhere
      ]
    var casusUrn = Urn(counts: casusCounts, weights: region.meldingWeights + [0])
    let huisverbodChance = min(1, volume.huisverboden * trend / Double(casussen))

    // Activiteiten: every type at least once a year; 15 % without gemeente.
    let kantoor = DayPlan(year: year, rhythm: .kantoor, random: &calendar)
    let activiteitPlans = volume.activiteiten.map { type, perYear in
      (type, kantoor.counts(max(1, Int((perYear * trend).rounded()))))
    }
    let activiteitGemeente = Weighted(
      region.gemeenten.indices.map { ($0, Double(region.inwoners[$0])) })

    let adviesDays = DayPlan(year: year, rhythm: .adviezen, random: &calendar).counts(adviezen)
    let casusDays = DayPlan(year: year, rhythm: .meldingen, random: &calendar).counts(casussen)

    for i in adviesDays.indices {
      let day = first.adding(days: i)
      guard day <= horizon else { break }
      for _ in 0..<adviesDays[i] {
        let slot = adviesUrn.draw(&random)
        let gemeente: GemeenteRef =
          slot < g
          ? .known(region.gemeenten[slot].code)
          : slot == g ? .unknown : .known(random.pick(region.elsewhere).code)
        try writeAdvies(day: day, gemeente: gemeente, writer: writer)
      }
      for _ in 0..<casusDays[i] {
        let slot = casusUrn.draw(&random)
        let gemeente = slot < g ? region.gemeenten[slot] : random.pick(region.elsewhere)
        try writeCasus(
          day: day, gemeente: gemeente, region: region, huisverbodChance: huisverbodChance,
          writer: writer)
      }
      for (type, plan) in activiteitPlans {
        for _ in 0..<plan[i] {
          let gemeente: GemeenteRef =
            random.chance(0.15)
            ? .unknown : .known(region.gemeenten[activiteitGemeente.pick(&random)].code)
          activiteitSerial += 1
          var a = Activiteit(
            id: ids.activiteit(activiteitSerial), type: type, datum: day, gemeente: gemeente)
          let flaw = breaker.activiteit(&a)
          if flaw?.rule == .duplicateId {
            try writer.write(activiteit: Flawed(a))
          }
          try writer.write(activiteit: Flawed(a, flaw))
        }
      }
    }
  }

  // MARK: Adviezen

  private func writeAdvies(day: Day, gemeente: GemeenteRef, writer: ExportWriter) throws {
    adviesSerial += 1
    let rol = Mixes.rolAdvies.pick(&random)
    let organisatie = organisatie(rol: rol, mix: Mixes.organisatieAdvies)
    let aard = aard(Mixes.aardAdvies.pick(&random), second: Mixes.secondAardAdvies)
    let vormen = vormen(aard, km: Mixes.vormKMAdvies, om: Mixes.vormOMAdvies)
    var einddatum: Day? = nil
    if random.chance(0.93) {
      let u = random.unit()
      let days = u < 0.55 ? 0 : u < 0.85 ? random.int(in: 1...3) : random.int(in: 4...30)
      let end = day.adding(days: days)
      if end <= horizon { einddatum = end }
    }
    var advies = Advies(
      id: ids.advies(adviesSerial), startdatum: day, einddatum: einddatum, gemeente: gemeente,
      contactvorm: contactvorm.pick(&random), rolAdviesvrager: rol,
      organisatieAdviesvrager: organisatie, aardGeweld: aard,
      aanvullendeInformatie: aanvullend(aard, politie: false, advies: true),
      duurGeweld: random.chance(0.4) ? Mixes.duur.pick(&random) : nil,
      vormKindermishandeling: vormen.km, vormOuderenmishandeling: vormen.om)
    let flaw = breaker.advies(&advies)
    if flaw?.rule == .duplicateId { try writer.write(advies: Flawed(advies)) }
    try writer.write(advies: Flawed(advies, flaw))
  }

  // MARK: Casussen

  private func writeCasus(
    day: Day, gemeente: Gemeente, region: RegionYear, huisverbodChance: Double, writer: ExportWriter
  ) throws {
    casusSerial += 1
    stats.casussen += 1
    let casusID = ids.casus(casusSerial)
    let year = day.year

    // Who: a known household (hermelding) or a new one.
    let drawnAard = Mixes.aardMelding.pick(&random)
    var household: Household
    if random.chance(VeiligThuisGenerator.hermeldingChance),
      let known = pool.take(gemeente: gemeente.code, before: day, random: &random)
    {
      household = known
      stats.hermeldingen += 1
      if household.aard == .kindermishandeling || household.aard == .partnergeweld,
        random.chance(0.1)
      {
        households.newborn(in: &household, year: year, random: &random)
      }
    } else {
      household = households.make(aard: drawnAard, year: year, day: day, random: &random)
    }
    let mainAard = household.aard

    // The veiligheidsbeoordeling of the first melding.
    var besluit: Besluit? = profile.besluit.pick(&random)
    var besluitdatum: Day? = day.adding(
      days: random.days(typical: 1...10, tail: 11...28, tailChance: 0.1))
    if besluitdatum! > horizon {
      besluit = nil
      besluitdatum = nil
    }
    var eersteContact: Day? = nil
    if random.chance(0.88) {
      let d = day.adding(days: random.int(in: 1...12))
      if d <= horizon { eersteContact = d }
    }

    var casus = SynthCasus(id: casusID)
    var meldingen: [Melding] = []
    var betrokkenen: [[SynthBetrokkene]] = []
    func addMelding(
      _ date: Day, _ gemeente: GemeenteCode, _ vervolg: Vervolgmelding, _ besluit: Besluit?,
      _ besluitdatum: Day?, _ contact: Day?, dropGetuigen: Bool
    ) {
      meldingSerial += 1
      // Registered under the gemeente valid on the day (a 2021 vervolgmelding of a casus
      // first reported in Delfzijl in 2020 is registered in Eemsdelta).
      let m = makeMelding(
        id: ids.melding(meldingSerial), casusID: casusID, date: date,
        gemeente: reference.resolve(gemeente, on: date).code,
        mainAard: mainAard, vervolg: vervolg, besluit: besluit, besluitdatum: besluitdatum,
        eersteContact: contact)
      meldingen.append(m)
      betrokkenen.append(
        household.persons.compactMap { p in
          if dropGetuigen && p.rol == .getuige && random.chance(0.3) { return nil }
          return SynthBetrokkene(
            meldingID: m.id, bsn: p.bsn, geboortejaar: p.geboortejaar, geslacht: p.geslacht,
            rol: p.rol)
        })
    }
    addMelding(day, gemeente.code, .nee, besluit, besluitdatum, eersteContact, dropGetuigen: false)

    // What Veilig Thuis does next.
    var dienstWindow: ClosedRange<Day>? = nil
    var monitoringWindows: [ClosedRange<Day>] = []
    if let b = besluit, let bd = besluitdatum {
      switch b {
      case .vervolg_vt:
        let start = bd.adding(days: random.days(typical: 0...10, tail: 11...30, tailChance: 0.1))
        if start <= horizon {
          let type = profile.dienst.pick(&random)
          let duration: Int =
            switch type {
            case .voorwaarden_en_vervolg: random.int(in: 40...160)
            case .onderzoek: random.int(in: 30...120)
            case .onderzoek_multiprobleem: random.int(in: 60...180)
            }
          let end = start.adding(days: duration)
          let afgerond = end <= horizon
          dienstSerial += 1
          var dienst = Dienst(
            id: ids.dienst(dienstSerial), casusID: casusID, type: type, startdatum: start,
            einddatum: afgerond ? end : nil)
          let onderzoek = type != .voorwaarden_en_vervolg
          if onderzoek && afgerond {
            dienst.uitkomst = Mixes.uitkomst.pick(&random)
          } else if !onderzoek && afgerond && random.chance(0.003) {
            dienst.uitkomst = Mixes.uitkomst.pick(&random)
            breaker.slip(.uitkomstNietOnderzoek)
          } else if onderzoek && !afgerond && random.chance(0.01) {
            dienst.uitkomst = Mixes.uitkomst.pick(&random)
            breaker.slip(.uitkomstNietAfgerond)
          }
          casus.diensten.append(Flawed(dienst))
          dienstWindow = start...min(end, horizon)
          if afgerond, random.chance(profile.overdrachtAfterDienst) {
            let datum = end.adding(days: random.int(in: 0...3))
            if datum <= horizon {
              let window = addOverdracht(
                &casus, datum, .na_dienst, monitoring: random.chance(profile.monitoringAfterDienst))
              if let window { monitoringWindows.append(window) }
            }
          }
        }
      case .overdracht:
        let datum = bd.adding(days: random.int(in: 0...5))
        if datum <= horizon {
          let window = addOverdracht(
            &casus, datum, .na_veiligheidsbeoordeling,
            monitoring: random.chance(profile.monitoringAfterVeiligheidsbeoordeling))
          if let window { monitoringWindows.append(window) }
        }
      case .geen_vervolg, .regionaal_maatwerk:
        break
      }
    }

    // Vervolgmeldingen, in the phase they arrive in.
    let u = random.unit()
    let extra = u < 0.04 ? 2 : u < 0.18 ? 1 : 0
    for _ in 0..<extra {
      var phases: [(Vervolgmelding, ClosedRange<Day>)] = []
      let vbEnd = (besluitdatum ?? horizon).adding(days: -1)
      if vbEnd >= day.adding(days: 1) {
        phases.append((.tijdens_veiligheidsbeoordeling, day.adding(days: 1)...vbEnd))
      }
      if let w = dienstWindow { phases.append((.na_veiligheidsbeoordeling, w)) }
      for w in monitoringWindows { phases.append((.tijdens_monitoring, w)) }
      guard !phases.isEmpty else { break }
      let (phase, window) = random.pick(phases)
      let date = window.lowerBound.adding(
        days: random.below(Int(window.upperBound.ordinal - window.lowerBound.ordinal) + 1))
      guard date <= horizon else { continue }
      // Most families stay; some moved within the region, a few out of it.
      let v = random.unit()
      let movedTo: GemeenteCode =
        v < 0.97 || region.gemeenten.isEmpty
        ? gemeente.code
        : v < 0.99 || region.elsewhere.isEmpty
          ? random.pick(region.gemeenten).code : random.pick(region.elsewhere).code
      var vb: Besluit? = nil
      var vbd: Day? = nil
      var contact: Day? = nil
      if phase == .tijdens_veiligheidsbeoordeling {
        vb = besluit
        vbd = besluitdatum
      } else {
        let d = date.adding(days: random.int(in: 0...5))
        if d <= horizon {
          vb = .vervolg_vt
          vbd = d
        }
        if random.chance(0.5) {
          let c = date.adding(days: random.int(in: 1...7))
          if c <= horizon { contact = c }
        }
      }
      addMelding(date, movedTo, phase, vb, vbd, contact, dropGetuigen: true)
      stats.vervolgmeldingen += 1
    }

    // A tijdelijk huisverbod, mostly tied to the casus.
    if random.chance(huisverbodChance) {
      let datum = day.adding(days: random.int(in: 0...2))
      if datum <= horizon {
        huisverbodSerial += 1
        let opgelegd = random.chance(profile.opgelegd)
        var verlengd = opgelegd && random.chance(0.18)
        if !opgelegd && random.chance(0.01) {
          verlengd = true
          breaker.slip(.verlengdNietOpgelegd)
        }
        casus.huisverboden.append(
          Flawed(
            Huisverbod(
              id: ids.huisverbod(huisverbodSerial), casusID: random.chance(0.85) ? casusID : nil,
              gemeente: reference.resolve(gemeente.code, on: datum).code, beoordelingsdatum: datum,
              opgelegd: opgelegd, verlengd: verlengd)))
      }
    }

    // Flaws, in a fixed order, from the breaker's own stream.
    for (m, bs) in zip(meldingen, betrokkenen) {
      var melding = m
      let flaw = breaker.melding(&melding)
      var flawedBetrokkenen: [Flawed<SynthBetrokkene>] = []
      for var b in bs {
        let f = breaker.betrokkene(&b, year: m.ontvangstdatum.year)
        flawedBetrokkenen.append(Flawed(b, f))
      }
      if flaw?.rule == .duplicateId {
        casus.meldingen.append(
          SynthMelding(melding: Flawed(melding), betrokkenen: flawedBetrokkenen))
        casus.meldingen.append(SynthMelding(melding: Flawed(melding, flaw), betrokkenen: []))
      } else {
        casus.meldingen.append(
          SynthMelding(melding: Flawed(melding, flaw), betrokkenen: flawedBetrokkenen))
      }
    }
    casus.diensten = flawed(casus.diensten) { self.breaker.dienst(&$0) }
    casus.overdrachten = flawed(casus.overdrachten) { self.breaker.overdracht(&$0) }
    casus.monitoring = flawed(casus.monitoring) { self.breaker.monitoring(&$0) }
    casus.huisverboden = flawed(casus.huisverboden) { self.breaker.huisverbod(&$0) }

    stats.largestCasus = max(stats.largestCasus, casus.recordCount)
    try writer.write(casus: casus)

    household.lastMelding = meldingen.map(\.ontvangstdatum).max() ?? day
    pool.put(household, gemeente: gemeente.code, random: &random)
  }

  /// Applies the breaker to each record; a duplicate flaw keeps the record and adds a copy.
  private func flawed<R>(_ records: [Flawed<R>], _ breaking: (inout R) -> Flaw?) -> [Flawed<R>] {
    var out: [Flawed<R>] = []
    out.reserveCapacity(records.count)
    for r in records {
      var record = r.record
      let flaw = breaking(&record)
      if flaw?.rule == .duplicateId { out.append(Flawed(record)) }
      out.append(Flawed(record, flaw))
    }
    return out
  }

  /// Adds an overdracht (and its monitoring, when kept); returns the monitoring's window.
  private func addOverdracht(
    _ casus: inout SynthCasus, _ datum: Day, _ moment: OverdrachtMoment, monitoring: Bool
  ) -> ClosedRange<Day>? {
    overdrachtSerial += 1
    casus.overdrachten.append(
      Flawed(
        Overdracht(
          id: ids.overdracht(overdrachtSerial), casusID: casus.id, datum: datum, moment: moment,
          ontvanger: Mixes.ontvanger.pick(&random), monitoring: monitoring)))
    guard monitoring else { return nil }
    let start = datum.adding(days: random.int(in: 0...7))
    guard start <= horizon else { return nil }
    let end = start.adding(days: random.int(in: profile.monitoringDays))
    monitoringSerial += 1
    casus.monitoring.append(
      Flawed(
        Monitoring(
          id: ids.monitoring(monitoringSerial), casusID: casus.id, startdatum: start,
          einddatum: end <= horizon ? end : nil,
          extraInterventie: random.chance(profile.extraInterventie))))
    return start...min(end, horizon)
  }

  // MARK: Melding content

  private func makeMelding(
    id: String, casusID: String, date: Day, gemeente: GemeenteCode, mainAard: AardGeweld,
    vervolg: Vervolgmelding, besluit: Besluit?, besluitdatum: Day?, eersteContact: Day?
  ) -> Melding {
    let rol = Mixes.rolMelding.pick(&random)
    let organisatie = organisatie(rol: rol, mix: Mixes.organisatieMelding)
    let aard = aard(mainAard, second: Mixes.secondAardMelding)
    let vormen = vormen(aard, km: Mixes.vormKMMelding, om: Mixes.vormOMMelding)
    var datum = besluitdatum
    if besluit != nil, random.chance(0.004) {
      datum = nil
      breaker.slip(.besluitZonderDatum)
    }
    return Melding(
      id: id, casusID: casusID, ontvangstdatum: date, gemeente: gemeente, rolMelder: rol,
      organisatieMelder: organisatie, aardGeweld: aard,
      aanvullendeInformatie: aanvullend(
        aard, politie: organisatie == .politie_melding_aangifte, advies: false),
      duurGeweld: Mixes.duur.pick(&random), vormKindermishandeling: vormen.km,
      vormOuderenmishandeling: vormen.om, acuteOnveiligheid: Mixes.acuut.pick(&random),
      structureleOnveiligheid: Mixes.structureel.pick(&random), besluit: besluit,
      besluitdatum: datum, eersteContactDatum: eersteContact, vervolgmelding: vervolg,
      radarmelding: random.chance(Mixes.radar))
  }

  /// The organisatie of a professional caller; now and then one for a non-professional, or
  /// none for a professional (◇ slips).
  private func organisatie(rol: Rol, mix: Weighted<Organisatie>) -> Organisatie? {
    if rol == .beroepsmatig {
      if random.chance(0.005) {
        breaker.slip(.beroepsmatigZonderOrganisatie)
        return nil
      }
      return mix.pick(&random)
    }
    if random.chance(0.01) {
      breaker.slip(.organisatieNietBeroepsmatig)
      return mix.pick(&random)
    }
    return nil
  }

  /// The main aard, sometimes with a second one.
  private func aard(_ main: AardGeweld, second chance: Double) -> CodeSet<AardGeweld> {
    var set = CodeSet([main])
    if main != .geen, main != .onbekend, random.chance(chance) {
      set.insert(Mixes.secondAard(after: main).pick(&random))
    }
    return set
  }

  private func vormen(
    _ aard: CodeSet<AardGeweld>, km: Weighted<VormKM>, om: Weighted<VormOM>
  ) -> (km: CodeSet<VormKM>, om: CodeSet<VormOM>) {
    var vormKM = CodeSet<VormKM>()
    var vormOM = CodeSet<VormOM>()
    if aard.contains(.kindermishandeling) {
      if random.chance(0.85) {
        for _ in 0..<Mixes.vormCount.pick(&random) { vormKM.insert(km.pick(&random)) }
      }
    } else if random.chance(0.003) {
      vormKM.insert(km.pick(&random))
      breaker.slip(.vormZonderAard)
    }
    if aard.contains(.ouderenmishandeling), random.chance(0.8) {
      for _ in 0..<(random.chance(0.7) ? 1 : 2) { vormOM.insert(om.pick(&random)) }
    }
    return (vormKM, vormOM)
  }

  /// Aanvullende informatie: the police's "overige zorg minderjarigen" on many of its
  /// meldingen, conflictscheiding often, the rest rare (001_ §6.1, §6.2).
  private func aanvullend(_ aard: CodeSet<AardGeweld>, politie: Bool, advies: Bool)
    -> CodeSet<AanvullendeInformatie>
  {
    var set = CodeSet<AanvullendeInformatie>()
    let ouderen = aard.contains(.ouderenmishandeling)
    let partner = aard.contains(.partnergeweld)
    let chances: [(AanvullendeInformatie, Double)] = [
      (.politie_zorg_minderjarige, politie ? 0.28 : 0),
      (.politie_strafbaar_feit_jeugdige, politie ? 0.05 : 0),
      (.conflictscheiding, advies ? 0.13 : 0.09),
      (.jeugdprostitutie, advies ? 0.006 : 0.012),
      (.ontspoorde_mantelzorg, ouderen ? 0.3 : 0.004),
      (.eergerelateerd_geweld, 0.01), (.huwelijksdwang, 0.005), (.achterlating, 0.002),
      (.mensenhandel, 0.002), (.stalking, partner ? 0.05 : 0.01), (.seksueel_misbruik, 0.012),
      (.financiele_uitbuiting, ouderen ? 0.3 : 0.003),
    ]
    for (code, p) in chances where random.chance(p) { set.insert(code) }
    return set
  }
}
