import Model

/// The jaarverslag figures of one year (`outputs.md` §6): the region's headline counts and
/// shares, its werkgebied, and adviezen and meldingen per 100.000 inwoners per gemeente.
///
/// Shares are "shares of records" (`measures.md`): records carrying a category over all
/// records, whole percent; nil where there are no records.
struct JaarverslagFigures: Sendable {
  let year: Int
  let provisional: Bool
  let regionCode: String
  let regionName: String

  let adviezen: Records
  let chatgesprekken: Int
  let meldingen: Records
  /// Meldingen from the police (organisatie `politie_*`).
  let meldingenPolitie: Share
  let afgerondeOnderzoeken: Int
  let afgerondeVV: Int
  let gestarteMonitoring: Int
  let monitoringExtraInterventie: Share
  let huisverbodBeoordeeld: Int
  let huisverbodOpgelegd: Int
  let werkgebied: Werkgebied
  let gemeenten: [GemeenteRate]

  /// A count with its share of the records it is part of.
  struct Share: Sendable {
    let count: Int
    let percent: Int?
  }

  /// Adviezen or meldingen: the total and the shares the infographics show.
  struct Records: Sendable {
    let total: Int
    /// Rol beroepsmatig.
    let beroepsmatig: Share
    /// Rol niet-beroepsmatig: "uit de directe omgeving".
    let directeOmgeving: Share
    /// Rol onbekend (so the two shares above need not add up to 100 %).
    let rolOnbekend: Share
    let kindermishandeling: Share
    let partnergeweld: Share
  }

  /// The region's gemeenten and inhabitants on 1 January of the year.
  struct Werkgebied: Sendable {
    let gemeenten: Int
    /// The CBS figure summed over the gemeenten; nil when one of them has none.
    let inwoners: Int?
    /// Gemeenten without a CBS figure for the year.
    let missing: [Gemeente]
  }

  /// A gemeente's adviezen and meldingen, absolute and per 100.000 inwoners.
  struct GemeenteRate: Sendable {
    let gemeente: Gemeente
    let inwoners: Int?
    let adviezen: Int
    let meldingen: Int
    var adviezenPer100k: Int? { inwoners.flatMap { SheetNumber.per100k(adviezen, of: $0) } }
    var meldingenPer100k: Int? { inwoners.flatMap { SheetNumber.per100k(meldingen, of: $0) } }
  }

  /// Where the inhabitants come from, as every output says it.
  static let populationSource =
    "CBS StatLine 70072ned, totale bevolking op 1 januari (pipelines/reference/population.tsv)"

  /// The figures as the JSON file holds them.
  func json(exports: [AggregateSnapshot.SnapshotSource]) -> SheetJSON {
    func share(_ s: Share) -> SheetJSON {
      .object([("aantal", .int(s.count)), ("procent", .int(s.percent))])
    }
    func records(_ r: Records, extra: [(String, SheetJSON)] = []) -> SheetJSON {
      .object(
        [
          ("aantal", .int(r.total)), ("beroepsmatig", share(r.beroepsmatig)),
          ("uit_de_directe_omgeving", share(r.directeOmgeving)),
          ("rol_onbekend", share(r.rolOnbekend)),
          ("over_kindermishandeling", share(r.kindermishandeling)),
          ("over_partnergeweld", share(r.partnergeweld)),
        ] + extra)
    }
    return .object([
      ("regio", .object([("code", .string(regionCode)), ("naam", .string(regionName))])),
      ("jaar", .int(year)),
      ("periode", .string(Period.year(year).code)),
      ("voorlopig", .bool(provisional)),
      ("aandelen", .string("aandeel van de records met die categorie, hele procenten")),
      ("adviezen", records(adviezen, extra: [("chatgesprekken", .int(chatgesprekken))])),
      ("meldingen", records(meldingen, extra: [("van_de_politie", share(meldingenPolitie))])),
      ("afgeronde_onderzoeken", .int(afgerondeOnderzoeken)),
      ("afgeronde_voorwaarden_en_vervolg", .int(afgerondeVV)),
      (
        "monitoring",
        .object([
          ("gestart", .int(gestarteMonitoring)),
          ("met_extra_interventies", share(monitoringExtraInterventie)),
        ])
      ),
      (
        "huisverboden",
        .object([
          ("beoordeeld", .int(huisverbodBeoordeeld)), ("opgelegd", .int(huisverbodOpgelegd)),
        ])
      ),
      (
        "werkgebied",
        .object([
          ("gemeenten", .int(werkgebied.gemeenten)),
          ("inwoners", .int(werkgebied.inwoners)),
          ("inwoners_peildatum", .string(Period.year(year).firstDay.iso)),
          ("inwoners_bron", .string(Self.populationSource)),
          (
            "gemeenten_zonder_inwonertal",
            .array(werkgebied.missing.map { .string($0.code.code) })
          ),
        ])
      ),
      (
        "per_gemeente",
        .array(
          gemeenten.map { g in
            .object([
              ("code", .string(g.gemeente.code.code)), ("naam", .string(g.gemeente.naam)),
              ("inwoners", .int(g.inwoners)), ("adviezen", .int(g.adviezen)),
              ("meldingen", .int(g.meldingen)),
              ("adviezen_per_100000", .int(g.adviezenPer100k)),
              ("meldingen_per_100000", .int(g.meldingenPer100k)),
            ])
          })
      ),
      (
        "exports",
        .array(
          exports.map { s in
            .object([
              ("organisatie", .string(s.organisation)), ("map", .string(s.folder)),
              ("peildatum", .string(s.peildatum)), ("sha256", .string(s.exportSHA256)),
            ])
          })
      ),
    ])
  }
}
