import CZlib
import Foundation
import Model
import Pipeline
import Testing

@testable import Synth

/// Shared helpers of the Synth tests: the repository's reference data, in-memory runs, and
/// small independent readers of what vt-synth wrote (CSV, gzip).
enum Support {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  static let reference: ReferenceData = {
    // The committed reference data; a failure here is a broken checkout.
    try! ReferenceFiles.load(directory: root + "/pipelines/reference")
  }()

  /// The files of one run, generated into memory: plain name on disk → bytes.
  struct Run {
    let files: [(name: String, bytes: [UInt8])]
    let summary: SynthSummary

    func bytes(_ name: String) -> [UInt8] { files.first { $0.name == name }?.bytes ?? [] }
    var names: [String] { files.map(\.name) }
  }

  static func run(_ options: SynthOptions) throws -> Run {
    var sinks: [(String, MemorySink)] = []
    let summary = try Synthesizer.generate(options, reference: reference) { name in
      let sink = MemorySink()
      sinks.append((name, sink))
      return sink
    }
    return Run(files: sinks.map { ($0.0, $0.1.data) }.sorted { $0.0 < $1.0 }, summary: summary)
  }

  /// Decompresses a gzip member with zlib (the reader's side, independent of GzipSink).
  static func gunzip(_ data: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var input = data
    var status: Int32 = Z_OK
    input.withUnsafeMutableBufferPointer { inBuf in
      stream.next_in = inBuf.baseAddress
      stream.avail_in = uInt(inBuf.count)
      repeat {
        let produced: Int = chunk.withUnsafeMutableBufferPointer { c in
          stream.next_out = c.baseAddress
          stream.avail_out = uInt(c.count)
          status = inflate(&stream, Z_NO_FLUSH)
          return c.count - Int(stream.avail_out)
        }
        out.append(contentsOf: chunk[0..<produced])
      } while status == Z_OK
    }
    return status == Z_STREAM_END ? out : nil
  }

  /// Splits delimited text into rows of fields (RFC 4180: quoted fields may hold the
  /// delimiter, doubled quotes and line breaks). Accepts LF and CRLF.
  static func parseCSV(_ text: String, delimiter: Character) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            field.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == delimiter {
        row.append(field)
        field = ""
      } else if c == "\r\n" || c == "\n" || c == "\r" {
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      } else {
        field.append(c)
      }
      i += 1
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }

  /// A CSV file as header → column index and data rows.
  struct Table {
    let header: [String]
    let rows: [[String]]
    func column(_ name: String) -> Int {
      guard let i = header.firstIndex(of: name) else {
        Issue.record("no column \(name) in \(header)")
        return 0
      }
      return i
    }
    func values(_ name: String) -> [String] {
      let i = column(name)
      return rows.map { i < $0.count ? $0[i] : "" }
    }
  }

  static func table(_ bytes: [UInt8], delimiter: Character, windows1252: Bool = false) -> Table {
    let text =
      windows1252 ? (Windows1252.decode(bytes) ?? "") : String(decoding: bytes, as: UTF8.self)
    let rows = parseCSV(text, delimiter: delimiter)
    return Table(header: rows.first ?? [], rows: Array(rows.dropFirst()))
  }
}
