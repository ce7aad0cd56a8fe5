import Pipeline

/// Where an export file's bytes go: a file on disk, a gzip stream over another sink, or (for
/// tests and dry runs) memory or nowhere.
protocol ByteSink: AnyObject {
  func write(_ bytes: UnsafeRawBufferPointer) throws
  /// Flushes and closes; returns the bytes that reached the underlying medium.
  func close() throws -> Int
}

/// A file on disk, written through the pipeline's `BufferedWriter`.
final class FileSink: ByteSink {
  private let writer: BufferedWriter
  private var bytes = 0

  init(path: String) throws {
    writer = try BufferedWriter(creating: path, mode: 0o644, capacity: 1 << 20)
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws {
    self.bytes += bytes.count
    try writer.write(bytes: bytes)
  }

  func close() throws -> Int {
    try writer.close()
    return bytes
  }
}

/// Bytes kept in memory (tests).
final class MemorySink: ByteSink {
  private(set) var data: [UInt8] = []
  func write(_ bytes: UnsafeRawBufferPointer) throws { data.append(contentsOf: bytes) }
  func close() throws -> Int { data.count }
}

/// Bytes counted and dropped (measuring the generator alone).
final class CountingSink: ByteSink {
  private(set) var count = 0
  func write(_ bytes: UnsafeRawBufferPointer) throws { count += bytes.count }
  func close() throws -> Int { count }
}

/// One file of an export, as the layout writers see it: rows in, counted.
final class ExportFile {
  /// The name on disk (`Meldingen.csv.gz`).
  let name: String
  /// Released on close, with its buffers: a finished file costs no memory (vt-xml writes many).
  private var sink: ByteSink?
  private var buffer: [UInt8] = []
  /// Records written (rows below the header, or elements).
  var records = 0
  /// Bytes before compression.
  private(set) var plainBytes = 0
  /// Bytes on disk, once closed.
  private(set) var diskBytes = 0

  init(name: String, sink: ByteSink) {
    self.name = name
    self.sink = sink
    buffer.reserveCapacity(1 << 16)
  }

  func write(_ bytes: [UInt8]) throws {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  func write(_ text: String) throws {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= 1 << 16 { try flush() }
  }

  private func flush() throws {
    guard let sink else { throw PipelineError(.internalError, "\(name): written after close") }
    plainBytes += buffer.count
    try buffer.withUnsafeBytes { try sink.write($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  func close() throws {
    try flush()
    diskBytes = try sink?.close() ?? diskBytes
    sink = nil
    buffer = []
  }
}

/// Opens the files of an export: `name` plain or, when the options say so, `name.gz`.
struct FileOpener {
  let options: SynthOptions
  /// Makes the sink for a file name (the name on disk).
  let makeSink: (String) throws -> ByteSink

  func open(_ name: String) throws -> ExportFile {
    if options.gzips(name) {
      return ExportFile(name: name + ".gz", sink: GzipSink(over: try makeSink(name + ".gz")))
    }
    return ExportFile(name: name, sink: try makeSink(name))
  }
}
