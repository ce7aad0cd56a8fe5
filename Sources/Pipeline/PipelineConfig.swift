import Model

/// A region's pipeline configuration (`pipelines/<region>.yaml`): where a region differs.
///
/// Versioned (`version: 1`); unknown keys warn; missing or wrong keys fail with their path.
/// See `docs/configuration.md` for every key.
public struct PipelineConfig: Decodable, Sendable {
  /// The only format version this build reads.
  public static let currentVersion = 1

  public var version: Int
  public var region: RegionSettings
  /// The exports of the region, one folder each under `inputs/<region>/`.
  public var sources: [SourceSettings]
  public var extract: ExtractSettings
  /// The outputs the region wants (`OutputKind`).
  public var outputs: [OutputKind]
  public var disclosure: DisclosureSettings
  public var quality: QualitySettings
  public var factsheets: FactsheetSettings
  /// Annual begroting per year and measure (kernprestaties), where the region has one.
  public var begroting: [Int: [String: Int]]

  public struct RegionSettings: Decodable, Sendable {
    /// The pipeline's name: the folder under `inputs/` and `outputs/` (`nog`).
    public var name: String
    /// The organisation's name as reports print it.
    public var title: String
    /// The Veilig Thuis-regio this organisation serves (`VT14`).
    public var vtregio: String

