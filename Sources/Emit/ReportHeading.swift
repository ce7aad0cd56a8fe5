import Model

/// What both reports of a submission say at the top: whose, which period, when, and
/// whether the pseudonyms were made with the demo key.
struct ReportHeading: Sendable {
  var organisation: String
  var vtregio: String
  var period: Period
  var previous: Period
  /// `YYYY-MM-DD`.
  var created: String
  var demoKey: Bool
  /// The submission file's name.
  var submissionFile: String

  static let demoWarning =
    "de pseudoniemen in deze aanlevering zijn gemaakt met de demosleutel. Dit bestand is "
    + "alleen voor proef en test en mag niet naar het CBS worden geüpload."

  /// Period labels with the code: `2021 3e kwartaal (2021KW03)`.
  static func label(_ p: Period) -> String { "\(p.label) (\(p.code))" }

  /// The opening of a report page: title, meta line and the demo warning.
  func open(_ page: inout ReportPage, title: String) {
    page.heading(1, title)
    page.paragraph(
      "\(organisation) (\(vtregio)) · \(Self.label(period)) · aangemaakt \(created) · "
        + "aanleverbestand \(submissionFile)",
      className: "meta")
    if demoKey { page.warning(Self.demoWarning) }
  }
}
