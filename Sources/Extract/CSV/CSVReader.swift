import Foundation
import Pipeline

/// The separators of a CSV dialect (`csv.delimiter`, `csv.quote` of a layout).
public struct CSVDialect: Sendable, Hashable {
  public var delimiter: UInt8
  public var quote: UInt8
  public init(delimiter: UInt8 = 0x2C, quote: UInt8 = 0x22) {
    self.delimiter = delimiter
    self.quote = quote
  }
}

/// A hand-written RFC 4180 reader working on bytes: no `String` per field.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; records end in LF or
/// CRLF; blank lines are skipped. The input is decoded as it enters the buffer: UTF-8 is
/// validated (a leading byte order mark is dropped), Windows-1252 is transcoded to UTF-8, so
/// every field handed out is valid UTF-8. Fields point into the reader's buffer and stay
/// valid until the next call to `next()`.
///
/// A file that cannot be read as a whole throws a located `PipelineError` (exit 65): invalid
/// UTF-8, a byte Windows-1252 does not define, a quoted field still open at the end of the
/// file, or a record longer than `maxRecordBytes` (an unterminated quote in the middle).
public final class CSVReader {
  /// The file as named in messages.
  public let path: String
  public let dialect: CSVDialect
  public let encoding: TextEncoding
  public let maxRecordBytes: Int

  private let input: ChunkProvider
  @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var capacity: Int
  /// Start of the unread data (the start of the record being scanned).
  @exclusivity(unchecked) private var pos = 0
  /// End of the data in the buffer.
  @exclusivity(unchecked) private var end = 0
  /// End of the validated data; bytes between `validated` and `end` wait for more input.
  @exclusivity(unchecked) private var validated = 0
  /// An invalid byte found while decoding, at this buffer position.
  @exclusivity(unchecked) private var invalidAt: Int? = nil
  @exclusivity(unchecked) private var invalidMessage = ""
  /// The fault concerns the whole record being scanned: report its first line.
  @exclusivity(unchecked) private var invalidAtRecordStart = false
  /// Bytes of decoded text before the buffer start (for messages).
  @exclusivity(unchecked) private var bufferOffset = 0
  @exclusivity(unchecked) private var endOfInput = false
  @exclusivity(unchecked) private var startChecked = false
  /// The line the next record starts on.
  @exclusivity(unchecked) private var nextLine = 1
  private let classes: UnsafeMutablePointer<UInt8>

  // The current record.
  @exclusivity(unchecked) private var fieldStarts: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var fieldLengths: UnsafeMutablePointer<Int>
  @exclusivity(unchecked) private var fieldCapacity = 64
  @exclusivity(unchecked) private var escapedFields: [Int] = []
  /// Number of fields of the current record.
  @exclusivity(unchecked) public private(set) var fieldCount = 0
  /// The line the current record starts on (1-based).
  @exclusivity(unchecked) public private(set) var line = 0
  /// The first field of the current record with text after its closing quote (`"a"b`), or -1.
  @exclusivity(unchecked) public private(set) var malformedField = -1
  /// Records ended by LF alone and by CRLF, so far.
  @exclusivity(unchecked) public private(set) var lineEndings: (lf: Int, crlf: Int) = (0, 0)

  /// Bytes after the data the scan may read (a sentinel and an 8-byte load past it).
  private static let slack = 16
  private static let plain: UInt8 = 0
  private static let delimiterClass: UInt8 = 1
  private static let lineFeed: UInt8 = 2
  private static let carriageReturn: UInt8 = 3

  public init(
    input: ChunkProvider, path: String, dialect: CSVDialect, encoding: TextEncoding,
    maxRecordBytes: Int = 1 << 20
  ) {
    self.input = input
    self.path = path
    self.dialect = dialect
    self.encoding = encoding
    self.maxRecordBytes = maxRecordBytes
    capacity = 1 << 20
    buffer = .allocate(capacity: capacity + Self.slack)
    classes = .allocate(capacity: 256)
    classes.initialize(repeating: Self.plain, count: 256)
    classes[Int(dialect.delimiter)] = Self.delimiterClass
    classes[0x0A] = Self.lineFeed
    classes[0x0D] = Self.carriageReturn
    fieldStarts = .allocate(capacity: fieldCapacity)
    fieldLengths = .allocate(capacity: fieldCapacity)
  }

