import Model
import Pipeline

/// The export layouts of `exports.md` that vt-synth can write.
public enum ExportLayout: String, CaseIterable, Sendable {
  /// Canonical CSV (Veilig Thuis Rotterdam Rijnmond).
  case vtCSV = "vt-csv"
  /// Regas-style CSV (Veilig Thuis Noord Oost Gelderland).
  case regasCSV = "regas-csv"
  /// Nested XML (Veilig Thuis Groningen).
  case vtXML = "vt-xml"
  /// Jeugdbescherming maatregelen (Jeugdbescherming Noord).
  case jbCSV = "jb-csv"
}

/// Everything one vt-synth run is asked to do.
public struct SynthOptions: Sendable {
  public var layout: ExportLayout
  /// The region's name (`nog`, `groningen`, `rotterdam-rijnmond`).
  public var region: String
  public var firstYear: Int
  public var lastYear: Int
  public var seed: UInt64
  /// Multiplies the yearly volume (the region's own, or the national one under `scale`).
  public var volume: Double
  /// When set: this many times one year of the whole country, per year.
  public var scale: Double?
  /// The share of records written with a deliberate flaw (0 = clean).
  public var badRate: Double
  /// Files to gzip, by their plain name; nil = none, `gzipAll` = every file.
  public var gzipAll: Bool
  public var gzipOnly: Set<String>
  /// The day the export was taken; no record date lies after it.
  public var peildatum: Day
  /// Top-level elements per vt-xml file before the next part starts.
  var elementsPerXMLFile = 25_000

  public init(
    layout: ExportLayout, region: String, firstYear: Int, lastYear: Int, seed: UInt64,
    volume: Double = 1, scale: Double? = nil, badRate: Double = 0, gzipAll: Bool = false,
    gzipOnly: Set<String> = [], peildatum: Day? = nil
  ) {
    self.layout = layout
    self.region = region
    self.firstYear = firstYear
    self.lastYear = lastYear
    self.seed = seed
    self.volume = volume
    self.scale = scale
    self.badRate = badRate
    self.gzipAll = gzipAll
    self.gzipOnly = gzipOnly
    self.peildatum = peildatum ?? SynthOptions.defaultPeildatum(lastYear: lastYear)
  }

  /// The 5th of January after the last year: a nightly export taken early in the new year.
  public static func defaultPeildatum(lastYear: Int) -> Day {
    Day(year: lastYear + 1, month: 1, day: 5) ?? Day(ordinal: 0)
  }

  /// The first day records may carry.
  var firstDay: Day { Day(year: firstYear, month: 1, day: 1) ?? Day(ordinal: 0) }

  /// The last day records may carry: the end of the last year, or the peildatum if earlier.
  var horizon: Day {
    let end = Day(year: lastYear, month: 12, day: 31) ?? Day(ordinal: 0)
    return min(end, peildatum)
  }

  /// Whether the file called `name` (without `.gz`) is written gzipped.
  func gzips(_ name: String) -> Bool { gzipAll || gzipOnly.contains(name) }

  /// Checks the options that do not need the reference data; the message names the option.
  public func validate() throws(PipelineError) {
    guard (1900...9998).contains(firstYear), (1900...9998).contains(lastYear),
      firstYear <= lastYear
    else {
      throw PipelineError(.usage, "--years: \(firstYear)-\(lastYear) is not a range of years")
    }
    guard lastYear - firstYear < 50 else {
      throw PipelineError(.usage, "--years: at most 50 years, got \(lastYear - firstYear + 1)")
    }
    guard volume.isFinite, volume > 0, volume <= 10_000 else {
      throw PipelineError(
        .usage, "--volume: must be a number above 0 (at most 10000), got \(volume)")
    }
    if let scale {
      guard scale.isFinite, scale > 0, scale <= 1_000 else {
        throw PipelineError(
          .usage, "--scale: must be a number above 0 (at most 1000), got \(scale)")
      }
    }
    guard badRate.isFinite, (0...0.5).contains(badRate) else {
      throw PipelineError(.usage, "--bad-rate: must lie in 0…0.5, got \(badRate)")
    }
    guard peildatum >= firstDay else {
      throw PipelineError(
        .usage,
        "--peildatum: \(peildatum.iso) lies before the first year \(firstYear)")
    }
  }

  /// Parses `2019-2023` or `2021`.
  public static func parseYears(_ text: String) -> (Int, Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2,
      parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let first = Int(parts[0]), let last = Int(parts[parts.count - 1])
    else { return nil }
    return (first, last)
  }
}
