import ArgumentParser
import Pipeline

/// `vt-bench`: the benchmark runner behind `make bench`.
public struct BenchCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-bench",
    abstract: "Run the stages on a national-size synthetic export and print throughput and peak memory next to baselines.")

  public init() {}
}
