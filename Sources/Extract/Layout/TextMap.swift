/// Spellings → values for one lookup table of a layout (codes or labels of a list, soorten,
/// kenmerken, ja/nee), matched exactly or loosely (`match: loose`: `LooseText`), on bytes.
///
/// A loose lookup first tries the text as written, trimmed, among the spellings the map was
/// given: exports mostly write a label exactly as the code list does, and such a text needs
/// no case folding (folding every value was the largest single cost of reading a regas-csv
/// export, 6 % of its samples). Only a miss folds the text and looks the folded form up. The
/// answer is the same either way: a spelling given folds to its own folded key, which holds
/// its value; when two spellings with different values fold alike (a clash the callers report),
/// the fast path is switched off.
final class TextMap {
  let loose: Bool
  /// The spellings as given (exact), or their folded forms (loose).
  private let keys: ByteMap
  /// Loose only: the spellings as given, trimmed.
  private let written: ByteMap
  @exclusivity(unchecked) private var writtenAgrees = true
  @exclusivity(unchecked) private var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
  @exclusivity(unchecked) private var scratchSize = 16

  init(loose: Bool, capacity: Int = 64) {
    self.loose = loose
    keys = ByteMap(capacity: capacity)
    written = ByteMap(capacity: loose ? capacity : 1)
  }

  deinit { scratch.deallocate() }

  /// The longest key: a longer text (trimmed) cannot match.
  var maxKeyLength: Int { keys.maxKeyLength }

  /// Sets the value of `text`; returns the value its key had before, if any (a clash when it
  /// differs).
  @discardableResult
  func set(_ text: String, _ value: Int32) -> Int32? {
    guard loose else { return keys.set(Array(text.utf8), value) }
    let old = keys.set(LooseText.folded(text), value)
    if let old, old != value { writtenAgrees = false }
    written.set(LooseText.trimmed(text), value)
    if keys.maxKeyLength + 8 > scratchSize {
      scratch.deallocate()
      scratchSize = keys.maxKeyLength + 8
      scratch = .allocate(capacity: scratchSize)
    }
    return old
  }

  /// The value of `text`, or nil.
  @inline(__always)
  func get(_ text: UnsafeRawBufferPointer) -> Int32? {
    guard loose else { return keys.get(text) }
    let t = LooseText.trim(text)
    guard t.count <= keys.maxKeyLength else { return nil }
    if writtenAgrees, let v = written.get(t) { return v }
    let n = LooseText.fold(t, into: scratch)
    return keys.get(UnsafeRawBufferPointer(start: scratch, count: n))
  }
}
