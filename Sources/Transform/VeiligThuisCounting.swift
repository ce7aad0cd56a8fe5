import Model
import Pipeline

/// Counts a Veilig Thuis export: meldingen first (they define the casussen), then their
/// betrokkenen (melding history), the casus measures, and the records that hang off a casus;
/// then the records that stand alone.
struct VeiligThuisCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws {
    var meldingen = try MeldingCounting(context).run()
    try MeldingHistorieCounting(context).run(&meldingen)
    try CasusCounting(context).run(meldingen.casussen)
    // What remains needed of the meldingen is the gemeente and categories of each casus.
    var casussen = meldingen.casussen
    meldingen = MeldingTable()
    casussen.dropEntries()
    try DienstCounting(context).run(casussen)
    try OverdrachtCounting(context).run(casussen)
    try MonitoringCounting(context).run(casussen)
    try HuisverbodCounting(context).run()
    try AdviesCounting(context).run()
    try ActiviteitCounting(context).run()
  }
}