  deinit {
    buffer.deallocate()
    classes.deallocate()
    fieldStarts.deallocate()
    fieldLengths.deallocate()
  }

  /// The bytes of field `i` of the current record (valid UTF-8).
  @inline(__always)
  public func field(_ i: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: buffer + fieldStarts[i], count: fieldLengths[i])
  }

  /// Mutable bytes of field `i`, to wipe a value (a bsn) once it has been used.
  public func wipeField(_ i: Int) {
    (buffer + fieldStarts[i]).update(repeating: 0x30, count: fieldLengths[i])
  }

  /// The text of field `i` (for headers and messages).
  public func fieldText(_ i: Int) -> String {
    String(decoding: field(i), as: UTF8.self)
  }

  /// Reads the next record; false at the end of the file.
  public func next() throws -> Bool {
    while true {
      switch scan() {
      case .record:
        unescapeFields()
        return true
      case .endOfData:
        return false
      case .needMore:
        if let bad = invalidAt, validated >= bad {
          if invalidAtRecordStart {
            throw PipelineError.unreadable("\(path):\(nextLine): \(invalidMessage)")
          }
          throw PipelineError.unreadable(
            "\(path):\(nextLine + lineFeeds(from: pos, to: bad)): \(invalidMessage), at byte \(bufferOffset + bad) of the text")
        }
        if end - pos > maxRecordBytes {
          throw PipelineError.unreadable(
            "\(path):\(nextLine): the record starting here is longer than \(maxRecordBytes) bytes (an unterminated quote?)")
        }
        try refill()
      }
    }
  }

  // MARK: Scanning

  private enum ScanResult { case record, needMore, endOfData }

  private func scan() -> ScanResult {
    if !startChecked {
      guard checkStart() else { return .needMore }
    }
    let limit = validated
    let final = endOfInput && validated == end && invalidAt == nil
    // A sentinel line feed at the limit ends every unquoted scan without a bounds check.
    let saved = buffer[limit]
    buffer[limit] = 0x0A
    defer { buffer[limit] = saved }

    let delimiter = dialect.delimiter
    let quote = dialect.quote
    var i = pos
    var lines = 0
    var lf = 0
    var crlf = 0
    while true {
      // One record.
      let recordStart = i
      fieldCount = 0
      malformedField = -1
      escapedFields.removeAll(keepingCapacity: true)
      lines = 0
      lf = 0
      crlf = 0
      if i == limit { return final ? .endOfData : .needMore }
      fields: while true {
        if i == limit {
          // The record ends with the data: an empty last field.
          guard final else { return .needMore }
          addField(start: i, length: 0)
          break fields
        }
        if buffer[i] == quote {
          let contentStart = i + 1
          var j = contentStart
          var escaped = false
          var close = -1
          while true {
            guard j < limit,
              let q = memchr(buffer + j, Int32(quote), limit - j)
            else {
              if final {
                return unterminated(recordStart: recordStart)
              }
              return .needMore
            }
            let qi = UnsafeMutablePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - buffer
            if qi + 1 == limit && !final { return .needMore }
            if qi + 1 < limit && buffer[qi + 1] == quote {
              escaped = true
              j = qi + 2
              continue
            }
            close = qi
            break
          }
          lines += lineFeeds(from: contentStart, to: close)
          if escaped { escapedFields.append(fieldCount) }
          addField(start: contentStart, length: close - contentStart)
          i = close + 1
          if i == limit {
            guard final else { return .needMore }
            break fields
          }
          let c = buffer[i]
          if c == delimiter {
            i += 1
            continue fields
          }
          if c == 0x0A {
            i += 1
            lf += 1
            break fields
          }
          if c == 0x0D {
            if i + 1 == limit && !final { return .needMore }
            if i + 1 < limit && buffer[i + 1] == 0x0A {
              i += 2
              crlf += 1
              break fields
            }
          }
          // Text after the closing quote: keep the raw field, note the fault.
          fieldCount -= 1
          if escaped { escapedFields.removeLast() }
          if malformedField < 0 { malformedField = fieldCount }
          let rawStart = contentStart - 1
          var k = i
          while true {
            while classes[Int(buffer[k])] == Self.plain { k += 1 }
            if k == limit { break }
            if buffer[k] == 0x0D && !(k + 1 < limit && buffer[k + 1] == 0x0A) {
              if k + 1 == limit && !final { return .needMore }
              k += 1
              continue
            }
            break
          }
          if k == limit && !final { return .needMore }
          addField(start: rawStart, length: k - rawStart)
          i = k
          if k == limit { break fields }
        } else {
          var k = i
          while true {
            k = nextSpecial(from: k)
            if k == limit { break }
            if buffer[k] == 0x0D && !(k + 1 < limit && buffer[k + 1] == 0x0A) {
              // A lone CR is text; a CR at the limit may still be followed by a LF.
              if k + 1 == limit && !final { return .needMore }
              k += 1
              continue
            }
            break
          }
          if k == limit {
            guard final else { return .needMore }
            addField(start: i, length: k - i)
            i = k
            break fields
          }
          addField(start: i, length: k - i)
          i = k
        }
        // At a delimiter or a line end.
        let c = buffer[i]
        if c == delimiter {
          i += 1
          continue fields
        }
        if c == 0x0A {
          i += 1
          lf += 1
          break fields
        }
        // CR LF.
        i += 2
        crlf += 1
        break fields
      }
      line = nextLine
      nextLine += lines + 1
      lineEndings.lf += lf
      lineEndings.crlf += crlf
      pos = i
      if fieldCount == 1 && fieldLengths[0] == 0 && buffer[recordStart] != quote {
        // A blank line: not a record.
        continue
      }
      return .record
    }
  }

  private func unterminated(recordStart: Int) -> ScanResult {
    // Reported by next() through a stored message: the scan has no throwing path.
    invalidAt = end
    validated = end
    invalidAtRecordStart = true
    invalidMessage = "a quoted field opened in the record starting here is still open at the end of the file (unterminated quote)"
    pos = recordStart
    return .needMore
  }

  /// The first delimiter, LF or CR at or after `k` (the sentinel LF at the limit stops it),
  /// eight bytes at a time: a byte equal to `c` is a zero byte of `x ^ c·0x0101…`.
  @inline(__always)
  private func nextSpecial(from start: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let d = UInt64(dialect.delimiter) &* ones
    let lf: UInt64 = 0x0A &* ones
    let cr: UInt64 = 0x0D &* ones
    var k = start
    while true {
      let x = UnsafeRawPointer(buffer + k).loadUnaligned(as: UInt64.self)
      let a = x ^ d
      let b = x ^ lf
      let c = x ^ cr
      let hit = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
      if hit != 0 { return k + hit.trailingZeroBitCount >> 3 }
      k += 8
    }
  }

  @inline(__always)
  private func addField(start: Int, length: Int) {
    if fieldCount == fieldCapacity { growFields() }
    fieldStarts[fieldCount] = start
    fieldLengths[fieldCount] = length
    fieldCount += 1
  }

  private func growFields() {
    let newCapacity = fieldCapacity * 2
    let s = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
    let l = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
    s.update(from: fieldStarts, count: fieldCount)
    l.update(from: fieldLengths, count: fieldCount)
    fieldStarts.deallocate()
    fieldLengths.deallocate()
    fieldStarts = s
    fieldLengths = l
    fieldCapacity = newCapacity
  }

  /// Turns every doubled quote of the escaped fields into one, in place.
  private func unescapeFields() {
    let quote = dialect.quote
    for f in escapedFields {
      let start = fieldStarts[f]
      let n = fieldLengths[f]
      var r = start
      var w = start
      let stop = start + n
      while r < stop {
        let c = buffer[r]
        buffer[w] = c
        w += 1
        r += (c == quote && r + 1 < stop && buffer[r + 1] == quote) ? 2 : 1
      }
      fieldLengths[f] = w - start
    }
  }

  private func lineFeeds(from: Int, to: Int) -> Int {
    var count = 0
    var i = from
    while i < to, let p = memchr(buffer + i, 0x0A, to - i) {
      count += 1
      i = UnsafeMutablePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - buffer + 1
    }
    return count
  }

  /// Drops a UTF-8 byte order mark (utf-8), or refuses one (windows-1252).
  private func checkStart() -> Bool {
    switch encoding {
    case .utf8:
      if end - pos < 3 && !endOfInput { return false }
      if end - pos >= 3 && buffer[pos] == 0xEF && buffer[pos + 1] == 0xBB && buffer[pos + 2] == 0xBF {
        pos += 3
      }
    case .windows1252:
      // The byte order mark EF BB BF, transcoded: "ï»¿" = C3 AF C2 BB C2 BF.
      let mark: [UInt8] = [0xC3, 0xAF, 0xC2, 0xBB, 0xC2, 0xBF]
      if end - pos < mark.count && !endOfInput { return false }
      if end - pos >= mark.count && (0..<mark.count).allSatisfy({ buffer[pos + $0] == mark[$0] }) {
        invalidAt = pos
        validated = pos
        invalidMessage = "the file starts with a UTF-8 byte order mark, but the layout declares windows-1252"
        return false
      }
    }
    startChecked = true
    return true
  }

  // MARK: Filling

  private func refill() throws {
    guard !endOfInput, invalidAt == nil else {
      // Nothing more will come; the scan treats the data as final.
      if invalidAt == nil {
        endOfInput = true
      }
      return
    }
    guard let chunk = try input.next() else {
      endOfInput = true
      if encoding == .utf8 && validated < end {
        invalidAt = validated
        invalidMessage = "invalid UTF-8 (a sequence cut off by the end of the file)"
      }
      return
    }
    let needed = chunk.count * (encoding == .windows1252 ? 3 : 1)
    if end + needed + 1 > capacity {
      // Move the unread data to the front.
      if pos > 0 {
        (buffer).update(from: buffer + pos, count: end - pos)
        bufferOffset += pos
        end -= pos
        validated -= pos
        if let bad = invalidAt { invalidAt = bad - pos }
        pos = 0
      }
      if end + needed + 1 > capacity {
        let newCapacity = max(capacity * 2, end + needed + 1)
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.slack)
        b.update(from: buffer, count: end)
        buffer.deallocate()
        buffer = b
        capacity = newCapacity
      }
    }
    switch encoding {
    case .utf8:
      if let base = chunk.baseAddress {
        UnsafeMutableRawPointer(buffer + end).copyMemory(from: base, byteCount: chunk.count)
      }
      end += chunk.count
      let (valid, bad) = TextCodec.validateUTF8(buffer, from: validated, to: end, final: false)
      validated = valid
      if let bad {
        invalidAt = bad
        invalidMessage = "invalid UTF-8 (byte 0x\(String(buffer[bad], radix: 16, uppercase: true)); is the file really UTF-8?)"
      }
    case .windows1252:
      let (written, undefined) = TextCodec.transcodeWindows1252(chunk, to: buffer + end)
      end += written
      validated = end
      if let undefined {
        invalidAt = end
        let byte = chunk[undefined]
        invalidMessage = "byte 0x\(String(byte, radix: 16, uppercase: true)) is not a Windows-1252 character"
      }
    }
  }
}
