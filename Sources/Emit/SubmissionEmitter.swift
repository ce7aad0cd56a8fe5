import Foundation
import Model
import Pipeline

/// The CBS submission of a quarter or half-year with its spiegel- and kwaliteitsrapport
/// (`outputs.md` §3) → `<outputs>/cbs/<period>/`.
///
/// ```
/// cbs/2021KW03/
///   VT14_2021KW03.txt       the microdata file (SubmissionLayout, 7-bit ASCII, mode 0600);
///                           `VT14_2021KW03_DEMO_NIET_UPLOADEN.txt` with the demo key
///   spiegelrapport.html     per field: fill rate and distribution, beside the previous period
///   spiegelrapport.csv
///   kwaliteitsrapport.html  cross-field checks with counts and example ids
///   kwaliteitsrapport.csv
/// ```
/// Reads the accepted records from the region's staged folder; published whole. With the
/// pipeline's `quality.fail_on_fout`, a `fout` fails the run (exit status 4) after the
/// folder is published, so the reports are there to read.
public struct SubmissionEmitter {
  public let context: EmitContext
  public let period: Period
  /// The creation date's clock: `Clock` (SOURCE_DATE_EPOCH fixes it); tests fix it here.
  var now: @Sendable () -> Date = { Clock.now() }

  public init(context: EmitContext, period: Period) {
    self.context = context
    self.period = period
  }

  /// The folder the submission is published in.
  public var directory: String { context.workspace.outputs + "/cbs/" + period.code }

  /// The period before `period` of the same kind (2021KW03 → 2021KW02, 2021HJ01 → 2020HJ02).
  public var previousPeriod: Period {
    period.index > 1
      ? Period(kind: period.kind, year: period.year, index: period.index - 1)!
      : Period(kind: period.kind, year: period.year - 1, index: period.kind.perYear)!
  }

  /// The microdata file's name.
  public func fileName(demoKey: Bool) -> String {
    "\(vtregio)_\(period.code)\(demoKey ? "_DEMO_NIET_UPLOADEN" : "").txt"
  }

  var vtregio: String {
    context.pipeline?.config.region.vtregio ?? context.snapshot.vtregio ?? context.snapshot.region
  }

  @discardableResult
  public func publish() throws -> Kwaliteitsrapport {
    guard period.kind == .quarter || period.kind == .halfYear else {
      throw PipelineError(.usage, "cbs: \(period.code) is not a quarter or half-year")
    }
    guard let pipeline = context.pipeline else {
      throw PipelineError.internal("cbs: a submission belongs to a region's pipeline")
    }
    let log = Log(stage: "emit", region: pipeline.config.region.name)
    let (records, casussen, index) = try SubmissionRecords.read(
      stagedDirectory: context.workspace.stagedDirectory, periods: [period, previousPeriod])
    let current = records[0]
    let demoKey = context.snapshot.demoKey || index.pseudonymKey.isDemo
    let organisation =
      index.sources.first { $0.kind == .veiligThuis }?.organisation ?? pipeline.config.region.title
    let created = String(Clock.timestamp(now()).prefix(10))
    let name = fileName(demoKey: demoKey)

    let staging = try StagingDirectory(final: directory)
    let out = try BufferedWriter(creating: staging.file(name), mode: StagedFormat.fileMode)
    let summary = try SubmissionFile.write(
      current,
      header: .init(
        vtregio: vtregio, organisation: organisation, period: period, created: created,
        pseudonymKey: index.pseudonymKey, demoKey: demoKey),
      to: out)
    try out.close()

    let heading = ReportHeading(
      organisation: organisation, vtregio: vtregio, period: period, previous: previousPeriod,
      created: created, demoKey: demoKey, submissionFile: name)
    let spiegel = Spiegelrapport(
      current: current, previous: records[1], reference: context.reference)
    let kwaliteit = Kwaliteitsrapport(input: QualityInput(records: current, casussen: casussen))
    try write(spiegel.html(heading: heading), to: staging.file("spiegelrapport.html"))
    try write(spiegel.csv(), to: staging.file("spiegelrapport.csv"))
    try write(
      kwaliteit.html(heading: heading, counts: summary.counts),
      to: staging.file("kwaliteitsrapport.html"))
    try write(kwaliteit.csv(), to: staging.file("kwaliteitsrapport.csv"))
    try staging.publish()

    let fouten = kwaliteit.count(.fout)
    log.info(
      "cbs submission published",
      [
        "folder": directory, "period": period.code, "records": String(summary.records),
        "fouten": String(fouten), "waarschuwingen": String(kwaliteit.count(.waarschuwing)),
        "demo_key": demoKey ? "ja" : "nee",
      ])
    if demoKey {
      log.warning("the submission's pseudonyms were made with the demo key: do not upload it")
    }
    if fouten > 0 && pipeline.config.quality.failOnFout {
      throw PipelineError(
        .qualityFailed,
        "\(directory)/kwaliteitsrapport.html: \(fouten) record(s) with a fout in "
          + "\(kwaliteit.failedChecks(.fout)) check(s); quality.fail_on_fout stops the run")
    }
    return kwaliteit
  }

  private func write(_ text: String, to path: String) throws {
    let out = try BufferedWriter(creating: path)
    try out.write(text)
    try out.close()
  }
}
