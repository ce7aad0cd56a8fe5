import Foundation
import Model
import Pipeline

/// Counts a Veilig Thuis export on two cores, in three lines of work that share no counter:
/// - the records that stand alone (huisverboden, adviezen, activiteiten), from the start,
///   with their own gemeente resolver, then `ontvangen_meldingen` (`countOntvangen`);
/// - the meldingen (they define the casussen), then their betrokkenen (melding history);
/// - once the meldingen are read: the casus measures and the records that hang off a casus
///   (diensten, overdrachten, monitoring), then a hand with the betrokkenen's first pass.
struct VeiligThuisCounting {
  let context: SourceCounting

  init(_ context: SourceCounting) { self.context = context }

  func run() throws {
    let context = context
    let standalone = BackgroundValue {
      try HuisverbodCounting(context).run()
      try AdviesCounting(context).run()
      try ActiviteitCounting(context).run()
      // Then ontvangen_meldingen, beside the meldingen's own pass.
      return try MeldingCounting(context).countOntvangen()
    }
    defer { _ = try? standalone.wait() }
    var meldingen = try MeldingCounting(context).run()
    let casussen = meldingen.casussen
    let firstPass = try MeldingHistorieCounting.FirstPass(context, meldingen)
    let casusWork = Background {
      try CasusCounting(context).run(casussen)
      // What remains needed is the gemeente and categories of each casus.
      var casussen = casussen
      casussen.dropEntries()
      try DienstCounting(context).run(casussen)
      try OverdrachtCounting(context).run(casussen)
      try MonitoringCounting(context).run(casussen)
      // Then the parts of the betrokkenen's first pass that are left.
      firstPass.help()
    }
    defer { try? casusWork.wait() }
    let history = Result {
      try MeldingHistorieCounting(context).run(&meldingen, firstPass) { try standalone.wait() }
    }
    meldingen = MeldingTable()
    try casusWork.wait()
    _ = try standalone.wait()
    try history.get()
  }
}

/// Work started on another thread; `wait()` returns when it is done, rethrowing its error.
typealias Background = BackgroundValue<Void>

/// A value computed on another thread; `wait()` returns it when done, or rethrows its error.
final class BackgroundValue<T>: @unchecked Sendable {
  private let group = DispatchGroup()
  private var outcome: Result<T, Error>?

  init(_ work: @escaping @Sendable () throws -> T) {
    group.enter()
    Thread.detachNewThread { [self] in
      outcome = Result { try work() }
      group.leave()
    }
  }

  func wait() throws -> T {
    group.wait()
    return try outcome!.get()
  }
}
