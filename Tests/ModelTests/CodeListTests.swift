import Foundation
import Testing

@testable import Model

/// The compiled code lists equal `pipelines/reference/codes.tsv`, row for row.
@Suite struct CodeListTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test func generatedEnumsMatchTheTSV() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("pipelines/reference/codes.tsv"), encoding: .utf8)
    var rows: [String: [(String, String, String)]] = [:]
    var order: [String] = []
    for line in text.split(separator: "\n").dropFirst() {
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if rows[f[0]] == nil { order.append(f[0]) }
      rows[f[0], default: []].append((f[1], f[2], f.count > 3 ? f[3] : ""))
    }
    #expect(CodeLists.all.map(\.name) == order)
    for list in CodeLists.all {
      let expected = rows[list.name] ?? []
      #expect(list.codes == expected.map(\.0), "codes of \(list.name)")
      #expect(list.labels == expected.map(\.1), "labels of \(list.name)")
      #expect(list.groups == expected.map(\.2), "groups of \(list.name)")
    }
  }

  @Test func everyOrganisatieHasItsGroup() {
    for o in Organisatie.allCases {
      #expect(OrganisatieGroep(code: Organisatie.groups[Int(o.rawValue)]) != nil, "\(o.code)")
    }
    #expect(Organisatie.politie_melding_aangifte.organisatieGroep == .justitie_en_veiligheid)
    #expect(Organisatie.wijkteam.organisatieGroep == .sociaal_domein)
  }

  @Test func codeSets() {
    var set = CodeSet<AardGeweld>([.partnergeweld, .kindermishandeling])
    #expect(set.joinedCodes == "kindermishandeling|partnergeweld")
    let insertedAgain = set.insert(.partnergeweld)
    let insertedNew = set.insert(.onbekend)
    #expect(!insertedAgain)
    #expect(insertedNew)
    #expect(set.count == 3)
    #expect(Array(set) == [.kindermishandeling, .partnergeweld, .onbekend])
    #expect(AardGeweld(code: "Kindermishandeling") == nil)
    #expect(DuurGeweld(code: "1_5_jaar") == .`1_5_jaar`)
  }

  @Test func catalogueNamesAreUniqueAndDimensionsKnown() {
    let names = Measures.all.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(names.contains("activiteit_voorlichting"))
    #expect(names.contains("maatregel_verlenging_jeugdreclassering"))
    for m in Measures.all {
      for d in m.dimensions { #expect(Dimension.named(d.name) != nil) }
    }
    #expect(Dimension.besluit.categories.last == "nog_niet")
  }
}
