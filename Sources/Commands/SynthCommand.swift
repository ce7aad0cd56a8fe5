import ArgumentParser
import Pipeline
import Synth

/// `vt-synth`: synthetic exports.
public struct SynthCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "vt-synth",
    abstract: "Write a deterministic synthetic export in any layout of exports.md.")

  public init() {}
}
