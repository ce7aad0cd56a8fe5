import Model

/// Writes the Jeugdbescherming layout (`jb-csv`, Jeugdbescherming Noord): one file
/// `maatregelen.csv`, UTF-8, `;`, header `maatregel_id;gemeente;type;soort;startdatum`,
/// GM codes, ISO dates, canonical codes.
final class JBCSVWriter: ExportWriter {
  static let header = ["maatregel_id", "gemeente", "type", "soort", "startdatum"]

  private let out: ExportFile
  private var row = DelimitedRow(delimiter: ";", quoteAll: false, encoding: .utf8, crlf: false)
  private var count = 0

  init(opener: FileOpener) throws {
    out = try opener.open("maatregelen.csv")
    row.add(JBCSVWriter.header)
    try out.write(row.finish())
  }

  var files: [ExportFile] { [out] }
  var recordsPerEntity: [(String, Int)] { [("maatregel", count)] }

  func begin(year: Int) throws {}
  func write(advies: Flawed<Advies>) throws {}
  func write(casus: SynthCasus) throws {}
  func write(activiteit: Flawed<Activiteit>) throws {}

  func write(maatregel r: Flawed<Maatregel>) throws {
    let m = r.record
    row.add(m.id)
    row.add(r.text(.gemeente, m.gemeente.code))
    row.add(r.text(.type, m.type.code))
    row.add(r.text(.soort, m.soort.code))
    row.add(r.text(.startdatum, DateText.iso(m.startdatum)))
    try out.write(row.finish())
    out.records += 1
    count += 1
  }

  func finish() throws { try out.close() }
}
