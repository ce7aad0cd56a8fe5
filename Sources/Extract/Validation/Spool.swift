import Foundation
import Pipeline

#if canImport(Glibc)
  import Glibc
#endif

/// Records whose acceptance must wait for the end of an export, kept on disk in read order.
///
/// An XML betrokkene, dienst, overdracht or monitoring may come before the melding it refers
/// to (and a melding's fate is known only at its end tag), and a Kenmerken row is accepted
/// only when its registration is; their encoded rows wait here, so memory does not grow
/// with the export, and are replayed in order once every melding is known. The file sits in
/// the staging folder (mode 0600: rows hold pseudonyms) and is removed before publishing.
final class Spool {
  let path: String
  private var writer: BufferedWriter?
  private(set) var entries = 0
  private var entry = SpoolEntryWriter()

  init(path: String) throws {
    self.path = path
    writer = try BufferedWriter(creating: path, mode: StagedFormat.fileMode)
  }

  deinit {
    unlink(path)
    entry.buffer.deallocate()
  }

  /// Appends one entry built by `build`.
  func append(_ build: (inout SpoolEntryWriter) -> Void) throws {
    entry.count = 0
    entry.u32(0)
    build(&entry)
    (entry.buffer).storeBytes(of: UInt32(entry.count - 4).littleEndian, as: UInt32.self)
    try writer?.write(bytes: UnsafeRawBufferPointer(start: entry.buffer, count: entry.count))
    entries += 1
  }

  /// Reads every entry back, in order, then removes the file.
  func replay(_ body: (inout SpoolEntryReader) throws -> Void) throws {
    try writer?.close()
    writer = nil
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw PipelineError.io("\(path): cannot be read back") }
    defer {
      close(fd)
      unlink(path)
    }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var start = 0
    var end = 0
    var remaining = entries
    while remaining > 0 {
      // Need the length, then the whole entry.
      func fill(_ needed: Int) throws {
        if end - start >= needed { return }
        if start > 0 {
          buffer.withUnsafeMutableBytes { b in
            b.baseAddress!.copyMemory(from: b.baseAddress! + start, byteCount: end - start)
          }
          end -= start
          start = 0
        }
        if needed > buffer.count { buffer += [UInt8](repeating: 0, count: needed - buffer.count) }
        while end < needed {
          let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + end, $0.count - end) }
          if n < 0 && errno == EINTR { continue }
          guard n > 0 else { throw PipelineError.io("\(path): ends early") }
          end += n
        }
      }
      try fill(4)
      let length = buffer.withUnsafeBytes {
        Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
      }
      try fill(4 + length)
      try buffer.withUnsafeBytes { b in
        var r = SpoolEntryReader(bytes: UnsafeRawBufferPointer(rebasing: b[(start + 4)..<(start + 4 + length)]))
        try body(&r)
      }
      start += 4 + length
      remaining -= 1
    }
  }
}

/// Builds one spool entry in a buffer that is reused (the spool owns and frees it).
struct SpoolEntryWriter {
  var buffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)
  var capacity = 4096
  var count = 0

  @inline(__always)
  private mutating func reserve(_ n: Int) {
    growRawBuffer(&buffer, capacity: &capacity, used: count, needed: count + n, alignment: 8)
  }

  mutating func u8(_ v: UInt8) {
    reserve(1)
    buffer.storeBytes(of: v, toByteOffset: count, as: UInt8.self)
    count += 1
  }
  mutating func u32(_ v: UInt32) {
    reserve(4)
    buffer.storeBytes(of: v.littleEndian, toByteOffset: count, as: UInt32.self)
    count += 4
  }
  mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
  mutating func u64(_ v: UInt64) {
    reserve(8)
    buffer.storeBytes(of: v.littleEndian, toByteOffset: count, as: UInt64.self)
    count += 8
  }
  mutating func data(_ b: UnsafeRawBufferPointer) {
    u32(UInt32(b.count))
    guard b.count > 0 else { return }
    reserve(b.count)
    (buffer + count).copyMemory(from: b.baseAddress!, byteCount: b.count)
    count += b.count
  }
  mutating func text(_ s: String) {
    var s = s
    s.withUTF8 { data(UnsafeRawBufferPointer($0)) }
  }
}

/// Reads one spool entry, in the order it was built.
struct SpoolEntryReader {
  let bytes: UnsafeRawBufferPointer
  private var offset = 0

  init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  mutating func u8() -> UInt8 {
    defer { offset += 1 }
    return bytes[offset]
  }
  mutating func u32() -> UInt32 {
    defer { offset += 4 }
    return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
  mutating func i32() -> Int32 { Int32(bitPattern: u32()) }
  mutating func u64() -> UInt64 {
    defer { offset += 8 }
    return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }
  mutating func data() -> UnsafeRawBufferPointer {
    let n = Int(u32())
    defer { offset += n }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
  }
  mutating func text() -> String { String(decoding: data(), as: UTF8.self) }
  /// The next `n` bytes, skipped.
  mutating func skip(_ n: Int) -> UnsafeRawBufferPointer {
    defer { offset += n }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
  }
}
