import Crypto
import Model
import Pipeline

/// Writes the microdata file of a CBS submission in `SubmissionLayout` version 1.
struct SubmissionFile {
  /// The header's values (`SubmissionLayout.headerFields`).
  struct Header {
    var vtregio: String
    var organisation: String
    var period: Period
    /// `YYYY-MM-DD`, from `Clock` (SOURCE_DATE_EPOCH fixes it).
    var created: String
    var pseudonymKey: PseudonymKeyInfo
    var demoKey: Bool
  }

  /// What was written: counts per record type and the body's checksum.
  struct Summary {
    var counts: [Int]
    var records: Int { counts.reduce(0, +) }
    var bodySHA256: String
  }

  /// Writes header, body and trailer to `out`.
  static func write(_ records: SubmissionRecords, header h: Header, to out: BufferedWriter)
    throws -> Summary
  {
    let e = SubmissionLayout.escape
    let headerValues = [
      SubmissionLayout.name, String(SubmissionLayout.version), h.vtregio, h.organisation,
      h.period.code, h.period.firstDay.iso, h.period.lastDay.iso, h.created,
      h.pseudonymKey.kind, h.pseudonymKey.fingerprint, h.demoKey ? SubmissionLayout.demoRemark : "",
    ]
    try out.write((["HEADER"] + headerValues.map(e)).joined(separator: ";") + "\n")
    var hasher = SHA256()
    for type in SubmissionLayout.recordTypes {
      for fields in records.rows(type.entity) {
        let line = ([type.tag] + fields.map(e)).joined(separator: ";") + "\n"
        let bytes = Array(line.utf8)
        hasher.update(data: bytes)
        try out.write(bytes)
      }
    }
    let digest = hasher.finalize().map { byte -> String in
      let s = String(byte, radix: 16)
      return byte < 16 ? "0" + s : s
    }.joined()
    let counts = records.counts
    let trailer = ["TRAILER"] + counts.map(String.init) + [String(counts.reduce(0, +)), digest]
    try out.write(trailer.joined(separator: ";") + "\n")
    return Summary(counts: counts, bodySHA256: digest)
  }
}
