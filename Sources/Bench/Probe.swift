/// An in-process measurement a stage library offers the benchmark (the command layer wires
/// them in, so this module depends on no stage): its name, its unit and a function that
/// measures and returns the figure.
public struct Probe: Sendable {
  public let name: String
  public let unit: String
  /// An optional figure to compare with (printed beside it), with its name.
  public let run: @Sendable () throws -> (value: Double, note: String)

  public init(name: String, unit: String, run: @escaping @Sendable () throws -> (value: Double, note: String)) {
    self.name = name
    self.unit = unit
    self.run = run
  }
}
