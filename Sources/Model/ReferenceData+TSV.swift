/// A line of a reference TSV that could not be read.
public struct ReferenceError: Error, CustomStringConvertible, Sendable {
  public let file: String
  public let line: Int
  public let message: String
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }
  public var description: String { "\(file):\(line): \(message)" }
}

extension ReferenceData {
  /// Builds the reference data from the text of the five TSV files of `pipelines/reference/`.
  ///
  /// Each file starts with a header row; columns are found by name, so extra columns
  /// (such as `bron`) are allowed.
  public init(
    gemeentenTSV: String, herindelingenTSV: String, vtregiosTSV: String,
    provinciesTSV: String, populationTSV: String
  ) throws(ReferenceError) {
    let gemeenten = try TSVTable(gemeentenTSV, file: "gemeenten.tsv").rows(
      required: ["code", "naam", "vtregio", "provincie", "geldig_van", "geldig_tot"]
    ) { (row: TSVTable.Row) throws(ReferenceError) -> Gemeente in
      Gemeente(
        code: try row.gemeenteCode("code"), naam: try row.text("naam"),
        vtregio: try row.text("vtregio"), provincie: try row.text("provincie"),
        geldigVan: try row.optionalDay("geldig_van"), geldigTot: try row.optionalDay("geldig_tot"),
        bron: row.value("bron") ?? "")
    }
    let herindelingen = try TSVTable(herindelingenTSV, file: "herindelingen.tsv").rows(
      required: ["datum", "oud", "nieuw"]
    ) { (row: TSVTable.Row) throws(ReferenceError) -> Herindeling in
      Herindeling(
        datum: try row.day("datum"), oud: try row.gemeenteCode("oud"),
        nieuw: try row.gemeenteCode("nieuw"), opmerking: row.value("opmerking") ?? "")
    }
    let vtregios = try TSVTable(vtregiosTSV, file: "vtregios.tsv").rows(
      required: ["code", "naam", "geldig_van", "geldig_tot"]
    ) { (row: TSVTable.Row) throws(ReferenceError) -> VTRegio in
      VTRegio(
        code: try row.text("code"), naam: try row.text("naam"),
        geldigVan: try row.optionalDay("geldig_van"), geldigTot: try row.optionalDay("geldig_tot"))
    }
    let provincies = try TSVTable(provinciesTSV, file: "provincies.tsv").rows(
      required: ["code", "naam", "landsdeel", "landsdeel_naam"]
    ) { (row: TSVTable.Row) throws(ReferenceError) -> Provincie in
      Provincie(
        code: try row.text("code"), naam: try row.text("naam"),
        landsdeel: try row.text("landsdeel"), landsdeelNaam: try row.text("landsdeel_naam"))
    }
    var population: [PopulationKey: Int] = [:]
    let populationRows = try TSVTable(populationTSV, file: "population.tsv").rows(
      required: ["gm_code", "year", "inwoners"]
    ) { (row: TSVTable.Row) throws(ReferenceError) -> (PopulationKey, Int) in
      (
        PopulationKey(gemeente: try row.gemeenteCode("gm_code"), year: try row.int("year")),
        try row.int("inwoners")
      )
    }
    for (key, value) in populationRows { population[key] = value }

    self.init(
      gemeenten: gemeenten, herindelingen: herindelingen, vtregios: vtregios,
      provincies: provincies, population: population)
    try validate()
  }

  /// Cross-checks between the tables: every reorganisation and population row names a
  /// known municipality; every municipality names a known VT-regio and provincie.
  func validate() throws(ReferenceError) {
    for h in herindelingen {
      for c in [h.oud, h.nieuw] where gemeenten[c] == nil {
        throw ReferenceError(
          file: "herindelingen.tsv", line: 0, message: "\(c) is not in gemeenten.tsv")
      }
    }
    for g in gemeenten.values.sorted(by: { $0.code < $1.code }) {
      guard vtregios[g.vtregio] != nil else {
        throw ReferenceError(
          file: "gemeenten.tsv", line: 0,
          message: "\(g.code): unknown Veilig Thuis-regio \(g.vtregio)")
      }
      guard provincies[g.provincie] != nil else {
        throw ReferenceError(
          file: "gemeenten.tsv", line: 0, message: "\(g.code): unknown provincie \(g.provincie)")
      }
    }
    for key in population.keys.sorted(by: { ($0.gemeente, $0.year) < ($1.gemeente, $1.year) })
    where gemeenten[key.gemeente] == nil {
      throw ReferenceError(
        file: "population.tsv", line: 0, message: "\(key.gemeente) is not in gemeenten.tsv")
    }
  }
}

/// A tab-separated table with a header row; columns are addressed by name.
struct TSVTable {
  let file: String
  let header: [String]
  let lines: [(number: Int, fields: [Substring])]

  init(_ text: String, file: String) throws(ReferenceError) {
    self.file = file
    var lines: [(Int, [Substring])] = []
    var header: [String]? = nil
    for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      if line.isEmpty || line.hasPrefix("#") { continue }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      if header == nil { header = fields.map(String.init) } else { lines.append((i + 1, fields)) }
    }
    guard let header else { throw ReferenceError(file: file, line: 1, message: "no header row") }
    self.header = header
    self.lines = lines
  }

  struct Row {
    let file: String
    let number: Int
    let columns: [String: Int]
    let fields: [Substring]

    func value(_ name: String) -> String? {
      guard let i = columns[name], i < fields.count else { return nil }
      return String(fields[i])
    }
    func text(_ name: String) throws(ReferenceError) -> String {
      guard let v = value(name), !v.isEmpty else {
        throw ReferenceError(file: file, line: number, message: "\(name) is empty")
      }
      return v
    }
    func int(_ name: String) throws(ReferenceError) -> Int {
      let v = try text(name)
      guard let n = Int(v) else {
        throw ReferenceError(file: file, line: number, message: "\(name): \"\(v)\" is not a number")
      }
      return n
    }
    func day(_ name: String) throws(ReferenceError) -> Day {
      let v = try text(name)
      guard let d = Day.parseISO(v) else {
        throw ReferenceError(file: file, line: number, message: "\(name): \"\(v)\" is not a date")
      }
      return d
    }
    func optionalDay(_ name: String) throws(ReferenceError) -> Day? {
      guard let v = value(name), !v.isEmpty else { return nil }
      return try day(name)
    }
    func gemeenteCode(_ name: String) throws(ReferenceError) -> GemeenteCode {
      let v = try text(name)
      guard let c = GemeenteCode(v) else {
        throw ReferenceError(
          file: file, line: number, message: "\(name): \"\(v)\" is not a gemeente code")
      }
      return c
    }
  }

  func rows<T>(
    required: [String], _ make: (Row) throws(ReferenceError) -> T
  ) throws(ReferenceError) -> [T] {
    let columns = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    for name in required where columns[name] == nil {
      throw ReferenceError(file: file, line: 1, message: "missing column \(name)")
    }
    var out: [T] = []
    for (number, fields) in lines {
      out.append(try make(Row(file: file, number: number, columns: columns, fields: fields)))
    }
    return out
  }
}
