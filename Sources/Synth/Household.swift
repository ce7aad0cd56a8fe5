import Model

/// A person a melding can be about: the same person (same bsn) comes back in vervolg- and
/// hermeldingen.
struct Person: Sendable {
  /// Nine digits, or empty when Veilig Thuis does not know the bsn.
  var bsn: String
  /// Nil when not registered.
  var geboortejaar: Int?
  var geslacht: Geslacht
  var rol: RolBetrokkene
}

/// The directbetrokkenen of a casus: a family or household shaped by the main aard geweld.
struct Household: Sendable {
  var persons: [Person]
  /// The main aard the household came to Veilig Thuis with; a hermelding keeps it.
  var aard: AardGeweld
  /// The day of the household's latest melding.
  var lastMelding: Day
}

/// Builds households with plausible ages, sexes and roles, and hands out unique bsn's.
struct HouseholdFactory {
  private let bsns: BsnFactory
  private(set) var personsMade = 0
  /// Persons made after the bsn space ran out (they get no bsn).
  private(set) var overflow = 0

  init(seed: UInt64) { bsns = BsnFactory(seed: seed) }

  /// Children in a kindermishandeling household, and beside partnergeweld.
  static let childrenKM = Weighted<Int>([(1, 0.5), (2, 0.35), (3, 0.15)])
  static let childrenPartner = Weighted<Int>([(0, 0.45), (1, 0.30), (2, 0.18), (3, 0.07)])

  /// A new household for a melding in `year` about `aard`.
  mutating func make(aard: AardGeweld, year: Int, day: Day, random: inout SynthRandom) -> Household
  {
    var persons: [Person] = []
    // 1,5 % of households are anonymous: nobody's bsn is known (melding_historie niet_ingedeeld).
    let anonymous = random.chance(0.015)
    func add(age: Int, _ geslacht: Geslacht, _ rol: RolBetrokkene) {
      persons.append(person(age: age, geslacht, rol, year: year, anonymous: anonymous, &random))
    }
    switch aard {
    case .kindermishandeling:
      let children = HouseholdFactory.childrenKM.pick(&random)
      var oldest = 0
      let base = random.int(in: 0...15)
      for i in 0..<children {
        let age = min(17, max(0, base + (i == 0 ? 0 : random.int(in: -6...6))))
        oldest = max(oldest, age)
        add(age: age, random.chance(0.5) ? .man : .vrouw, .slachtoffer)
      }
      let parentAge = oldest + random.int(in: 20...38)
      let twoParents = random.chance(0.7)
      let mother = !twoParents && random.chance(0.3) ? false : true
      add(age: parentAge, mother ? .vrouw : .man, .pleger)
      if twoParents {
        add(
          age: parentAge + random.int(in: -3...6), random.chance(0.92) ? .man : .vrouw,
          random.chance(0.4) ? .pleger : .overig)
      }
    case .partnergeweld:
      let victimAge = random.int(in: 19...62)
      let victimWoman = random.chance(0.78)
      add(age: victimAge, victimWoman ? .vrouw : .man, .slachtoffer)
      add(
        age: max(18, victimAge + random.int(in: -4...8)),
        random.chance(0.95) ? (victimWoman ? .man : .vrouw) : (victimWoman ? .vrouw : .man), .pleger
      )
      let children = HouseholdFactory.childrenPartner.pick(&random)
      for _ in 0..<children {
        add(
          age: random.int(in: 0...min(17, max(0, victimAge - 18))),
          random.chance(0.5) ? .man : .vrouw, .getuige)
      }
    case .ouderenmishandeling:
      let elderAge = random.int(in: 65...95)
      add(age: elderAge, random.chance(0.65) ? .vrouw : .man, .slachtoffer)
      if random.chance(0.7) {
        add(
          age: max(30, elderAge - random.int(in: 22...38)), random.chance(0.6) ? .man : .vrouw,
          .pleger)
      } else {
        add(age: elderAge + random.int(in: -5...5), random.chance(0.7) ? .man : .vrouw, .pleger)
      }
    case .geweld_tegen_ouders:
      let parentAge = random.int(in: 35...64)
      add(age: parentAge, random.chance(0.7) ? .vrouw : .man, .slachtoffer)
      add(age: random.int(in: 12...22), random.chance(0.7) ? .man : .vrouw, .pleger)
      if random.chance(0.4) { add(age: parentAge + random.int(in: -3...5), .man, .overig) }
    case .huiselijk_geweld_overig:
      add(age: random.int(in: 18...70), random.chance(0.6) ? .vrouw : .man, .slachtoffer)
      add(age: random.int(in: 18...70), random.chance(0.6) ? .man : .vrouw, .pleger)
      if random.chance(0.2) { add(age: random.int(in: 0...70), .vrouw, .overig) }
    default:
      let n = random.chance(0.6) ? 1 : 2
      for i in 0..<n {
        add(
          age: random.int(in: 0...80), random.chance(0.5) ? .man : .vrouw,
          i == 0 ? (random.chance(0.7) ? .slachtoffer : .overig) : .overig)
      }
    }
    return Household(persons: persons, aard: aard, lastMelding: day)
  }

