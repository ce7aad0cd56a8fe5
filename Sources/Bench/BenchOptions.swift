/// What `vt-bench` runs on (see README.md).
public struct BenchOptions: Sendable {
  /// The folder of the built executables (`vt-extract`, `vt-synth`, …).
  public var bin: String
  /// The benchmark's own folder: generated exports, work folders, results.
  public var work: String
  /// The folder of the pipeline configurations (`pipelines/`).
  public var pipelines: String
  /// The regions to run (all pipelines when empty).
  public var regions: [String]
  /// `vt-synth --scale` of the full size (1 = one year of the whole country).
  public var scale: Double
  /// The scale of the second, smaller export (peak memory must not grow with the size).
  public var smallScale: Double
  public var years: String
  public var seed: Int
  /// Exports already on disk (`<inputs>/<region>/<source>/`): no generation, one size.
  public var inputs: String?
  /// Generate the exports again even when they are there.
  public var regenerate: Bool
  /// Runs of each measured command; the fastest counts (the machine may be shared).
  public var repeats: Int
  /// Run `vt-emit all` after the chain too.
  public var emit: Bool

  public init(
    bin: String, work: String = "bench", pipelines: String = "pipelines", regions: [String] = [],
    scale: Double = 1, smallScale: Double = 0.25, years: String = "2019-2023", seed: Int = 1,
    inputs: String? = nil, regenerate: Bool = false, repeats: Int = 1, emit: Bool = false
  ) {
    self.bin = bin
    self.work = work
    self.pipelines = pipelines
    self.regions = regions
    self.scale = scale
    self.smallScale = smallScale
    self.years = years
    self.seed = seed
    self.inputs = inputs
    self.regenerate = regenerate
    self.repeats = repeats
    self.emit = emit
  }
}
