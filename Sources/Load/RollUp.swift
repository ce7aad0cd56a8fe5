import Foundation
import Model
import Pipeline

/// The national roll-up: every region's aggregates → `outputs/nederland/aggregates.sqlite`
/// (`measures.md`, "Regions"; `docs/decisions.md` entry 5).
///
/// - gemeente and vtregio rows: each region's, summed where two regions hold the same key
///   (a gemeente counted by two organisations, the `onbekend` rows);
/// - provincie: the sum of the Veilig Thuis-regio rows of its VT-regio's, landsdeel likewise,
///   nederland (`NL01`) the sum of all. A casus never crosses Veilig Thuis organisations, so
///   distinct-casus measures add up over VT-regio's (never over gemeenten: those are never
///   summed into a higher level). Records a region counted in a gemeente outside its own area
///   stay in that region's VT-regio total.
///
/// The run and period rows of every region are carried along. Published whole, like a
/// region's database; the same inputs give the same bytes.
///
/// With a `report` path it also writes a stage report (`<work>/nederland/load.json`, read by
/// the national run manifest): each region's database with its size and SHA-256 — the very
/// snapshot rolled up, the one the region's own manifest lists — and a warning per region in
/// `missing` (expected, but without aggregates yet).
public struct RollUp {
  public let reference: ReferenceData
  public let regionDatabases: [String]
  public let output: String
  public let report: String?
  public let missing: [String]

  public init(
    reference: ReferenceData, regionDatabases: [String], output: String, report: String? = nil,
    missing: [String] = []
  ) {
    self.reference = reference
    self.regionDatabases = regionDatabases
    self.output = output
    self.report = report
    self.missing = missing
  }

  public func run() throws {
    let startedAt = Clock.timestamp()
    let start = Clock.monotonic()
    let log = Log(stage: "rollup", region: "nederland")
    var regions: [(name: String, database: ExistingDatabase)] = []
    for path in regionDatabases {
      guard FileSystem.exists(path) else {
        throw PipelineError.noInput("\(path): missing (run the region's load first)")
      }
      let existing = try ExistingDatabase(path: path)
      guard existing.region.kind == "region" else {
        throw PipelineError.config("\(path): is a roll-up, not a region's aggregates")
      }
      if let other = regions.first(where: { $0.name == existing.region.name }) {
        throw PipelineError.config(
          "\(path): region \(existing.region.name) is also \(other.database.path)")
      }
      regions.append((existing.region.name, existing))
    }

    let build = try DatabaseBuild(final: output)
    let db = build.db
    try db.execute("BEGIN")
    try db.execute(
      "INSERT INTO region (singleton, name, title, kind, vtregio) VALUES (1, 'nederland', 'Nederland', 'rollup', NULL)"
    )
    try Catalogue.insert(into: db)
    for (name, existing) in regions.sorted(by: { $0.name < $1.name }) {
      try db.prepare("ATTACH DATABASE ? AS r").run([.text(existing.readablePath)])
      try db.execute(
        """
        INSERT INTO run SELECT * FROM r.run;
        INSERT INTO source_period (region, source, period, provisional)
          SELECT region, source, period, provisional FROM r.source_period;
        INSERT INTO aggregate
          (measure, period, region_level, region_code, dimension, category, value)
          SELECT measure, period, region_level, region_code, dimension, category, value
          FROM r.aggregate WHERE region_level IN ('gemeente', 'vtregio')
          ORDER BY measure, period, region_level, region_code, dimension, category
          ON CONFLICT (measure, period, region_level, region_code, dimension, category)
          DO UPDATE SET value = value + excluded.value;
        """)
      try db.execute("COMMIT")
      try db.execute("DETACH DATABASE r")
      try db.execute("BEGIN")
      log.info("added region \(name)", ["database": existing.path])
    }

    // Where each Veilig Thuis-regio lies.
    try db.execute(
      "CREATE TEMP TABLE vtregio_map (vtregio TEXT PRIMARY KEY, provincie TEXT NOT NULL, landsdeel TEXT NOT NULL)"
    )
    do {
      let map = try db.prepare("INSERT INTO temp.vtregio_map VALUES (?, ?, ?)")
      for row in try db.rows(
        "SELECT DISTINCT region_code FROM aggregate WHERE region_level = 'vtregio' ORDER BY 1")
      {
        let vt = row[0] ?? ""
        guard let provincie = reference.provincie(ofVTRegio: vt),
          let landsdeel = reference.landsdeel(ofProvincie: provincie)
        else {
          throw PipelineError.config(
            "\(output): Veilig Thuis-regio \(vt) has no single provincie and landsdeel in the reference data"
          )
        }
        try map.run([.text(vt), .text(provincie), .text(landsdeel)])
      }
    }
    for (level, code) in [
      ("provincie", "m.provincie"), ("landsdeel", "m.landsdeel"), ("nederland", "'NL01'"),
    ] {
      try db.execute(
        """
        INSERT INTO aggregate
          (measure, period, region_level, region_code, dimension, category, value)
        SELECT a.measure, a.period, '\(level)', \(code), a.dimension, a.category, sum(a.value)
        FROM aggregate a JOIN temp.vtregio_map m ON m.vtregio = a.region_code
        WHERE a.region_level = 'vtregio'
        GROUP BY a.measure, a.period, \(code), a.dimension, a.category
        ORDER BY a.measure, a.period, \(code), a.dimension, a.category
        """)
    }
    try AggregateSchema.recordPeriodCodes(db)
    try db.execute("COMMIT")
    try db.execute("DROP TABLE temp.vtregio_map")
    try build.publish()
    for name in missing {
      log.warning("\(name): no aggregates yet; the roll-up holds the other regions only")
    }
    if let report {
      let inputs = try regions.sorted(by: { $0.name < $1.name }).map {
        StageReport.InputFile(
          path: $0.database.path, bytes: FileSystem.size($0.database.path) ?? 0,
          sha256: try Checksum.sha256(file: $0.database.path))
      }
      try FileSystem.makeDirectory((report as NSString).deletingLastPathComponent)
      try JSONFiles.writeAtomically(
        StageReport(
          stage: "load", region: "nederland", startedAt: startedAt,
          seconds: Clock.monotonic() - start, inputs: inputs,
          warnings: missing.map { "\($0): no aggregates yet; the roll-up holds the other regions only" }),
        to: report)
    }
    log.info(
      "published \(output)",
      [
        "regions": String(regions.count),
        "seconds": String(format: "%.2f", Clock.monotonic() - start),
      ])
  }
}
