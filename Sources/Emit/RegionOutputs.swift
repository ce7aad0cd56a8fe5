import Model
import Pipeline

/// Emits everything a region's pipeline asks for (`outputs` in its configuration), writes the
/// emit stage's report, then the run record, last.
public struct RegionOutputs {
  public let context: EmitContext

  public init(context: EmitContext) { self.context = context }

  public func publish() throws {
    let started = Clock.timestamp()
    let t0 = Clock.monotonic()
    let region = context.pipeline?.config.region.name ?? context.snapshot.region
    let log = Log(stage: "emit", region: region)
    if let config = context.pipeline?.config {
      for output in config.outputs {
        switch output {
        case .cbsTables: try TablesEmitter(context: context).publish()
        case .factsheets: try FactsheetEmitter(context: context).publish(years: nil)
        case .kernprestaties: try KernprestatiesEmitter(context: context).publish()
        case .jaarverslag: try JaarverslagEmitter(context: context).publish()
        }
        log.info("published \(output.rawValue)")
      }
    } else {
      // The national roll-up: its tables.
      try TablesEmitter(context: context).publish()
      log.info("published cbs-tables")
    }
    let report = StageReport(stage: "emit", region: region, startedAt: started, seconds: Clock.monotonic() - t0)
    try FileSystem.makeDirectory(context.workspace.work)
    try JSONFiles.writeAtomically(report, to: context.workspace.work + "/emit.json")
    try RunRecord(workspace: context.workspace, region: region).publish()
    log.info("published run record")
  }
}