    enum CodingKeys: String, CodingKey, CaseIterable { case name, title, vtregio }
    public init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      name = try c.decode(String.self, forKey: .name)
      title = try c.decode(String.self, forKey: .title)
      vtregio = try c.decode(String.self, forKey: .vtregio)
      guard name.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil else {
        throw ConfigValueError(
          c.codingPath + [CodingKeys.name], "\"\(name)\" must be lower-case letters, digits and -")
      }
    }
  }

  public struct SourceSettings: Decodable, Sendable {
    /// What the export holds.
    public var kind: SourceKind
    /// The folder under `inputs/<region>/`; defaults to the kind (`veilig-thuis`).
    public var folder: String
    /// The organisation that registers it, as reports print it.
    public var organisation: String
    /// The export layout (`regas-csv`, `vt-xml`, `vt-csv`, `jb-csv` or a file in
    /// `pipelines/layouts/`).
    public var layout: String
    /// Gemeente names as the registration system writes them → official name or GM code.
    public var gemeenteAliases: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable {
      case kind, folder, organisation, layout
      case gemeenteAliases = "gemeente_aliases"
    }
    public init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let kindText = try c.decode(String.self, forKey: .kind)
      guard let kind = SourceKind(rawValue: kindText) else {
        throw ConfigValueError(
          c.codingPath + [CodingKeys.kind],
          "\"\(kindText)\" is not one of \(SourceKind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      self.kind = kind
      folder = try c.decodeIfPresent(String.self, forKey: .folder) ?? kind.rawValue
      organisation = try c.decode(String.self, forKey: .organisation)
      layout = try c.decode(String.self, forKey: .layout)
      gemeenteAliases = try c.decodeIfPresent([String: String].self, forKey: .gemeenteAliases) ?? [:]
    }
  }

  public struct ExtractSettings: Decodable, Sendable {
    /// The largest share of rejected records (0…1) per entity before the stage fails.
    public var maxRejectRate: Double

    enum CodingKeys: String, CodingKey, CaseIterable { case maxRejectRate = "max_reject_rate" }
    public init(maxRejectRate: Double = 0.05) { self.maxRejectRate = maxRejectRate }
    public init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      maxRejectRate = try c.decodeIfPresent(Double.self, forKey: .maxRejectRate) ?? 0.05
      guard (0...1).contains(maxRejectRate) else {
        throw ConfigValueError(c.codingPath + [CodingKeys.maxRejectRate], "must lie between 0 and 1")
      }
    }
  }

  public struct DisclosureSettings: Decodable, Sendable {
    /// Counts are rounded to a multiple of this base.
    public var roundingBase: Int
    /// A rounded count below this is shown as `.` (CBS: 10).
    public var threshold: Int

    enum CodingKeys: String, CodingKey, CaseIterable {
      case roundingBase = "rounding_base"
      case threshold
    }
    public init(roundingBase: Int = 5, threshold: Int = 10) {
      self.roundingBase = roundingBase
      self.threshold = threshold
    }
    public init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      roundingBase = try c.decodeIfPresent(Int.self, forKey: .roundingBase) ?? 5
      threshold = try c.decodeIfPresent(Int.self, forKey: .threshold) ?? 10
      guard roundingBase >= 1 else {
        throw ConfigValueError(c.codingPath + [CodingKeys.roundingBase], "must be at least 1")
      }
      guard threshold >= 0 else {
        throw ConfigValueError(c.codingPath + [CodingKeys.threshold], "must not be negative")
      }
    }
  }

  public struct QualitySettings: Decodable, Sendable {
    /// Fail the CBS step when the kwaliteitsrapport has a `fout`.
    public var failOnFout: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case failOnFout = "fail_on_fout" }
    public init(failOnFout: Bool = false) { self.failOnFout = failOnFout }
    public init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      failOnFout = try c.decodeIfPresent(Bool.self, forKey: .failOnFout) ?? false
    }
  }

  public struct FactsheetSettings: Decodable, Sendable {
    /// Show counts of 1–4 as "< 5" (for publication); exact figures otherwise.
    public var publiek: Bool
    /// Explanations per figure, keyed by figure id, overriding the project's default texts.
    public var texts: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable { case publiek, texts }
    public init(publiek: Bool = false, texts: [String: String] = [:]) {
      self.publiek = publiek
      self.texts = texts
    }
    public init(from decoder: Decoder) throws {
      decoder.warnAboutUnknownKeys(CodingKeys.self)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      publiek = try c.decodeIfPresent(Bool.self, forKey: .publiek) ?? false
      texts = try c.decodeIfPresent([String: String].self, forKey: .texts) ?? [:]
    }
  }

  /// The outputs a region can ask for (`outputs.md`).
  public enum OutputKind: String, Decodable, Sendable, CaseIterable {
    case cbsTables = "cbs-tables"
    case factsheets
    case kernprestaties
    case jaarverslag
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case version, region, sources, extract, outputs, disclosure, quality, factsheets, begroting
  }

  public init(from decoder: Decoder) throws {
    decoder.warnAboutUnknownKeys(CodingKeys.self)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    guard version == Self.currentVersion else {
      throw ConfigValueError(
        [CodingKeys.version], "version \(version) is not supported (this build reads \(Self.currentVersion))")
    }
    region = try c.decode(RegionSettings.self, forKey: .region)
    sources = try c.decode([SourceSettings].self, forKey: .sources)
    guard !sources.isEmpty else { throw ConfigValueError([CodingKeys.sources], "at least one source") }
    let folders = sources.map(\.folder)
    guard Set(folders).count == folders.count else {
      throw ConfigValueError([CodingKeys.sources], "two sources share a folder")
    }
    extract = try c.decodeIfPresent(ExtractSettings.self, forKey: .extract) ?? ExtractSettings()
    let outputNames = try c.decodeIfPresent([String].self, forKey: .outputs) ?? []
    outputs = try outputNames.enumerated().map { i, name in
      guard let kind = OutputKind(rawValue: name) else {
        throw ConfigValueError(
          [CodingKeys.outputs, AnyCodingKey(intValue: i)],
          "\"\(name)\" is not one of \(OutputKind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      return kind
    }
    disclosure = try c.decodeIfPresent(DisclosureSettings.self, forKey: .disclosure)
      ?? DisclosureSettings()
    quality = try c.decodeIfPresent(QualitySettings.self, forKey: .quality) ?? QualitySettings()
    factsheets = try c.decodeIfPresent(FactsheetSettings.self, forKey: .factsheets)
      ?? FactsheetSettings()
    let rawBegroting = try c.decodeIfPresent([String: [String: Int]].self, forKey: .begroting) ?? [:]
    var begroting: [Int: [String: Int]] = [:]
    for (yearText, figures) in rawBegroting {
      let path: [any CodingKey] = [CodingKeys.begroting, AnyCodingKey(stringValue: yearText)]
      guard let year = Int(yearText), (1900...2999).contains(year) else {
        throw ConfigValueError(path, "\"\(yearText)\" is not a year")
      }
      for (measure, value) in figures {
        guard Measures.named(measure) != nil else {
          throw ConfigValueError(path + [AnyCodingKey(stringValue: measure)], "unknown measure")
        }
        guard value >= 0 else {
          throw ConfigValueError(path + [AnyCodingKey(stringValue: measure)], "must not be negative")
        }
      }
      begroting[year] = figures
    }
    self.begroting = begroting
  }

  /// The source of `kind`, if the region has one.
  public func source(_ kind: SourceKind) -> SourceSettings? { sources.first { $0.kind == kind } }
}

/// A pipeline configuration as loaded from disk, with where it came from.
public struct LoadedPipeline: Sendable {
  public let config: PipelineConfig
  /// The configuration file.
  public let path: String
  /// The folder holding `reference/` and `layouts/` (the configuration's own folder).
  public let directory: String
  public let warnings: [String]

  /// Loads and validates `pipelines/<region>.yaml` (the reference data is checked by the caller
  /// that loads it).
  public static func load(path: String) throws -> LoadedPipeline {
    let (config, warnings) = try ConfigLoader.load(PipelineConfig.self, from: path)
    let directory = (path as NSString).deletingLastPathComponent
    return LoadedPipeline(
      config: config, path: path, directory: directory.isEmpty ? "." : directory,
      warnings: warnings)
  }

  /// `pipelines/reference`.
  public var referenceDirectory: String { directory + "/reference" }
  /// `pipelines/layouts`.
  public var layoutsDirectory: String { directory + "/layouts" }

  /// The reference data, with alias targets checked against it.
  public func loadReference() throws -> ReferenceData {
    let reference = try ReferenceFiles.load(directory: referenceDirectory)
    for source in config.sources {
      let unknown = GemeenteNameIndex.unknownAliasTargets(source.gemeenteAliases, reference: reference)
      if let first = unknown.first {
        throw PipelineError.config(
          "\(path): sources.\(source.folder).gemeente_aliases.\(first): target is not a gemeente of the reference data")
      }
    }
    guard reference.vtregios[config.region.vtregio] != nil else {
      throw PipelineError.config("\(path): region.vtregio: \(config.region.vtregio) is not a Veilig Thuis-regio")
    }
    return reference
  }
}

import Foundation
