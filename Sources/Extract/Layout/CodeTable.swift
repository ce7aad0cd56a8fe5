import Model

/// The codes of one list as one layout writes them: canonical codes or Dutch labels
/// (`values.codes`), plus the layout's extra spellings, matched exactly or loosely.
final class CodeTable {
  let list: CodeListInfo
  let match: Matching
  private let map: TextMap

  /// Fails with a message when two codes of the list share a spelling.
  init(list: CodeListInfo, labels: Bool, match: Matching, extra: [String: String]) throws(LayoutValueError) {
    self.list = list
    self.match = match
    map = TextMap(loose: match == .loose)
    let texts = labels ? list.labels : list.codes
    for (i, text) in texts.enumerated() {
      if let other = map.set(text, Int32(i)), other != Int32(i) {
        throw LayoutValueError(
          "values.codes: the \(labels ? "labels" : "codes") of \(list.name) \"\(list.codes[Int(other)])\" and \"\(list.codes[i])\" are the same text")
      }
    }
    for (text, code) in extra.sorted(by: { $0.key < $1.key }) {
      guard let i = list.codes.firstIndex(of: code) else {
        throw LayoutValueError("values.labels.\(list.name).\(text): \"\(code)\" is not a code of \(list.name)")
      }
      if let other = map.set(text, Int32(i)), other != Int32(i) {
        throw LayoutValueError(
          "values.labels.\(list.name).\(text): already the spelling of \"\(list.codes[Int(other)])\"")
      }
    }
  }

  /// The raw value (list position) of the code written as `text`, or nil.
  @inline(__always)
  func lookup(_ text: UnsafeRawBufferPointer) -> UInt8? {
    map.get(text).map { UInt8($0) }
  }

}

/// A layout value that cannot be compiled (a label clash), reported with the layout's path.
struct LayoutValueError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}
