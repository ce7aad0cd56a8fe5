import Crypto
import Foundation
import Model
import Pipeline

/// In-process measurements of the extract stage's hot paths, for `vt-bench` (the command
/// layer hands them to the benchmark as probes). Each returns its figure and a note.
public enum ExtractBenchmarks {
  static func time(_ body: () throws -> Void) rethrows -> Double {
    let t0 = Clock.monotonic()
    try body()
    return Clock.monotonic() - t0
  }

  /// Nine-digit bsn's that pass the elfproef (`count` of them, cycling).
  static func bsns(_ count: Int) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var n = 100_000_000
    while out.count < count {
      n += 7
      let digits = Array(String(n).utf8)
      var sum = 0
      for i in 0..<8 { sum += Int(digits[i] - 0x30) * (9 - i) }
      sum -= Int(digits[8] - 0x30)
      if sum % 11 == 0 { out.append(digits) }
    }
    return out
  }

  static let key = Array(SHA256.hash(data: Array("vt-bench key".utf8)))

  /// µs per pseudonym, three ways: swift-crypto's one-shot `HMAC.authenticationCode` (the
  /// naive use), a prepared `HMAC<SHA256>` copied per call, and the extract stage's fast
  /// path (`Pseudonymiser`: the keyed SHA-256 states copied, concrete types, no key work).
  public static func hmac(calls: Int = 300_000) -> (naive: Double, preparedCopy: Double, fastPath: Double) {
    let inputs = bsns(1024)
    let symmetric = SymmetricKey(data: key)
    var sink: UInt8 = 0
    let naive = time {
      for i in 0..<calls {
        let mac = HMAC<SHA256>.authenticationCode(for: inputs[i & 1023], using: symmetric)
        sink ^= mac.withUnsafeBytes { $0[0] }
      }
    }
    let prepared = HMAC<SHA256>(key: symmetric)
    let copy = time {
      for i in 0..<calls {
        var h = prepared
        h.update(data: inputs[i & 1023])
        sink ^= h.finalize().withUnsafeBytes { $0[0] }
      }
    }
    let p = Pseudonymiser(key: key)
    let bsn = inputs.map { d in d.withUnsafeBytes { Bsn(utf8: $0)! } }
    let fast = time {
      for i in 0..<calls { sink ^= UInt8(truncatingIfNeeded: p.pseudonym(bsn[i & 1023]).high) }
    }
    if sink == 0xFF { Swift.print("") }  // keep the work
    let us = { (s: Double) in s / Double(calls) * 1e6 }
    return (us(naive), us(copy), us(fast))
  }

  /// CSV in the canonical layout's shape, `megabytes` of it, in memory.
  static func csvText(megabytes: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(megabytes << 20 + 4096)
    out += Array("melding_id,casus_id,ontvangstdatum,gemeente,rol_melder,organisatie_melder,aard_geweld,aanvullende_informatie,duur_geweld,vorm_kindermishandeling,vorm_ouderenmishandeling,acute_onveiligheid,structurele_onveiligheid,besluit,besluitdatum,eerste_contact_datum,vervolgmelding,radarmelding\n".utf8)
    var i = 0
    while out.count < megabytes << 20 {
      let line = "M\(1_000_000 + i),C\(1_000_000 + i / 2),2021-0\(1 + i % 9)-1\(i % 10),GM0\(200 + i % 100),beroepsmatig,huisarts,kindermishandeling|partnergeweld,,1_5_jaar,\"fysieke, mishandeling\",,nee,ja,overdracht,2021-01-10,2021-01-06,nee,nee\n"
      out += Array(line.utf8)
      i += 1
    }
    return out
  }

  /// MB/s of the byte-level CSV reader (scanning, UTF-8 validation, unquoting) over text in
  /// memory, in 256 KiB chunks; and the records read.
  public static func csvScan(megabytes: Int = 128) throws -> (megabytesPerSecond: Double, records: Int) {
    let text = csvText(megabytes: megabytes)
    var records = 0
    var touched = 0
    let seconds = try time {
      let reader = CSVReader(
        input: MemoryChunks(text, chunkSize: 1 << 18), path: "bench.csv", dialect: CSVDialect(),
        encoding: .utf8)
      while try reader.next() {
        records += 1
        touched &+= reader.field(reader.fieldCount - 1).count
      }
    }
    if touched == -1 { Swift.print("") }
    return (Double(text.count) / 1e6 / seconds, records)
  }

  /// Bytes per id held by the extract stage's `IdTable` and by a `Set<String>` (its resident
  /// growth), for `count` ids of the shape `M0001234` (short) and `MELDING-2021-0001234`
  /// (longer than a small string).
  public static func idMemory(count: Int = 1_000_000) -> [(shape: String, idTable: Double, setOfStrings: Double)] {
    var out: [(String, Double, Double)] = []
    for (shape, prefix) in [("M0001234", "M"), ("MELDING-2021-0001234", "MELDING-2021-")] {
      let ids = (0..<count).map { prefix + String(format: "%07d", $0) }
      let before = residentBytes()
      var set = Set<String>()
      for id in ids { set.insert(id) }
      let setBytes = residentBytes() - before
      let table = IdTable(valueSize: 2)
      for id in ids { _ = table.insert(id) }
      out.append((shape, Double(table.memoryBytes) / Double(count), Double(setBytes) / Double(set.count)))
      withExtendedLifetime(set) {}
    }
    return out
  }

  /// The resident set size of this process (from /proc/self/statm).
  static func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
  }
}