  /// A new child in a known household (a hermelding years later).
  mutating func newborn(in household: inout Household, year: Int, random: inout SynthRandom) {
    household.persons.append(
      person(
        age: 0, random.chance(0.5) ? .man : .vrouw,
        household.aard == .partnergeweld ? .getuige : .slachtoffer,
        year: year, anonymous: false, &random))
  }

  private mutating func person(
    age: Int, _ geslacht: Geslacht, _ rol: RolBetrokkene, year: Int, anonymous: Bool,
    _ random: inout SynthRandom
  ) -> Person {
    // Born no earlier than 1900 (model.md: geboortejaar 1900 … year of the melding).
    let birth = max(1900, year - age)
    let known = !random.chance(0.025)
    let sex: Geslacht = random.chance(0.01) ? .onbekend : random.chance(0.003) ? .anders : geslacht
    var bsn = ""
    // 93 % of persons have a known bsn; newborns a little less often.
    if !anonymous && random.chance(age == 0 ? 0.85 : 0.93) {
      if personsMade < BsnFactory.capacity {
        bsn = bsns.bsn(serial: personsMade)
        personsMade += 1
      } else {
        overflow += 1
      }
    }
    return Person(bsn: bsn, geboortejaar: known ? birth : nil, geslacht: sex, rol: rol)
  }
}

/// Households seen before, per gemeente, for hermeldingen: a bounded sample, so memory does
/// not grow with the size of the export.
///
/// Each gemeente keeps at most `capacity` households; a new one replaces a random slot when
/// full, so older households stay with decaying probability (hermeldingen span years).
struct HouseholdPool {
  let capacity: Int
  private var slots: [GemeenteCode: [Household]] = [:]
  /// Predecessors of a gemeente (Appingedam, Delfzijl, Loppersum for Eemsdelta).
  private let predecessors: [GemeenteCode: [GemeenteCode]]

  init(capacity: Int, reference: ReferenceData) {
    self.capacity = capacity
    var p: [GemeenteCode: [GemeenteCode]] = [:]
    for h in reference.herindelingen { p[h.nieuw, default: []].append(h.oud) }
    predecessors = p
  }

  /// Households retained in all.
  var count: Int { slots.values.reduce(0) { $0 + $1.count } }

  /// A household of `gemeente` (or of one that merged into it) with a melding before `day`,
  /// taken out of the pool; nil when there is none.
  mutating func take(gemeente: GemeenteCode, before day: Day, random: inout SynthRandom)
    -> Household?
  {
    var keys = [gemeente]
    keys += predecessors[gemeente] ?? []
    for key in keys {
      let n = slots[key]?.count ?? 0
      guard n > 0 else { continue }
      let i = random.below(n)
      // Mutated in place (no copy of the slot array): swap the pick to the end and drop it.
      guard let household = slots[key]?[i], household.lastMelding < day else { return nil }
      slots[key]?.swapAt(i, n - 1)
      slots[key]?.removeLast()
      return household
    }
    return nil
  }

  /// Keeps `household` (of `gemeente`) for later hermeldingen.
  mutating func put(_ household: Household, gemeente: GemeenteCode, random: inout SynthRandom) {
    let n = slots[gemeente]?.count ?? 0
    if n < capacity {
      slots[gemeente, default: []].append(household)
    } else {
      slots[gemeente]?[random.below(capacity)] = household
    }
  }
}
