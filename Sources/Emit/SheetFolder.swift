import Pipeline

/// A report folder filled aside and published whole (`StagingDirectory`): a reader sees the
/// previous folder or the complete new one, never half of it.
final class SheetFolder {
  private let staging: StagingDirectory
  /// The names written so far, in order (for tests and the run record).
  private(set) var names: [String] = []

  /// Starts filling the folder that will replace `path`.
  init(final path: String) throws {
    staging = try StagingDirectory(final: path)
  }

  var finalPath: String { staging.finalPath }

  /// Writes `text` as the file `name` inside the folder.
  func write(_ name: String, _ text: String) throws {
    let writer = try BufferedWriter(creating: staging.file(name))
    try writer.write(text)
    try writer.close()
    names.append(name)
  }

  /// Swaps the filled folder into place.
  func publish() throws { try staging.publish() }
}
