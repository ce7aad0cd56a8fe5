import Model

/// How Regas writes labels and gemeente names: mostly as the code list and CBS spell them,
/// sometimes in other case or with spaces around them, and with the name variants the
/// pipeline configs list (all of which `exports.md` says a reader must accept).
struct RegasText {
  private var random: SynthRandom

  init(seed: UInt64) { random = SynthRandom(seed: seed, stream: .style) }

  /// The label of `value`, now and then in lower or upper case or with spaces around it.
  mutating func label<E: CodeListEnum>(_ value: E) -> String {
    vary(value.label)
  }

  /// A text varied in case and surrounding spaces (case-insensitive, trimmed matches).
  mutating func vary(_ text: String) -> String {
    let u = random.unit()
    if u < 0.92 { return text }
    if u < 0.95 { return text.lowercased() }
    if u < 0.96 { return text.uppercased() }
    if u < 0.98 { return text + " " }
    return " " + text
  }

  /// The name Regas writes for `gemeente`: the CBS name, a hyphen/space variant, or an alias
  /// of the NOG pipeline config ("Oldenbroek" for Oldebroek).
  mutating func gemeente(_ gemeente: Gemeente) -> String {
    let name = gemeente.naam
    if let alias = RegasText.aliases[name], random.chance(alias.share) {
      return vary(alias.name)
    }
    return vary(name)
  }

  /// Name variants a Regas export carries, and how often (the NOG config lists these).
  static let aliases: [String: (name: String, share: Double)] = [
    "Oldebroek": ("Oldenbroek", 0.3),
    "Oost Gelre": ("Oost-Gelre", 0.4),
    "Oude IJsselstreek": ("Oude-IJsselstreek", 0.15),
    "Capelle aan den IJssel": ("Capelle-aan-den-IJssel", 0.05),
    "Midden-Groningen": ("Midden Groningen", 0.2),
    "Goeree-Overflakkee": ("Goeree Overflakkee", 0.2),
  ]

  /// True when `text` matches a label of `E` case-insensitively, surrounding spaces ignored.
  static func isLabel<E: CodeListEnum>(_ text: String, of _: E.Type) -> Bool {
    let key = normalize(text)
    return E.labels.contains { normalize($0) == key }
  }

  static func normalize(_ text: String) -> String {
    var t = Substring(text)
    while t.first == " " { t = t.dropFirst() }
    while t.last == " " { t = t.dropLast() }
    return t.lowercased()
  }
}
