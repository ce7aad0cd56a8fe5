/// Where a region's stages read and write (documented in docs/handover.md).
///
/// ```
/// <work>/<region>/staged/          extract → transform (published as a whole)
///     index.json                   make target, written last
///     <source>/<entity>.tsv        accepted records, mode 0600
///     rejects.csv                  rejected records with location, field, value, rule
///     extract.json                 stage report
/// <work>/<region>/facts/           transform → load (published as a whole)
///     index.json                   make target
///     <source>.tsv                 aggregate rows of one source
///     transform.json               stage report (warnings: merged codes, other regions)
/// <outputs>/<region>/aggregates.sqlite   load
/// <outputs>/<region>/...                 emit
/// ```
public struct Workspace: Sendable {
  /// `<work>/<region>`.
  public let work: String
  /// `<outputs>/<region>`.
  public let outputs: String

  public init(work: String, outputs: String) {
    self.work = work
    self.outputs = outputs
  }

  public var stagedDirectory: String { work + "/staged" }
  public var stagedIndex: String { stagedDirectory + "/index.json" }
  public var factsDirectory: String { work + "/facts" }
  public var factsIndex: String { factsDirectory + "/index.json" }
  public var aggregates: String { outputs + "/aggregates.sqlite" }
}
